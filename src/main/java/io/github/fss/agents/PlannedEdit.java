package io.github.fss.agents;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * One file and the planner that decides its new content from its current text (null when the file
 * is missing). {@code backup} asks for a timestamped copy before a real change (config files the
 * user owns); {@code pruneEmptyDir} removes the parent directory when a delete leaves it empty
 * (the skill directory we created).
 */
public record PlannedEdit(Path path, boolean backup, boolean pruneEmptyDir, Function<String, Edit> planner) {
  /** A config file the user owns: backed up before each real change. */
  public static PlannedEdit config(Path path, Function<String, Edit> planner) {
    return new PlannedEdit(path, true, false, planner);
  }
}
