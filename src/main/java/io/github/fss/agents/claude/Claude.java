package io.github.fss.agents.claude;

import io.github.fss.Environment;
import io.github.fss.agents.Agent;
import io.github.fss.agents.AgentSetup;
import io.github.fss.capture.TranscriptReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Claude Code: hooks in settings.json, transcripts under {@code $CLAUDE_CONFIG_DIR/projects}. */
public final class Claude implements Agent {
  @Override
  public String name() {
    return "claude";
  }

  @Override
  public String tool() {
    return "claude-code";
  }

  @Override
  public String label() {
    return "Claude Code";
  }

  @Override
  public String format() {
    return "claude";
  }

  @Override
  public TranscriptReader reader() {
    return new ClaudeTranscriptReader();
  }

  @Override
  public AgentSetup setup(Environment env) {
    return new ClaudeSetup(env);
  }

  @Override
  public boolean projectScope() {
    return true;
  }

  @Override
  public String history() {
    return "Claude Code transcripts under $CLAUDE_CONFIG_DIR/projects changed in the last N days (7)";
  }

  /** {@code <claudeDir>/projects/<project>/<session-id>.jsonl}, changed within {@code age}. */
  @Override
  public List<Transcript> transcripts(Environment env, Duration age, Instant now) {
    List<Transcript> out = new ArrayList<>();
    try (DirectoryStream<Path> projects = Files.newDirectoryStream(env.claudeDir().resolve("projects"))) {
      for (Path project : projects) {
        if (!Files.isDirectory(project)) {
          continue;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(project, "*.jsonl")) {
          for (Path t : ds) {
            String name = t.getFileName().toString();
            // agent-*.jsonl are subagent transcripts (2.0.x layout), not sessions of the user's
            if (!name.startsWith("agent-") && changedSince(t, now.minus(age))) {
              out.add(new Transcript(name.substring(0, name.length() - ".jsonl".length()), t));
            }
          }
        }
      }
    } catch (IOException e) {
      // no Claude Code transcripts
    }
    return out;
  }

  private static boolean changedSince(Path p, Instant since) {
    try {
      return Files.getLastModifiedTime(p).toInstant().isAfter(since);
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public String envFileVariable() {
    return "CLAUDE_ENV_FILE";
  }

  @Override
  public String sessionVariable() {
    return "CLAUDE_CODE_SESSION_ID";
  }

  @Override
  public String colour() {
    return "#c2410c";
  }
}
