package io.github.fss.ui;

import io.github.fss.agents.Agent;
import io.github.fss.agents.AgentRegistry;
import io.github.fss.json.Json;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.CommandRun;
import io.github.fss.model.FileRef;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
import io.github.fss.model.Todo;
import io.github.fss.render.DiffView;
import io.github.fss.render.FileStatus;
import io.github.fss.render.OutputFormat;
import io.github.fss.render.RestoreView;
import io.github.fss.store.StoredSession;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One session: restore summary, files with their status now, goal and todos, commands with exit
 * codes, the checkpoints with a diff between any two chosen, and the commands to carry on.
 */
public final class SessionPage {
  private SessionPage() {}

  /** The page's path under the run's prefix: /s/PROJECT-KEY/SESSION-ID, both percent-encoded. */
  public static String path(StoredSession s) {
    return "/s/" + Html.segment(s.projectKey()) + "/" + Html.segment(s.session().sessionId());
  }

  public static String render(StoredSession found, Instant now, Frame frame, Integer from, Integer to, int budget) {
    Session s = found.session();
    Checkpoint c = s.latest();
    String status = s.displayStatus(now);
    StringBuilder sb = new StringBuilder(8192);
    String task = c == null ? "(no checkpoint yet)" : c.currentTask() != null ? c.currentTask()
        : c.summary() != null ? c.summary() : "(no task)";
    sb.append("<h1 class=\"task\">").append(Html.esc(Text.oneLine(task, 200))).append("</h1>");
    sb.append("<dl class=\"facts\">");
    fact(sb, "Agent", "<span class=\"swatch agent-" + Html.esc(s.tool()) + "\"></span>" + Html.esc(s.tool()));
    fact(sb, "Status", "<span class=\"status " + Html.esc(status) + "\">" + Html.esc(status) + "</span>");
    fact(sb, "Session", "<code>" + Html.esc(s.sessionId()) + "</code>");
    fact(sb, "Directory", "<code>" + Html.esc(s.workingDir()) + "</code>");
    fact(sb, "Started", Html.esc(s.startTime()));
    fact(sb, "Last active", Html.esc(s.lastActive()) + " (" + Html.esc(Timestamps.age(Timestamps.parse(s.lastActive()), now)) + " ago)");
    if (c != null && c.gitBranch() != null) {
      fact(sb, "Branch", "<code>" + Html.esc(c.gitBranch()) + "</code>");
    }
    if (s.restoredFrom() != null) {
      fact(sb, "Continues", "<code>" + Html.esc(s.restoredFrom()) + "</code>");
    }
    if (s.transferredTo() != null) {
      fact(sb, "Continued in", "<code>" + Html.esc(s.transferredTo()) + "</code>");
    }
    sb.append("</dl>");
    carryOn(sb, s);
    if (c != null) {
      goalAndTodos(sb, c);
      files(sb, c, s.workingDir(), s.projectRoot());
      commands(sb, c);
      list(sb, "Open questions", "questions", c.openQuestions());
      list(sb, "Key decisions", "decisions", c.keyDecisions());
    }
    checkpoints(sb, s, frame, from, to, s.projectRoot());
    sb.append("<section><h2>Restore summary</h2><pre class=\"restore\">")
        .append(Html.esc(RestoreView.render(s, now, OutputFormat.TEXT, budget, null))).append("</pre></section>");
    return frame.page("fss — " + Text.oneLine(task, 80), sb.toString());
  }

  private static void fact(StringBuilder sb, String name, String html) {
    sb.append("<dt>").append(name).append("</dt><dd>").append(html).append("</dd>");
  }

  /** Buttons that copy the command to restore here, or to hand the session to each agent. */
  private static void carryOn(StringBuilder sb, Session s) {
    sb.append("<section class=\"carry-on\"><h2>Carry on</h2><ul class=\"commands-to-copy\">");
    copy(sb, "Copy restore command", "fss restore " + s.sessionId());
    for (Agent agent : AgentRegistry.all()) {
      copy(sb, "Copy handoff to " + agent.name(), "cd " + shellQuote(s.workingDir()) + " && "
          + agent.startWith("\"$(fss restore " + s.sessionId() + " --for " + agent.name() + ")\""));
    }
    sb.append("</ul></section>");
  }

  private static void copy(StringBuilder sb, String label, String command) {
    sb.append("<li><button type=\"button\" class=\"copy\" data-copy=\"").append(Html.esc(command))
        .append("\" aria-label=\"").append(Html.esc(label)).append("\">").append(Html.esc(label))
        .append("</button> <code>").append(Html.esc(command)).append("</code></li>");
  }

  static String shellQuote(String s) {
    if (s == null) {
      return "''";
    }
    if (s.matches("[A-Za-z0-9_./@%+=:,-]+")) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static void goalAndTodos(StringBuilder sb, Checkpoint c) {
    if (c.goal() == null && c.todos().isEmpty()) {
      return;
    }
    sb.append("<section><h2>Goal and todos</h2>");
    if (c.goal() != null) {
      sb.append("<p class=\"goal\"><span class=\"goal-status\">").append(Html.esc(c.goal().status()))
          .append("</span> ").append(Html.esc(c.goal().objective())).append("</p>");
    }
    if (!c.todos().isEmpty()) {
      sb.append("<ul class=\"todos\">");
      for (Todo t : c.todos()) {
        sb.append("<li class=\"todo ").append(Html.esc(t.status())).append("\"><span class=\"todo-status\">")
            .append(Html.esc(t.status().replace('_', ' '))).append("</span> ").append(Html.esc(t.content()))
            .append("</li>");
      }
      sb.append("</ul>");
    }
    sb.append("</section>");
  }

  private static void files(StringBuilder sb, Checkpoint c, String base, String root) {
    if (c.files().isEmpty()) {
      return;
    }
    sb.append("<section><h2>Files</h2><table class=\"files\"><thead><tr><th scope=\"col\">Path</th>")
        .append("<th scope=\"col\">Role</th><th scope=\"col\">Now</th></tr></thead><tbody>");
    for (FileRef f : c.files()) {
      FileStatus st = FileStatus.of(f, base);
      String now = st == FileStatus.OK ? "as checkpointed" : st.mark();
      sb.append("<tr><td><code>").append(Html.esc(Text.shownPath(f.path(), root))).append("</code>");
      if (f.note() != null) {
        sb.append(" <span class=\"note\">").append(Html.esc(f.note())).append("</span>");
      }
      sb.append("</td><td>").append(Html.esc(f.role())).append("</td><td class=\"file-status ")
          .append(st.json()).append("\">").append(Html.esc(now)).append("</td></tr>");
    }
    sb.append("</tbody></table></section>");
  }

  private static void commands(StringBuilder sb, Checkpoint c) {
    if (c.commands().isEmpty() && c.recentCommands().isEmpty()) {
      return;
    }
    sb.append("<section><h2>Commands</h2><table class=\"commands\"><thead><tr><th scope=\"col\">Command</th>")
        .append("<th scope=\"col\">Exit code</th></tr></thead><tbody>");
    if (!c.commands().isEmpty()) {
      for (CommandRun r : c.commands()) {
        String code = r.exitCode() == null ? "?" : r.exitCode().toString();
        String cls = r.exitCode() == null ? "unknown" : r.exitCode() == 0 ? "ok" : "failed";
        sb.append("<tr><td><code>").append(Html.esc(Text.oneLine(r.command(), 400))).append("</code></td><td class=\"exit ")
            .append(cls).append("\">").append(code).append("</td></tr>");
      }
    } else {
      for (String r : c.recentCommands()) {
        sb.append("<tr><td><code>").append(Html.esc(Text.oneLine(r, 400)))
            .append("</code></td><td class=\"exit unknown\">?</td></tr>");
      }
    }
    sb.append("</tbody></table></section>");
  }

  private static void list(StringBuilder sb, String title, String cls, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    sb.append("<section><h2>").append(title).append("</h2><ul class=\"").append(cls).append("\">");
    for (String i : items) {
      sb.append("<li>").append(Html.esc(i)).append("</li>");
    }
    sb.append("</ul></section>");
  }

  private static void checkpoints(StringBuilder sb, Session s, Frame frame, Integer from, Integer to, String root) {
    List<Checkpoint> cps = s.checkpoints();
    sb.append("<section id=\"checkpoints\"><h2>Checkpoints</h2>");
    if (cps.isEmpty()) {
      sb.append("<p>None yet.</p></section>");
      return;
    }
    sb.append("<ol class=\"checkpoints\">");
    for (Checkpoint c : cps) {
      String what = c.summary() != null ? c.summary() : c.currentTask();
      sb.append("<li class=\"checkpoint ").append(c.isAuto() ? "auto" : "manual").append("\"><span class=\"kind\">")
          .append(c.isAuto() ? "automatic" : "manual").append("</span> <time>").append(Html.esc(c.timestamp()))
          .append("</time> ").append(Html.esc(Text.oneLine(what, 200))).append(" <span class=\"meta\">(")
          .append(c.files().size()).append(" files)</span></li>");
    }
    sb.append("</ol>");
    if (cps.size() < 2) {
      sb.append("</section>");
      return;
    }
    int t = to != null && to >= 1 && to <= cps.size() ? to : cps.size();
    int f = from != null && from >= 1 && from <= cps.size() ? from : Math.max(1, t - 1);
    if (frame.linked()) {
      sb.append("<form class=\"diff-form\" method=\"get\" action=\"#diff\">");
      select(sb, "from", "Compare checkpoint", f, cps.size());
      select(sb, "to", "with checkpoint", t, cps.size());
      sb.append("<button type=\"submit\">Show diff</button></form>");
    }
    Map<String, Object> d = DiffView.compute(cps.get(f - 1), cps.get(t - 1), f, t);
    diff(sb, d, root);
    sb.append("</section>");
  }

  private static void select(StringBuilder sb, String name, String label, int chosen, int n) {
    sb.append("<label>").append(label).append(" <select name=\"").append(name).append("\" id=\"diff-").append(name)
        .append("\">");
    for (int i = 1; i <= n; i++) {
      sb.append("<option value=\"").append(i).append('"').append(i == chosen ? " selected" : "").append(">#")
          .append(i).append("</option>");
    }
    sb.append("</select></label> ");
  }

  private static void diff(StringBuilder sb, Map<String, Object> d, String root) {
    sb.append("<div class=\"diff\" id=\"diff\"><h3>Checkpoint #").append(d.get("from")).append(" → #")
        .append(d.get("to")).append("</h3>");
    boolean any = false;
    for (Object o : Json.arr(d.get("changed"))) {
      Map<String, Object> ch = Json.obj(o);
      sb.append("<div class=\"changed\"><strong>").append(Html.esc(Json.str(ch.get("field")).replace('_', ' ')))
          .append("</strong><div class=\"del\">− ").append(Html.esc(orNone(Json.str(ch.get("from")))))
          .append("</div><div class=\"add\">+ ").append(Html.esc(orNone(Json.str(ch.get("to"))))).append("</div></div>");
      any = true;
    }
    Map<String, Object> files = Json.obj(d.get("files"));
    any |= items(sb, "Files added", "add", "+", paths(Json.arr(files.get("added")), root));
    any |= items(sb, "Files removed", "del", "−", paths(Json.arr(files.get("removed")), root));
    any |= items(sb, "Files with a new role", "role", "~", paths(Json.arr(files.get("role_changed")), root));
    for (String key : List.of("key_decisions", "open_questions", "todos")) {
      Map<String, Object> l = Json.obj(d.get(key));
      String title = key.substring(0, 1).toUpperCase() + key.substring(1).replace('_', ' ');
      any |= items(sb, title + " added", "add", "+", Json.arr(l.get("added")));
      any |= items(sb, title + " removed", "del", "−", Json.arr(l.get("removed")));
    }
    if (!any) {
      sb.append("<p>No changes in task, summary, branch, files, decisions, open questions or todos.</p>");
    }
    sb.append("</div>");
  }

  private static List<Object> paths(List<Object> files, String root) {
    List<Object> out = new java.util.ArrayList<>();
    for (Object o : files) {
      Map<String, Object> f = Json.obj(o);
      String was = Json.str(f.get("was"));
      out.add(Text.shownPath(Json.str(f.get("path")), root) + " (" + (was == null ? "" : was + " → ") + Json.str(f.get("role")) + ")");
    }
    return out;
  }

  private static boolean items(StringBuilder sb, String title, String cls, String sign, List<Object> items) {
    if (items.isEmpty()) {
      return false;
    }
    sb.append("<h4>").append(Html.esc(title)).append("</h4><ul class=\"").append(cls).append("\">");
    for (Object o : items) {
      sb.append("<li>").append(sign).append(' ').append(Html.esc(String.valueOf(o))).append("</li>");
    }
    sb.append("</ul>");
    return true;
  }

  private static String orNone(String s) {
    return s == null ? "(none)" : s;
  }
}
