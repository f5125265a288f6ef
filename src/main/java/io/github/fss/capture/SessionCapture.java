package io.github.fss.capture;

import io.github.fss.redact.Redactor;
import io.github.fss.json.Json;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.Session;
import io.github.fss.model.SessionStatus;
import io.github.fss.model.Timestamps;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoredSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Keeps sessions in step with their transcripts: registers an agent's session, reads the bytes
 * its transcript gained since the last read, and records an automatic checkpoint. Used by the hooks
 * and, lazily, by the verbs that show sessions ("refresh on read"), so a session killed mid-turn is
 * restorable up to its last transcript line.
 */
public final class SessionCapture {
  private final SessionStore store;
  private final Redactor redactor;
  private final Instant now;
  private final Readers readers;
  /** Whether a {@link HistoryReader} may query its store (false on a hook the agent waits on). */
  private final boolean queries;

  public SessionCapture(SessionStore store, Redactor redactor, Instant now, Readers readers) {
    this(store, redactor, now, readers, true);
  }

  private SessionCapture(SessionStore store, Redactor redactor, Instant now, Readers readers, boolean queries) {
    this.store = store;
    this.redactor = redactor;
    this.now = now;
    this.readers = readers;
    this.queries = queries;
  }

  /**
   * The same capture for a hook an agent waits on (a session start): JSONL transcripts are read as
   * ever, but no {@link HistoryReader} opens its database (OpenCode's SQLite: loading the driver
   * costs more than such a hook may take); those sessions show their last checkpoint.
   */
  public SessionCapture withoutQueries() {
    return new SessionCapture(store, redactor, now, readers, false);
  }

  /** The store folder for a working directory's project. */
  public static String projectKey(Path cwd) {
    return ProjectRoot.key(ProjectRoot.of(cwd));
  }

  /**
   * Creates the session if it is new, or re-attaches it (status active again, newer transcript
   * path). Returns the project key it lives under.
   */
  public String register(String tool, String format, String sessionId, Path cwd, String transcriptPath) {
    Path root = ProjectRoot.of(cwd);
    String key = ProjectRoot.key(root);
    String stamp = Timestamps.format(now);
    store.update(key, sessionId, s -> {
      Session next = s != null ? s
          : Session.start(sessionId, tool, ProjectRoot.canonical(cwd).toString(), root.toString(), stamp);
      Map<String, Object> cap = next.capture();
      CaptureState state = cap == null ? new CaptureState(redactor, format, transcriptPath)
          : CaptureState.fromTree(cap, redactor);
      if (transcriptPath != null && !transcriptPath.equals(state.transcriptPath)) {
        state.transcriptPath = transcriptPath;
        if (!sameTranscript(cap, transcriptPath)) {
          state.reset();
        }
      }
      state.format = format;
      if (state.cwd == null) {
        state.cwd = ProjectRoot.canonical(cwd).toString();
      }
      return next.withCapture(state.toTree()).withStatus(SessionStatus.ACTIVE, null).withLastActive(stamp);
    });
    return key;
  }

  /** Whether a .jsonl and its .jsonl.zst are the same rollout (Codex compresses in place). */
  private static boolean sameTranscript(Map<String, Object> cap, String path) {
    String old = cap == null ? null : Json.str(cap.get("transcript_path"));
    if (old == null) {
      return false;
    }
    String a = old.endsWith(".zst") ? old.substring(0, old.length() - 4) : old;
    String b = path.endsWith(".zst") ? path.substring(0, path.length() - 4) : path;
    return a.equals(b);
  }

  /** Whether the session's transcript holds bytes not read yet (one stat; no read). */
  public static boolean needsRefresh(Session s) {
    Map<String, Object> cap = s.capture();
    if (cap == null) {
      return false;
    }
    String path = Json.str(cap.get("transcript_path"));
    Long offset = Json.num(cap.get("offset"));
    if (path == null) {
      return false;
    }
    Map<String, Object> extra = Json.obj(cap.get("extra"));
    String stamp = extra == null ? null : Json.str(extra.get(HistoryReader.STAMP));
    if (stamp != null) {
      // rows read by a HistoryReader: anything written to the database changes its stamp
      return !stamp.equals(HistoryReader.stamp(Path.of(path)));
    }
    try {
      Path p = Path.of(path);
      if (!Files.exists(p) && path.endsWith(".jsonl") && Files.exists(Path.of(path + ".zst"))) {
        return false; // compressed in place: nothing new, Codex only compresses idle rollouts
      }
      long size = Files.size(p);
      if (path.endsWith(".zst")) {
        // the cursor counts decompressed bytes: compare the file with its own size at the last read
        Long compressed = Json.num(cap.get("compressed_size"));
        return compressed == null || size != compressed;
      }
      return size != (offset == null ? 0 : offset);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Bytes of transcript read under one hold of the session's lock. A long backlog (fss installed in
   * the middle of a long session) is read in steps, each saving its cursor and checkpoint, so a hook
   * killed half-way keeps what it read.
   */
  static final long STEP_BYTES = 16L * 1024 * 1024;

  /** Rows of a {@link HistoryReader} read under one hold of the session's lock. */
  static final long STEP_ROWS = 20_000;

  /**
   * Reads what the transcript gained and records an automatic checkpoint when anything was read
   * (or {@code force}, e.g. at session end). Returns the stored session; null if it does not exist.
   */
  public Session refresh(String key, String sessionId, boolean force) throws IOException {
    return refresh(key, sessionId, force, null);
  }

  /** How much later than its turn's end a spooled turn end may be stamped (clocks, rounding). */
  static final java.time.Duration TURN_END_SLACK = java.time.Duration.ofSeconds(2);

  /**
   * As the Stop hook of the turn that ended at {@code turnEnd} would have refreshed: up to the last
   * line that ends a turn ({@link TranscriptReader#endsTurn}) and is stamped no later than
   * {@code turnEnd} (give or take {@link #TURN_END_SLACK}). A turn still being written, or one that
   * ended after it (its own spooled line comes later), stays unread, so a drain late by any number
   * of turns still checkpoints each spooled turn end with the transcript as it was then.
   */
  public Session refreshToTurnEnd(String key, String sessionId, Instant turnEnd) throws IOException {
    return refresh(key, sessionId, false, turnEnd.plus(TURN_END_SLACK));
  }

  private Session refresh(String key, String sessionId, boolean force, Instant turnEndBy) throws IOException {
    boolean[] more = new boolean[1];
    Session after;
    do {
      more[0] = false;
      after = refreshStep(key, sessionId, force, turnEndBy, more);
    } while (more[0]);
    return after;
  }

  private Session refreshStep(String key, String sessionId, boolean force, Instant turnEndBy, boolean[] more)
      throws IOException {
    IOException[] failure = new IOException[1];
    String[] restoredFrom = new String[1];
    Session after = store.update(key, sessionId, s -> {
      if (s == null || s.capture() == null) {
        return s;
      }
      CaptureState state = CaptureState.fromTree(s.capture(), redactor);
      TranscriptReader reader = state.format == null ? null : readers.of(state.format);
      long read = 0;
      if (reader instanceof HistoryReader && (!queries || state.transcriptPath == null)) {
        read = 0;
      } else if (reader instanceof HistoryReader) {
        try {
          read = ((HistoryReader) reader).readNew(sessionId, state, STEP_ROWS, more);
          state.lines += read;
        } catch (IOException e) {
          failure[0] = e;
        }
      } else if (reader != null && state.transcriptPath != null) {
        try {
          if (turnEndBy != null) {
            TurnRead r = readToTurnEnd(reader, state, STEP_BYTES, more, turnEndBy);
            state = r.state();
            read = r.lines();
          } else {
            read = readInto(reader, state, STEP_BYTES, more);
          }
        } catch (IOException e) {
          failure[0] = e;
        }
      }
      // nothing new to checkpoint; a forced one (PreCompact, SessionEnd) still needs something to
      // checkpoint: a session whose transcript never had a line (opened and closed without a
      // prompt) stays without one, and is not offered for restore as an empty session
      boolean empty = state.lines == 0 && s.latest() == null;
      if (read == 0 && (force ? empty : s.latest() != null || state.lines == 0)) {
        // save the cursor only if it moved (a step of blank lines)
        return s.capture().equals(state.toTree()) ? s : s.withCapture(state.toTree());
      }
      Checkpoint cp = CheckpointBuilder.carryOver(CheckpointBuilder.auto(state, now), s.checkpoints());
      Session next = s.withCapture(state.toTree()).withCheckpoint(cp, store.config().maxCheckpoints());
      if (state.lastEventAt != null) {
        Instant last = Timestamps.parse(state.lastEventAt);
        if (last != null) {
          next = next.withLastActive(Timestamps.format(last));
        }
      } else {
        next = next.withLastActive(Timestamps.format(now));
      }
      if (state.restoredFrom != null && next.restoredFrom() == null && !state.restoredFrom.equals(sessionId)) {
        next = next.withRestoredFrom(state.restoredFrom);
      }
      restoredFrom[0] = next.restoredFrom();
      return next;
    });
    if (restoredFrom[0] != null) {
      markTransferred(restoredFrom[0], sessionId);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    return after;
  }

  /** Reads all new complete lines (or rows) into the state; handles a replaced file and a .zst twin. */
  static long readInto(TranscriptReader reader, CaptureState state) throws IOException {
    return readInto(reader, null, state);
  }

  /** As {@link #readInto(TranscriptReader, CaptureState)}; a {@link HistoryReader} needs the session's id. */
  static long readInto(TranscriptReader reader, String sessionId, CaptureState state) throws IOException {
    if (reader instanceof HistoryReader) {
      long n = 0;
      boolean[] more = {true};
      while (more[0]) {
        more[0] = false;
        n += ((HistoryReader) reader).readNew(sessionId, state, STEP_ROWS, more);
      }
      state.lines += n;
      return n;
    }
    return readInto(reader, state, Long.MAX_VALUE, new boolean[1]);
  }

  /** As {@link #readInto(TranscriptReader, CaptureState)}, up to about {@code maxBytes}; {@code more[0]} tells if it stopped early. */
  static long readInto(TranscriptReader reader, CaptureState state, long maxBytes, boolean[] more) throws IOException {
    Path path = Path.of(state.transcriptPath);
    if (!Files.exists(path)) {
      Path twin = twin(path);
      if (twin == null || !Files.exists(twin)) {
        return 0;
      }
      path = twin;
      state.transcriptPath = twin.toString();
    }
    java.util.function.Consumer<Object> sink = line -> {
      try {
        reader.apply(line, state);
      } catch (RuntimeException e) {
        state.skippedLines++;
      }
    };
    JsonlTail.Result r = JsonlTail.read(path, state.offset, reader.skipKeys(), sink, maxBytes);
    if (r.reset()) {
      state.reset();
      r = JsonlTail.read(path, 0, reader.skipKeys(), sink, maxBytes);
    }
    more[0] = r.more();
    state.offset = r.offset();
    state.compressedSize = path.toString().endsWith(".zst") && !r.more() ? sizeOf(path) : 0;
    state.lines += r.lines();
    state.skippedLines += r.skipped();
    return r.lines();
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  /** What {@link #readToTurnEnd} kept: the state at the last turn end and the lines read up to it. */
  record TurnRead(CaptureState state, long lines) {}

  /**
   * Reads new lines as {@link #readInto} does, then keeps only what lies up to the last line that
   * ends a turn: the state is rebuilt from a snapshot taken at that line. Nothing is kept when no
   * turn ended, except for a turn longer than a step, which is kept step by step (as a backlog).
   */
  static TurnRead readToTurnEnd(TranscriptReader reader, CaptureState state, long maxBytes, boolean[] more,
      Instant turnEndBy) throws IOException {
    Path path = Path.of(state.transcriptPath);
    if (!Files.exists(path)) {
      Path twin = twin(path);
      if (twin == null || !Files.exists(twin)) {
        return new TurnRead(state, 0);
      }
      path = twin;
      state.transcriptPath = twin.toString();
    }
    Map<String, Object> start = state.toTree();
    long[] baseLines = {state.lines};
    boolean[] boundary = new boolean[1];
    boolean[] beyond = new boolean[1];
    Map<String, Object>[] mark = newMark();
    long[] markLines = new long[1];
    java.util.function.Consumer<Object> sink = line -> {
      try {
        reader.apply(line, state);
      } catch (RuntimeException e) {
        state.skippedLines++;
      }
      boundary[0] = false;
      if (!beyond[0] && reader.endsTurn(line)) {
        Instant at = Timestamps.parse(Json.str(Json.obj(line) == null ? null : Json.obj(line).get("timestamp")));
        beyond[0] = at != null && at.isAfter(turnEndBy);
        boundary[0] = !beyond[0];
      }
    };
    JsonlTail.LineEnd lineEnd = (offset, lines, skipped) -> {
      if (boundary[0]) {
        // a deep copy: readers go on changing the maps and lists the tree shares with the state
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) deepCopy(state.toTree());
        t.put("offset", offset);
        t.put("lines", baseLines[0] + lines);
        t.put("skipped_lines", state.skippedLines + skipped);
        mark[0] = t;
        markLines[0] = lines;
      }
    };
    JsonlTail.Result r = JsonlTail.read(path, state.offset, reader.skipKeys(), sink, maxBytes, lineEnd);
    if (r.reset()) {
      state.reset();
      start = state.toTree();
      baseLines[0] = state.lines;
      r = JsonlTail.read(path, 0, reader.skipKeys(), sink, maxBytes, lineEnd);
    }
    more[0] = r.more() && !beyond[0];
    if (mark[0] != null) {
      return new TurnRead(CaptureState.fromTree(mark[0], state.redactor()), markLines[0]);
    }
    if (r.more() && !beyond[0]) {
      state.offset = r.offset();
      state.lines += r.lines();
      state.skippedLines += r.skipped();
      return new TurnRead(state, r.lines());
    }
    return new TurnRead(CaptureState.fromTree(start, state.redactor()), 0);
  }

  private static Object deepCopy(Object o) {
    if (o instanceof Map<?, ?>) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
        m.put(String.valueOf(e.getKey()), deepCopy(e.getValue()));
      }
      return m;
    }
    if (o instanceof List<?>) {
      List<Object> l = new java.util.ArrayList<>();
      for (Object x : (List<?>) o) {
        l.add(deepCopy(x));
      }
      return l;
    }
    return o;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object>[] newMark() {
    return (Map<String, Object>[]) new Map<?, ?>[1];
  }

  private static Path twin(Path p) {
    String s = p.toString();
    if (s.endsWith(".zst")) {
      return Path.of(s.substring(0, s.length() - 4));
    }
    if (s.endsWith(".jsonl")) {
      return Path.of(s + ".zst");
    }
    return null;
  }

  /**
   * The old session stops being offered once its successor has checkpointed: marks it
   * transferred (wherever it is stored) unless it already is.
   */
  public void markTransferred(String oldId, String newId) {
    if (oldId.equals(newId)) {
      return;
    }
    List<StoredSession> found = store.findById(oldId);
    if (found.size() != 1 || !found.get(0).session().sessionId().equals(oldId)) {
      return;
    }
    StoredSession old = found.get(0);
    if (old.session().status() == SessionStatus.TRANSFERRED) {
      return;
    }
    store.update(old.projectKey(), oldId, s -> s == null || s.status() == SessionStatus.TRANSFERRED ? s
        : s.withTransferredTo(newId));
  }

  /** Refreshes every session in the list whose transcript grew; failures are left for doctor. */
  public void refreshStale(List<StoredSession> sessions, java.util.function.Consumer<String> log) {
    for (int i = 0; i < sessions.size(); i++) {
      StoredSession ss = sessions.get(i);
      if (!needsRefresh(ss.session())
          || !queries && readers.of(Json.str(ss.session().capture().get("format"))) instanceof HistoryReader) {
        continue;
      }
      try {
        Session fresh = refresh(ss.projectKey(), ss.session().sessionId(), false);
        if (fresh != null) {
          sessions.set(i, new StoredSession(ss.projectKey(), ss.file(), fresh));
        }
      } catch (IOException | RuntimeException e) {
        log.accept("could not refresh " + ss.session().sessionId() + ": " + e.getMessage());
      }
    }
  }
}
