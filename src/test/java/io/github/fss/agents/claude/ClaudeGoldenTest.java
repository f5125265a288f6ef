package io.github.fss.agents.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.capture.CaptureState;
import io.github.fss.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: each {@code fixtures/claude/<case>.jsonl} read from scratch must give the
 * projection in {@code <case>.expected.json}. Run with {@code -Dfss.updateGoldens=true} to rewrite
 * the expectations (then review every changed file: a golden is only as good as that review).
 */
class ClaudeGoldenTest {
  static final Path DIR = Path.of("src", "test", "resources", "fixtures", "claude");
  private static final String JSONL = ".jsonl";
  private static final String EXPECTED = ".expected.json";

  private static boolean updating() {
    return Boolean.getBoolean("fss.updateGoldens");
  }

  /** The case names: every .jsonl in the fixture folder, sorted. */
  static List<String> cases() throws IOException {
    TreeSet<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(DIR)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(JSONL))
          .forEach(n -> names.add(n.substring(0, n.length() - JSONL.length())));
    }
    return new ArrayList<>(names);
  }

  @Test
  void everyTranscriptHasAnExpectationAndEveryExpectationATranscript() throws IOException {
    TreeSet<String> transcripts = new TreeSet<>(cases());
    TreeSet<String> expectations = new TreeSet<>();
    try (Stream<Path> files = Files.list(DIR)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(EXPECTED))
          .forEach(n -> expectations.add(n.substring(0, n.length() - EXPECTED.length())));
    }
    assertFalse(transcripts.isEmpty(), "no golden cases found in " + DIR.toAbsolutePath());

    TreeSet<String> withoutExpectation = new TreeSet<>(transcripts);
    withoutExpectation.removeAll(expectations);
    TreeSet<String> withoutTranscript = new TreeSet<>(expectations);
    withoutTranscript.removeAll(transcripts);

    if (!updating()) {
      assertTrue(withoutExpectation.isEmpty(), "transcripts without .expected.json: " + withoutExpectation);
    }
    assertTrue(withoutTranscript.isEmpty(), ".expected.json without transcript: " + withoutTranscript);
  }

  @TestFactory
  Stream<DynamicTest> eachTranscriptReadsToItsExpectedProjection() throws IOException {
    return cases().stream().map(name -> DynamicTest.dynamicTest(name, () -> check(name)));
  }

  private static void check(String name) throws IOException {
    Path transcript = DIR.resolve(name + JSONL);
    Path expectedFile = DIR.resolve(name + EXPECTED);

    CaptureState state = Feed.readAll(transcript);
    String actual = Json.write(Projection.of(state), true) + "\n";

    if (updating()) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(Files.exists(expectedFile), "missing " + expectedFile + " (run with -Dfss.updateGoldens=true)");
    String expected = Json.write(Json.parse(Files.readString(expectedFile, StandardCharsets.UTF_8)), true) + "\n";
    assertEquals(expected, actual, name + ": projection differs from " + expectedFile);
  }
}
