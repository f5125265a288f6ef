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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a new session is told it can restore: the freshest recoverable sessions of its project, for
 * every agent's session start. The project's summary answers which sessions to offer; only the few
 * shown are checked against their files (their rows' lean copies say all the notice shows) and
 * brought up to date (refreshing every stale session of a busy project
 * cost SessionStart ~9 ms each), and only active ones have their transcript's mtime looked at, so
 * a project of thousands of sessions costs no thousands of stats (bench/RESULTS.md, "Scale").
 * Whether a session whose history is a database is read here is the caller's {@code capture}'s
 * to say: Claude Code, Codex and Gemini CLI starts never open OpenCode's; OpenCode's own does.
 */
public final class RestorableOffer {
  /**
   * The sessions to list, and how many could have been; {@code picked} the project's files chosen
   * to show (some may have turned out to have nothing to restore), by id; {@code rows} the project's
   * summary rows they were picked from (checked against the files when one turned out stale).
   */
  public record Offer(List<Session> sessions, int total, List<String> picked, List<SummaryRow> rows) {}

  private RestorableOffer() {}

  /** The offer to session {@code sessionId} starting in project {@code key}. */
  public static Offer of(SessionStore store, SessionCapture capture, String key, String sessionId, Instant now,
      int max, Consumer<String> log) {
    int[] candidates = new int[1];
    List<List<SummaryRow>> chosenFrom = new ArrayList<>(List.of(List.of()));
    List<StoredSession> shown = new ArrayList<>(store.pickLean(key, rows -> {
      chosenFrom.set(0, rows);
      List<SummaryRow> others = new ArrayList<>();
      // only an active session's freshness differs from its row's (its transcript's mtime): kept apart
      Map<SummaryRow, Instant> active = new IdentityHashMap<>();
      for (SummaryRow r : rows) {
        if (r.recoverable() && !store.expired(r, now) && !r.isId(sessionId)
            && (r.checkpointCount() > 0 || SessionCapture.needsRefresh(r.session()))) {
          others.add(r);
          if (r.status() == SessionStatus.ACTIVE) {
            active.put(r, freshness(r));
          }
        }
      }
      candidates[0] = others.size();
      return SummaryRow.first(others, max, new Freshest(active));
    }));
    // the caller's capture says whether a database may be opened (see SessionCapture.withoutQueries)
    capture.refreshStale(shown, log);
    List<Session> offer = new ArrayList<>();
    for (StoredSession s : shown) {
      if (s.session().latest() != null && s.session().recoverable()) {
        offer.add(s.session());
      }
    }
    List<String> picked = new ArrayList<>();
    for (StoredSession s : shown) {
      picked.add(s.session().sessionId());
    }
    return new Offer(offer, candidates[0] - shown.size() + offer.size(), picked, chosenFrom.get(0));
  }

  /** The freshest first (see {@link #freshness}), equal times by id; no Instant made for an ended session. */
  private static final class Freshest implements Comparator<SummaryRow> {
    private final Map<SummaryRow, Instant> active;

    Freshest(Map<SummaryRow, Instant> active) {
      this.active = active;
    }

    @Override
    public int compare(SummaryRow a, SummaryRow b) {
      Instant fa = active.get(a);
      Instant fb = active.get(b);
      int c = SummaryRow.compareTimes(fb == null ? b.lastActiveSecond() : fb.getEpochSecond(),
          fb == null ? b.lastActiveNano() : fb.getNano(), fa == null ? a.lastActiveSecond() : fa.getEpochSecond(),
          fa == null ? a.lastActiveNano() : fa.getNano());
      return c != 0 ? c : a.fileId().compareTo(b.fileId());
    }
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
