package io.github.fss.sync;

import io.github.fss.model.Checkpoint;
import io.github.fss.model.CheckpointWindow;
import io.github.fss.model.Session;
import io.github.fss.model.SessionStatus;
import io.github.fss.model.Timestamps;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the versions of one session written on several machines by checkpoint identity, never
 * as text: every checkpoint of every version is kept, in time order, under the store's own
 * retention rule ({@link CheckpointWindow}), so merging in any order gives the same session. The
 * session's own facts come from the most recently active version; a hand-over seen anywhere sticks.
 */
final class SessionMerge {
  private SessionMerge() {}

  /**
   * {@code local} (may be null) merged with {@code others}, all placed under {@code root}. Returns
   * {@code local} itself when nothing new arrived, so the store writes nothing.
   */
  static Session merge(Session local, List<Session> others, Path root, int maxCheckpoints) {
    List<Session> all = new ArrayList<>();
    if (local != null) {
      all.add(local);
    }
    all.addAll(others);
    if (all.isEmpty()) {
      return null;
    }
    Map<String, Checkpoint> byId = new LinkedHashMap<>();
    for (Session s : all) {
      for (Checkpoint c : s.checkpoints()) {
        byId.putIfAbsent(Travelling.checkpointId(c, root), c);
      }
    }
    List<Checkpoint> union = new ArrayList<>(byId.values());
    union.sort(Comparator.comparing(SessionMerge::time));
    List<Checkpoint> window = new ArrayList<>();
    for (Checkpoint c : union) {
      window = CheckpointWindow.append(window, c, maxCheckpoints);
    }
    Session head = all.get(0);
    for (Session s : all) {
      if (lastActive(s).isAfter(lastActive(head))) {
        head = s;
      }
    }
    Session merged = head.withCheckpoints(window);
    for (Session s : all) {
      if (s.status() == SessionStatus.TRANSFERRED && merged.status() != SessionStatus.TRANSFERRED) {
        merged = merged.withTransferredTo(s.transferredTo());
      }
      if (merged.restoredFrom() == null && s.restoredFrom() != null) {
        merged = merged.withRestoredFrom(s.restoredFrom());
      }
    }
    if (local != null) {
      merged = new Session(merged.schemaVersion(), local.sessionId(), merged.tool(), local.workingDir(),
          local.projectRoot(), merged.startTime(), merged.lastActive(), merged.status(), merged.endReason(),
          merged.restoredFrom(), merged.transferredTo(), local.capture(), merged.checkpoints(), local.machine());
      return merged.equals(local) ? local : merged;
    }
    return merged;
  }

  /** Ids of a session's checkpoints, with paths taken relative to {@code root}. */
  static java.util.Set<String> ids(Session s, Path root) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (Checkpoint c : s.checkpoints()) {
      out.add(Travelling.checkpointId(c, root));
    }
    return out;
  }

  private static Instant time(Checkpoint c) {
    Instant t = Timestamps.parse(c.timestamp());
    return t == null ? Instant.EPOCH : t;
  }

  private static Instant lastActive(Session s) {
    Instant t = Timestamps.parse(s.lastActive());
    return t == null ? Instant.EPOCH : t;
  }
}
