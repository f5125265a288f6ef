package io.github.fss.agents.codex;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads which files a Codex {@code apply_patch} envelope touches ({@code *** Begin Patch} …
 * {@code *** End Patch}); hunk bodies are skipped, and text that is not a patch gives an empty list.
 */
public final class ApplyPatch {
  /** Files recorded from one patch text at most; the rest are ignored. */
  public static final int MAX_CHANGES = 200;

  static final String BEGIN = "*** Begin Patch";
  private static final String END = "*** End Patch";
  private static final String ADD = "*** Add File:";
  private static final String DELETE = "*** Delete File:";
  private static final String UPDATE = "*** Update File:";
  private static final String MOVE = "*** Move to:";

  private ApplyPatch() {}

  /** What a patch does to one file. */
  public enum Op { ADD, UPDATE, DELETE }

  /** One file section: its path as written in the patch, and the new path of a move (else null). */
  public record Change(String path, Op op, String movedTo) {}

  /** Whether the text holds a patch envelope at all (a cheap test before {@link #parse}). */
  public static boolean mentions(String text) {
    return text != null && text.contains(BEGIN);
  }

  /**
   * The file sections of every envelope in the text, in order. Lenient like Codex: the envelope
   * may be indented or wrapped in a heredoc, CRLF line ends are fine, a missing end marker keeps
   * what was read. Never throws.
   */
  public static List<Change> parse(String text) {
    List<Change> out = new ArrayList<>();
    if (!mentions(text)) {
      return out;
    }
    boolean inside = false;
    int pos = 0;
    int n = text.length();
    while (pos < n && out.size() < MAX_CHANGES) {
      int nl = text.indexOf('\n', pos);
      int end = nl < 0 ? n : nl;
      String line = stripEnd(text, pos, end);
      pos = end + 1;
      if (!inside) {
        // also `apply_patch '*** Begin Patch` when the patch is a quoted argument
        inside = unquoted(line).endsWith(BEGIN);
        continue;
      }
      if (unquoted(line).equals(END)) {
        inside = false;
        continue;
      }
      // File headers start at column 0: a hunk line such as " *** Add File: x" is context.
      if (line.startsWith(ADD)) {
        add(out, line.substring(ADD.length()), Op.ADD);
      } else if (line.startsWith(DELETE)) {
        add(out, line.substring(DELETE.length()), Op.DELETE);
      } else if (line.startsWith(UPDATE)) {
        add(out, line.substring(UPDATE.length()), Op.UPDATE);
      } else if (line.startsWith(MOVE) && !out.isEmpty()) {
        Change last = out.get(out.size() - 1);
        String to = line.substring(MOVE.length()).strip();
        if (last.op() == Op.UPDATE && last.movedTo() == null && !to.isEmpty()) {
          out.set(out.size() - 1, new Change(last.path(), Op.UPDATE, to));
        }
      }
    }
    return out;
  }

  private static void add(List<Change> out, String rawPath, Op op) {
    String path = rawPath.strip();
    if (!path.isEmpty()) {
      out.add(new Change(path, op, null));
    }
  }

  /** The line stripped, without the quotes that close a patch given as a quoted argument. */
  private static String unquoted(String line) {
    String t = line.strip();
    int e = t.length();
    while (e > 0 && (t.charAt(e - 1) == '\'' || t.charAt(e - 1) == '"')) {
      e--;
    }
    return t.substring(0, e);
  }

  /** The line between {@code from} and {@code to} without trailing CR, spaces or tabs. */
  private static String stripEnd(String text, int from, int to) {
    int e = to;
    while (e > from) {
      char c = text.charAt(e - 1);
      if (c != '\r' && c != ' ' && c != '\t') {
        break;
      }
      e--;
    }
    return text.substring(from, e);
  }
}
