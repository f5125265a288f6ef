package io.github.fss.capture.claude;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code fss-handoff: <session-id>} line that {@code fss restore} prints. */
final class HandoffMarker {
  static final String KEY = "fss-handoff:";
  private static final Pattern LINE = Pattern.compile("(?m)^[ \\t>*`-]*fss-handoff:[ \\t]*([A-Za-z0-9._-]+)[ \\t`*]*$");
  /** A command that prints the marker: {@code fss restore …}, with or without a path or {@code java -jar}. */
  private static final Pattern RESTORE =
      Pattern.compile("^(?:java\\s+-jar\\s+)?(?:\\S*[/\\\\])?fss(?:\\.jar|\\.exe|\\.cmd)?\\s+restore(?:\\s|$)");

  private HandoffMarker() {}

  /** The session id of the first marker line in the text, or null (cheap when absent). */
  static String find(String text) {
    if (text == null || !text.contains(KEY)) {
      return null;
    }
    Matcher m = LINE.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** Whether a shell command is {@code fss restore}, whose output may carry the marker. */
  static boolean isRestoreCommand(String command) {
    return command != null && command.contains("restore") && RESTORE.matcher(command.strip()).find();
  }
}
