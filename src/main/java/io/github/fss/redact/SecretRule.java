package io.github.fss.redact;

import java.util.Arrays;
import java.util.List;

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

  /**
   * As {@link #collect(String, String, Spans, int)}, with the anchors of every rule already found
   * in one pass ({@link AnchorScan}); a rule that starts from anchors takes them from {@code found}.
   */
  void collect(String text, String lower, AnchorScan.Found found, Spans out, int priority) {
    collect(text, lower, out, priority);
  }

  /** The anchor sets this rule looks for, so that one pass finds them all; none by default. */
  List<AnchorScan.Set> anchorSets() {
    return List.of();
  }

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

  /** {@link AnchorScan.Found#positions} when the anchors were found in one pass, else {@link #anchorPositions}. */
  static int[] positions(AnchorScan.Found found, String haystack, String[] anchors) {
    return found == null ? anchorPositions(haystack, anchors) : found.positions(haystack, anchors);
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
