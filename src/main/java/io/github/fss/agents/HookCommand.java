package io.github.fss.agents;

import java.util.regex.Pattern;

/**
 * The hook command line {@code <launcher> hook <agent>} and how we recognise it again. Recognition
 * goes by shape, not by the exact launcher path, so a moved or reinstalled launcher is found and
 * replaced instead of duplicated: the command ends in {@code " hook <agent>"} and its first shell
 * word is a file named {@code fss} (or is exactly the launcher we are installing now).
 */
public final class HookCommand {
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./@%+=:,-]+");

  private HookCommand() {}

  /** The command Claude Code / Codex run through {@code sh -c}. */
  public static String build(String launcher, String agent) {
    return shellQuote(launcher) + " hook " + agent;
  }

  /** Whether {@code command} is one of ours for {@code agent}; {@code launcher} may be null. */
  public static boolean isOurs(String command, String agent, String launcher) {
    if (command == null) {
      return false;
    }
    String c = command.trim();
    if (!c.endsWith(" hook " + agent)) {
      return false;
    }
    String first = firstWord(c);
    if (first == null) {
      return false;
    }
    if (launcher != null && first.equals(launcher)) {
      return true;
    }
    int slash = first.lastIndexOf('/');
    return first.substring(slash + 1).equals("fss");
  }

  /** Leaves plain paths bare (what users expect to read) and single-quotes anything else. */
  public static String shellQuote(String s) {
    if (SHELL_SAFE.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** The first word of a POSIX shell command with quotes and backslashes removed; null if unterminated. */
  static String firstWord(String command) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    int n = command.length();
    while (i < n && Character.isWhitespace(command.charAt(i))) {
      i++;
    }
    while (i < n) {
      char c = command.charAt(i);
      if (Character.isWhitespace(c)) {
        break;
      } else if (c == '\'') {
        int end = command.indexOf('\'', i + 1);
        if (end < 0) {
          return null;
        }
        sb.append(command, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        i++;
        while (i < n && command.charAt(i) != '"') {
          char d = command.charAt(i);
          if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
            d = command.charAt(++i);
          }
          sb.append(d);
          i++;
        }
        if (i >= n) {
          return null;
        }
        i++;
      } else if (c == '\\' && i + 1 < n) {
        sb.append(command.charAt(i + 1));
        i += 2;
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }
}
