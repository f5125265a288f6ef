package io.github.fss.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One agent session as stored: identity, lifecycle, the transcript cursor the capture code keeps
 * (opaque here: {@code store} and {@code model} know nothing of agents) and its checkpoints, oldest
 * first. {@code machine} names the machine the session was recorded on when it came from another
 * one through {@code fss sync}; null for a session of this machine.
 */
public record Session(
    int schemaVersion,
    String sessionId,
    String tool,
    String workingDir,
    String projectRoot,
    String startTime,
    String lastActive,
    SessionStatus status,
    String endReason,
    String restoredFrom,
    String transferredTo,
    Map<String, Object> capture,
    List<Checkpoint> checkpoints,
    String machine) {

  public static final int SCHEMA_VERSION = 2;

  /** An active session idle longer than this is shown as interrupted. */
  public static final Duration INTERRUPTED_AFTER = Duration.ofMinutes(10);

  /** A session of this machine (no {@code machine}). */
  public Session(int schemaVersion, String sessionId, String tool, String workingDir, String projectRoot,
      String startTime, String lastActive, SessionStatus status, String endReason, String restoredFrom,
      String transferredTo, Map<String, Object> capture, List<Checkpoint> checkpoints) {
    this(schemaVersion, sessionId, tool, workingDir, projectRoot, startTime, lastActive, status, endReason,
        restoredFrom, transferredTo, capture, checkpoints, null);
  }

  public Session {
    status = status == null ? SessionStatus.ACTIVE : status;
    checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
    // capture trees hold null values (no git branch yet, …), which Map.copyOf rejects
    capture = capture == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(capture));
  }

  /** A new active session with no checkpoints. */
  public static Session start(String id, String tool, String workingDir, String projectRoot, String now) {
    return new Session(SCHEMA_VERSION, id, tool, workingDir, projectRoot, now, now,
        SessionStatus.ACTIVE, null, null, null, null, List.of());
  }

  public Checkpoint latest() {
    return checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
  }

  public Session withCheckpoints(List<Checkpoint> value) {
    return new Session(schemaVersion, sessionId, tool, workingDir, projectRoot, startTime,
        lastActive, status, endReason, restoredFrom, transferredTo, capture, value, machine);
  }

  /** Appends a checkpoint under the retention rule, see {@link CheckpointWindow}. */
  public Session withCheckpoint(Checkpoint c, int maxCheckpoints) {
    return withCheckpoints(CheckpointWindow.append(checkpoints, c, maxCheckpoints));
  }

  public Session withLastActive(String value) {
    return new Session(schemaVersion, sessionId, tool, workingDir, projectRoot, startTime, value,
        status, endReason, restoredFrom, transferredTo, capture, checkpoints, machine);
  }

  public Session withStatus(SessionStatus value, String reason) {
    return new Session(schemaVersion, sessionId, tool, workingDir, projectRoot, startTime,
        lastActive, value, reason, restoredFrom, transferredTo, capture, checkpoints, machine);
  }

  public Session withCapture(Map<String, Object> value) {
    return new Session(schemaVersion, sessionId, tool, workingDir, projectRoot, startTime,
        lastActive, status, endReason, restoredFrom, transferredTo, value, checkpoints, machine);
  }

  public Session withRestoredFrom(String value) {
    return new Session(schemaVersion, sessionId, tool, workingDir, projectRoot, startTime,
        lastActive, status, endReason, value, transferredTo, capture, checkpoints, machine);
  }

  public Session withTransferredTo(String value) {
    return new Session(schemaVersion, sessionId, tool, workingDir, projectRoot, startTime,
        lastActive, SessionStatus.TRANSFERRED, endReason, restoredFrom, value, capture, checkpoints, machine);
  }

  public Session withTool(String value) {
    return new Session(schemaVersion, sessionId, value, workingDir, projectRoot, startTime,
        lastActive, status, endReason, restoredFrom, transferredTo, capture, checkpoints, machine);
  }

  public Session withMachine(String value) {
    return new Session(schemaVersion, sessionId, tool, workingDir, projectRoot, startTime, lastActive,
        status, endReason, restoredFrom, transferredTo, capture, checkpoints, value);
  }

  /** Whether the session came from another machine through {@code fss sync}. */
  public boolean fromElsewhere() {
    return machine != null;
  }

  /** active, ended, transferred, or interrupted for an active session idle past the threshold. */
  public String displayStatus(Instant now) {
    if (status == SessionStatus.ACTIVE) {
      Instant last = Timestamps.parse(lastActive);
      if (last != null && Duration.between(last, now).compareTo(INTERRUPTED_AFTER) > 0) {
        return "interrupted";
      }
    }
    return status.json();
  }

  /** Whether the session can be offered for restore (not handed over to another session). */
  public boolean recoverable() {
    return status != SessionStatus.TRANSFERRED;
  }
}
