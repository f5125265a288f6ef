package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.agents.AgentRegistry;
import io.github.fss.capture.SessionCapture;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoredSession;
import io.github.fss.store.SummaryRow;
import io.github.fss.sync.Placement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the session a verb is about: an id, a unique id prefix, or a file path; by default the
 * most recent recoverable session of the working directory's project. Sessions whose transcript
 * grew are brought up to date first ("refresh on read").
 */
final class SessionArg {
  private SessionArg() {}

  static StoredSession resolve(Context ctx, String ref) {
    // sessions other machines synced for this checkout are placed here (paths mapped) before looking
    Placement.placeFor(ctx.store(), ctx.env().vars(), ProjectRoot.of(ctx.env().cwd()), ctx.now());
    StoredSession found = ref == null ? latest(ctx) : byRef(ctx, ref);
    return refreshed(ctx, found);
  }

  static StoredSession refreshed(Context ctx, StoredSession found) {
    if (!SessionCapture.needsRefresh(found.session()) || !found.file().startsWith(ctx.store().projectsDir())) {
      return found;
    }
    try {
      Session fresh = capture(ctx).refresh(found.projectKey(), found.session().sessionId(), false);
      return fresh == null ? found : new StoredSession(found.projectKey(), found.file(), fresh);
    } catch (Exception e) {
      ctx.err().println("warning: could not read the transcript of " + found.session().sessionId() + ": " + e.getMessage());
      return found;
    }
  }

  static SessionCapture capture(Context ctx) {
    return new SessionCapture(ctx.store(), ctx.redactor(), ctx.now(), AgentRegistry.readers());
  }

  private static StoredSession byRef(Context ctx, String ref) {
    SessionStore store = ctx.store();
    if (ref.indexOf('/') >= 0 || ref.endsWith(".json")) {
      Path p = ctx.env().resolve(ref);
      if (!Files.isRegularFile(p)) {
        throw FssException.notFound("no session file at " + p);
      }
      Session s = store.readFile(p, false);
      if (s == null) {
        throw FssException.invalid(p + " is not a readable session file");
      }
      String key = p.startsWith(store.projectsDir()) ? p.getParent().getFileName().toString()
          : ProjectRoot.key(Path.of(s.projectRoot() == null ? "/" : s.projectRoot()));
      return new StoredSession(key, p, s);
    }
    List<StoredSession> hits = store.findById(ref);
    if (hits.isEmpty()) {
      throw FssException.notFound("no session '" + printable(ref) + "' in " + store.home()
          + "; 'fss list' or 'fss dashboard' shows the ids");
    }
    if (hits.size() > 1) {
      List<String> ids = new ArrayList<>();
      for (StoredSession h : hits) {
        ids.add(h.session().sessionId());
      }
      throw FssException.invalid("'" + ref + "' matches " + hits.size() + " sessions (" + String.join(", ", ids.subList(0, Math.min(5, ids.size())))
          + "); give more of the id");
    }
    return hits.get(0);
  }

  private static StoredSession latest(Context ctx) {
    Path root = ProjectRoot.of(ctx.env().cwd());
    // the project's summary picks it; only that one session file is read (bench/RESULTS.md, "Scale")
    List<StoredSession> candidates = ctx.store().pick(ProjectRoot.key(root), rows -> {
      return recoverablePage(ctx, rows, false, 0, 1, new int[1]);
    });
    if (candidates.isEmpty()) {
      throw FssException.notFound("no recoverable session for " + root + "; 'fss dashboard' lists every project");
    }
    return candidates.get(0);
  }

  /** The sessions worth offering, newest first: with a checkpoint, not handed over, not expired (unless all), not us. */
  static List<StoredSession> recoverable(Context ctx, List<StoredSession> sessions, boolean all) {
    String self = currentSessionId(ctx);
    Instant now = ctx.now();
    List<StoredSession> out = new ArrayList<>();
    for (StoredSession s : sessions) {
      Session ses = s.session();
      if (ses.sessionId().equals(self) || ses.latest() == null) {
        continue;
      }
      if (!all && (!ses.recoverable() || ctx.store().expired(ses, now))) {
        continue;
      }
      out.add(s);
    }
    out.sort(newestFirst());
    return out;
  }

  /** As {@link #recoverable}, on a project summary's rows: nothing is parsed. */
  static List<SummaryRow> recoverableRows(Context ctx, List<SummaryRow> rows, boolean all) {
    List<SummaryRow> out = recoverableOnly(ctx, rows, all);
    out.sort(SummaryRow.NEWEST_FIRST);
    return out;
  }

  /**
   * The rows {@code from} to {@code from + limit} of {@link #recoverableRows}, and how many there are
   * in {@code total[0]}: one pass and a partial selection, not a sort of every row.
   */
  static List<SummaryRow> recoverablePage(Context ctx, List<SummaryRow> rows, boolean all, int from, int limit,
      int[] total) {
    Page page = new Page(ctx, all, from, limit);
    SummaryRow.each(rows, page);
    total[0] = page.count;
    return page.rows();
  }

  /** As {@link #recoverableRows}, unordered: the caller selects what it shows. */
  static List<SummaryRow> recoverableOnly(Context ctx, List<SummaryRow> rows, boolean all) {
    Page keep = new Page(ctx, all, 0, Integer.MAX_VALUE);
    SummaryRow.each(rows, keep);
    return keep.kept;
  }

  /**
   * The page {@code from} to {@code from + limit} of the rows worth offering (with a checkpoint, not
   * us, not handed over or expired unless all), newest first, selected as the rows are offered one
   * at a time: the first few kept in order ({@link SummaryRow.Top}), a larger page sorted at the end.
   * The test is written out here, where lambdas for it, the expiry and the selection were seven
   * calls a row, each interpreted until compiled on its own (a cold JVM).
   */
  static final class Page implements java.util.function.Consumer<SummaryRow> {
    private final String self;
    private final boolean all;
    private final long boundSecond;
    private final int boundNano;
    private final int from;
    private final int limit;
    /** The first rows when the page ends within {@link SummaryRow.Top#MAX}, else null. */
    private final SummaryRow.Top top;
    /** Every row kept when {@code top} is null. */
    private final List<SummaryRow> kept;
    /** How many rows are worth offering. */
    int count;

    Page(Context ctx, boolean all, int from, int limit) {
      this.self = currentSessionId(ctx);
      this.all = all;
      Instant bound = ctx.store().expiryBound(ctx.now());
      this.boundSecond = bound.getEpochSecond();
      this.boundNano = bound.getNano();
      this.from = from;
      this.limit = limit;
      long wanted = (long) from + limit;
      this.top = wanted <= SummaryRow.Top.MAX ? new SummaryRow.Top((int) wanted, SummaryRow.NEWEST_FIRST) : null;
      this.kept = top == null ? new ArrayList<>() : null;
    }

    @Override
    public void accept(SummaryRow r) {
      if (r.checkpointCount() == 0 || r.isId(self)
          || !all && (!r.recoverable() || r.lastBefore(boundSecond, boundNano))) {
        return;
      }
      count++;
      if (top != null) {
        top.offer(r);
      } else {
        kept.add(r);
      }
    }

    /** The page's rows, in order. */
    List<SummaryRow> rows() {
      List<SummaryRow> first;
      if (top != null) {
        first = top.list();
      } else {
        int f = Math.min(kept.size(), from);
        first = SummaryRow.first(kept, (int) Math.min(kept.size(), (long) f + limit), SummaryRow.NEWEST_FIRST);
      }
      return first.subList(Math.min(from, first.size()), first.size());
    }
  }

  /** Newest first; each session's time is parsed once per sort, not at every comparison. */
  static Comparator<StoredSession> newestFirst() {
    Map<StoredSession, Instant> parsed = new IdentityHashMap<>();
    return Comparator.comparing((StoredSession s) -> parsed.computeIfAbsent(s, k -> {
      Instant t = Timestamps.parse(k.session().lastActive());
      return t == null ? Instant.EPOCH : t;
    })).reversed();
  }

  /** The agent session this command runs inside, when the agent says (hook-set or Codex's own). */
  static String currentSessionId(Context ctx) {
    String id = ctx.env().get("FSS_SESSION_ID");
    return id != null ? id : ctx.env().get("CODEX_THREAD_ID");
  }

  static String printable(String s) {
    String t = s.length() > 60 ? s.substring(0, 60) + "…" : s;
    return t.replaceAll("\\p{Cntrl}", "?");
  }
}
