package io.github.fss.agents.gemini;

import io.github.fss.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every {@code fixtures/gemini/<case>.jsonl} reads to what {@code <case>.expected.json} says. */
class GeminiGoldenTest {
  static final Path DIR = Path.of("src/test/resources/fixtures/gemini");

  @TestFactory
  Stream<DynamicTest> everyChatReadsToItsExpectedSummary() throws IOException {
    return GoldenFiles.cases(DIR, file -> Projection.json(Projection.read(file)));
  }
}
