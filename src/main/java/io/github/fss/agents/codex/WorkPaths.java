package io.github.fss.agents.codex;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves the paths a rollout mentions against the working directory of the call, as text: the
 * rollout may come from another machine or OS, so the local file system is never consulted.
 */
final class WorkPaths {
  private WorkPaths() {}

  /** Whether a path is absolute on POSIX or Windows ({@code /x}, {@code C:\x}, {@code \\host\x}). */
  static boolean isAbsolute(String p) {
    if (p == null || p.isEmpty()) {
      return false;
    }
    char c = p.charAt(0);
    if (c == '/' || c == '\\') {
      return true;
    }
    return p.length() >= 3 && Character.isLetter(c) && p.charAt(1) == ':' && (p.charAt(2) == '\\' || p.charAt(2) == '/');
  }

  /**
   * The path made absolute against {@code base} (the call's workdir or the turn's cwd) and with
   * {@code .} and {@code ..} segments folded; a relative path stays relative when there is no base.
   */
  static String resolve(String base, String path) {
    if (path == null) {
      return null;
    }
    String p = path.strip();
    if (p.isEmpty()) {
      return null;
    }
    if (p.startsWith("~")) {
      return p; // home of another machine: leave it as written
    }
    if (!isAbsolute(p)) {
      if (base == null || !isAbsolute(base)) {
        return p;
      }
      char sep = base.indexOf('/') >= 0 || base.indexOf('\\') < 0 ? '/' : '\\';
      p = base.endsWith("/") || base.endsWith("\\") ? base + p : base + sep + p;
    }
    return normalize(p);
  }

  private static String normalize(String p) {
    char sep = p.indexOf('/') >= 0 ? '/' : '\\';
    String prefix;
    String rest;
    if (p.length() >= 2 && p.charAt(1) == ':') {
      prefix = p.substring(0, 3);
      rest = p.substring(3);
    } else if (p.startsWith("\\\\")) {
      prefix = "\\\\";
      rest = p.substring(2);
    } else {
      prefix = p.substring(0, 1);
      rest = p.substring(1);
    }
    Deque<String> parts = new ArrayDeque<>();
    boolean posix = prefix.equals("/");
    for (String seg : rest.split(posix ? "/+" : "[/\\\\]+")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        parts.pollLast();
        continue;
      }
      parts.addLast(seg);
    }
    StringBuilder sb = new StringBuilder(prefix);
    boolean first = true;
    for (String seg : parts) {
      if (!first) {
        sb.append(sep);
      }
      sb.append(seg);
      first = false;
    }
    return sb.toString();
  }
}
