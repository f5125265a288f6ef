package io.github.fss.agents.claude;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The public and the recorded real Claude Code transcripts kept beside the project (never copied
 * into it): folders {@code <fss.shared>/fixtures/public/claude} and {@code
 * <fss.shared>/fixtures/real/claude-code-*}, where the system property {@code fss.shared}
 * defaults to {@code ../shared}.
 */
final class SharedFixtures {
  private SharedFixtures() {}

  static Path claudeDir() {
    return Path.of(System.getProperty("fss.shared", "../shared"), "fixtures", "public", "claude");
  }

  /**
   * Transcripts recorded from the real Claude Code driven offline ({@code <fss.shared>/fixtures/real/
   * claude-code-<version>/}), each folder's {@code *.jsonl} except its hook payloads; the calling
   * test is skipped when there are none.
   */
  static List<Path> requireRealClaudeTranscripts() throws IOException {
    Path real = Path.of(System.getProperty("fss.shared", "../shared"), "fixtures", "real");
    List<Path> out = new ArrayList<>();
    if (Files.isDirectory(real)) {
      try (Stream<Path> dirs = Files.list(real)) {
        for (Path d : (Iterable<Path>) dirs.filter(p -> p.getFileName().toString().startsWith("claude-code-"))
            .sorted()::iterator) {
          try (Stream<Path> files = Files.list(d)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                .filter(p -> !p.getFileName().toString().startsWith("hook-payloads")).sorted().forEach(out::add);
          }
        }
      }
    }
    Assumptions.assumeFalse(out.isEmpty(),
        "../shared/fixtures/real absent: skipping the real Claude Code transcript tests (looked in "
            + real.toAbsolutePath() + "; set -Dfss.shared=<dir>)");
    return out;
  }

  /** The folder, or the calling test is skipped when it is absent. */
  static Path requireClaudeDir() {
    Path dir = claudeDir();
    Assumptions.assumeTrue(Files.isDirectory(dir),
        "../shared/fixtures/public absent: skipping public fixture tests (looked in " + dir.toAbsolutePath()
            + "; set -Dfss.shared=<dir>)");
    return dir;
  }
}
