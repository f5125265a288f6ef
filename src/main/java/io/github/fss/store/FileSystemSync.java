package io.github.fss.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes whole file systems durable at once with syncfs(2), which Java cannot call: through
 * coreutils' {@code sync -f}, on Linux only. Thousands of new files are synced by one journal
 * commit this way, where an fsync each waits for a commit each (bench/RESULTS.md, "Indexing on a
 * journalled file system"). Since Linux 5.8 syncfs reports a write-back error as fsync does; an
 * older kernel reports none, only then is this weaker than an fsync per file.
 */
public final class FileSystemSync {
  private static final List<Path> SYNC = List.of(Path.of("/bin/sync"), Path.of("/usr/bin/sync"));

  private FileSystemSync() {}

  /**
   * Syncs the file systems that hold {@code paths}: true once every one of them is synced, false
   * (nothing claimed: the caller syncs its files one by one) where that cannot be done here — not
   * Linux, no {@code sync} that knows {@code -f}, a process that cannot be started, or a failure.
   */
  public static boolean syncfs(Collection<Path> paths) {
    if (paths.isEmpty()) {
      return true;
    }
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
      return false; // a BSD or macOS sync takes no -f
    }
    Path sync = null;
    for (Path p : SYNC) {
      if (Files.isExecutable(p)) {
        sync = p; // an absolute path: never a sync found first on the caller's PATH
        break;
      }
    }
    if (sync == null) {
      return false;
    }
    List<String> command = new ArrayList<>();
    command.add(sync.toString());
    command.add("-f");
    command.add("--");
    List<String> each = onePerFileSystem(paths);
    if (each.isEmpty()) {
      return true; // every one removed since: nothing left to sync
    }
    command.addAll(each);
    try {
      Process p = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return p.waitFor() == 0;
          } catch (InterruptedException e) {
            interrupted = true; // the files are not durable until it ends: wait on
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * One path of each file system among {@code paths} (by device), so each is synced once; a path
   * removed since is left out (what was in it is gone, and {@code sync} would fail on it).
   */
  private static List<String> onePerFileSystem(Collection<Path> paths) {
    List<String> out = new ArrayList<>();
    Set<Object> devices = new HashSet<>();
    for (Path p : paths) {
      Object dev;
      try {
        dev = Files.getAttribute(p, "unix:dev");
      } catch (NoSuchFileException e) {
        continue;
      } catch (IOException | RuntimeException e) {
        dev = p; // unknown: synced on its own
      }
      if (devices.add(dev)) {
        out.add(p.toString());
      }
    }
    return out;
  }
}
