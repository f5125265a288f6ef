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

  /** A path relative to the project root when it lies inside it: shorter, same meaning. */
  static String shownPath(String path, String root) {
    if (path == null || root == null) {
      return path;
    }
    try {
      java.nio.file.Path p = java.nio.file.Path.of(path);
      java.nio.file.Path r = java.nio.file.Path.of(root);
      if (p.isAbsolute() && p.startsWith(r) && !p.equals(r)) {
        return r.relativize(p).toString();
      }
    } catch (RuntimeException e) {
      // odd path text (a NUL, say): show it as stored
    }
    return path;
  }
}
