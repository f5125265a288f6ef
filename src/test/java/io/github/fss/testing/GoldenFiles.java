package io.github.fss.testing;

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

/**
 * Every {@code <dir>/<case>.jsonl} reads to what {@code <case>.expected.json} says; a file without
 * its partner fails. {@code -Dfss.updateGoldens=true} rewrites the expectations (read every diff
 * before committing it).
 */
public final class GoldenFiles {
  private static final String INPUT = ".jsonl";
  private static final String EXPECTED = ".expected.json";

  /** How a case's input becomes the JSON its expectation holds. */
  public interface Projector {
    String project(Path input) throws IOException;
  }

  private GoldenFiles() {}

  /** One dynamic test per case under {@code dir}, and one failing test per orphan expectation. */
  public static Stream<DynamicTest> cases(Path dir, Projector projector) throws IOException {
    boolean update = Boolean.getBoolean("fss.updateGoldens");
    TreeSet<String> cases = new TreeSet<>();
    TreeSet<String> expectations = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.map(p -> p.getFileName().toString()).forEach(name -> {
        if (name.endsWith(EXPECTED)) {
          expectations.add(name.substring(0, name.length() - EXPECTED.length()));
        } else if (name.endsWith(INPUT)) {
          cases.add(name.substring(0, name.length() - INPUT.length()));
        }
      });
    }
    assertFalse(cases.isEmpty(), "no golden cases under " + dir);
    List<DynamicTest> tests = new ArrayList<>();
    for (String c : cases) {
      tests.add(dynamicTest(c, () -> check(dir, c, projector, update)));
    }
    for (String e : expectations) {
      if (!cases.contains(e)) {
        tests.add(dynamicTest(e + " (orphan)", () -> fail(e + EXPECTED + " has no " + e + INPUT)));
      }
    }
    return tests.stream();
  }

  private static void check(Path dir, String name, Projector projector, boolean update) throws IOException {
    Path input = dir.resolve(name + INPUT);
    Path expected = dir.resolve(name + EXPECTED);
    String actual = projector.project(input);
    if (update) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(expected)) {
      fail(name + INPUT + " has no " + name + EXPECTED + " (run with -Dfss.updateGoldens=true, then review it)");
    }
    String want = Json.write(Json.parse(Files.readString(expected, StandardCharsets.UTF_8)), true) + "\n";
    assertEquals(want, actual, name);
  }
}
