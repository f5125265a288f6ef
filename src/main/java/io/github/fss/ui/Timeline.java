package io.github.fss.ui;

import io.github.fss.agents.Agent;
import io.github.fss.agents.AgentRegistry;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One project's sessions as an SVG drawn here, no chart library: a bar per session from its start to
 * its last activity, coloured and labelled by agent; a tick per checkpoint (manual tall and dark,
 * automatic short and light); a mark at the bar's end for ended, interrupted, transferred or active.
 */
public final class Timeline {
  static final int WIDTH = 900;
  static final int LABEL = 150;
  static final int ROW = 26;
  static final int MAX_ROWS = 40;

  private Timeline() {}

  /** The agent's colour; unknown agents are grey, and every bar also carries the agent's name. */
  static String colour(String tool) {
    Agent agent = tool == null ? null : AgentRegistry.byTool(tool);
    return agent == null ? "#6b7280" : agent.colour();
  }

  /** The SVG for sessions (newest first); {@code link} gives a session's page or null for none. */
  public static String svg(List<Session> sessions, Instant now, Function<Session, String> link) {
    List<Session> rows = sessions.subList(0, Math.min(MAX_ROWS, sessions.size()));
    long t0 = Long.MAX_VALUE;
    long t1 = Long.MIN_VALUE;
    for (Session s : rows) {
      long a = millis(s.startTime(), now);
      long b = Math.max(a, millis(s.lastActive(), now));
      t0 = Math.min(t0, a);
      t1 = Math.max(t1, b);
    }
    if (rows.isEmpty()) {
      t0 = now.toEpochMilli();
      t1 = t0;
    }
    if (t1 - t0 < 60_000) {
      t1 = t0 + 60_000;
    }
    int height = 30 + rows.size() * ROW + 20;
    StringBuilder sb = new StringBuilder(4096);
    sb.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ")
        .append(WIDTH).append(' ').append(height).append("\" width=\"").append(WIDTH).append("\" height=\"")
        .append(height).append("\" aria-label=\"Timeline of ").append(rows.size()).append(" sessions\">");
    sb.append("<text class=\"axis\" x=\"").append(LABEL).append("\" y=\"14\">")
        .append(Html.esc(Timestamps.format(Instant.ofEpochMilli(t0)))).append("</text>");
    sb.append("<text class=\"axis\" x=\"").append(WIDTH - 4).append("\" y=\"14\" text-anchor=\"end\">")
        .append(Html.esc(Timestamps.format(Instant.ofEpochMilli(t1)))).append("</text>");
    int y = 24;
    for (Session s : rows) {
      row(sb, s, y, t0, t1, now, link == null ? null : link.apply(s));
      y += ROW;
    }
    if (sessions.size() > rows.size()) {
      sb.append("<text x=\"4\" y=\"").append(y + 12).append("\" class=\"axis\">")
          .append(sessions.size() - rows.size()).append(" older sessions not drawn</text>");
    }
    return sb.append("</svg>").toString();
  }

  private static void row(StringBuilder sb, Session s, int y, long t0, long t1, Instant now, String href) {
    long a = millis(s.startTime(), now);
    long b = Math.max(a, millis(s.lastActive(), now));
    double x0 = x(a, t0, t1);
    double x1 = Math.max(x0 + 4, x(b, t0, t1));
    String status = s.displayStatus(now);
    String colour = colour(s.tool());
    Checkpoint latest = s.latest();
    String task = latest == null ? "(no checkpoint yet)"
        : latest.currentTask() != null ? latest.currentTask() : String.valueOf(latest.summary());
    // one path per kind of checkpoint, not an element (and tooltip) per tick: the overview of 1,000
    // sessions had 23,000 nodes, and parsing them was most of its load (bench/RESULTS.md, "UI")
    StringBuilder manualTicks = new StringBuilder();
    StringBuilder autoTicks = new StringBuilder();
    int manual = 0;
    for (Checkpoint c : s.checkpoints()) {
      long t = Math.min(b, Math.max(a, millis(c.timestamp(), now)));
      String x = fmt(x(t, t0, t1));
      if (c.isAuto()) {
        autoTicks.append('M').append(x).append(' ').append(y + 3).append("v8");
      } else {
        manual++;
        manualTicks.append('M').append(x).append(' ').append(y - 4).append("v22");
      }
    }
    int total = s.checkpoints().size();
    Checkpoint last = s.latest();
    // the link is the session's group itself (one element fewer per session); a group when unlinked
    sb.append(href != null ? "<a class=\"session " : "<g class=\"session ").append(Html.esc(status)).append('"');
    if (href != null) {
      sb.append(" href=\"").append(Html.esc(href)).append('"');
    }
    sb.append('>');
    sb.append("<title>").append(Html.esc(s.tool() + " · " + status + " · " + s.sessionId() + " · " + total
        + (total == 1 ? " checkpoint" : " checkpoints") + " (" + manual + " manual, " + (total - manual)
        + " automatic)" + (last == null || last.timestamp() == null ? "" : ", last " + last.timestamp()) + "\n"
        + Text.oneLine(task, 200))).append("</title>");
    sb.append("<text class=\"agent\" x=\"4\" y=\"").append(y + 11).append("\" fill=\"")
        .append(colour).append("\">").append(Html.esc(Text.oneLine(s.tool() == null ? "agent" : s.tool(), 14)))
        .append(" ").append(Html.esc(Text.oneLine(s.sessionId(), 8))).append("</text>");
    sb.append("<rect class=\"bar\" x=\"").append(fmt(x0)).append("\" y=\"").append(y).append("\" width=\"")
        .append(fmt(x1 - x0)).append("\" height=\"14\" fill=\"").append(colour).append("\"/>");
    if (manualTicks.length() > 0) {
      sb.append("<path class=\"tick manual\" d=\"").append(manualTicks).append("\"/>");
    }
    if (autoTicks.length() > 0) {
      sb.append("<path class=\"tick auto\" d=\"").append(autoTicks).append("\"/>");
    }
    mark(sb, status, x1, y);
    sb.append(href != null ? "</a>" : "</g>");
  }

  /** The end-of-bar mark: ■ ended, ! interrupted, → transferred, ● active; shape and word both. */
  private static void mark(StringBuilder sb, String status, double x, int y) {
    String symbol;
    String colour;
    switch (status) {
      case "ended": symbol = "■ ended"; colour = "#374151"; break;
      case "interrupted": symbol = "! interrupted"; colour = "#b91c1c"; break;
      case "transferred": symbol = "→ transferred"; colour = "#1d4ed8"; break;
      default: symbol = "● active"; colour = "#15803d"; break;
    }
    double tx = Math.min(x + 5, WIDTH - 90);
    sb.append("<text class=\"status-mark ").append(Html.esc(status)).append("\" x=\"").append(fmt(tx))
        .append("\" y=\"").append(y + 11).append("\" fill=\"").append(colour).append("\">")
        .append(symbol).append("</text>");
  }

  private static double x(long t, long t0, long t1) {
    return LABEL + (double) (t - t0) / (t1 - t0) * (WIDTH - LABEL - 95);
  }

  private static long millis(String ts, Instant now) {
    Instant t = Timestamps.parse(ts);
    return (t == null ? now : t).toEpochMilli();
  }

  private static String fmt(double d) {
    long tenths = Math.round(d * 10);
    return tenths % 10 == 0 ? String.valueOf(tenths / 10) : String.valueOf(tenths / 10.0);
  }
}
