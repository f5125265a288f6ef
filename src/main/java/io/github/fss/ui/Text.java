package io.github.fss.ui;

/** Shortening of stored text for one line of a page (escaping is {@link Html}'s job, done after). */
final class Text {
  private Text() {}

  static String oneLine(String s, int max) {
    if (s == null) {
      return "";
    }
    String t = s.replace("\r", "").replace('\n', ' ').strip();
    if (t.length() <= max) {
      return t;
    }
    int end = Character.isHighSurrogate(t.charAt(max - 1)) ? max - 1 : max;
    return t.substring(0, end) + "…";
  }
}
