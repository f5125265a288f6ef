package io.github.fss.store;

import io.github.fss.json.Json;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.Session;
import io.github.fss.model.SessionStatus;
import io.github.fss.model.Timestamps;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One session as the project summary keeps it ({@link ProjectSummary}): what a list filters and
 * sorts on, read without JSON, and a lean copy of the session for what lists show. The lean copy
 * is parsed only when asked for: {@code fss list} over 20,000 rows parses the twenty it shows.
 */
public final class SummaryRow {
  private final String projectKey;
  private final String fileId;
  private final long size;
  private final long mtimeNanos;
  private final SessionStatus status;
  private final Instant lastActive;
  private final Instant started;
  private final int checkpoints;
  /** The lean JSON: as text, or as bytes of the summary file, decoded only when asked for. */
  private String json;
  private final ProjectSummary.Details src;
  private final long off;
  private final int len;
  private Session lean;

  SummaryRow(String projectKey, String fileId, long size, long mtimeNanos, SessionStatus status, Instant lastActive,
      Instant started, int checkpoints, String json, Session lean) {
    this(projectKey, fileId, size, mtimeNanos, status, lastActive, started, checkpoints, json, null, 0, 0, lean);
  }

  /** A row read from a summary file: its JSON stays bytes of that file until the session is asked for. */
  SummaryRow(String projectKey, String fileId, long size, long mtimeNanos, SessionStatus status, Instant lastActive,
      Instant started, int checkpoints, ProjectSummary.Details src, long off, int len, String transcript) {
    this(projectKey, fileId, size, mtimeNanos, status, lastActive, started, checkpoints, null, src, off, len, null);
    this.transcript = transcript;
  }

  /** The transcript's path as the index keeps it: null for none, "?" for one only the details hold. */
  private String transcript = "?";

  /**
   * The session's transcript path (from its capture cursor), without parsing the lean copy when
   * the index holds it: SessionStart looks at the transcripts of every active session.
   */
  public String transcriptPath() {
    if (!"?".equals(transcript)) {
      return transcript;
    }
    Session s = session();
    Object p = s.capture() == null ? null : s.capture().get("transcript_path");
    return p instanceof String ? (String) p : null;
  }

  private SummaryRow(String projectKey, String fileId, long size, long mtimeNanos, SessionStatus status,
      Instant lastActive, Instant started, int checkpoints, String json, ProjectSummary.Details src, long off,
      int len, Session lean) {
    this.projectKey = projectKey;
    this.fileId = fileId;
    this.size = size;
    this.mtimeNanos = mtimeNanos;
    this.status = status;
    this.lastActive = lastActive;
    this.started = started;
    this.checkpoints = checkpoints;
    this.json = json;
    this.src = src;
    this.off = off;
    this.len = len;
    this.lean = lean;
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
    return fileId;
  }

  long size() {
    return size;
  }

  long mtimeNanos() {
    return mtimeNanos;
  }

  /** The lean JSON; null when the details file no longer holds it (replaced meanwhile). */
  synchronized String json() {
    if (json == null) {
      json = src.slice(off, len);
    }
    return json;
  }

  long detailsOffset() {
    return off;
  }

  public SessionStatus status() {
    return status;
  }

  /** The stored last activity; null when absent or unreadable. */
  public Instant lastActive() {
    return lastActive;
  }

  /** The stored start; null when absent or unreadable. */
  public Instant started() {
    return started;
  }

  public int checkpointCount() {
    return checkpoints;
  }

  public boolean recoverable() {
    return status != SessionStatus.TRANSFERRED;
  }

  /**
   * The session with what lists, the dashboard and the overview show: every field but the
   * transcript cursor (only its path, offset and compressed size, for refresh-on-read), every
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
      if (s == null || !s.sessionId().equals(fileId)) {
        s = fallback(); // the details are not this row's: the session file itself is the truth
      }
      lean = s;
    }
    return lean;
  }

  private Session fallback() {
    Session full = src == null ? null : src.readSession(fileId);
    return full == null ? Session.start(fileId, "unknown", null, null, null) : lean(full);
  }

  public StoredSession stored(Path file) {
    return new StoredSession(projectKey, file, session());
  }

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
      for (String k : List.of("transcript_path", "offset", "compressed_size")) {
        if (s.capture().containsKey(k)) {
          cursor.put(k, s.capture().get(k));
        }
      }
    }
    return s.withCheckpoints(kept).withCapture(cursor);
  }
}
