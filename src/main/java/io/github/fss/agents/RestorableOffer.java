package io.github.fss.agents;

import io.github.fss.capture.SessionCapture;
import io.github.fss.model.Session;
import io.github.fss.model.SessionStatus;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoredSession;
import io.github.fss.store.SummaryRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a new session is told it can restore: the freshest recoverable sessions of its project, for
 * every agent's session start. The project's summary answers which sessions to offer; only the few
 * shown are read in full and brought up to date (refreshing every stale session of a busy project
 * cost SessionStart ~9 ms each), and only active ones have their transcript's mtime looked at, so
 * a project of thousands of sessions costs no thousands of stats (bench/RESULTS.md, "Scale").
 * Whether a session whose history is a database is read here is the caller's {@code capture}'s
 * to say: Claude Code, Codex and Gemini CLI starts never open OpenCode's; OpenCode's own does.
 */
public final class RestorableOffer {
  /** The sessions to list, and how many could have been. */
  public record Offer(List<Session> sessions, int total) {}

  private RestorableOffer() {}

  /** The offer to session {@code sessionId} starting in project {@code key}. */
  public static Offer of(SessionStore store, SessionCapture capture, String key, String sessionId, Instant now,
      int max, Consumer<String> log) {
    int[] candidates = new int[1];
    List<StoredSession> shown = new ArrayList<>(store.pick(key, rows -> {
      List<SummaryRow> others = new ArrayList<>();
      Map<SummaryRow, Instant> fresh = new HashMap<>();
      for (SummaryRow r : rows) {
        if (!r.fileId().equals(sessionId) && r.recoverable() && !store.expired(r, now)
            && (r.checkpointCount() > 0 || SessionCapture.needsRefresh(r.session()))) {
          others.add(r);
          fresh.put(r, freshness(r));
        }
      }
      candidates[0] = others.size();
      others.sort(Comparator.comparing((SummaryRow r) -> fresh.get(r)).reversed().thenComparing(SummaryRow::fileId));
      return others.subList(0, Math.min(max, others.size()));
    }));
    // the caller's capture says whether a database may be opened (see SessionCapture.withoutQueries)
    capture.refreshStale(shown, log);
    List<Session> offer = new ArrayList<>();
    for (StoredSession s : shown) {
      if (s.session().latest() != null && s.session().recoverable()) {
        offer.add(s.session());
      }
    }
    return new Offer(offer, candidates[0] - shown.size() + offer.size());
  }

  /**
   * When a session was last active, counting its transcript's mtime for an active one: killed
   * mid-turn, it ranks by when it really stopped.
   */
  private static Instant freshness(SummaryRow r) {
    Instant t = r.lastActive() == null ? Instant.EPOCH : r.lastActive();
    if (r.status() != SessionStatus.ACTIVE) {
      return t;
    }
    String path = r.transcriptPath();
    // a database (OpenCode keeps every session in one) says nothing about one session by its mtime
    if (path != null && !path.endsWith(".db")) {
      try {
        Instant m = Files.getLastModifiedTime(Path.of(path)).toInstant();
        t = m.isAfter(t) ? m : t;
      } catch (IOException | RuntimeException ex) {
        // no transcript (yet, or any more): the stored time stands
      }
    }
    return t;
  }
}
