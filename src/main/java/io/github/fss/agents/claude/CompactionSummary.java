package io.github.fss.agents.claude;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shortens the summary Claude Code writes after a compaction to what the next session needs. The
 * summary follows a fixed outline ("1. Primary Request and Intent" … "7. Pending Tasks", "8.
 * Current Work", "9. Optional Next Step"), preceded by a scratch "Analysis:" and a boilerplate
 * preamble. When those sections are found the note is made of them, what is left to do first and
 * the original request last; otherwise it is the head of the text without the preamble.
 */
final class CompactionSummary {
  static final String PREAMBLE = "This session is being continued from a previous conversation";

  /** Kinds of section, in the order they are put in the note, with a character budget each. */
  private enum Section {
    PENDING("Pending Tasks", 1200),
    CURRENT("Current Work", 1200),
    NEXT("Next Step", 800),
    PRIMARY("Primary Request and Intent", 600),
    OTHER(null, 0);

    final String title;
    final int budget;

    Section(String title, int budget) {
      this.title = title;
      this.budget = budget;
    }
  }

  /** A heading line: optional "#", number and bold around a short title, nothing after the colon. */
  private static final Pattern HEADING = Pattern.compile(
      "(?m)^[ \\t]{0,3}(?:#{1,6}[ \\t]*)?(?:\\d{1,2}[.)][ \\t]*)?(?:\\*\\*)?([A-Za-z][A-Za-z /&'()-]{2,60}?)"
          + "[ \\t]*(?:\\*\\*)?[ \\t]*:?[ \\t]*(?:\\*\\*)?[ \\t]*$");
  private static final Pattern SUMMARY_LINE = Pattern.compile("(?m)^[ \\t]*(?:#{1,6}[ \\t]*)?(?:\\*\\*)?Summary:?(?:\\*\\*)?:?[ \\t]*$");
  /** Closing boilerplate that points at the old transcript or tells the model to go on. */
  private static final String[] TAILS = {
    "If you need specific details from before compaction",
    "Please continue the conversation from where we left",
  };
  private static final int FALLBACK = 2000;
  /** Harness context inside the summary (2.1.3xx: the tools used before it): not the summary. */
  private static final Pattern REMINDER = Pattern.compile("(?s)<system-reminder>.*?</system-reminder>");

  private CompactionSummary() {}

  /** The note for a summary text; null when nothing is left. */
  static String note(String text) {
    if (text == null) {
      return null;
    }
    String body = withoutBoilerplate(text);
    Matcher s = SUMMARY_LINE.matcher(body);
    if (s.find()) {
      body = body.substring(s.end()); // what precedes "Summary:" is the model's scratch analysis
    }
    String sections = sections(body);
    if (sections != null) {
      return sections;
    }
    body = body.strip();
    if (body.isEmpty()) {
      return null;
    }
    return body.length() > FALLBACK ? cut(body, FALLBACK) : body;
  }

  private static String withoutBoilerplate(String text) {
    String t = REMINDER.matcher(text).replaceAll("").strip();
    if (t.startsWith(PREAMBLE)) {
      int para = t.indexOf("\n\n");
      t = para < 0 ? "" : t.substring(para + 2);
    }
    for (String tail : TAILS) {
      int at = t.lastIndexOf(tail);
      if (at >= 0) {
        t = t.substring(0, at);
      }
    }
    return t;
  }

  /** The wanted sections joined, or null when the text has none of Pending/Current/Next. */
  private static String sections(String body) {
    List<int[]> heads = new ArrayList<>(); // {start of heading line, end of heading line, section ordinal}
    Matcher m = HEADING.matcher(body);
    while (m.find()) {
      Section k = kind(m.group(1));
      if (k != null) {
        heads.add(new int[] {m.start(), m.end(), k.ordinal()});
      }
    }
    String[] found = new String[Section.values().length];
    boolean useful = false;
    for (int i = 0; i < heads.size(); i++) {
      int[] h = heads.get(i);
      Section k = Section.values()[h[2]];
      if (k == Section.OTHER || found[k.ordinal()] != null) {
        continue;
      }
      int end = i + 1 < heads.size() ? heads.get(i + 1)[0] : body.length();
      String part = dedent(body.substring(h[1], end));
      if (part.isEmpty()) {
        continue;
      }
      found[k.ordinal()] = part.length() > k.budget ? cut(part, k.budget) : part;
      useful |= k != Section.PRIMARY;
    }
    if (!useful) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (Section k : Section.values()) {
      String part = found[k.ordinal()];
      if (part != null) {
        if (out.length() > 0) {
          out.append("\n\n");
        }
        out.append(k.title).append(":\n").append(part);
      }
    }
    return out.toString();
  }

  /** Which section a heading title names; null when it is not a section of the outline. */
  private static Section kind(String title) {
    String t = title.strip().toLowerCase(Locale.ROOT);
    if (t.startsWith("optional ")) {
      t = t.substring(9);
    }
    if (t.startsWith("primary request")) {
      return Section.PRIMARY;
    }
    if (t.startsWith("pending task")) {
      return Section.PENDING;
    }
    if (t.startsWith("current work")) {
      return Section.CURRENT;
    }
    if (t.startsWith("next step")) {
      return Section.NEXT;
    }
    if (t.startsWith("key technical concept") || t.startsWith("files and code") || t.startsWith("errors and fix")
        || t.startsWith("problem solving") || t.startsWith("all user messages") || t.equals("analysis")) {
      return Section.OTHER;
    }
    return null;
  }

  /** The text without its blank edges and without the indentation all its lines share. */
  static String dedent(String text) {
    String[] lines = text.strip().isEmpty() ? new String[0] : text.split("\n", -1);
    int common = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        int i = 0;
        while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t')) {
          i++;
        }
        common = Math.min(common, i);
      }
    }
    if (common == Integer.MAX_VALUE) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String l : lines) {
      out.append(l.isBlank() ? "" : l.substring(common).stripTrailing()).append('\n');
    }
    return out.toString().strip();
  }

  /** The text cut to at most {@code max} characters, at a line end when one is near. */
  private static String cut(String text, int max) {
    int nl = text.lastIndexOf('\n', max);
    int at = nl > max / 2 ? nl : max;
    return text.substring(0, at).stripTrailing() + "\n…";
  }
}
