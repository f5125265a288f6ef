package io.github.fss.render;

import java.nio.file.Path;

/** Shows paths relative to the project root when they lie inside it: shorter, same meaning. */
final class Paths {
  private Paths() {}

  /** The path as shown: relative when inside the root, always on one line (a stored path may hold a newline). */
  static String shown(String path, String root) {
    return RestoreView.flat(relative(path, root));
  }

  private static String relative(String path, String root) {
    if (path == null || root == null) {
      return path;
    }
    try {
      Path p = Path.of(path);
      Path r = Path.of(root);
      if (p.isAbsolute() && p.startsWith(r) && !p.equals(r)) {
        return r.relativize(p).toString();
      }
    } catch (RuntimeException e) {
      // odd path text: show it as stored
    }
    return path;
  }
}
