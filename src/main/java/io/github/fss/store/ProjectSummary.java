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
import java.util.List;

/**
 * The derived summary of one project's sessions, {@code $FSS_HOME/summary/<project>.tsv}, so that
 * {@code list}, {@code restore}, SessionStart and {@code dashboard} answer without parsing every
 * session file. Chosen over Lucene's stored fields because SessionStart must not load Lucene, and
 * measured (bench/scale.sh, bench/RESULTS.md "Scale", load ~12 on 2 cores): with 20,000 sessions in
 * one project, {@code list} went from 3.6 s to 0.64 s of CPU, {@code restore} from 3.4 to 0.57 s,
 * SessionStart from 3.4 to 0.66 s (a bare JVM start is ~0.28 s there); {@code dashboard} over 200
 * projects × 100 from 3.8 to 2.1 s. One file per project was measured first: its 25 MB (each row's
 * JSON inline) cost list 1.5 s of CPU, hence the index apart from the details.
 *
 * <p>Reading the index is what is left of those verbs above the JVM's start, so it is read as
 * bytes in 64 KB chunks and each line in one pass, to primitives, up to what every reader chooses
 * by (the rest of the line is jumped over by its length, read for the rows shown): a row keeps
 * its id and transcript as offsets into the bytes until shown, its times as epoch seconds and
 * nanos, and a later line of the same session is found by its id's hash and bytes (no String,
 * Instant or map entry per line); a page
 * of {@code list} and SessionStart's three are a partial selection, not a sort of every row
 * (bench/RESULTS.md "Scale", round 2).
 *
 * <p>Format: two files. {@code <project>.details} holds the lean JSON of each row, a line each,
 * after a header naming its generation; {@code <project>.tsv}, the index, a header naming the same
 * generation, then lines appended in order, later ones winning:
 * {@code <id>\t<status>\t<last-active>\t<checkpoints>\t<rest>\t<transcript>\t<size>\t<mtime-ns>\t<started>\t<offset>\t<bytes>}
 * for a session (where its JSON is in the details; {@code <rest>}: the bytes after its own tab, the
 * newline included), {@code -\t<id>} for one deleted, and {@code @\t<dir state>}: the project folder's
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
 * very tick of a new one — is caught for every session a verb shows: its file's size and mtime
 * are compared with its row's, and any difference rebuilds the summary before it is shown.
 */
final class ProjectSummary {
  /**
   * 6: what a row is chosen by first, then the length of the rest of the line, so a reader jumps
   * over what it reads only for the few rows it shows (5: the lean copies keep the cursor's format
   * and stamp). An older summary is not read: it is rebuilt once from the session files.
   */
  static final String HEADER = "fss-summary 6";
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

  /** The lean JSON of each row, appended beside the index; the index points into it. */
  static Path detailsFile(Path home, String key) {
    return dir(home).resolve(key + ".details");
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
    /** The rows in the order of their first line (a row deleted and written again: of its new line). */
    List<SummaryRow> rows = List.of();
    String state;
    String token;
    int lines;
  }

  /**
   * The details file of one generation (the token in its first line and in the index's): read by
   * slices while few rows are asked for, whole once many are. A slice of another generation (the
   * file was rewritten meanwhile) reads as null, and the row falls back to the session file.
   */
  static final class Details {
    final Path file;
    final String token;
    final java.util.function.Function<String, io.github.fss.model.Session> sessions;
    private byte[] whole;
    private int slices;
    /** The file's size, looked up at the first slice; -1 before. */
    private long size = -1;

    Details(Path file, String token, java.util.function.Function<String, io.github.fss.model.Session> sessions) {
      this.file = file;
      this.token = token;
      this.sessions = sessions;
    }

    /**
     * Whether to read the file whole now: a small one (a project of a few hundred sessions) at its
     * first slice, a large one once the slices asked for would cost as much (a slice is an open and
     * two reads, about what reading {@link #SLICE_WORTH_BYTES} costs): a page of {@code fss list}
     * over 20,000 sessions reads its twenty slices, not 16 MB.
     */
    private boolean wholeNow() {
      if (size < 0) {
        try {
          size = Files.size(file);
        } catch (IOException e) {
          size = Long.MAX_VALUE;
        }
      }
      return size <= WHOLE_DETAILS_BYTES || (long) slices * SLICE_WORTH_BYTES >= size;
    }

    io.github.fss.model.Session readSession(String id) {
      return sessions.apply(id);
    }

    /**
     * As {@link #slice} for several rows at once ({@code lens[i]} < 0: none), the file opened and its
     * token checked once: a page of {@code list} is twenty slices, and in a profile of a cold
     * {@code list} their twenty opens and header reads cost about what their twenty reads did.
     */
    synchronized String[] slices(long[] offs, int[] lens) {
      String[] out = new String[offs.length];
      slices += offs.length;
      try {
        if (whole == null && wholeNow()) {
          byte[] b = read(file);
          whole = token.equals(token(b)) ? b : new byte[0];
        }
      } catch (IOException | RuntimeException e) {
        return out;
      }
      if (whole != null) {
        for (int i = 0; i < offs.length; i++) {
          out[i] = lens[i] < 0 ? null : fromWhole(offs[i], lens[i]);
        }
        return out;
      }
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        ByteBuffer head = ByteBuffer.allocate(64);
        ch.read(head, 0);
        if (!token.equals(token(java.util.Arrays.copyOf(head.array(), head.position())))) {
          return out;
        }
        for (int i = 0; i < offs.length; i++) {
          if (lens[i] >= 0 && offs[i] >= 0 && offs[i] + lens[i] < size) {
            ByteBuffer buf = ByteBuffer.allocate(lens[i] + 1);
            while (buf.hasRemaining() && ch.read(buf, offs[i] + buf.position()) > 0) {
              // the whole slice
            }
            out[i] = buf.position() == lens[i] + 1 && buf.get(lens[i]) == '\n'
                ? new String(buf.array(), 0, lens[i], StandardCharsets.UTF_8) : null;
          }
        }
      } catch (IOException | RuntimeException e) {
        // the rest are read one by one, or from their session files
      }
      return out;
    }

    private String fromWhole(long off, int len) {
      return off >= 0 && len >= 0 && off + len < whole.length && whole[(int) off + len] == '\n'
          ? new String(whole, (int) off, len, StandardCharsets.UTF_8) : null;
    }

    synchronized String slice(long off, int len) {
      try {
        if (whole == null && (++slices > 0 && wholeNow())) {
          byte[] b = read(file);
          whole = token.equals(token(b)) ? b : new byte[0];
        }
        if (whole != null) {
          return fromWhole(off, len);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
          ByteBuffer head = ByteBuffer.allocate(64);
          ch.read(head, 0);
          if (!token.equals(token(java.util.Arrays.copyOf(head.array(), head.position())))) {
            return null;
          }
          ByteBuffer buf = ByteBuffer.allocate(len + 1);
          while (buf.hasRemaining() && ch.read(buf, off + buf.position()) > 0) {
            // the whole slice
          }
          return buf.position() == len + 1 && buf.get(len) == '\n'
              ? new String(buf.array(), 0, len, StandardCharsets.UTF_8) : null;
        }
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
  }

  static final String DETAILS_HEADER = "fss-details ";
  static final int READ_CHUNK = 64 << 10;
  /** Up to this size a details file costs less read whole than by two slices of it. */
  static final long WHOLE_DETAILS_BYTES = 256 << 10;
  /** What one slice of a details file costs, in bytes of reading it whole. */
  static final long SLICE_WORTH_BYTES = 64 << 10;

  /** The generation token a details file starts with; null when it starts otherwise. */
  static String token(byte[] head) {
    byte[] h = DETAILS_HEADER.getBytes(StandardCharsets.US_ASCII);
    if (head.length < h.length || !java.util.Arrays.equals(head, 0, h.length, h, 0, h.length)) {
      return null;
    }
    int end = h.length;
    while (end < head.length && head[end] != '\n') {
      end++;
    }
    return end < head.length ? new String(head, h.length, end - h.length, StandardCharsets.US_ASCII) : null;
  }

  /** The token of the details file on disk now (from its first bytes), or null. */
  static String detailsToken(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer head = ByteBuffer.allocate(64);
      ch.read(head, 0);
      return token(java.util.Arrays.copyOf(head.array(), head.position()));
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Parses a summary; a malformed line or an unfinished last line leaves {@code state} null. Read as
   * bytes: each row's fields are ASCII, and its JSON is skipped by its recorded length, undecoded.
   */
  static Parsed parse(String key, byte[] b, Path details,
      java.util.function.Function<String, io.github.fss.model.Session> sessions) {
    Parsed p = new Parsed();
    byte[] header = (HEADER + " ").getBytes(StandardCharsets.US_ASCII);
    if (b.length < header.length || b[b.length - 1] != '\n'
        || !java.util.Arrays.equals(b, 0, header.length, header, 0, header.length)) {
      return p;
    }
    int at = indexOf(b, '\n', 0) + 1;
    p.token = new String(b, header.length, at - 1 - header.length, StandardCharsets.US_ASCII);
    Cursor c = new Cursor(key, b, new Details(details, p.token, sessions));
    try {
      // a line at a time in a method of its own: compiled after a few hundred lines, where a loop
      // over 20,000 in one method would run interpreted to the end (C1's back-edge threshold)
      while (at < b.length) {
        at = c.line(at);
        p.lines++;
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException | Damaged e) {
      return p; // not ours, or damaged: rebuilt from the files
    }
    if (c.holes == 0) {
      // a copy, not a loop of 20,000 adds that would run interpreted in this method
      p.rows = new java.util.ArrayList<>(java.util.Arrays.asList(java.util.Arrays.copyOf(c.rows, c.n)));
    } else {
      List<SummaryRow> kept = new java.util.ArrayList<>(c.n);
      for (int i = 0; i < c.n; i++) {
        if (c.rows[i] != null) {
          kept.add(c.rows[i]);
        }
      }
      p.rows = kept;
    }
    p.state = c.state;
    return p;
  }

  /** A line that is not as written: the summary is rebuilt. */
  private static final class Damaged extends RuntimeException {
    Damaged() {
      super(null, null, false, false);
    }
  }

  /**
   * Reads index lines field by field, failing on anything not as written. Keeps the rows by first
   * occurrence and finds them again by their id's bytes: no String, no map entry per line.
   */
  private static final class Cursor {
    final String key;
    final byte[] b;
    final Details details;
    int at;
    SummaryRow[] rows;
    int[] idAt;
    int[] idLen;
    int n;
    /** Rows deleted by a later line (null in {@code rows}). */
    int holes;
    /** By the hash of an id: that hash in the high half, its row's index + 1 in the low; 0: free. */
    long[] slots;
    /** The folder state of the last line when it is an {@code @} line, else null. */
    String state;

    /** A cursor over one line's fields from {@code at}, for {@link #rest}. */
    Cursor(byte[] b, int at) {
      this.key = null;
      this.b = b;
      this.details = null;
      this.at = at;
    }

    Cursor(String key, byte[] b, Details details) {
      this.key = key;
      this.b = b;
      this.details = details;
      rows = new SummaryRow[Math.max(16, b.length / 96)];
      idAt = new int[rows.length];
      idLen = new int[rows.length];
      slots = new long[Integer.highestOneBit(Math.max(16, rows.length)) << 2];
    }

    /** Reads the line at {@code from}; returns where the next begins. */
    int line(int from) {
      int end;
      if (b[from] == '@' && b[from + 1] == '\t') {
        end = indexOf(b, '\n', from);
        state = new String(b, from + 2, end - from - 2, StandardCharsets.UTF_8);
      } else if (b[from] == '-' && b[from + 1] == '\t') {
        end = indexOf(b, '\n', from);
        int slot = find(slots, b, from + 2, end - from - 2, hash(b, from + 2, end - from - 2), idAt, idLen);
        if (slots[slot] != 0 && rows[(int) slots[slot] - 1] != null) {
          rows[(int) slots[slot] - 1] = null;
          holes++;
        }
        state = null;
      } else {
        // what every row is chosen by (id, status, last activity, checkpoints), then a jump over the
        // rest of the line by its length: read only for the few rows that need it (SummaryRow.rest)
        int idEnd = id(from);
        int hash = idHash;
        int statusAt = at;
        SessionStatus status = status(b, statusAt, skip());
        long lastSec = SummaryRow.NO_TIME;
        int lastNano = 0;
        if (!dash()) {
          lastSec = number('.');
          lastNano = nanos();
        }
        int checkpoints = (int) number('\t');
        long rest = number('\t');
        int restAt = at;
        if (rest < 1 || rest > b.length - restAt || b[restAt + (int) rest - 1] != '\n') {
          throw new Damaged();
        }
        end = restAt + (int) rest - 1;
        add(new SummaryRow(key, b, from, idEnd - from, status, lastSec, lastNano, checkpoints, details, restAt), from,
            idEnd - from, hash);
        state = null; // a row is trusted only with the state written after it
      }
      return end + 1;
    }

    /** The hash of the id {@link #id} read last (as {@link #hash}). */
    int idHash;

    /**
     * Reads an id ended by a tab: checked as {@link SessionIds#isValid} does and hashed in the same
     * pass (one pass over its bytes, where checking, hashing and finding its end were three).
     * Returns where its tab is, and stands after it.
     */
    int id(int from) {
      boolean[] ok = SessionIds.ID_CHAR;
      int h = 0;
      int i = from;
      for (byte x = b[i]; x != '\t'; x = b[++i]) {
        if (x < 0 || !ok[x]) {
          throw new Damaged(); // a newline too: too few fields
        }
        h = 31 * h + x;
      }
      if (i == from || i - from > 128 || b[from] == '.' || b[from] == '-') {
        throw new Damaged();
      }
      idHash = h;
      at = i + 1;
      return i;
    }

    private void add(SummaryRow row, int from, int len, int hash) {
      int slot = find(slots, b, from, len, hash, idAt, idLen);
      int i = (int) slots[slot] - 1;
      if (i >= 0 && rows[i] != null) {
        rows[i] = row; // a later line of the same session wins, in the place of the first
        return;
      }
      if (n == rows.length) {
        rows = java.util.Arrays.copyOf(rows, n * 2);
        idAt = java.util.Arrays.copyOf(idAt, n * 2);
        idLen = java.util.Arrays.copyOf(idLen, n * 2);
      }
      rows[n] = row;
      idAt[n] = from;
      idLen[n] = len;
      n++;
      if (i < 0 && n * 2 > slots.length) {
        slots = rehash(slots, slots.length * 2, b, n, hash);
      } else {
        slots[slot] = (long) hash << 32 | n; // a free slot, or the one of the same id deleted before: now this row
      }
    }

    /** Skips a field: returns where its tab is, and stands after it. */
    int skip() {
      int i = at;
      while (b[i] != '\t') {
        if (b[i] == '\n') {
          throw new NumberFormatException("too few fields");
        }
        i++;
      }
      at = i + 1;
      return i;
    }

    /** A decimal number (a leading '-' allowed) ended by {@code stop}, which is passed. */
    long number(char stop) {
      int i = at;
      boolean negative = b[i] == '-';
      if (negative) {
        i++;
      }
      int from = i;
      long n = 0;
      for (byte x = b[i]; x != stop; x = b[++i]) {
        int digit = x - '0';
        if (digit < 0 || digit > 9) {
          throw new NumberFormatException("not a number");
        }
        n = n * 10 + digit;
      }
      if (i == from || i - from > 19) {
        throw new NumberFormatException("not a number");
      }
      at = i + 1;
      return negative ? -n : n;
    }

    /** Nanos within a second, ended by a tab: 0 to 999,999,999, as written by {@link #line}. */
    int nanos() {
      long n = number('\t');
      if (n < 0 || n > 999_999_999L) {
        throw new NumberFormatException("not nanos");
      }
      return (int) n;
    }

    /** Whether the field is "-" (none), passed if so. */
    boolean dash() {
      if (b[at] == '-' && b[at + 1] == '\t') {
        at += 2;
        return true;
      }
      return false;
    }
  }

  /** The hash of the id at {@code b[at, at+len)}, as {@link Cursor#id} makes it. */
  private static int hash(byte[] b, int at, int len) {
    int h = 0;
    for (int i = at; i < at + len; i++) {
      h = 31 * h + b[i];
    }
    return h;
  }

  /**
   * The slot of the id at {@code b[at, at+len)} (of hash {@code h}): the one holding its row, or the
   * free one it would take. A slot holds a row's index + 1 and its id's hash above: ids of another
   * hash are passed without looking at their bytes.
   */
  private static int find(long[] slots, byte[] b, int at, int len, int h, int[] idAt, int[] idLen) {
    int mask = slots.length - 1;
    int s = (h ^ h >>> 16) & mask;
    for (long e = slots[s]; e != 0; e = slots[s]) {
      int r = (int) e - 1;
      if ((int) (e >>> 32) == h && idLen[r] == len
          && java.util.Arrays.equals(b, at, at + len, b, idAt[r], idAt[r] + len)) {
        return s;
      }
      s = (s + 1) & mask;
    }
    return s;
  }

  /** The slots in a table of {@code size}, the row just added ({@code n}, of hash {@code h}) with them. */
  private static long[] rehash(long[] old, int size, byte[] b, int n, int h) {
    long[] slots = new long[size];
    int mask = size - 1;
    for (long e : old) {
      if (e != 0) {
        int eh = (int) (e >>> 32);
        int s = (eh ^ eh >>> 16) & mask;
        while (slots[s] != 0) {
          s = (s + 1) & mask;
        }
        slots[s] = e;
      }
    }
    int s = (h ^ h >>> 16) & mask;
    while (slots[s] != 0) {
      s = (s + 1) & mask;
    }
    slots[s] = (long) h << 32 | n;
    return slots;
  }

  /**
   * The fields of an index line read on first use ({@link SummaryRow}), from its rest at {@code at}
   * (the transcript passed over: {@link #fieldEnd}): size, mtime, start seconds and nanos
   * ({@link SummaryRow#NO_TIME} for none), JSON offset and length. Null when they are not as written.
   */
  static long[] rest(byte[] b, int at) {
    try {
      int t = fieldEnd(b, at);
      if (t < 0) {
        return null;
      }
      Cursor c = new Cursor(b, t + 1);
      long[] f = new long[6];
      f[0] = c.number('\t');
      f[1] = c.number('\t');
      f[2] = SummaryRow.NO_TIME;
      if (!c.dash()) {
        f[2] = c.number('.');
        f[3] = c.nanos();
      }
      f[4] = c.number('\t');
      f[5] = c.number('\n');
      return f[5] > Integer.MAX_VALUE ? null : f;
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      return null;
    }
  }

  /** Where the field at {@code at} ends (its tab); -1 when its line ends first. */
  static int fieldEnd(byte[] b, int at) {
    for (int i = at; i < b.length; i++) {
      if (b[i] == '\t') {
        return i;
      }
      if (b[i] == '\n') {
        return -1;
      }
    }
    return -1;
  }

  private static final byte[] ENDED = "ended".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ARCHIVED = "archived".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRANSFERRED = "transferred".getBytes(StandardCharsets.US_ASCII);

  /** As {@link SessionStatus#parse}, on the bytes of the field. */
  private static SessionStatus status(byte[] b, int from, int to) {
    if (java.util.Arrays.equals(b, from, to, ENDED, 0, ENDED.length)
        || java.util.Arrays.equals(b, from, to, ARCHIVED, 0, ARCHIVED.length)) {
      return SessionStatus.ENDED;
    }
    return java.util.Arrays.equals(b, from, to, TRANSFERRED, 0, TRANSFERRED.length) ? SessionStatus.TRANSFERRED
        : SessionStatus.ACTIVE;
  }

  private static int indexOf(byte[] b, char c, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** The index line of a row whose JSON ({@code len} bytes) is at {@code off} in the details file. */
  static String line(SummaryRow r, long off, int len) {
    StringBuilder sb = new StringBuilder(128);
    sb.append(r.fileId()).append('\t').append(r.status().json()).append('\t');
    instant(sb, r.lastActive()).append('\t');
    sb.append(r.checkpointCount()).append('\t');
    StringBuilder rest = new StringBuilder(96);
    String t = r.transcriptPath();
    // a path with a tab, a newline or a backslash (or none) is left to the details: "?"
    boolean plain = t != null && t.indexOf('\t') < 0 && t.indexOf('\n') < 0 && t.indexOf('\r') < 0
        && t.indexOf('\\') < 0 && !t.equals("?") && !t.equals("-");
    rest.append(t == null ? "-" : plain ? t : "?").append('\t');
    rest.append(r.size()).append('\t').append(r.mtimeNanos()).append('\t');
    instant(rest, r.started()).append('\t');
    rest.append(off).append('\t').append(len).append('\n');
    String tail = rest.toString();
    return sb.append(tail.getBytes(StandardCharsets.UTF_8).length).append('\t').append(tail).toString();
  }

  private static StringBuilder instant(StringBuilder sb, Instant t) {
    return t == null ? sb.append('-') : sb.append(t.getEpochSecond()).append('.').append(t.getNano());
  }

  /** A new generation: the details file's bytes and the index's, written in that order. */
  static byte[][] format(Collection<SummaryRow> rows, String state) {
    String token = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() | 1L << 62);
    java.io.ByteArrayOutputStream details = new java.io.ByteArrayOutputStream(64 + rows.size() * 800);
    byte[] head = (DETAILS_HEADER + token + "\n").getBytes(StandardCharsets.US_ASCII);
    details.write(head, 0, head.length);
    StringBuilder index = new StringBuilder(64 + rows.size() * 110);
    index.append(HEADER).append(' ').append(token).append('\n');
    for (SummaryRow r : rows) {
      String json = r.json();
      if (json == null) {
        json = io.github.fss.json.Json.write(SessionCodec.toTree(r.session()), false);
      }
      byte[] j = json.getBytes(StandardCharsets.UTF_8);
      index.append(line(r, details.size(), j.length));
      details.write(j, 0, j.length);
      details.write('\n');
    }
    index.append("@\t").append(state).append('\n');
    return new byte[][] {details.toByteArray(), index.toString().getBytes(StandardCharsets.UTF_8)};
  }

  /** The whole file in one array of its size (a stream's chunks would be copied twice over 25 MB). */
  static byte[] read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 16) {
        throw new IOException("too large");
      }
      // in chunks: a channel reads into a heap array through a temporary direct buffer of the
      // request's size, which for a 2.6 MB index is fresh memory the kernel must fault in and zero
      // (mapping the file instead costs a cold JVM ~25 ms of reflection to make the buffer)
      byte[] b = new byte[(int) size];
      int at = 0;
      while (at < b.length) {
        int n = ch.read(ByteBuffer.wrap(b, at, Math.min(READ_CHUNK, b.length - at)));
        if (n <= 0) {
          return java.util.Arrays.copyOf(b, at);
        }
        at += n;
      }
      return b;
    }
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
