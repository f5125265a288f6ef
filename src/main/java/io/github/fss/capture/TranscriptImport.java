package io.github.fss.capture;

import io.github.fss.redact.Redactor;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionIds;
import io.github.fss.store.SessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Brings an existing transcript into the store as a session (first install, {@code fss import}).
 * Streams the whole file once; re-importing a transcript that has not grown changes nothing.
 */
public final class TranscriptImport {
  /** What happened to one transcript. */
  public enum Outcome { IMPORTED, UPDATED, UNCHANGED, SKIPPED }

  private final SessionStore store;
  private final Redactor redactor;
  private final Instant now;
  private final Readers readers;

  public TranscriptImport(SessionStore store, Redactor redactor, Instant now, Readers readers) {
    this.store = store;
    this.redactor = redactor;
    this.now = now;
    this.readers = readers;
  }

  public Outcome importFile(String tool, String format, String sessionId, Path transcript) throws IOException {
    return importFile(tool, format, sessionId, transcript, null);
  }

  /**
   * As {@link #importFile(String, String, String, Path)}, for a transcript that does not name its
   * working directory in every line: {@code cwd} (when not null) is where the agent's own registry
   * says the session ran (Gemini CLI's projects.json).
   */
  public Outcome importFile(String tool, String format, String sessionId, Path transcript, Path cwd)
      throws IOException {
    if (!SessionIds.isValid(sessionId)) {
      return Outcome.SKIPPED;
    }
    CaptureState state = new CaptureState(redactor, format, transcript.toString());
    if (cwd != null && cwd.isAbsolute()) {
      state.cwd = cwd.toString();
    }
    SessionCapture.readInto(readers.of(format), sessionId, state);
    if (state.cwd == null || state.lines == 0) {
      return Outcome.SKIPPED;
    }
    Path root = ProjectRoot.of(Path.of(state.cwd));
    String key = ProjectRoot.key(root);
    Session existing = store.read(key, sessionId);
    if (existing != null && existing.capture() != null && !SessionCapture.needsRefresh(existing)) {
      return Outcome.UNCHANGED;
    }
    if (existing != null && existing.capture() != null) {
      new SessionCapture(store, redactor, now, readers).refresh(key, sessionId, false);
      return Outcome.UPDATED;
    }
    Instant last = Timestamps.parse(state.lastEventAt);
    Instant first = Timestamps.parse(state.firstEventAt);
    Instant at = last != null ? last : Files.getLastModifiedTime(transcript).toInstant();
    Checkpoint cp = CheckpointBuilder.auto(state, at);
    store.update(key, sessionId, s -> {
      Session base = s != null ? s : Session.start(sessionId, tool, state.cwd, root.toString(),
          Timestamps.format(first != null ? first : at));
      Session next = base.withCapture(state.toTree()).withCheckpoint(cp, store.config().maxCheckpoints())
          .withLastActive(Timestamps.format(at));
      // stored as active: its idle time shows it as interrupted, which is what an import is
      return next;
    });
    return Outcome.IMPORTED;
  }
}
