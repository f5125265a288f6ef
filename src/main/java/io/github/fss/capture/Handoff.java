package io.github.fss.capture;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code fss-handoff: <session-id>} line that links a new session to the one it continues.
 * Only a line fss itself writes counts: alone on its line from the first column (recorded text
 * is always rendered behind a label or a quote, so it never stands there), the last such line of
 * the text (fss writes it last), and, in the output of an {@code fss restore ID} command, naming
 * the session that command asked for.
 */
public final class Handoff {
  public static final String KEY = "fss-handoff:";
  private static final Pattern LINE = Pattern.compile("(?m)^fss-handoff:[ \\t]*([A-Za-z0-9._-]{1,200})[ \\t\\r]*$");
  /** {@code fss restore …}, with or without a path or {@code java -jar}, after a shell separator or at the start. */
  private static final Pattern RESTORE = Pattern.compile(
      "(?:^|[;&|(]\\s*|['\"])(?:java\\s+-jar\\s+)?(?:[^\\s;&|(]*[/\\\\])?fss(?:\\.jar|\\.exe|\\.cmd)?\\s+restore(?=\\s|$)([^;&|)]*)");
  /** The options of {@code fss restore} that take a value. */
  private static final Pattern VALUED = Pattern.compile("--(?:for|budget|format|session-file)");

  private Handoff() {}

  /** The session id of the last marker line in the text, or null (cheap when absent). */
  public static String find(String text) {
    if (text == null || !text.contains(KEY)) {
      return null;
    }
    Matcher m = LINE.matcher(text);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return last;
  }

  /**
   * For an {@code fss restore} command, the session it names ("" when it names none: the latest);
   * null when the command is not a restore.
   */
  public static String restoreTarget(String command) {
    if (command == null || !command.contains("restore")) {
      return null;
    }
    Matcher m = RESTORE.matcher(command.strip());
    if (!m.find()) {
      return null;
    }
    String[] words = m.group(1).trim().split("\\s+");
    for (int i = 0; i < words.length; i++) {
      String w = words[i].replace("'", "").replace("\"", "");
      if (w.isEmpty() || w.equals("--")) {
        continue;
      }
      if (w.startsWith("-")) {
        if (VALUED.matcher(w).matches()) {
          i++;
        }
        continue;
      }
      return w;
    }
    return "";
  }

  /** The marker id in a restore's output when it is the session the command asked for (by id or prefix), else null. */
  public static String fromRestore(String target, String output) {
    String id = find(output);
    if (id == null || target == null) {
      return null;
    }
    return target.isEmpty() || id.startsWith(target) ? id : null;
  }
}
