package io.github.fss.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Finds agents' transcripts on disk for {@code fss import}. */
final class TranscriptFiles {
  /** A transcript and the session id it belongs to. */
  record Found(String sessionId, Path path) {}

  private TranscriptFiles() {}

  /** {@code <claudeDir>/projects/<project>/<session-id>.jsonl}, changed within {@code age}. */
  static List<Found> claude(Path claudeDir, Duration age, Instant now) {
    List<Found> out = new ArrayList<>();
    try (DirectoryStream<Path> projects = Files.newDirectoryStream(claudeDir.resolve("projects"))) {
      for (Path project : projects) {
        if (!Files.isDirectory(project)) {
          continue;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(project, "*.jsonl")) {
          for (Path t : ds) {
            String name = t.getFileName().toString();
            // agent-*.jsonl are subagent transcripts (2.0.x layout), not sessions of the user's
            if (!name.startsWith("agent-") && Import.recent(t, age, now)) {
              out.add(new Found(name.substring(0, name.length() - ".jsonl".length()), t));
            }
          }
        }
      }
    } catch (IOException e) {
      // no Claude Code transcripts
    }
    return out;
  }

  /** Codex rollouts changed within {@code age}, keyed by the thread id in their names. */
  static List<Found> codex(Path codexHome, Duration age, Instant now) {
    List<Found> out = new ArrayList<>();
    for (Path p : io.github.fss.capture.codex.RolloutLocator.recent(codexHome, age)) {
      String id = io.github.fss.capture.codex.RolloutLocator.threadId(p);
      if (id != null) {
        out.add(new Found(id, p));
      }
    }
    return out;
  }
}
