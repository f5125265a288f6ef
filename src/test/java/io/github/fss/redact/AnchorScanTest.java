package io.github.fss.redact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass anchor scan against what it replaced (one {@code indexOf} per anchor): the same
 * positions for every built-in anchor set, and the same redacted text, on random texts built from
 * the anchors themselves, their case variants, markers, non-ASCII and surrogate pairs, and on the
 * redaction corpus line by line.
 */
class AnchorScanTest {
  private static final String[] NOISE = {
    " ", "  ", "\t", "\n", "=", ":", "\"", "'", "-", "_", ".", "/", "?", "&", "@", "[", "]", "(", ")",
    "é", "ß", "日本", "\uD83D\uDE00", "\u00A0", "İ", "ſ", "K", "a", "Z", "0", "9", "x", "+",
    "[REDACTED:", "[REDACTED:token]", "<private>", "</private>", "://", "user:pw@host",
    "AKIAQJ2XVBOTHD2WTFLH", "wJa1rXUtnFEMI/K7MDENG/bPxRfiCYz9x2Lq0Wp3", "ghp_0123456789abcdefABCDEF0123456789ab",
    "sk-ant-abcdefghijklmnopqrstuv", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijk", "S3cr3t!value9",
    "--token ", "API_KEY=", "password is ", "IDENTIFIED BY '", "Authorization: Bearer ", "mysql -u root -p",
  };

  private static List<String> anchors() {
    List<String> out = new ArrayList<>();
    for (SecretRule r : BuiltInRules.ALL) {
      for (AnchorScan.Set s : r.anchorSets()) {
        for (String w : s.words()) {
          out.add(w);
        }
      }
    }
    return out;
  }

  private static String randomText(Random rnd, List<String> anchors) {
    StringBuilder sb = new StringBuilder();
    int parts = rnd.nextInt(40);
    for (int i = 0; i < parts; i++) {
      switch (rnd.nextInt(5)) {
        case 0, 1 -> {
          String a = anchors.get(rnd.nextInt(anchors.size()));
          if (rnd.nextBoolean()) {
            a = rnd.nextBoolean() ? a.toUpperCase(java.util.Locale.ROOT) : mixCase(a, rnd);
          }
          if (rnd.nextInt(4) == 0) {
            a = a.substring(0, 1 + rnd.nextInt(a.length())); // a prefix: the scan must not over-report
          }
          sb.append(a);
        }
        case 2 -> sb.append(NOISE[rnd.nextInt(NOISE.length)]);
        case 3 -> {
          int n = rnd.nextInt(12);
          for (int k = 0; k < n; k++) {
            sb.append((char) (rnd.nextInt(3) == 0 ? 'A' + rnd.nextInt(26) : 'a' + rnd.nextInt(26)));
          }
        }
        default -> sb.append((char) rnd.nextInt(0x3000));
      }
    }
    return sb.toString();
  }

  private static String mixCase(String a, Random rnd) {
    StringBuilder sb = new StringBuilder();
    for (char c : a.toCharArray()) {
      sb.append(rnd.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return sb.toString();
  }

  private static String asciiLower(String s) {
    char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      if (c[i] >= 'A' && c[i] <= 'Z') {
        c[i] += 32;
      }
    }
    return new String(c);
  }

  @Test
  void findsWhatIndexOfFindsForEveryBuiltInSet() {
    List<AnchorScan.Set> sets = new ArrayList<>();
    for (SecretRule r : BuiltInRules.ALL) {
      sets.addAll(r.anchorSets());
    }
    AnchorScan scan = new AnchorScan(sets);
    List<String> anchors = anchors();
    Random rnd = new Random(12);
    for (int t = 0; t < 20_000; t++) {
      String text = randomText(rnd, anchors);
      String lower = asciiLower(text);
      if (lower.equals(text) && rnd.nextBoolean()) {
        lower = text; // the redactor passes the same string when nothing is upper case
      }
      AnchorScan.Found found = scan.find(text, lower);
      for (AnchorScan.Set s : sets) {
        String haystack = s.inLower() ? lower : text;
        assertArrayEquals(SecretRule.anchorPositions(haystack, s.words()), found.positions(haystack, s.words()),
            () -> "set " + String.join(",", s.words()) + " in: " + text);
      }
    }
  }

  @Test
  void redactsExactlyAsOneIndexOfPerAnchor() {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("ticket", "TKT-[0-9]{6}");
    Redactor fast = Redactor.standard(extra, true);
    Redactor slow = Redactor.standard(extra, false);
    List<String> anchors = anchors();
    Random rnd = new Random(34);
    for (int t = 0; t < 20_000; t++) {
      String text = randomText(rnd, anchors);
      assertEquals(slow.redact(text), fast.redact(text), () -> "redacting: " + text);
    }
  }

  @Test
  void redactsTheCorpusExactlyAsBefore() throws IOException {
    Redactor fast = Redactor.standard(Map.of(), true);
    Redactor slow = Redactor.standard(Map.of(), false);
    int lines = 0;
    for (String name : new String[] {"clean.txt", "secrets.txt"}) {
      Path p = Path.of("src/test/resources/redaction", name);
      for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
        assertEquals(slow.redact(line), fast.redact(line), () -> "redacting: " + line);
        String upper = line.toUpperCase(java.util.Locale.ROOT);
        assertEquals(slow.redact(upper), fast.redact(upper), () -> "redacting: " + upper);
        lines++;
      }
    }
    assertEquals(true, lines > 100, "the corpus was read");
  }
}
