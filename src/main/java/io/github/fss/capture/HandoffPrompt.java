package io.github.fss.capture;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A first prompt made by {@code fss restore --for AGENT} (it ends with an {@code fss-handoff: <id>}
 * line): the task it hands over, so the new session's task is the work it continues, not the
 * prompt's opening sentence ("I'm continuing work started in an earlier … session").
 */
final class HandoffPrompt {
  private static final Pattern MARKER = Pattern.compile("(?m)^[ \\t]*fss-handoff:[ \\t]*\\S+[ \\t]*\\r?$");
  private static final Pattern TASK = Pattern.compile("(?m)^[ \\t]*Current task:[ \\t]*(\\S.*?)[ \\t\\r]*$");
  private static final Pattern SUMMARY = Pattern.compile("(?m)^[ \\t]*Summary:[ \\t]*(\\S.*?)[ \\t\\r]*$");
  private static final Pattern REQUESTS =
      Pattern.compile("(?m)^[#\\s]*Last requests[^\\n]*\\n[ \\t]*- (\\S.*?)[ \\t\\r]*$");

  private HandoffPrompt() {}

  /**
   * The handed-over task (its current task, else its latest request, else its summary), or null
   * for any other prompt.
   */
  static String task(String prompt) {
    if (prompt == null || !prompt.contains("fss-handoff:") || !MARKER.matcher(prompt).find()) {
      return null;
    }
    Matcher m = TASK.matcher(prompt);
    if (m.find()) {
      return m.group(1);
    }
    m = REQUESTS.matcher(prompt);
    if (m.find()) {
      return m.group(1);
    }
    m = SUMMARY.matcher(prompt);
    return m.find() ? m.group(1) : null;
  }
}
