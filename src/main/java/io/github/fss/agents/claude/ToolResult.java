package io.github.fss.agents.claude;

import io.github.fss.json.Json;
import java.util.List;
import java.util.Map;

/**
 * Reads one {@code tool_result} block with the {@code toolUseResult} of its line: whether it
 * failed, its text, and the exit code a shell command had.
 *
 * <p>Exit codes: 0 when the result is not an error; when it is, the {@code Exit code N} on its
 * first line, else 1 (a failure without a code, such as a hook blocking the call). Background runs
 * ({@code run_in_background}, a {@code backgroundTaskId} in the result) have no exit code yet:
 * null. A run the user interrupted is 130, the shell's code for Ctrl-C. A call the user rejected
 * never ran: null. A call cut off by a crash, to which Claude Code (2.1.3xx) adds an error result
 * when the session is resumed ("[Tool call interrupted: the session ended before this call's
 * result was recorded, so its outcome is unknown…]"), has no known code either: null.
 */
final class ToolResult {
  /** Exit code reported for a command interrupted by the user (128 + SIGINT, as shells do). */
  static final int INTERRUPTED = 130;
  /** How the result Claude Code writes on resume for a call whose session died mid-call starts. */
  static final String CUT_OFF = "[Tool call interrupted: the session ended before";

  private final Map<String, Object> block;
  private final Object toolUseResult;
  private String text;

  ToolResult(Map<String, Object> block, Object toolUseResult) {
    this.block = block;
    this.toolUseResult = toolUseResult;
  }

  String toolUseId() {
    return Json.str(block.get("tool_use_id"));
  }

  Object toolUseResult() {
    return toolUseResult;
  }

  /** The block's {@code is_error}, or an {@code is_error} inside an object toolUseResult. */
  boolean isError() {
    return Json.isTrue(block.get("is_error")) || Json.isTrue(Json.at(toolUseResult, "is_error"));
  }

  /** The result's text: a string content, or its text blocks joined; "" when none. */
  String text() {
    if (text == null) {
      Object c = block.get("content");
      if (c == null) {
        c = block.get("output"); // older top-level tool_result lines
      }
      if (c instanceof String) {
        text = (String) c;
      } else {
        StringBuilder sb = new StringBuilder();
        List<Object> parts = Json.arr(c);
        for (Object o : parts) {
          String t = Json.str(o, "text");
          if (t != null) {
            if (sb.length() > 0) {
              sb.append('\n');
            }
            sb.append(t);
          }
        }
        text = sb.toString();
      }
    }
    return text;
  }

  /** The exit code of a shell command this is the result of (see the class comment). */
  Integer exitCode(boolean background) {
    if (background || Json.at(toolUseResult, "backgroundTaskId") != null) {
      return null;
    }
    if (Json.isTrue(Json.at(toolUseResult, "interrupted"))) {
      return INTERRUPTED;
    }
    if (!isError()) {
      return 0;
    }
    String t = text().strip();
    if (t.startsWith("The user doesn't want to proceed") || "User rejected tool use".equals(Json.str(toolUseResult))) {
      return null;
    }
    if (t.startsWith(CUT_OFF)) {
      return null;
    }
    if (t.startsWith("[Request interrupted by user") || t.startsWith("Interrupted by user")) {
      return INTERRUPTED;
    }
    Integer code = exitCodeLine(t);
    return code != null ? code : 1;
  }

  /** N from a first line "Exit code N" (optionally after "Error: "), else null. */
  static Integer exitCodeLine(String text) {
    String t = text;
    if (t.startsWith("Error: ")) {
      t = t.substring(7);
    }
    if (!t.startsWith("Exit code ")) {
      return null;
    }
    int i = 10;
    int end = i;
    if (end < t.length() && t.charAt(end) == '-') {
      end++;
    }
    while (end < t.length() && end - i < 10 && Character.isDigit(t.charAt(end))) {
      end++;
    }
    if (end == i || (end == i + 1 && t.charAt(i) == '-')) {
      return null;
    }
    try {
      return Integer.parseInt(t.substring(i, end));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
