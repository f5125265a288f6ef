package io.github.fss.agents.codex;

import io.github.fss.json.Json;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Codex tool call returned, read heuristically because the format changed across versions:
 * {@code Process exited with code N} (unified exec), {@code Exit code: N} (older shell text), a
 * JSON string {@code {"output":…,"metadata":{"exit_code":N}}}, or content-item arrays.
 */
record ToolOutput(String text, Integer exitCode, String runningSession, Boolean success) {
  /** Only the head of an output is searched for the status lines (they come first). */
  private static final int HEAD = 2000;
  /** The JSON form puts metadata after the output, so its tail is searched too. */
  private static final int TAIL = 400;
  private static final Pattern EXITED =
      Pattern.compile("(?m)^(?:Process exited with code|Exit code:)[ \\t]*(-?\\d{1,9})\\b");
  private static final Pattern RUNNING =
      Pattern.compile("(?m)^Process running with session ID[ \\t]*(\\d{1,19})\\b");
  private static final Pattern META_EXIT = Pattern.compile("\"exit_code\"\\s*:\\s*(-?\\d{1,9})\\b");
  private static final Pattern PATCH_OK = Pattern.compile("\\s*(?:Success\\.|Done!)");
  private static final Pattern PATCH_FAILED = Pattern.compile(
      "(?i)\\s*(?:apply_patch verification failed|failed|error|invalid|rejected|patch rejected"
          + "|aborted|exec command rejected|execution error)");

  /** Reads an {@code output} value of any shape; never throws. */
  static ToolOutput of(Object output) {
    String text = flatten(output, 0);
    Boolean success = null;
    Map<String, Object> m = Json.obj(output);
    if (m != null && m.get("success") instanceof Boolean) {
      success = (Boolean) m.get("success");
    }
    if (text == null) {
      return new ToolOutput(null, null, null, success);
    }
    Integer code = null;
    String head = text.length() > HEAD ? text.substring(0, HEAD) : text;
    String stripped = head.stripLeading();
    if (stripped.startsWith("{")) {
      code = lastMatch(META_EXIT, text.length() > TAIL ? text.substring(text.length() - TAIL) : text);
      if (code == null) {
        code = lastMatch(META_EXIT, head.length() > TAIL ? head.substring(0, TAIL) : head);
      }
    }
    if (code == null) {
      Matcher e = EXITED.matcher(head);
      if (e.find()) {
        code = parse(e.group(1));
      }
    }
    String running = null;
    if (code == null) {
      Matcher r = RUNNING.matcher(head);
      if (r.find()) {
        running = r.group(1);
      }
    }
    return new ToolOutput(text, code, running, success);
  }

  /**
   * Whether an apply_patch call worked, as far as its output tells: TRUE, FALSE, or null when the
   * output says nothing either way.
   */
  Boolean patchApplied() {
    if (success != null) {
      return success;
    }
    if (exitCode != null) {
      return exitCode == 0;
    }
    if (text == null) {
      return null;
    }
    String head = text.length() > 200 ? text.substring(0, 200) : text;
    if (PATCH_OK.matcher(head).lookingAt()) {
      return Boolean.TRUE;
    }
    if (PATCH_FAILED.matcher(head).lookingAt()) {
      return Boolean.FALSE;
    }
    return null;
  }

  private static String flatten(Object output, int depth) {
    if (output instanceof String) {
      return (String) output;
    }
    if (depth > 3) {
      return null;
    }
    Map<String, Object> m = Json.obj(output);
    if (m != null) {
      for (String key : new String[] {"text", "content", "output"}) {
        String s = flatten(m.get(key), depth + 1);
        if (s != null) {
          return s;
        }
      }
      return null;
    }
    StringBuilder sb = null;
    for (Object o : Json.arr(output)) {
      String s = flatten(o, depth + 1);
      if (s != null) {
        if (sb == null) {
          sb = new StringBuilder();
        } else {
          sb.append('\n');
        }
        sb.append(s);
      }
    }
    return sb == null ? null : sb.toString();
  }

  private static Integer lastMatch(Pattern p, String s) {
    Matcher m = p.matcher(s);
    Integer found = null;
    while (m.find()) {
      found = parse(m.group(1));
    }
    return found;
  }

  private static Integer parse(String digits) {
    try {
      return Integer.valueOf(digits);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
