package io.github.fss.redact;

import java.util.Arrays;

/**
 * One way of finding secrets in a text. Every rule starts from literal anchors found with
 * {@link String#indexOf}: a hook runs in a cold JVM where a regex stepping through every
 * position of a 50 KB text costs milliseconds per rule, while most text holds no anchor at all.
 */
abstract class SecretRule {
  private static final int[] NONE = {};

  /** The name written into the marker, {@code [REDACTED:kind]}. */
  final String kind;

  SecretRule(String kind) {
    this.kind = kind;
  }

  /**
   * Adds every range of {@code text} to hide to {@code out}, tagged with {@code priority}.
   * {@code lower} is {@code text} with A-Z lower-cased (for anchors that ignore case); its
   * positions are the text's.
   */
  abstract void collect(String text, String lower, Spans out, int priority);

  /** The first position from {@code i} that is not a space or tab. */
  static int skipBlanks(String text, int i) {
    int j = i;
    while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
      j++;
    }
    return j;
  }

  /**
   * True when a {@code [REDACTED:…]} marker ends right before {@code i}. Where the first pass
   * saw a secret's characters, a second pass sees ']': a rule must not let that change what its
   * boundary checks decide, or redacting twice would differ from redacting once.
   */
  static boolean afterMarker(String text, int i) {
    if (i < 1 || text.charAt(i - 1) != ']') {
      return false;
    }
    int open = text.lastIndexOf(Spans.MARKER_START, i - 1);
    return open >= 0 && Spans.markerEnd(text, open) == i;
  }

  /** True when any of {@code literals} occurs in {@code haystack}. */
  static boolean containsAny(String haystack, String[] literals) {
    for (String s : literals) {
      if (haystack.contains(s)) {
        return true;
      }
    }
    return false;
  }

  /** Sorted, distinct positions at which any of {@code anchors} occurs in {@code haystack}. */
  static int[] anchorPositions(String haystack, String[] anchors) {
    int[] found = new int[8];
    int n = 0;
    for (String a : anchors) {
      for (int i = haystack.indexOf(a); i >= 0; i = haystack.indexOf(a, i + 1)) {
        if (n == found.length) {
          found = Arrays.copyOf(found, n * 2);
        }
        found[n++] = i;
      }
    }
    if (n == 0) {
      return NONE;
    }
    Arrays.sort(found, 0, n);
    int distinct = 1;
    for (int i = 1; i < n; i++) {
      if (found[i] != found[distinct - 1]) {
        found[distinct++] = found[i];
      }
    }
    return Arrays.copyOf(found, distinct);
  }
}
