package io.github.fss.ui;

import io.github.fss.agents.AgentRegistry;
import io.github.fss.history.Hit;
import io.github.fss.model.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The search form (query, project, agent, since) and its hits with snippets and links. */
public final class SearchPage {
  /** The agents offered as a filter, by stored tool (the index stores Claude Code as claude-code). */
  static final List<String> AGENTS = AgentRegistry.tools();
  static final List<String> SINCE = List.of("1d", "7d", "30d");

  private SearchPage() {}

  /** The form as asked; {@code hits} null when no query was given, {@code error} when it failed. */
  public record Form(String query, String project, String agent, String since) {}

  public static String render(Form form, Map<String, String> projects, List<Hit> hits, String error, Instant now,
      Frame frame) {
    StringBuilder sb = new StringBuilder(8192);
    sb.append("<h1>Search</h1><form class=\"search\" role=\"search\" method=\"get\" action=\"")
        .append(Html.esc(frame.href("/search"))).append("\">")
        .append("<label>Words <input type=\"search\" name=\"q\" id=\"q\" value=\"").append(Html.esc(form.query()))
        .append("\" placeholder='refund webhook, \"exact phrase\", prefix*'></label> ");
    sb.append("<label>Project <select name=\"project\" id=\"project\"><option value=\"\">all</option>");
    for (Map.Entry<String, String> p : projects.entrySet()) {
      option(sb, p.getKey(), p.getValue(), p.getKey().equals(form.project()));
    }
    sb.append("</select></label> <label>Agent <select name=\"agent\" id=\"agent\"><option value=\"\">any</option>");
    for (String a : AGENTS) {
      option(sb, a, a, a.equals(form.agent()));
    }
    sb.append("</select></label> <label>Active in <select name=\"since\" id=\"since\"><option value=\"\">any time</option>");
    for (String s : SINCE) {
      option(sb, s, "the last " + s, s.equals(form.since()));
    }
    sb.append("</select></label> <button type=\"submit\">Search</button></form>");
    if (error != null) {
      sb.append("<p class=\"error\" role=\"alert\">").append(Html.esc(error)).append("</p>");
    } else if (hits != null) {
      sb.append("<p class=\"meta\" id=\"hit-count\">").append(hits.size()).append(hits.size() == 1 ? " session" : " sessions")
          .append(" match <q>").append(Html.esc(form.query())).append("</q></p><ol class=\"hits\">");
      for (Hit h : hits) {
        hit(sb, h, now, frame);
      }
      sb.append("</ol>");
    }
    return frame.page("fss — search", sb.toString());
  }

  private static void hit(StringBuilder sb, Hit h, Instant now, Frame frame) {
    String href = frame.href("/s/" + Html.segment(h.projectKey()) + "/" + Html.segment(h.sessionId()));
    String age = h.lastMillis() == 0 ? "?" : Timestamps.age(Instant.ofEpochMilli(h.lastMillis()), now) + " ago";
    sb.append("<li class=\"hit\"><a class=\"hit-link\" href=\"").append(Html.esc(href)).append("\">")
        .append(Html.esc(h.sessionId())).append("</a> <span class=\"swatch agent-").append(Html.esc(h.agent()))
        .append("\"></span>").append(Html.esc(h.agent())).append(" · ").append(Html.esc(age)).append(" · <code>")
        .append(Html.esc(h.projectRoot())).append("</code>");
    if (h.transcriptGone()) {
      sb.append(" · <em>transcript deleted; text kept</em>");
    }
    if (h.snippet() != null) {
      sb.append("<div class=\"snippet\"><span class=\"kind\">").append(Html.esc(h.snippet().kind()))
          .append("</span> ").append(h.snippet().render("<mark>", "</mark>", Html::esc)).append("</div>");
    }
    sb.append("</li>");
  }

  private static void option(StringBuilder sb, String value, String label, boolean selected) {
    sb.append("<option value=\"").append(Html.esc(value)).append('"').append(selected ? " selected" : "")
        .append('>').append(Html.esc(label)).append("</option>");
  }
}
