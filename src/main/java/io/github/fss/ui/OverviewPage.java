package io.github.fss.ui;

import io.github.fss.agents.AgentRegistry;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoredSession;
import io.github.fss.store.SummaryRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every project, the most recently active first: its timeline, branch, open questions and sessions. */
public final class OverviewPage {
  private OverviewPage() {}

  /** Sessions not yet expired (all with {@code all}), transferred ones included: the timeline marks them. */
  public static List<StoredSession> shown(SessionStore store, Instant now, boolean all) {
    // the projects' summaries: each session's lean copy holds what the page shows (bench/RESULTS.md, "Scale")
    List<SummaryRow> rows = new ArrayList<>();
    for (SummaryRow r : store.summaryAll()) {
      if (all || !store.expired(r, now)) {
        rows.add(r);
      }
    }
    rows.parallelStream().forEach(SummaryRow::session); // the lean copies parsed on every core
    List<StoredSession> out = new ArrayList<>(rows.size());
    for (SummaryRow r : rows) {
      out.add(r.stored(store.file(r)));
    }
    return out;
  }

  public static String render(List<StoredSession> sessions, Instant now, Frame frame, String storeHome) {
    List<StoredSession> sorted = new ArrayList<>(sessions);
    Map<StoredSession, Instant> last = new IdentityHashMap<>();
    for (StoredSession s : sorted) {
      Instant t = Timestamps.parse(s.session().lastActive());
      last.put(s, t == null ? Instant.EPOCH : t);
    }
    sorted.sort(Comparator.comparing((StoredSession s) -> last.get(s)).reversed());
    Map<String, List<StoredSession>> byProject = new LinkedHashMap<>();
    for (StoredSession s : sorted) {
      byProject.computeIfAbsent(s.projectKey(), k -> new ArrayList<>()).add(s);
    }
    // about 1 KB of page per session: sized once, the builder is not copied as it grows (a profile of
    // 1,000 sessions spent most of the render in those copies)
    StringBuilder sb = new StringBuilder(8192 + sorted.size() * 1200);
    sb.append("<h1>Projects</h1>");
    sb.append("<p class=\"meta\">").append(byProject.size()).append(" project").append(byProject.size() == 1 ? "" : "s")
        .append(", ").append(sorted.size()).append(" session").append(sorted.size() == 1 ? "" : "s")
        .append(" in ").append(Html.esc(storeHome)).append(" · as of ").append(Html.esc(Timestamps.format(now)))
        .append("</p>");
    if (byProject.isEmpty()) {
      sb.append("<p>No sessions yet. Install the hooks (<code>fss install all</code>) or save one with"
          + " <code>fss save</code>.</p>");
    }
    legend(sb);
    if (!byProject.isEmpty()) {
      sb.append("<nav class=\"jump\" aria-label=\"Projects\"><ul>");
      for (List<StoredSession> list : byProject.values()) {
        Session s = list.get(0).session();
        sb.append("<li><a href=\"#p-").append(Html.esc(list.get(0).projectKey())).append("\">")
            .append(Html.esc(name(s))).append("</a></li>");
      }
      sb.append("</ul></nav>");
    }
    for (List<StoredSession> list : byProject.values()) {
      project(sb, list, now, frame);
    }
    return frame.page("fss — projects", sb.toString());
  }

  private static String root(Session s) {
    return s.projectRoot() != null ? s.projectRoot() : s.workingDir();
  }

  /** The project folder's name, for the jump list (the full path heads its section). */
  private static String name(Session s) {
    String root = root(s);
    if (root == null) {
      return "(unknown)";
    }
    String t = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
    return t.substring(t.lastIndexOf('/') + 1);
  }

  private static void legend(StringBuilder sb) {
    sb.append("<ul class=\"legend\" aria-label=\"Legend\">");
    for (String tool : AgentRegistry.tools()) {
      sb.append("<li><span class=\"swatch agent-").append(tool).append("\"></span>").append(tool).append("</li>");
    }
    sb.append("<li>┃ manual checkpoint</li><li>╎ automatic checkpoint</li>")
        .append("<li>● active</li><li>■ ended</li><li>! interrupted</li><li>→ transferred</li></ul>");
  }

  private static void project(StringBuilder sb, List<StoredSession> list, Instant now, Frame frame) {
    Session first = list.get(0).session();
    String key = list.get(0).projectKey();
    String root = root(first);
    String branch = null;
    Set<String> questions = new LinkedHashSet<>();
    for (StoredSession s : list) {
      Checkpoint c = s.session().latest();
      if (c == null) {
        continue;
      }
      if (branch == null && c.gitBranch() != null) {
        branch = c.gitBranch();
      }
      if (s.session().recoverable()) {
        questions.addAll(c.openQuestions());
      }
    }
    sb.append("<section class=\"project\" id=\"p-").append(Html.esc(key)).append("\"><h2>").append(Html.esc(root))
        .append("</h2><p class=\"meta\">").append(list.size()).append(" session").append(list.size() == 1 ? "" : "s")
        .append(" · last active ").append(Html.esc(Timestamps.age(Timestamps.parse(first.lastActive()), now)))
        .append(" ago");
    if (branch != null) {
      sb.append(" · branch <code class=\"branch\">").append(Html.esc(branch)).append("</code>");
    }
    sb.append("</p>");
    List<Session> sessions = new ArrayList<>();
    for (StoredSession s : list) {
      sessions.add(s.session());
    }
    Map<Session, String> links = new IdentityHashMap<>();
    for (StoredSession s : list) {
      links.put(s.session(), frame.href(SessionPage.path(s)));
    }
    sb.append("<div class=\"timeline-box\">").append(Timeline.svg(sessions, now, links::get)).append("</div>");
    if (!questions.isEmpty()) {
      sb.append("<h3>Open questions</h3><ul class=\"questions\">");
      int n = 0;
      for (String q : questions) {
        if (n++ == 5) {
          break;
        }
        sb.append("<li>").append(Html.esc(Text.oneLine(q, 300))).append("</li>");
      }
      sb.append("</ul>");
    }
    // a line per session, not a table row of ten elements: with 1,000 sessions the table was 10,000
    // of the page's 23,000 nodes (bench/RESULTS.md, "UI"); the words say what the columns did
    sb.append("<ul class=\"sessions\" aria-label=\"Sessions\">");
    for (StoredSession s : list) {
      Session ses = s.session();
      Checkpoint c = ses.latest();
      String task = c == null ? "(no checkpoint yet)" : c.currentTask() != null ? c.currentTask()
          : c.summary() != null ? c.summary() : "(no task)";
      String status = ses.displayStatus(now);
      int n = ses.checkpoints().size();
      sb.append("<li>");
      String href = frame.href(SessionPage.path(s));
      if (href != null) {
        sb.append("<a class=\"session-link\" href=\"").append(Html.esc(href)).append("\">")
            .append(Html.esc(Text.oneLine(task, 140))).append("</a>");
      } else {
        sb.append(Html.esc(Text.oneLine(task, 140)));
      }
      sb.append(" <span class=\"status ").append(Html.esc(status)).append("\">").append(Html.esc(status))
          .append("</span> · ").append(Html.esc(ses.tool())).append(" · ")
          .append(Html.esc(Timestamps.age(Timestamps.parse(ses.lastActive()), now))).append(" ago · ").append(n)
          .append(n == 1 ? " checkpoint · " : " checkpoints · ").append(Html.esc(ses.sessionId())).append("</li>");
    }
    sb.append("</ul></section>");
  }
}
