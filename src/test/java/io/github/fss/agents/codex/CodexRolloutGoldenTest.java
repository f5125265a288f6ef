package io.github.fss.agents.codex;

import io.github.fss.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every {@code fixtures/codex/<case>.jsonl} reads to what {@code <case>.expected.json} says. */
class CodexRolloutGoldenTest {
  static final Path DIR = Path.of("src/test/resources/fixtures/codex");

  @TestFactory
  Stream<DynamicTest> everyRolloutReadsToItsExpectedSummary() throws IOException {
    return GoldenFiles.cases(DIR, file -> Projection.json(Projection.read(file)));
  }
}
