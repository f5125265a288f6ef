package io.github.fss.agents.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

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
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code fixtures/codex/<case>.jsonl} reads to what {@code <case>.expected.json} says; a
 * file without its partner fails. {@code -Dfss.updateGoldens=true} rewrites the expectations
 * (read every diff before committing it).
 */
class CodexRolloutGoldenTest {
  static final Path DIR = Path.of("src/test/resources/fixtures/codex");
  private static final String ROLLOUT = ".jsonl";
  private static final String EXPECTED = ".expected.json";

  @TestFactory
  Stream<DynamicTest> everyRolloutReadsToItsExpectedSummary() throws IOException {
    boolean update = Boolean.getBoolean("fss.updateGoldens");
    TreeSet<String> cases = new TreeSet<>();
    TreeSet<String> expectations = new TreeSet<>();
    try (Stream<Path> files = Files.list(DIR)) {
      files.map(p -> p.getFileName().toString()).forEach(name -> {
        if (name.endsWith(EXPECTED)) {
          expectations.add(name.substring(0, name.length() - EXPECTED.length()));
        } else if (name.endsWith(ROLLOUT)) {
          cases.add(name.substring(0, name.length() - ROLLOUT.length()));
        }
      });
    }
    assertFalse(cases.isEmpty(), "no golden cases under " + DIR);
    List<DynamicTest> tests = new ArrayList<>();
    for (String c : cases) {
      tests.add(dynamicTest(c, () -> check(c, update)));
    }
    for (String e : expectations) {
      if (!cases.contains(e)) {
        tests.add(dynamicTest(e + " (orphan)", () -> fail(e + EXPECTED + " has no " + e + ROLLOUT)));
      }
    }
    return tests.stream();
  }

  private static void check(String name, boolean update) throws IOException {
    Path rollout = DIR.resolve(name + ROLLOUT);
    Path expected = DIR.resolve(name + EXPECTED);
    String actual = Projection.json(Projection.read(rollout));
    if (update) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(expected)) {
      fail(name + ROLLOUT + " has no " + name + EXPECTED + " (run with -Dfss.updateGoldens=true, then review it)");
    }
    String want = Json.write(Json.parse(Files.readString(expected, StandardCharsets.UTF_8)), true) + "\n";
    assertEquals(want, actual, name);
  }
}
