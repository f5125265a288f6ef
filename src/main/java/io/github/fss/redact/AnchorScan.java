package io.github.fss.redact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the anchors of all of a redactor's rules in one pass over a text, where each rule used to
 * run one {@link String#indexOf} per anchor (about 80 passes over every text, a fifth of the CPU
 * of {@code fss index}). The pass looks up each pair of characters (ASCII, lower-cased) in a table
 * of the anchors that begin with it and checks only those anchors there, in the text the rule
 * reads (the text as written, or lower-cased), with {@link String#startsWith(String, int)}.
 *
 * <p>Its answer for a set is by construction what {@link SecretRule#anchorPositions} gives: the
 * sorted, distinct positions at which one of the set's anchors begins. A set it cannot handle
 * (an anchor shorter than two characters or not ASCII) is left to {@code anchorPositions}.
 */
final class AnchorScan {
  /** An anchor set of a rule, looked for in the lower-cased text or in the text as written. */
  record Set(String[] words, boolean inLower) {}

  private static final int[] NONE = {};

  // the sets, by identity of their word arrays (rules hold them in fields)
  private final Map<String[], Integer> slots = new IdentityHashMap<>();
  private final boolean[] slotInLower;
  private final int count;
  // per anchor: its word, its set, and where to look
  private final String[] words;
  private final int[] slotOf;
  private final boolean[] inLower;
  // (c0 << 7 | c1) of an anchor's first two characters, lower-cased → the anchors starting so
  private final int[][] byPair = new int[1 << 14][];

  AnchorScan(List<Set> sets) {
    List<String> w = new ArrayList<>();
    List<Integer> s = new ArrayList<>();
    List<Boolean> l = new ArrayList<>();
    for (Set set : sets) {
      if (slots.containsKey(set.words()) || !usable(set.words())) {
        continue;
      }
      int slot = slots.size();
      slots.put(set.words(), slot);
      for (String word : set.words()) {
        w.add(word);
        s.add(slot);
        l.add(set.inLower());
      }
    }
    this.count = slots.size();
    this.slotInLower = new boolean[count];
    this.words = w.toArray(new String[0]);
    this.slotOf = new int[words.length];
    this.inLower = new boolean[words.length];
    for (int i = 0; i < words.length; i++) {
      slotOf[i] = s.get(i);
      inLower[i] = l.get(i);
      slotInLower[slotOf[i]] = inLower[i];
      int key = lower(words[i].charAt(0)) << 7 | lower(words[i].charAt(1));
      int[] b = byPair[key];
      b = b == null ? new int[1] : Arrays.copyOf(b, b.length + 1);
      b[b.length - 1] = i;
      byPair[key] = b;
    }
  }

  private static boolean usable(String[] set) {
    for (String a : set) {
      if (a.length() < 2) {
        return false;
      }
      for (int i = 0; i < a.length(); i++) {
        if (a.charAt(i) >= 128) {
          return false;
        }
      }
    }
    return true;
  }

  private static int lower(char c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  /** The anchors of every set in {@code text}; {@code lower} is {@code text} with A-Z lower-cased. */
  Found find(String text, String lower) {
    int[][] at = new int[count][];
    int[] n = new int[count];
    // one char per position (not getBytes: an encoder turns a surrogate pair into one byte)
    char[] b = lower.toCharArray();
    int end = b.length - 1;
    for (int i = 0; i < end; i++) {
      int c0 = b[i];
      int c1 = b[i + 1];
      if ((c0 | c1) >= 128) {
        continue; // characters past ASCII start no anchor
      }
      int[] cands = byPair[c0 << 7 | c1];
      if (cands == null) {
        continue;
      }
      for (int k : cands) {
        if ((inLower[k] ? lower : text).startsWith(words[k], i)) {
          int slot = slotOf[k];
          int[] a = at[slot];
          int m = n[slot];
          if (a == null) {
            a = at[slot] = new int[8];
          } else if (m > 0 && a[m - 1] == i) {
            continue; // another anchor of the same set at the same place
          } else if (m == a.length) {
            a = at[slot] = Arrays.copyOf(a, m * 2);
          }
          a[m] = i;
          n[slot] = m + 1;
        }
      }
    }
    for (int slot = 0; slot < count; slot++) {
      at[slot] = at[slot] == null ? NONE : Arrays.copyOf(at[slot], n[slot]);
    }
    return new Found(this, text, lower, at);
  }

  /** The anchors found in one text. */
  static final class Found {
    private final AnchorScan scan;
    private final String text;
    private final String lower;
    private final int[][] at;

    private Found(AnchorScan scan, String text, String lower, int[][] at) {
      this.scan = scan;
      this.text = text;
      this.lower = lower;
      this.at = at;
    }

    /**
     * Sorted, distinct positions at which any of {@code words} occurs in {@code haystack}: those of
     * the scan when the set was scanned, else {@link SecretRule#anchorPositions}.
     */
    int[] positions(String haystack, String[] words) {
      Integer slot = scan.slots.get(words);
      if (slot == null || haystack != (scan.slotInLower[slot] ? lower : text)) {
        return SecretRule.anchorPositions(haystack, words);
      }
      return at[slot];
    }
  }
}
