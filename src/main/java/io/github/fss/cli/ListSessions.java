package io.github.fss.cli;

import io.github.fss.json.Json;
import io.github.fss.render.SessionLine;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.StoredSession;
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
        "usage: fss list [DIR] [--all] [--json]",
        "",
        "Lists the sessions of DIR's project (default: the current directory; the project is its git",
        "top-level), newest first: age, tool, status, task, summary, first files, first open question, id.",
        "Sessions whose transcript grew since their last checkpoint are brought up to date first.",
        "  --all    also sessions that expired or were continued elsewhere",
        "  --json   {\"project_root\", \"sessions\": [{session_id, tool, status, display_status, project_root,",
        "            working_dir, last_active, checkpoints, current_task, summary, files[], open_questions[],",
        "            git_branch, goal: {objective, status} or null}]}");
  }

  @Override
  public int run(Context ctx, List<String> raw) {
    Args a = Args.parse(raw, Set.of("--json", "--all"), Set.of());
    String dirArg = a.positional(1);
    Path dir = dirArg == null ? ctx.env().cwd() : ctx.env().resolve(dirArg);
    if (!Files.isDirectory(dir)) {
      throw FssException.invalid(dir + " is not a directory");
    }
    Path root = ProjectRoot.of(dir);
    Placement.placeFor(ctx.store(), ctx.env().vars(), root, ctx.now());
    List<StoredSession> sessions = new ArrayList<>(ctx.store().project(ProjectRoot.key(root)));
    SessionArg.capture(ctx).refreshStale(sessions, m -> ctx.err().println("warning: " + m));
    List<StoredSession> shown = SessionArg.recoverable(ctx, sessions, a.flag("--all"));
    if (a.flag("--json")) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("project_root", root.toString());
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
    int n = 1;
    for (StoredSession s : shown) {
      for (String line : SessionLine.text(n++, s.session(), ctx.now())) {
        ctx.out().println(line);
      }
    }
    ctx.out().println("Restore one with: fss restore <id>");
    return 0;
  }
}
