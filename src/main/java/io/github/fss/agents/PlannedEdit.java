package io.github.fss.agents;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * One file and the planner that decides its new content from its current text (null when the file
 * is missing). {@code backup} asks for a timestamped copy before a real change (config files the
 * user owns); {@code pruneEmptyDir} removes the parent directory when a delete leaves it empty
 * (the skill directory we created); {@code backupDir}, when set, is where backups go instead of
 * beside the file.
 */
public record PlannedEdit(Path path, boolean backup, boolean pruneEmptyDir, Function<String, Edit> planner,
    Path backupDir) {
  public PlannedEdit(Path path, boolean backup, boolean pruneEmptyDir, Function<String, Edit> planner) {
    this(path, backup, pruneEmptyDir, planner, null);
  }

  /** A config file the user owns: backed up beside it before each real change. */
  public static PlannedEdit config(Path path, Function<String, Edit> planner) {
    return new PlannedEdit(path, true, false, planner, null);
  }

  /**
   * A config file a project shares (committed): backed up into {@code backupDir}, a private
   * folder of the store, so no copy lands in the repository.
   */
  public static PlannedEdit shared(Path path, Path backupDir, Function<String, Edit> planner) {
    return new PlannedEdit(path, true, false, planner, backupDir);
  }
}
