package io.github.fss.agents;

import io.github.fss.store.RegularFiles;
import io.github.fss.FssException;
import io.github.fss.store.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Guarded read-modify-write of files we share with the user and with the agents: under a lock, read
 * the current text (through symlinks), let the planner decide, refuse a read-only file, back up, and
 * write atomically keeping the file's mode. Nothing is written when the planner says KEEP, so a
 * second install leaves no trace.
 */
public final class ConfigFile {
  private ConfigFile() {}

  /**
   * Dry-runs every edit, then applies them in order. The dry run makes a malformed or read-only file
   * stop the whole command before any file is touched, rather than leave one agent half installed.
   */
  public static List<Change> applyAll(List<PlannedEdit> edits, Path fssHome, Instant now) {
    for (PlannedEdit e : edits) {
      check(e);
    }
    List<Change> changes = new ArrayList<>();
    for (PlannedEdit e : edits) {
      changes.add(apply(e, fssHome, now));
    }
    return changes;
  }

  /** Reads and plans without writing; throws the same refusals {@link #apply} would. */
  public static Edit check(PlannedEdit e) {
    try {
      String current = read(e.path());
      Edit edit = e.planner().apply(current);
      if (edit.changes() && current != null) {
        requireWritable(e.path());
      }
      return edit;
    } catch (IOException x) {
      throw FssException.failed("cannot read " + e.path() + ": " + x.getMessage(), x);
    }
  }

  /** Plans and carries out one edit under the file's lock. */
  public static Change apply(PlannedEdit e, Path fssHome, Instant now) {
    Path path = e.path();
    try {
      return ConfigFileLock.with(fssHome, lockKey(path), () -> {
        String current = read(path);
        Edit edit = e.planner().apply(current);
        if (!edit.changes()) {
          return new Change(path, edit.status(), null);
        }
        if (current != null) {
          requireWritable(path);
        }
        Path backup = null;
        if (e.backup() && current != null) {
          backup = Backups.write(path, current.getBytes(StandardCharsets.UTF_8), now, e.backupDir());
        }
        if (edit.action() == Edit.Action.DELETE) {
          if (current != null) {
            Files.deleteIfExists(path);
            if (e.pruneEmptyDir()) {
              pruneIfEmpty(path.getParent());
            }
          }
        } else {
          AtomicFile.write(path, edit.text().getBytes(StandardCharsets.UTF_8), modeOf(path));
        }
        return new Change(path, edit.status(), backup);
      });
    } catch (IOException x) {
      throw FssException.failed("cannot update " + path + ": " + describe(x), x);
    }
  }

  /** The file a lock protects: the symlink's target when there is one, so a link and its target share a lock. */
  private static Path lockKey(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException x) {
      return path.toAbsolutePath().normalize();
    }
  }

  /** An agent's settings file is kilobytes; one past this is not read. */
  static final int MAX_CONFIG_BYTES = 16 << 20;

  /** The file's text, or null when it does not exist; non-UTF-8 content is refused. */
  static String read(Path path) throws IOException {
    byte[] bytes;
    try {
      bytes = RegularFiles.read(path, MAX_CONFIG_BYTES + 1);
    } catch (NoSuchFileException x) {
      return null;
    }
    if (bytes.length > MAX_CONFIG_BYTES) {
      throw FssException.invalid(path + " is larger than " + (MAX_CONFIG_BYTES >> 20) + " MB; not an agent's config"
          + " — nothing was changed");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException x) {
      throw FssException.invalid(path + " is not UTF-8 text; fix it or move it aside — nothing was changed");
    }
  }

  /**
   * Refuses a file without the owner write bit even when we could replace it (root, or a writable
   * directory): a read-only settings file is the user's way of saying "hands off".
   */
  static void requireWritable(Path path) throws IOException {
    boolean writable = Files.isWritable(path);
    try {
      writable &= Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_WRITE);
    } catch (UnsupportedOperationException x) {
      // not a POSIX file system: Files.isWritable is all we have
    }
    if (!writable) {
      throw FssException.invalid(path + " is read-only; make it writable (chmod u+w) or add the"
          + " entries by hand — nothing was changed");
    }
  }

  /** The existing file's mode (through symlinks), or 0600 for a new file. */
  static Set<PosixFilePermission> modeOf(Path path) throws IOException {
    if (!Files.exists(path)) {
      return AtomicFile.PRIVATE_FILE;
    }
    try {
      return Files.getPosixFilePermissions(path);
    } catch (UnsupportedOperationException x) {
      return AtomicFile.PRIVATE_FILE;
    }
  }

  private static void pruneIfEmpty(Path dir) throws IOException {
    if (dir == null) {
      return;
    }
    try {
      Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException x) {
      // the user keeps other files there: the directory stays
    }
  }

  private static String describe(IOException x) {
    String m = x.getMessage();
    return x.getClass().getSimpleName() + (m == null ? "" : " " + m);
  }
}
