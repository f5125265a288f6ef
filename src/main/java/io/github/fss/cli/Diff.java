package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.json.Json;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.Session;
import io.github.fss.render.DiffView;
import io.github.fss.render.RestoreView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code fss diff [SESSION]}: what changed between two checkpoints (default: the last two). */
final class Diff implements Verb {
  @Override
  public String name() {
    return "diff";
  }

  @Override
  public String summary() {
    return "what changed between two checkpoints of a session";
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: fss diff [SESSION] [--list] [--from N] [--to M] [--json]",
        "",
        "Compares checkpoints N and M (1 = oldest; default: the last two): task, summary, branch,",
        "files added / removed / with a new role, decisions, open questions and todos.",
        "SESSION as for fss restore (also --session-file F); default: the latest here.",
        "  --list   list the checkpoints instead",
        "  --json   {from, to, from_timestamp, to_timestamp, changed[{field, from, to}],",
        "            files{added[], removed[], role_changed[]}, key_decisions{added[], removed[]},",
        "            open_questions{added[], removed[]}, todos{added[], removed[]}}");
  }

  @Override
  public int run(Context ctx, List<String> raw) {
    Args a = Args.parse(raw, Set.of("--json", "--list"), Set.of("--from", "--to", "--session-file"));
    String ref = a.option("--session-file") != null ? a.option("--session-file") : a.positional(1);
    Session s = SessionArg.resolve(ctx, ref).session();
    List<Checkpoint> cps = s.checkpoints();
    if (a.flag("--list")) {
      return list(ctx, s, a.flag("--json"));
    }
    if (cps.size() < 2) {
      throw FssException.invalid("session " + s.sessionId() + " has " + cps.size()
          + " checkpoint(s); a diff needs two ('fss diff --list' shows them)");
    }
    Integer from = a.intOption("--from");
    Integer to = a.intOption("--to");
    int t = to != null ? to : cps.size();
    int f = from != null ? from : t - 1;
    if (f < 1 || t < 1 || f > cps.size() || t > cps.size()) {
      throw FssException.invalid("checkpoints are numbered 1.." + cps.size() + "; got --from " + f + " --to " + t);
    }
    Map<String, Object> d = DiffView.compute(cps.get(f - 1), cps.get(t - 1), f, t);
    ctx.out().println(a.flag("--json") ? DiffView.json(d) : DiffView.text(d, s.projectRoot()));
    return 0;
  }

  private static int list(Context ctx, Session s, boolean json) {
    List<Checkpoint> cps = s.checkpoints();
    if (json) {
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < cps.size(); i++) {
        Checkpoint c = cps.get(i);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", i + 1);
        m.put("timestamp", c.timestamp());
        m.put("kind", c.kind().json());
        m.put("current_task", c.currentTask());
        m.put("summary", c.summary());
        m.put("files", c.files().size());
        items.add(m);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("session_id", s.sessionId());
      m.put("checkpoints", items);
      ctx.out().println(Json.write(m, true));
      return 0;
    }
    ctx.out().println("Checkpoints of " + s.sessionId() + " (oldest first):");
    for (int i = 0; i < cps.size(); i++) {
      Checkpoint c = cps.get(i);
      String what = c.summary() != null ? c.summary() : c.currentTask() == null ? "" : c.currentTask();
      ctx.out().println(String.format("  #%d %s %-6s %s (%d files)", i + 1, c.timestamp(), c.kind().json(),
          RestoreView.oneLine(what, 90), c.files().size()));
    }
    return 0;
  }
}
