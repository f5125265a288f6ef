package io.github.fss.render;

import io.github.fss.model.Checkpoint;
import io.github.fss.model.FileRef;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
import io.github.fss.store.SessionCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The few facts that identify a session in a list: age, tool, status, task, goal, files, first question. */
public final class SessionLine {
  private SessionLine() {}

  /** Several lines of text, indented under a numbered first line. */
  public static List<String> text(int n, Session s, Instant now) {
    Checkpoint c = s.latest();
    List<String> out = new ArrayList<>();
    String task = c == null ? null : c.currentTask() != null ? c.currentTask() : c.summary();
    // what String.format("%2d. %-4s %-12s %-11s %s", …) gave, without a Formatter per line: the
    // 1,000-session dashboard spent ~80 ms of cold code formatting these lines
    StringBuilder first = new StringBuilder(160);
    pad(first, Integer.toString(n), 2, true).append(". ");
    pad(first, Timestamps.age(Timestamps.parse(s.lastActive()), now), 4, false).append(' ');
    pad(first, RestoreView.oneLine(s.tool(), 40), 12, false).append(' ');
    pad(first, s.displayStatus(now), 11, false).append(' ');
    first.append(task == null ? "(no checkpoint yet)" : RestoreView.oneLine(task, 100));
    out.add(first.toString());
    if (c != null && c.goal() != null) {
      String objective = RestoreView.oneLine(c.goal().objective(), 100);
      out.add("      goal: " + c.goal().status() + (objective.equals(task) ? "" : " · " + objective));
    }
    if (c != null && c.summary() != null && !c.summary().equals(task)) {
      out.add("      summary: " + RestoreView.oneLine(c.summary(), 110));
    }
    if (c != null && !c.files().isEmpty()) {
      List<String> names = new ArrayList<>();
      for (FileRef f : c.files().subList(0, Math.min(3, c.files().size()))) {
        names.add(Paths.shown(f.path(), s.projectRoot()));
      }
      String more = c.files().size() > 3 ? " (+" + (c.files().size() - 3) + ")" : "";
      out.add("      files: " + String.join(", ", names) + more);
    }
    if (c != null && !c.openQuestions().isEmpty()) {
      out.add("      open question: " + RestoreView.oneLine(c.openQuestions().get(0), 100));
    }
    out.add("      id: " + s.sessionId() + (s.machine() == null ? "" : " (from " + s.machine() + ")"));
    return out;
  }

  /** Appends the value (or "null") padded with spaces to {@code width}, on the left if {@code right}. */
  private static StringBuilder pad(StringBuilder sb, String value, int width, boolean right) {
    String v = String.valueOf(value);
    if (!right) {
      sb.append(v);
    }
    for (int i = v.length(); i < width; i++) {
      sb.append(' ');
    }
    return right ? sb.append(v) : sb;
  }

  /** The stable JSON shape of one listed session (documented in the README). */
  public static Map<String, Object> json(Session s, Instant now) {
    Checkpoint c = s.latest();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("session_id", s.sessionId());
    m.put("tool", s.tool());
    m.put("status", s.status().json());
    m.put("display_status", s.displayStatus(now));
    m.put("project_root", s.projectRoot());
    m.put("working_dir", s.workingDir());
    m.put("last_active", s.lastActive());
    m.put("checkpoints", s.checkpoints().size());
    m.put("current_task", c == null ? null : c.currentTask());
    m.put("summary", c == null ? null : c.summary());
    List<Object> files = new ArrayList<>();
    if (c != null) {
      for (FileRef f : c.files()) {
        files.add(f.path());
      }
    }
    m.put("files", files);
    m.put("open_questions", c == null ? List.of() : c.openQuestions());
    m.put("git_branch", c == null ? null : c.gitBranch());
    m.put("goal", c == null || c.goal() == null ? null : SessionCodec.goal(c.goal()));
    m.put("machine", s.machine());
    return m;
  }
}
