package io.github.fss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Arrows point down: no package but Main imports the CLI, and only redact's one entry point is used outside it. */
class LayeringTest {
  static final Path MAIN = Path.of("src/main/java/io/github/fss");

  @Test
  void nothingBelowTheCliImportsIt() throws Exception {
    List<String> upward = new ArrayList<>();
    try (Stream<Path> all = Files.walk(MAIN)) {
      for (Path f : (Iterable<Path>) all.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Path rel = MAIN.relativize(f);
        if (rel.startsWith("cli") || rel.toString().equals("Main.java")) {
          continue;
        }
        for (String line : Files.readAllLines(f)) {
          if (line.startsWith("import io.github.fss.cli.") || line.contains(" io.github.fss.cli.")) {
            upward.add(rel + ": " + line.strip());
          }
        }
      }
    }
    assertEquals(List.of(), upward);
  }

  @Test
  void theRedactorIsItsOwnPackageWithOnePublicType() throws Exception {
    List<String> publicTypes = new ArrayList<>();
    try (Stream<Path> all = Files.list(MAIN.resolve("redact"))) {
      for (Path f : (Iterable<Path>) all::iterator) {
        if (Files.readString(f).contains("\npublic ")) {
          publicTypes.add(f.getFileName().toString());
        }
      }
    }
    assertEquals(List.of("Redactor.java"), publicTypes);
  }
}
