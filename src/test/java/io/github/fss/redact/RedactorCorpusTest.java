package io.github.fss.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Measures the redactor on the seeded corpus in {@code src/test/resources/redaction/}
 * (regenerate with {@code make_corpus.py} there): how many fake secrets it removes from
 * {@code secrets.txt} and how many ordinary lines of {@code clean.txt} it changes.
 */
class RedactorCorpusTest {
  private final Redactor redactor = Redactor.standard(Map.of());

  @Test
  void removesNearlyAllSeededSecrets() throws IOException {
    List<String> lines = lines("secrets.txt");
    assertTrue(lines.size() >= 200, "secrets.txt should hold at least 200 lines, has " + lines.size());
    List<String> misses = new ArrayList<>();
    for (String line : lines) {
      int tab = line.lastIndexOf('\t');
      String text = line.substring(0, tab);
      String secret = line.substring(tab + 1);
      assertTrue(text.contains(secret), "corpus line does not contain its secret: " + line);
      String out = redactor.redact(text);
      if (out.contains(secret)) {
        misses.add(out);
      }
    }
    double removed = 100.0 * (lines.size() - misses.size()) / lines.size();
    System.out.printf("redaction corpus: %d/%d seeded secrets removed (%.1f%%)%n",
        lines.size() - misses.size(), lines.size(), removed);
    assertTrue(removed >= 98.0, String.format("only %.1f%% of seeded secrets removed; missed:%n  %s",
        removed, String.join("\n  ", misses)));
  }

  @Test
  void leavesNearlyAllCleanLinesAlone() throws IOException {
    List<String> lines = lines("clean.txt");
    assertTrue(lines.size() >= 300, "clean.txt should hold at least 300 lines, has " + lines.size());
    List<String> changed = new ArrayList<>();
    for (String line : lines) {
      String out = redactor.redact(line);
      if (!out.equals(line)) {
        changed.add(line + "\n    -> " + out);
      }
    }
    double rate = 100.0 * changed.size() / lines.size();
    System.out.printf("redaction corpus: %d/%d clean lines changed (%.2f%%)%n", changed.size(), lines.size(), rate);
    assertTrue(rate <= 1.0, String.format("%.2f%% of clean lines changed (false positives):%n  %s",
        rate, String.join("\n  ", changed)));
  }

  @Test
  void redactingTheCorpusTwiceEqualsOnce() throws IOException {
    List<String> all = new ArrayList<>();
    for (String line : lines("secrets.txt")) {
      all.add(line.substring(0, line.lastIndexOf('\t')));
    }
    all.addAll(lines("clean.txt"));
    for (String line : all) {
      String once = redactor.redact(line);
      assertEquals(once, redactor.redact(once), "not idempotent on: " + line);
    }
  }

  private static List<String> lines(String name) throws IOException {
    try (InputStream in = RedactorCorpusTest.class.getResourceAsStream("/redaction/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource redaction/" + name);
      }
      List<String> out = new ArrayList<>();
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!l.isBlank()) {
          out.add(l);
        }
      }
      return out;
    }
  }
}
