package io.github.fss.capture.claude;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The public Claude Code transcripts kept beside the project (never copied into it): folder
 * {@code <fss.shared>/fixtures/public/claude}, where the system property {@code fss.shared}
 * defaults to {@code ../shared}.
 */
final class SharedFixtures {
  private SharedFixtures() {}

  static Path claudeDir() {
    return Path.of(System.getProperty("fss.shared", "../shared"), "fixtures", "public", "claude");
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
