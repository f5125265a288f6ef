package io.github.fss.render;

import io.github.fss.json.Json;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a new session is told at start: up to three recoverable sessions of its project and how to
 * restore one, so the agent can ask "Found 1 previous session — restore?". Within the token budget.
 */
public final class StartNotice {
  public static final int MAX_SESSIONS = 3;

  private StartNotice() {}

  public static String text(List<Session> sessions, int total, Instant now, String launcher, int budget,
      String problems) {
    BudgetedText doc = new BudgetedText();
    int n = Math.min(MAX_SESSIONS, sessions.size());
    List<String> lines = new ArrayList<>();
    if (n > 0) {
      lines.add("fireworks-sessions-saver: " + total + " earlier session" + (total == 1 ? "" : "s")
          + " in this project can be restored (newest first" + (total > n ? ", " + n + " shown" : "") + "):");
    }
    for (int i = 0; i < n; i++) {
      lines.add(line(i + 1, sessions.get(i), now));
    }
    if (n > 0) {
      lines.add("Ask the user: \"Found " + total + " previous session" + (total == 1 ? "" : "s")
          + " — restore?\" If yes, run `" + launcher + " restore <id>` and continue from its summary.");
      doc.section(0, null, lines, 2);
    }
    if (problems != null) {
      doc.section(1, null, List.of(problems));
    }
    return doc.render(budget);
  }

  static String line(int n, Session s, Instant now) {
    Checkpoint c = s.latest();
    StringBuilder sb = new StringBuilder();
    sb.append(n).append(". ").append(Timestamps.age(Timestamps.parse(s.lastActive()), now)).append(" ago · ")
        .append(RestoreView.oneLine(s.tool(), 40)).append(" · ").append(s.displayStatus(now));
    if (c != null) {
      String task = c.currentTask() != null ? c.currentTask() : c.summary();
      if (task != null) {
        sb.append(" · task: ").append(RestoreView.oneLine(task, 160));
      }
      if (c.goal() != null) {
        String objective = RestoreView.oneLine(c.goal().objective(), 160);
        sb.append(" · goal ").append(c.goal().status());
        if (!objective.equals(task)) {
          sb.append(": ").append(objective);
        }
      }
      if (c.gitBranch() != null) {
        sb.append(" · branch ").append(RestoreView.oneLine(c.gitBranch(), 100));
      }
      sb.append(" · ").append(c.files().size()).append(" file").append(c.files().size() == 1 ? "" : "s");
      if (!c.openQuestions().isEmpty()) {
        sb.append(" · ").append(c.openQuestions().size()).append(" open question")
            .append(c.openQuestions().size() == 1 ? "" : "s");
      }
    }
    sb.append(" · id ").append(s.sessionId());
    return sb.toString();
  }

  /** The hook output that injects {@code text} as context for the given event. */
  public static String hookOutput(String event, String text) {
    Map<String, Object> specific = new LinkedHashMap<>();
    specific.put("hookEventName", event);
    // the agent reads this text as its own context: no raw control character from a transcript
    specific.put("additionalContext", Printable.escape(text));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("hookSpecificOutput", specific);
    return Json.write(out, false) + "\n";
  }
}
