package io.github.fss.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of the prepared session-start notices under {@code $FSS_HOME/notice/}, which the
 * launcher (bin/fss) answers a new session's SessionStart from without a JVM:
 * <ul>
 *   <li>{@code <key>.sh}: one project's notice, shell assignments the launcher sources;</li>
 *   <li>{@code <key>.pending}: the token of a notice being rendered; every change of the project's
 *       folder deletes it and the notice first, under the project lock ({@link #withdraw}), so a
 *       notice is published only when no write came between the start of its rendering and its
 *       publication ({@link SessionStore#publishNotice});</li>
 *   <li>{@code dirs.sh}: which project a working directory belongs to (a shell {@code case});</li>
 *   <li>{@code probe-a}, {@code probe-b}: two files whose mtimes differ by one nanosecond, so the
 *       launcher can prove its {@code -nt} compares nanoseconds before trusting it.</li>
 * </ul>
 * A notice's mtime is set to a moment before anything it depends on was read: whatever was written
 * since (a transcript, the hook log, the config) is newer, and the launcher declines.
 */
public final class PreparedNotice {
  private static final int MAX_DIRS = 64;

  private PreparedNotice() {}

  public static Path dir(Path home) {
    return home.resolve("notice");
  }

  public static Path file(Path home, String key) {
    return dir(home).resolve(key + ".sh");
  }

  static Path pending(Path home, String key) {
    return dir(home).resolve(key + ".pending");
  }

  /** Removes the project's notice and any rendering in progress: called under the project lock before a change. */
  static void withdraw(Path home, String key) throws IOException {
    Path d = dir(home);
    Files.deleteIfExists(d.resolve(key + ".sh"));
    Files.deleteIfExists(d.resolve(key + ".pending"));
  }

  /** Starts a rendering (under the project lock): a fresh token in the pending file. */
  static String begin(Path home, String key) throws IOException {
    AtomicFile.privateDir(dir(home));
    String token = ProcessHandle.current().pid() + "-" + System.nanoTime() + "-"
        + Long.toHexString(new java.util.Random().nextLong());
    AtomicFile.write(pending(home, key), token.getBytes(StandardCharsets.UTF_8));
    return token;
  }

  /**
   * When the rendering of {@code key}'s notice began by the file system's own clock: the mtime the
   * kernel gave the pending file {@link #begin} wrote. The notice's mtime is taken from it, not from
   * the JVM's clock, because the launcher compares it with mtimes the kernel stamps (a transcript's,
   * the hook log's); the two clocks differ by a tick, and by whatever a process's own clock is made
   * to say (libfaketime in CI: files it writes still get the kernel's time).
   */
  public static Instant begunAt(Path home, String key) throws IOException {
    return Files.getLastModifiedTime(pending(home, key), LinkOption.NOFOLLOW_LINKS).toInstant();
  }

  /**
   * Publishes (under the project lock) when the pending token is still {@code token}: written to a
   * temporary file whose mtime is set to {@code mtime} and read back exactly, then renamed into place.
   */
  static boolean publish(Path home, String key, String token, byte[] content, Instant mtime) throws IOException {
    Path p = pending(home, key);
    String now;
    try {
      now = new String(RegularFiles.read(p, 256), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return false;
    }
    if (!now.equals(token)) {
      return false;
    }
    Path target = file(home, key);
    Path tmp = dir(home).resolve("." + key + ".sh.tmp-" + ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(tmp);
      Files.write(tmp, content, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
      Files.setPosixFilePermissions(tmp, AtomicFile.PRIVATE_FILE);
      if (!setExactly(tmp, mtime)) {
        return false; // a file system that keeps coarser times cannot order writes against it
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.deleteIfExists(p);
      return true;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Sets a file's mtime and tells whether it reads back to the nanosecond. */
  static boolean setExactly(Path f, Instant t) throws IOException {
    Files.setLastModifiedTime(f, FileTime.from(t));
    return Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant().equals(t);
  }

  /** The probe files, made once: probe-b one nanosecond newer than probe-a. False when that cannot be shown. */
  public static boolean probes(Path home) throws IOException {
    Path a = dir(home).resolve("probe-a");
    Path b = dir(home).resolve("probe-b");
    if (RegularFiles.is(a, LinkOption.NOFOLLOW_LINKS) && RegularFiles.is(b, LinkOption.NOFOLLOW_LINKS)) {
      Instant ta = Files.getLastModifiedTime(a, LinkOption.NOFOLLOW_LINKS).toInstant();
      Instant tb = Files.getLastModifiedTime(b, LinkOption.NOFOLLOW_LINKS).toInstant();
      if (tb.equals(ta.plusNanos(1))) {
        return true;
      }
    }
    AtomicFile.write(a, new byte[0]);
    AtomicFile.write(b, new byte[0]);
    Instant t = Instant.ofEpochSecond(1_000_000_000L, 123_456_789);
    return setExactly(a, t) && setExactly(b, t.plusNanos(1));
  }

  /**
   * Records that working directory {@code cwd} (canonical) belongs to project {@code key} whose
   * root is {@code root}; the newest first, at most 64. Under its own lock.
   */
  @SuppressWarnings("try")
  public static void recordDir(Path home, String cwd, String root, String key) throws IOException {
    Path d = AtomicFile.privateDir(dir(home));
    Path tsv = d.resolve("dirs.tsv");
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(d.resolve("dirs.lock"),
            java.util.Set.of(java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS),
            PosixFilePermissions.asFileAttribute(AtomicFile.PRIVATE_FILE));
        java.nio.channels.FileLock lock = ch.lock()) {
      List<String[]> rows = new ArrayList<>();
      if (RegularFiles.is(tsv, LinkOption.NOFOLLOW_LINKS)) {
        for (String line : new String(RegularFiles.read(tsv, 1 << 20), StandardCharsets.UTF_8).split("\n")) {
          String[] f = line.split("\t", -1);
          if (f.length == 3 && shellSafe(f[0]) && shellSafe(f[1]) && ProjectRoot.isValidKey(f[2])) {
            rows.add(f);
          }
        }
      }
      if (!rows.isEmpty() && rows.get(0)[0].equals(cwd) && rows.get(0)[1].equals(root) && rows.get(0)[2].equals(key)
          && RegularFiles.is(d.resolve("dirs.sh"), LinkOption.NOFOLLOW_LINKS)) {
        return; // already the newest: nothing to write
      }
      rows.removeIf(r -> r[0].equals(cwd));
      rows.add(0, new String[] {cwd, root, key});
      while (rows.size() > MAX_DIRS) {
        rows.remove(rows.size() - 1);
      }
      StringBuilder t = new StringBuilder();
      StringBuilder sh = new StringBuilder("case $fss_cwd in\n");
      for (String[] r : rows) {
        t.append(r[0]).append('\t').append(r[1]).append('\t').append(r[2]).append('\n');
        sh.append(quote(r[0])).append(") fss_root=").append(quote(r[1])).append(" fss_key=").append(r[2])
            .append(" ;;\n");
      }
      sh.append("esac\n");
      AtomicFile.write(tsv, t.toString().getBytes(StandardCharsets.UTF_8));
      AtomicFile.write(d.resolve("dirs.sh"), sh.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A path the launcher's lookup can hold: absolute, no control character, no tab (the table's separator). */
  public static boolean shellSafe(String s) {
    if (s == null || !s.startsWith("/") || s.length() > 2048) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** A single-quoted shell word: inside single quotes only the quote itself is special. */
  public static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
