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
      lines.add(header(n, total));
    }
    for (int i = 0; i < n; i++) {
      lines.add(line(i + 1, sessions.get(i), now));
    }
    if (n > 0) {
      lines.add(ask(total, launcher));
      doc.section(0, null, lines, 2);
    }
    if (problems != null) {
      doc.section(1, null, List.of(problems));
    }
    return doc.render(budget);
  }

  static String line(int n, Session s, Instant now) {
    String[] p = lineParts(n, s);
    return p[0] + Timestamps.age(Timestamps.parse(s.lastActive()), now) + p[1] + s.displayStatus(now) + p[2];
  }

  /**
   * A session's line in three parts around its two time-dependent words, its age and its status:
   * {@code parts[0] + age + parts[1] + status + parts[2]}. The launcher fills them in (bin/fss).
   */
  public static String[] lineParts(int n, Session s) {
    String head = n + ". ";
    String middle = " ago · " + RestoreView.oneLine(s.tool(), 40) + " · ";
    Checkpoint c = s.latest();
    StringBuilder sb = new StringBuilder();
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
    return new String[] {head, middle, sb.toString()};
  }

  /** The header line above the sessions' lines (n shown of total). */
  public static String header(int n, int total) {
    return "fireworks-sessions-saver: " + total + " earlier session" + (total == 1 ? "" : "s")
        + " in this project can be restored (newest first" + (total > n ? ", " + n + " shown" : "") + "):";
  }

  /** The closing line: what to ask and how to restore. */
  public static String ask(int total, String launcher) {
    return "Ask the user: \"Found " + total + " previous session" + (total == 1 ? "" : "s")
        + " — restore?\" If yes, run `" + launcher + " restore <id>` and continue from its summary.";
  }

  /** The start of {@link #hookOutput}'s JSON, up to its text. */
  public static String hookOutputHead(String event) {
    String empty = hookOutput(event, "");
    return empty.substring(0, empty.lastIndexOf("\"\"") + 1);
  }

  /** The end of {@link #hookOutput}'s JSON, after its text. */
  public static String hookOutputTail(String event) {
    String empty = hookOutput(event, "");
    return empty.substring(empty.lastIndexOf("\"\"") + 1);
  }

  /** {@code text} as it stands inside {@link #hookOutput}'s JSON string: Printable-escaped, then JSON-escaped. */
  public static String hookOutputEscaped(String text) {
    String s = Json.write(Printable.escape(text), false);
    return s.substring(1, s.length() - 1);
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
