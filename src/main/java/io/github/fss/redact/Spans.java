package io.github.fss.redact;

import java.util.Arrays;

/**
 * The character ranges one redaction pass has decided to hide. Ranges from different rules may
 * overlap; they are merged (the union is hidden, so no rule's finding leaks) and named after the
 * highest-priority rule involved. Ranges overlapping or touching an existing
 * {@code [REDACTED:…]} marker are dropped, which is what makes redacting twice the same as once.
 */
final class Spans {
  /** How every marker begins; the kind and a ']' follow. */
  static final String MARKER_START = "[REDACTED:";

  private int[] starts = new int[8];
  private int[] ends = new int[8];
  private int[] rules = new int[8];
  private int size;

  private int[] guardStarts = new int[0];
  private int[] guardEnds = new int[0];
  private int guards;
  private int hideAll = -1;

  /** Records that {@code [start, end)} must be hidden; {@code rule} is the finder's priority (lower wins). */
  void add(int start, int end, int rule) {
    if (end <= start) {
      return;
    }
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, size * 2);
      ends = Arrays.copyOf(ends, size * 2);
      rules = Arrays.copyOf(rules, size * 2);
    }
    starts[size] = start;
    ends[size] = end;
    rules[size] = rule;
    size++;
  }

  /** Marks a marker left by an earlier pass; nothing overlapping it is redacted again. */
  void guard(int start, int end) {
    if (guards == guardStarts.length) {
      guardStarts = Arrays.copyOf(guardStarts, Math.max(4, guards * 2));
      guardEnds = Arrays.copyOf(guardEnds, Math.max(4, guards * 2));
    }
    guardStarts[guards] = start;
    guardEnds[guards] = end;
    guards++;
  }

  /** Gives up on the text: all of it is hidden, markers or not (a rule could not finish searching it). */
  void hideAll(int rule) {
    hideAll = hideAll < 0 ? rule : Math.min(hideAll, rule);
  }

  boolean isEmpty() {
    return size == 0 && hideAll < 0;
  }

  /** The text with every kept range replaced by {@code [REDACTED:kind]} ({@code kinds[rule]}). */
  String apply(String text, String[] kinds) {
    if (hideAll >= 0) {
      return MARKER_START + kinds[hideAll] + "]";
    }
    long[] order = new long[size];
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (!guarded(starts[i], ends[i])) {
        order[kept++] = ((long) starts[i] << 32) | i;
      }
    }
    if (kept == 0) {
      return text;
    }
    Arrays.sort(order, 0, kept);
    StringBuilder out = new StringBuilder(text.length() + 16 * kept);
    int copied = 0;
    int k = 0;
    while (k < kept) {
      int first = (int) order[k];
      int start = starts[first];
      int end = ends[first];
      int rule = rules[first];
      k++;
      while (k < kept && starts[(int) order[k]] < end) {
        int i = (int) order[k];
        end = Math.max(end, ends[i]);
        rule = Math.min(rule, rules[i]);
        k++;
      }
      out.append(text, copied, start).append(MARKER_START).append(kinds[rule]).append(']');
      copied = end;
    }
    return out.append(text, copied, text.length()).toString();
  }

  /** The characters a kind may hold: a ']' or a blank would end the marker early. */
  static boolean isKindChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.';
  }

  /** The end of the marker starting at {@code i} in {@code text}, or -1 if none starts there. */
  static int markerEnd(String text, int i) {
    if (!text.startsWith(MARKER_START, i)) {
      return -1;
    }
    for (int j = i + MARKER_START.length(); j < text.length(); j++) {
      char c = text.charAt(j);
      if (c == ']') {
        return j + 1;
      }
      if (!isKindChar(c)) {
        return -1;
      }
    }
    return -1;
  }

  // Touching counts too: next to a marker, a rule sees ']' or '[' where the first pass saw the
  // secret's own characters, and could find a token there that the first pass rightly did not.
  private boolean guarded(int start, int end) {
    for (int g = 0; g < guards; g++) {
      if (start <= guardEnds[g] && guardStarts[g] <= end) {
        return true;
      }
    }
    return false;
  }
}
