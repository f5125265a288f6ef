package io.github.fss.agents.gemini;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exit code of a run_shell_command, which Gemini CLI writes only as text: the model's copy
 * holds {@code Exit Code: N} when N is not 0, the display {@code Command exited with code: N}. A
 * plain {@code Output:} block with neither, nor a signal, an error or a cancellation, exited 0.
 */
final class ShellOutcome {
  private static final Pattern EXIT = Pattern.compile("(?m)^Exit Code: (-?\\d{1,9})\\s*$");
  private static final Pattern DISPLAY = Pattern.compile("exited with code: (-?\\d{1,9})");
  private static final Pattern OUTPUT = Pattern.compile("(?m)^Output: ");
  private static final Pattern NOT_CLEAN = Pattern.compile("(?m)^(Signal|Error|Background PIDs): ");

  private ShellOutcome() {}

  /** The exit code the text reports, or null when it tells none (killed, cancelled, backgrounded). */
  static Integer exitCode(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = EXIT.matcher(text);
    if (m.find()) {
      return Integer.valueOf(m.group(1));
    }
    m = DISPLAY.matcher(text);
    if (m.find()) {
      return Integer.valueOf(m.group(1));
    }
    if (OUTPUT.matcher(text).find() && !NOT_CLEAN.matcher(text).find() && !text.contains("cancelled")) {
      return 0;
    }
    return null;
  }
}
