package io.github.fss.cli;

import io.github.fss.Environment;

/** Text from transcripts is hostile: what reaches a terminal has no control characters left. */
final class Terminal {
  private Terminal() {}

  /**
   * Whether to mark with bold (ANSI): stdout is a terminal (as far as the JVM can tell), NO_COLOR is
   * unset and TERM is not dumb; FSS_COLOR=always or never decides outright.
   */
  static boolean bold(Environment env) {
    String force = env.get("FSS_COLOR");
    if ("always".equals(force)) {
      return true;
    }
    if ("never".equals(force) || env.get("NO_COLOR") != null || "dumb".equals(env.get("TERM"))) {
      return false;
    }
    // a served search (searchd) runs in a process without the terminal: its client looked for it
    String served = env.get(io.github.fss.searchd.SearchClient.TERMINAL_VAR);
    if (served != null) {
      return served.equals("1");
    }
    return System.console() != null;
  }

  /**
   * Line breaks and tabs become spaces; other C0 and C1 controls, DEL and the bidirectional
   * overrides (which reorder what a terminal shows) become visible escapes such as \x1b.
   */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = null;
      if (c == '\n' || c == '\r' || c == '\t') {
        rep = " ";
      } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        rep = String.format("\\x%02x", (int) c);
      } else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
          || c == 0x061c) {
        rep = String.format("\\u%04x", (int) c);
      }
      if (rep != null && sb == null) {
        sb = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (sb != null) {
        sb.append(rep != null ? rep : String.valueOf(c));
      }
    }
    return sb == null ? s : sb.toString();
  }
}
