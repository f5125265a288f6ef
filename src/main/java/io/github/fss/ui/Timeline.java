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
    sb.append("<text class=\"axis\" x=\"").append(LABEL).append("\" y=\"14\" font-size=\"11\" fill=\"#374151\">")
        .append(Html.esc(Timestamps.format(Instant.ofEpochMilli(t0)))).append("</text>");
    sb.append("<text class=\"axis\" x=\"").append(WIDTH - 4).append("\" y=\"14\" font-size=\"11\" fill=\"#374151\" text-anchor=\"end\">")
        .append(Html.esc(Timestamps.format(Instant.ofEpochMilli(t1)))).append("</text>");
    int y = 24;
    for (Session s : rows) {
      row(sb, s, y, t0, t1, now, link == null ? null : link.apply(s));
      y += ROW;
    }
    if (sessions.size() > rows.size()) {
      sb.append("<text x=\"4\" y=\"").append(y + 12).append("\" font-size=\"11\" fill=\"#374151\">")
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
    sb.append("<g class=\"session ").append(Html.esc(status)).append("\" data-session=\"")
        .append(Html.esc(s.sessionId())).append("\">");
    if (href != null) {
      sb.append("<a href=\"").append(Html.esc(href)).append("\">");
    }
    sb.append("<title>").append(Html.esc(s.tool() + " · " + status + " · " + s.sessionId() + "\n"
        + Text.oneLine(task, 200))).append("</title>");
    sb.append("<text class=\"agent\" x=\"4\" y=\"").append(y + 11).append("\" font-size=\"12\" fill=\"")
        .append(colour).append("\">").append(Html.esc(Text.oneLine(s.tool() == null ? "agent" : s.tool(), 14)))
        .append(" ").append(Html.esc(Text.oneLine(s.sessionId(), 8))).append("</text>");
    sb.append("<rect class=\"bar\" x=\"").append(fmt(x0)).append("\" y=\"").append(y).append("\" width=\"")
        .append(fmt(x1 - x0)).append("\" height=\"14\" rx=\"3\" fill=\"").append(colour)
        .append("\" fill-opacity=\"").append("active".equals(status) ? "0.9" : "0.55").append("\"/>");
    int n = 1;
    for (Checkpoint c : s.checkpoints()) {
      long t = Math.min(b, Math.max(a, millis(c.timestamp(), now)));
      double x = x(t, t0, t1);
      boolean manual = !c.isAuto();
      sb.append("<line class=\"tick ").append(manual ? "manual" : "auto").append("\" x1=\"").append(fmt(x))
          .append("\" x2=\"").append(fmt(x)).append("\" y1=\"").append(manual ? y - 4 : y + 3).append("\" y2=\"")
          .append(manual ? y + 18 : y + 11).append("\" stroke=\"").append(manual ? "#111827" : "#f9fafb")
          .append("\" stroke-width=\"").append(manual ? "2.5" : "1.5").append("\"><title>#").append(n++).append(' ')
          .append(manual ? "manual" : "automatic").append(" checkpoint ").append(Html.esc(c.timestamp()))
          .append("</title></line>");
    }
    mark(sb, status, x1, y);
    if (href != null) {
      sb.append("</a>");
    }
    sb.append("</g>");
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
        .append("\" y=\"").append(y + 11).append("\" font-size=\"11\" fill=\"").append(colour).append("\">")
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
    return String.valueOf(Math.round(d * 10) / 10.0);
  }
}
