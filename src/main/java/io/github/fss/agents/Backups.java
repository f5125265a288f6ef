package io.github.fss.agents;

import io.github.fss.store.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Copies a config file aside before we change it: {@code <name>.fss-backup-<yyyyMMdd-HHmmss>} (UTC)
 * next to the path the user knows (beside a symlink, not inside the dotfiles repo it points to).
 * Mode 0600, since settings files can hold tokens.
 */
public final class Backups {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private Backups() {}

  /** The backup name for {@code file} at {@code now}, before collision handling. */
  public static Path nameFor(Path file, Instant now) {
    return file.resolveSibling(file.getFileName() + ".fss-backup-" + STAMP.format(now));
  }

  /**
   * Writes {@code original} as a backup of {@code file}. Two changes within one second (install then
   * uninstall) must not overwrite the first backup, so a differing file gets a {@code -2}, {@code -3}…
   * suffix; an identical one is reused.
   */
  public static Path write(Path file, byte[] original, Instant now) throws IOException {
    return write(file, original, now, null);
  }

  /** As {@link #write(Path, byte[], Instant)}, into {@code dir} (a private folder of the store) when not null. */
  public static Path write(Path file, byte[] original, Instant now, Path dir) throws IOException {
    Path base = nameFor(file, now);
    if (dir != null) {
      base = AtomicFile.privateDir(dir).resolve(base.getFileName().toString());
    }
    Path candidate = base;
    for (int i = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); i++) {
      if (Files.isRegularFile(candidate) && Arrays.equals(Files.readAllBytes(candidate), original)) {
        return candidate;
      }
      candidate = base.resolveSibling(base.getFileName() + "-" + i);
    }
    AtomicFile.write(candidate, original, AtomicFile.PRIVATE_FILE);
    return candidate;
  }
}
