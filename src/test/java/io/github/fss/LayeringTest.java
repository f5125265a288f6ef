package io.github.fss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Arrows point down: nothing below the front ends imports the CLI, nothing below the agents imports
 * them, an agent's package is reached only through the registry, and only redact's one entry point
 * is used outside it. The front ends are Main, {@code cli} and {@code mcp}: the MCP tools are the
 * CLI's verbs answered over JSON-RPC (the same text, refresh and session links as the commands).
 */
class LayeringTest {
  static final Path MAIN = Path.of("src/main/java/io/github/fss");

  @Test
  void nothingBelowTheCliImportsIt() throws Exception {
    List<String> upward = new ArrayList<>();
    try (Stream<Path> all = Files.walk(MAIN)) {
      for (Path f : (Iterable<Path>) all.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Path rel = MAIN.relativize(f);
        if (rel.startsWith("cli") || rel.startsWith("mcp") || rel.toString().equals("Main.java")) {
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

  /**
   * The layers under the agents know no agent: capture reads transcripts through the readers the
   * front ends pass down, and render words agents by the labels it is given.
   */
  @Test
  void theLayersBelowTheAgentsNeverImportThem() throws Exception {
    List<String> upward = new ArrayList<>();
    for (String layer : List.of("capture", "store", "model", "render", "history", "redact")) {
      try (Stream<Path> all = Files.walk(MAIN.resolve(layer))) {
        for (Path f : (Iterable<Path>) all.filter(p -> p.toString().endsWith(".java"))::iterator) {
          for (String line : Files.readAllLines(f)) {
            if (line.contains("io.github.fss.agents")) {
              upward.add(MAIN.relativize(f) + ": " + line.strip());
            }
          }
        }
      }
    }
    assertEquals(List.of(), upward);
  }

  /** An agent is one package: only its own classes and the registry that lists it name its classes. */
  @Test
  void onlyTheRegistryReachesIntoAnAgentsPackage() throws Exception {
    List<String> reaching = new ArrayList<>();
    java.util.regex.Pattern agentPackage = java.util.regex.Pattern.compile("io\\.github\\.fss\\.agents\\.([a-z0-9_]+)\\.");
    try (Stream<Path> all = Files.walk(MAIN)) {
      for (Path f : (Iterable<Path>) all.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Path rel = MAIN.relativize(f);
        if (rel.toString().equals("agents/AgentRegistry.java")) {
          continue;
        }
        for (String line : Files.readAllLines(f)) {
          java.util.regex.Matcher m = agentPackage.matcher(line);
          while (m.find()) {
            if (!rel.startsWith(Path.of("agents", m.group(1)))) {
              reaching.add(rel + ": " + line.strip());
            }
          }
        }
      }
    }
    assertEquals(List.of(), reaching);
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
