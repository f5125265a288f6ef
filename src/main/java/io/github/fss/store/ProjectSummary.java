package io.github.fss.store;

import io.github.fss.model.SessionStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The derived summary of one project's sessions, {@code $FSS_HOME/summary/<project>.tsv}, so that
 * {@code list}, {@code restore}, SessionStart and {@code dashboard} answer without parsing every
 * session file. Chosen over Lucene's stored fields because SessionStart must not load Lucene, and
 * measured (bench/scale.sh, bench/RESULTS.md "Scale"): with 20,000 sessions in one project,
 * {@code list} went from ~5 s to ~0.1–0.2 s, SessionStart from ~5 s to ~0.1 s.
 *
 * <p>Format: a header line, then lines appended in order, later ones winning:
 * {@code <id>\t<size>\t<mtime-ns>\t<status>\t<last-active>\t<started>\t<checkpoints>\t<lean JSON>}
 * for a session, {@code -\t<id>} for one deleted, and {@code @\t<dir state>}: the project folder's
 * mtime and inode after the lines before it. Every write of the store renames into the project
 * folder, so the folder's mtime moves on every session written, created or deleted, by whoever.
 *
 * <p>Who may trust what: a reader trusts the rows only when the file ends with an {@code @} line equal
 * to the folder's state now. The store's writer, under the project lock ({@code <project>.lock}
 * here), appends the changed row and the new state, but only if the summary was current just
 * before its write; otherwise it leaves it stale. A stale, missing, truncated or corrupt summary is
 * rebuilt by the next reader: every file statted, and only those whose size or mtime differ from
 * their row re-read. It is saved only if the folder did not move meanwhile and its mtime is older
 * than the clock's granularity (git's "racy" rule), so a write in the same tick is never hidden.
 * What the folder's mtime cannot show — a file rewritten in place, or an old fss writing in the
 * very tick of a new one — is caught for every session a verb shows in full: it reads that file,
 * compares it with its row, and rebuilds on any difference.
 */
final class ProjectSummary {
  static final String HEADER = "fss-summary 1";
  /** Appended lines beyond this share of the rows make a reader rewrite the file compactly. */
  static final int COMPACT_SLACK = 256;
  /** A folder mtime this recent may hide a write in the same tick: not recorded as a trusted state. */
  static final long RACY_NANOS = 50_000_000L;
  /** On a filesystem with whole-second mtimes, the tick is a second (or two on FAT). */
  static final long RACY_COARSE_NANOS = 2_100_000_000L;

  private ProjectSummary() {}

  static Path dir(Path home) {
    return home.resolve("summary");
  }

  static Path file(Path home, String key) {
    return dir(home).resolve(key + ".tsv");
  }

  static Path lockFile(Path home, String key) {
    return dir(home).resolve(key + ".lock");
  }

  /** The project folder's state: mtime in nanoseconds and its file key; null when it does not exist. */
  static String state(Path projectDir) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(projectDir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (!a.isDirectory()) {
      return null;
    }
    return nanos(a) + " " + a.fileKey();
  }

  static long nanos(BasicFileAttributes a) {
    return a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** Whether a folder state is recent enough that another write may share its mtime. */
  static boolean racy(String state, long nowNanos) {
    long mtime = Long.parseLong(state.substring(0, state.indexOf(' ')));
    long margin = mtime % 1_000_000_000L == 0 ? RACY_COARSE_NANOS : RACY_NANOS;
    return nowNanos - mtime < margin;
  }

  /** What a summary file says: its rows and the folder state it ends with (null: not trusted). */
  static final class Parsed {
    final Map<String, SummaryRow> rows = new LinkedHashMap<>();
    String state;
    int lines;
  }

  /** Parses a summary; a malformed line or an unfinished last line leaves {@code state} null. */
  static Parsed parse(String key, byte[] bytes) {
    Parsed p = new Parsed();
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (!text.startsWith(HEADER + "\n") || !text.endsWith("\n")) {
      return p;
    }
    int at = HEADER.length() + 1;
    String state = null;
    while (at < text.length()) {
      int end = text.indexOf('\n', at);
      String line = text.substring(at, end);
      at = end + 1;
      p.lines++;
      if (line.startsWith("@\t")) {
        state = line.substring(2);
        continue;
      }
      if (line.startsWith("-\t")) {
        p.rows.remove(line.substring(2));
        state = null;
        continue;
      }
      SummaryRow r = row(key, line);
      if (r == null) {
        p.rows.clear();
        return p; // not ours, or damaged: rebuilt from the files
      }
      p.rows.put(r.fileId(), r);
      state = null; // a row is trusted only with the state written after it
    }
    p.state = state;
    return p;
  }

  private static SummaryRow row(String key, String line) {
    try {
      int[] tabs = new int[7];
      int from = 0;
      for (int i = 0; i < 7; i++) {
        tabs[i] = line.indexOf('\t', from);
        if (tabs[i] < 0) {
          return null;
        }
        from = tabs[i] + 1;
      }
      String id = line.substring(0, tabs[0]);
      if (!SessionIds.isValid(id)) {
        return null;
      }
      long size = Long.parseLong(line, tabs[0] + 1, tabs[1], 10);
      long mtime = Long.parseLong(line, tabs[1] + 1, tabs[2], 10);
      SessionStatus status = SessionStatus.parse(line.substring(tabs[2] + 1, tabs[3]));
      Instant last = instant(line, tabs[3] + 1, tabs[4]);
      Instant started = instant(line, tabs[4] + 1, tabs[5]);
      int count = Integer.parseInt(line, tabs[5] + 1, tabs[6], 10);
      String json = line.substring(tabs[6] + 1);
      if (!json.startsWith("{") || !json.endsWith("}")) {
        return null;
      }
      return new SummaryRow(key, id, size, mtime, status, last, started, count, json, null);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant instant(String line, int from, int to) {
    if (to - from == 1 && line.charAt(from) == '-') {
      return null;
    }
    int dot = line.indexOf('.', from);
    return Instant.ofEpochSecond(Long.parseLong(line, from, dot, 10), Long.parseLong(line, dot + 1, to, 10));
  }

  static String line(SummaryRow r) {
    StringBuilder sb = new StringBuilder(r.json().length() + 96);
    sb.append(r.fileId()).append('\t').append(r.size()).append('\t').append(r.mtimeNanos()).append('\t')
        .append(r.status().json()).append('\t');
    instant(sb, r.lastActive()).append('\t');
    instant(sb, r.started()).append('\t');
    // the lean JSON is written compact: no raw newline or tab can occur in it
    return sb.append(r.checkpointCount()).append('\t').append(r.json()).append('\n').toString();
  }

  private static StringBuilder instant(StringBuilder sb, Instant t) {
    return t == null ? sb.append('-') : sb.append(t.getEpochSecond()).append('.').append(t.getNano());
  }

  static byte[] format(Collection<SummaryRow> rows, String state) {
    StringBuilder sb = new StringBuilder(64 + rows.size() * 400);
    sb.append(HEADER).append('\n');
    for (SummaryRow r : rows) {
      sb.append(line(r));
    }
    sb.append("@\t").append(state).append('\n');
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The folder state the summary ends with, read from its tail only; null when it ends otherwise. */
  static String tailState(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = ch.size();
      int n = (int) Math.min(size, 256);
      ByteBuffer buf = ByteBuffer.allocate(n);
      while (buf.hasRemaining() && ch.read(buf, size - n + buf.position()) > 0) {
        // read the whole tail
      }
      String tail = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
      if (!tail.endsWith("\n")) {
        return null;
      }
      int start = tail.lastIndexOf('\n', tail.length() - 2) + 1;
      String last = tail.substring(start, tail.length() - 1);
      return start > 0 && last.startsWith("@\t") ? last.substring(2) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Appends lines in one write, as the store's writer does under the project lock. */
  static void append(Path file, String text) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
        LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    }
  }

}
