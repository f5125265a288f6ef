package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.json.Json;
import io.github.fss.render.SessionLine;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoredSession;
import io.github.fss.store.SummaryRow;
import io.github.fss.sync.Placement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code fss list [DIR]}: recoverable sessions of DIR's project, newest first. */
final class ListSessions implements Verb {
  static final int DEFAULT_LIMIT = 20;

  @Override
  public String name() {
    return "list";
  }

  @Override
  public String summary() {
    return "recoverable sessions for a directory's project, newest first";
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: fss list [DIR] [--all] [--limit N] [--page P] [--json]",
        "",
        "Lists the sessions of DIR's project (default: the current directory; the project is its git",
        "top-level), newest first: age, tool, status, task, summary, first files, first open question, id.",
        "Sessions whose transcript grew since their last checkpoint are brought up to date first.",
        "  --all      also sessions that expired or were continued elsewhere",
        "  --limit N  show at most N sessions (default " + DEFAULT_LIMIT + "; 0 = all of them)",
        "  --page P   the P-th page of N sessions (default 1)",
        "Expired sessions are deleted at a session's end, at most once a day (or by fss save --action cleanup).",
        "  --json   {\"project_root\", \"total\", \"sessions\": [{session_id, tool, status, display_status, project_root,",
        "            working_dir, last_active, checkpoints, current_task, summary, files[], open_questions[],",
        "            git_branch, goal: {objective, status} or null}]}");
  }

  @Override
  public int run(Context ctx, List<String> raw) {
    Args a = Args.parse(raw, Set.of("--json", "--all"), Set.of("--limit", "--page"));
    Integer limitArg = a.intOption("--limit");
    Integer pageArg = a.intOption("--page");
    if (limitArg != null && limitArg < 0 || pageArg != null && pageArg < 1) {
      throw FssException.usage("--limit must be 0 or more and --page 1 or more");
    }
    int limit = limitArg == null ? DEFAULT_LIMIT : limitArg == 0 ? Integer.MAX_VALUE : limitArg;
    int page = pageArg == null ? 1 : pageArg;
    String dirArg = a.positional(1);
    Path dir = dirArg == null ? ctx.env().cwd() : ctx.env().resolve(dirArg);
    if (!Files.isDirectory(dir)) {
      throw FssException.invalid(dir + " is not a directory");
    }
    Path root = ProjectRoot.of(dir);
    Placement.placeFor(ctx.store(), ctx.env().vars(), root, ctx.now());
    String key = ProjectRoot.key(root);
    SessionStore store = ctx.store();
    List<StoredSession> unseen = new ArrayList<>();
    int from0 = (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * limit);
    List<SummaryRow> read = store.summary(key);
    // one pass over the rows for what to bring up to date and for the page: the page stands when the
    // refresh wrote nothing (the same rows are read again), else it is picked again from the new ones
    SessionArg.Page firstPick = new SessionArg.Page(ctx, a.flag("--all"), from0, limit);
    SummaryRow.each(read, r -> {
      if (r.checkpointCount() == 0) {
        unseen.add(r.stored(store.file(r))); // no checkpoint yet: its transcript may give it one, and a place in the list
      }
      firstPick.accept(r);
    });
    // what the refresh writes, the store's writer adds to the summary read next
    SessionArg.capture(ctx).refreshStale(unseen, m -> ctx.err().println("warning: " + m));
    int[] total = new int[1];
    // only the page shown is checked against its files and brought up to date: all of it is the summary's
    List<StoredSession> shown = new ArrayList<>(store.pickLean(key, rows -> {
      if (rows == read) {
        total[0] = firstPick.count;
        return firstPick.rows();
      }
      return SessionArg.recoverablePage(ctx, rows, a.flag("--all"), from0, limit, total);
    }));
    int from = Math.min(total[0], from0);
    SessionArg.capture(ctx).refreshStale(shown, m -> ctx.err().println("warning: " + m));
    if (a.flag("--json")) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("project_root", root.toString());
      m.put("total", total[0]);
      List<Object> list = new ArrayList<>();
      for (StoredSession s : shown) {
        list.add(SessionLine.json(s.session(), ctx.now()));
      }
      m.put("sessions", list);
      ctx.out().println(Json.write(m, true));
      return 0;
    }
    if (shown.isEmpty()) {
      ctx.out().println("No recoverable sessions for " + root + ".");
      return 0;
    }
    ctx.out().println("Recoverable sessions for " + root + " (newest first):");
    int n = from + 1;
    for (StoredSession s : shown) {
      for (String line : SessionLine.text(n++, s.session(), ctx.now())) {
        ctx.out().println(line);
      }
    }
    int rest = total[0] - from - shown.size();
    if (rest > 0 || from > 0) {
      ctx.out().println("Sessions " + (from + 1) + "–" + (from + shown.size()) + " of " + total[0]
          + (rest > 0 ? "; next: fss list --page " + (page + 1) + (limitArg == null ? "" : " --limit " + limitArg)
          + ", or --limit 0 for all" : ""));
    }
    ctx.out().println("Restore one with: fss restore <id>");
    return 0;
  }
}
