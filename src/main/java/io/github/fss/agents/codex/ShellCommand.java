package io.github.fss.agents.codex;

import io.github.fss.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the shapes of a Codex shell call into one command line: a string as is, an argv joined with
 * shell quoting, and a {@code bash -lc X} (or PowerShell {@code -Command X}) wrapper reduced to X.
 */
final class ShellCommand {
  private static final Pattern SHELL = Pattern.compile("(?i)(?:ba|z|da|k|fi|c|tc)?sh(?:\\.exe)?");
  private static final Pattern COMMAND_FLAG = Pattern.compile("-[a-zA-Z]*c[a-zA-Z]*");
  private static final Pattern POWERSHELL = Pattern.compile("(?i)(?:powershell|pwsh)(?:\\.exe)?");
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=:,@%+^-]+");

  private ShellCommand() {}

  /** The command line for a {@code command} value (string or argv), or null when it has none. */
  static String of(Object command) {
    if (command instanceof String) {
      String s = ((String) command).strip();
      return s.isEmpty() ? null : s;
    }
    List<String> argv = new ArrayList<>();
    for (Object o : Json.arr(command)) {
      String s = Json.str(o);
      if (s == null) {
        return null; // not an argv
      }
      argv.add(s);
    }
    if (argv.isEmpty()) {
      return null;
    }
    int n = argv.size();
    String program = basename(argv.get(0));
    if (n >= 3 && SHELL.matcher(program).matches() && COMMAND_FLAG.matcher(argv.get(n - 2)).matches()) {
      return of(argv.get(n - 1));
    }
    if (n >= 3 && POWERSHELL.matcher(program).matches()) {
      for (int i = 1; i < n - 1; i++) {
        String a = argv.get(i);
        if (a.equalsIgnoreCase("-Command") || a.equalsIgnoreCase("-c")) {
          return of(String.join(" ", argv.subList(i + 1, n)));
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String a : argv) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(quote(a));
    }
    return sb.toString();
  }

  private static String basename(String path) {
    int i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return i < 0 ? path : path.substring(i + 1);
  }

  private static String quote(String arg) {
    if (!arg.isEmpty() && PLAIN.matcher(arg).matches()) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
