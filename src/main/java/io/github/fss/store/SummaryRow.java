package io.github.fss.store;

import io.github.fss.json.Json;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.Session;
import io.github.fss.model.SessionStatus;
import io.github.fss.model.Timestamps;
import java.nio.file.Path;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One session as the project summary keeps it ({@link ProjectSummary}): what a list filters and
 * sorts on, read without JSON, and a lean copy of the session for what lists show. The lean copy
 * is parsed only when asked for: {@code fss list} over 20,000 rows parses the twenty it shows.
 */
public final class SummaryRow {
  /** A time the row does not have ("-" in the index, or absent from the session). */
  static final long NO_TIME = Long.MIN_VALUE;

  private final String projectKey;
  /** The id: decoded from {@code idBytes} when first asked for (a list of 20,000 shows twenty). */
  private String fileId;
  private final byte[] idBytes;
  private final int idOff;
  private final int idLen;
  private final SessionStatus status;
  /** Last activity as epoch seconds and nanos, no Instant until one is shown. */
  private final long lastSec;
  private final int lastNano;
  private final int checkpoints;
  /**
   * Where the index line's fields that only some rows need begin (its transcript, size, mtime,
   * start, JSON offset and length); -1 when they are known. Read on first use, the transcript alone
   * ({@link #transcriptPath}): a list over 20,000 rows shows twenty, and reading the index up to
   * the checkpoints then jumping to the line's end took its read from 31 to 24 ms (bench/RESULTS.md).
   */
  private int restAt = -1;
  private long size;
  private long mtimeNanos;
  /** The start as epoch seconds and nanos. */
  private long startSec;
  private int startNano;
  /** The lean JSON: as text, or as bytes of the summary file, decoded only when asked for. */
  private String json;
  private final ProjectSummary.Details src;
  private long off;
  private int len;
  private Session lean;
  /** The transcript's path as the index keeps it: null for none, "?" for one only the details hold. */
  private String transcript = "?";
  /** Whether {@code transcript} has been decoded from the index line yet. */
  private boolean transcriptRead;
  /** Where the index line's rest begins, its transcript first; -1 for a row not read from an index. */
  private final int lineRest;

  SummaryRow(String projectKey, String fileId, long size, long mtimeNanos, SessionStatus status, Instant lastActive,
      Instant started, int checkpoints, String json, Session lean) {
    this.projectKey = projectKey;
    this.fileId = fileId;
    this.idBytes = null;
    this.idOff = 0;
    this.idLen = 0;
    this.size = size;
    this.mtimeNanos = mtimeNanos;
    this.status = status;
    this.lastSec = lastActive == null ? NO_TIME : lastActive.getEpochSecond();
    this.lastNano = lastActive == null ? 0 : lastActive.getNano();
    this.startSec = started == null ? NO_TIME : started.getEpochSecond();
    this.startNano = started == null ? 0 : started.getNano();
    this.checkpoints = checkpoints;
    this.json = json;
    this.src = null;
    this.off = 0;
    this.len = 0;
    this.lean = lean;
    this.lineRest = -1;
  }

  /**
   * A row read from a summary index {@code line}: its id and transcript stay bytes of that line, and
   * its JSON bytes of the details file, until asked for; the fields from {@code restAt} on
   * (transcript to JSON length) are parsed when first asked for ({@link #rest}).
   */
  SummaryRow(String projectKey, byte[] line, int idOff, int idLen, SessionStatus status, long lastSec, int lastNano,
      int checkpoints, ProjectSummary.Details src, int restAt) {
    this.projectKey = projectKey;
    this.idBytes = line;
    this.idOff = idOff;
    this.idLen = idLen;
    this.status = status;
    this.lastSec = lastSec;
    this.lastNano = lastNano;
    this.checkpoints = checkpoints;
    this.src = src;
    this.restAt = restAt;
    this.lineRest = restAt;
  }

  /**
   * Parses the fields read on first use. A field not as written (the line was checked only up to
   * the checkpoints) reads as what makes the row distrusted: a size and mtime no file has (the
   * file is re-read, the summary rebuilt), no start, JSON that is not there (the session file is read).
   */
  private synchronized void rest() {
    if (restAt < 0) {
      return;
    }
    long[] f = ProjectSummary.rest(idBytes, restAt);
    if (f == null) {
      size = -1;
      mtimeNanos = -1;
      startSec = NO_TIME;
      off = 0;
      len = -1;
    } else {
      size = f[0];
      mtimeNanos = f[1];
      startSec = f[2];
      startNano = (int) f[3];
      off = f[4];
      len = (int) f[5];
    }
    restAt = -1;
  }

  /**
   * The session's transcript path (from its capture cursor), without parsing the lean copy when
   * the index holds it: SessionStart looks at the transcripts of every active session.
   */
  public synchronized String transcriptPath() {
    if (lineRest >= 0 && !transcriptRead) {
      // the first field of the rest, read alone: SessionStart asks it of every recoverable row
      int end = ProjectSummary.fieldEnd(idBytes, lineRest);
      if (end >= 0) {
        String t = new String(idBytes, lineRest, end - lineRest, StandardCharsets.UTF_8);
        transcript = t.equals("-") ? null : t;
      }
      transcriptRead = true;
    }
    if (!"?".equals(transcript)) {
      return transcript;
    }
    Session s = session();
    Object p = s.capture() == null ? null : s.capture().get("transcript_path");
    return p instanceof String ? (String) p : null;
  }

  /** The row of a session just read or written, with its file's size and mtime. */
  static SummaryRow of(String projectKey, String fileId, long size, long mtimeNanos, Session full) {
    Session lean = lean(full);
    return new SummaryRow(projectKey, fileId, size, mtimeNanos, full.status(), Timestamps.parse(full.lastActive()),
        Timestamps.parse(full.startTime()), full.checkpoints().size(), Json.write(SessionCodec.toTree(lean), false),
        lean);
  }

  public String projectKey() {
    return projectKey;
  }

  /** The id the file is named by. */
  public String fileId() {
    String id = fileId;
    if (id == null) {
      id = new String(idBytes, idOff, idLen, StandardCharsets.ISO_8859_1); // checked ASCII when read
      fileId = id;
    }
    return id;
  }

  /** Whether this row is of session {@code id}, without decoding its own. */
  public boolean isId(String id) {
    if (id == null) {
      return false;
    }
    if (fileId != null || idBytes == null) {
      return fileId().equals(id);
    }
    if (id.length() != idLen) {
      return false;
    }
    for (int i = 0; i < idLen; i++) {
      if (id.charAt(i) != (idBytes[idOff + i] & 0xff)) {
        return false;
      }
    }
    return true;
  }

  long size() {
    rest();
    return size;
  }

  long mtimeNanos() {
    rest();
    return mtimeNanos;
  }

  /** The lean JSON; null when the details file no longer holds it (replaced meanwhile). */
  synchronized String json() {
    if (json == null) {
      rest();
      json = src.slice(off, len);
    }
    return json;
  }

  public SessionStatus status() {
    return status;
  }

  /**
   * Reads the lean JSON of those of {@code rows} not read yet from their details file, one open of
   * it for them all ({@link ProjectSummary.Details#slices}); what it cannot read, {@link #json}
   * reads alone, or the session file answers.
   */
  static void readJson(List<SummaryRow> rows) {
    List<SummaryRow> unread = new ArrayList<>(rows.size());
    ProjectSummary.Details src = null;
    for (SummaryRow r : rows) {
      synchronized (r) {
        if (r.json == null && r.src != null && (src == null || src == r.src)) {
          src = r.src;
          r.rest();
          unread.add(r);
        }
      }
    }
    if (unread.size() < 2) {
      return;
    }
    long[] offs = new long[unread.size()];
    int[] lens = new int[unread.size()];
    for (int i = 0; i < offs.length; i++) {
      synchronized (unread.get(i)) {
        offs[i] = unread.get(i).off;
        lens[i] = unread.get(i).len;
      }
    }
    String[] read = src.slices(offs, lens);
    for (int i = 0; i < offs.length; i++) {
      SummaryRow r = unread.get(i);
      synchronized (r) {
        if (r.json == null) {
          r.json = read[i];
        }
      }
    }
  }

  /** The stored last activity; null when absent or unreadable. */
  public Instant lastActive() {
    return lastSec == NO_TIME ? null : Instant.ofEpochSecond(lastSec, lastNano);
  }

  /** The stored start; null when absent or unreadable. */
  public Instant started() {
    rest();
    return startSec == NO_TIME ? null : Instant.ofEpochSecond(startSec, startNano);
  }

  /**
   * Whether the row's last activity (its start when it has none) is before {@code sec}.{@code nano}
   * of the epoch; false when it has neither. A filter over 20,000 rows makes no Instant.
   */
  public boolean lastBefore(long sec, int nano) {
    if (lastSec == NO_TIME) {
      rest();
    }
    long s = lastSec != NO_TIME ? lastSec : startSec;
    int n = lastSec != NO_TIME ? lastNano : startNano;
    return s != NO_TIME && (s < sec || s == sec && n < nano);
  }

  /**
   * Newest first by last activity (none counts as the epoch), equal times by id, so the order
   * never depends on the folder's; compared without making an Instant.
   */
  public static final Comparator<SummaryRow> NEWEST_FIRST = new Comparator<>() {
    @Override
    public int compare(SummaryRow a, SummaryRow b) {
      int c = compareTimes(b.lastSec == NO_TIME ? 0 : b.lastSec, b.lastSec == NO_TIME ? 0 : b.lastNano,
          a.lastSec == NO_TIME ? 0 : a.lastSec, a.lastSec == NO_TIME ? 0 : a.lastNano);
      return c != 0 ? c : a.fileId().compareTo(b.fileId());
    }
  };

  /** Compares two times given as epoch seconds and nanos. */
  public static int compareTimes(long secA, int nanoA, long secB, int nanoB) {
    int c = Long.compare(secA, secB);
    return c != 0 ? c : Integer.compare(nanoA, nanoB);
  }

  /** The stored last activity's epoch seconds, 0 when none (as the epoch). */
  public long lastActiveSecond() {
    return lastSec == NO_TIME ? 0 : lastSec;
  }

  /** The stored last activity's nanos within its second, 0 when none. */
  public int lastActiveNano() {
    return lastSec == NO_TIME ? 0 : lastNano;
  }

  /**
   * The first {@code k} of {@code rows} in {@code order}, in that order: a partial selection, not a
   * sort of them all, when {@code k} is small (SessionStart's three, a page of {@code list}).
   */
  public static List<SummaryRow> first(List<SummaryRow> rows, int k, Comparator<SummaryRow> order) {
    if (k <= 0 || rows.isEmpty()) {
      return new ArrayList<>();
    }
    if (k > Top.MAX || k >= rows.size() / 4) {
      List<SummaryRow> all = new ArrayList<>(rows);
      all.sort(order);
      return all.size() > k ? new ArrayList<>(all.subList(0, k)) : all;
    }
    Top top = new Top(k, order);
    each(rows, top::offer);
    return top.list();
  }

  /**
   * The first {@code k} rows in an order among those offered one at a time: a partial selection,
   * so that a filter can select as it goes, in one pass over the rows.
   */
  public static final class Top {
    /** Above this many, sorting the rows costs less than inserting each into the kept ones. */
    public static final int MAX = 64;
    private final Comparator<SummaryRow> order;
    private final SummaryRow[] top;
    private int n;

    public Top(int k, Comparator<SummaryRow> order) {
      this.order = order;
      this.top = new SummaryRow[k];
    }

    public void offer(SummaryRow r) {
      int k = top.length;
      if (n == k && order.compare(r, top[k - 1]) >= 0) {
        return;
      }
      int i = n < k ? n++ : k - 1;
      while (i > 0 && order.compare(r, top[i - 1]) < 0) {
        top[i] = top[i - 1];
        i--;
      }
      top[i] = r;
    }

    /** The rows kept, in order. */
    public List<SummaryRow> list() {
      return new ArrayList<>(java.util.Arrays.asList(top).subList(0, n));
    }
  }

  /** Rows handed to {@link #each}'s action per call of a method of its own. */
  private static final int CHUNK = 16;

  /**
   * Runs {@code action} on each row, in order. A cold JVM compiles a method after a few hundred
   * calls but a loop within one only after 60,000 turns (C1's back-edge threshold): a loop over
   * 20,000 rows in the caller would run interpreted to its end, where here the rows go by chunks
   * to a method compiled after ~2,000 of them.
   */
  public static void each(List<SummaryRow> rows, java.util.function.Consumer<SummaryRow> action) {
    int size = rows.size();
    for (int i = 0; i < size; i += CHUNK) {
      each(rows, i, Math.min(size, i + CHUNK), action);
    }
  }

  private static void each(List<SummaryRow> rows, int from, int to, java.util.function.Consumer<SummaryRow> action) {
    for (int i = from; i < to; i++) {
      action.accept(rows.get(i));
    }
  }

  public int checkpointCount() {
    return checkpoints;
  }

  public boolean recoverable() {
    return status != SessionStatus.TRANSFERRED;
  }

  /**
   * The session with what lists, the dashboard and the overview show: every field but the
   * transcript cursor (only its path, offset, compressed size, format and a database's stamp: what
   * refresh-on-read decides by), every
   * checkpoint's time and kind (the timeline's ticks), and of the latest one its task, summary,
   * branch, files, open questions and goal. Anything else is in the session's own file.
   */
  public synchronized Session session() {
    if (lean == null) {
      String j = json();
      Session s = null;
      try {
        s = j == null ? null : SessionCodec.fromTree(Json.parse(j));
      } catch (RuntimeException e) {
        s = null;
      }
      if (s == null || !s.sessionId().equals(fileId())) {
        s = fallback(); // the details are not this row's: the session file itself is the truth
      }
      lean = s;
    }
    return lean;
  }

  private Session fallback() {
    Session full = src == null ? null : src.readSession(fileId());
    return full == null ? Session.start(fileId(), "unknown", null, null, null) : lean(full);
  }

  public StoredSession stored(Path file) {
    return new StoredSession(projectKey, file, session());
  }

  /** The key capture.HistoryReader.STAMP names in the cursor's extra (store/ does not import capture/). */
  static final String HISTORY_STAMP = "history_stamp";

  static Session lean(Session s) {
    List<Checkpoint> cps = s.checkpoints();
    List<Checkpoint> kept = new ArrayList<>(cps.size());
    for (int i = 0; i < cps.size(); i++) {
      Checkpoint c = cps.get(i);
      Checkpoint.Builder b = Checkpoint.builder().timestamp(c.timestamp()).kind(c.kind());
      if (i == cps.size() - 1) {
        b.summary(c.summary()).currentTask(c.currentTask()).gitBranch(c.gitBranch()).files(c.files())
            .openQuestions(c.openQuestions()).goal(c.goal());
      }
      kept.add(b.build());
    }
    Map<String, Object> cursor = null;
    if (s.capture() != null) {
      cursor = new LinkedHashMap<>();
      for (String k : List.of("transcript_path", "offset", "compressed_size", "format")) {
        if (s.capture().containsKey(k)) {
          cursor.put(k, s.capture().get(k));
        }
      }
      // a database-backed session's stamp (capture.HistoryReader.STAMP): whether it needs a refresh
      // is told by the stamp, not by the file's size
      Object extra = s.capture().get("extra");
      if (extra instanceof Map<?, ?> m && m.get(HISTORY_STAMP) != null) {
        cursor.put("extra", Map.of(HISTORY_STAMP, m.get(HISTORY_STAMP)));
      }
    }
    return s.withCheckpoints(kept).withCapture(cursor);
  }
}
