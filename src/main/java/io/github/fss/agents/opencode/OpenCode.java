package io.github.fss.agents.opencode;

import io.github.fss.Environment;
import io.github.fss.FssException;
import io.github.fss.agents.Agent;
import io.github.fss.agents.AgentSetup;
import io.github.fss.capture.TranscriptReader;
import io.github.fss.store.HookLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenCode: no command hooks, a plugin ({@link OpenCodePlugin}) that runs {@code fss hook opencode}
 * ({@link OpenCodeHook}); sessions are rows of one SQLite database ({@link OpenCodeHistory}), read
 * read-only by the verbs that show sessions and by the hooks OpenCode does not wait on.
 */
public final class OpenCode implements Agent {
  @Override
  public String name() {
    return "opencode";
  }

  @Override
  public String tool() {
    return OpenCodeHook.TOOL;
  }

  @Override
  public String label() {
    return "OpenCode";
  }

  @Override
  public String format() {
    return OpenCodeHistory.FORMAT;
  }

  @Override
  public TranscriptReader reader() {
    return new OpenCodeHistory();
  }

  @Override
  public AgentSetup setup(Environment env) {
    return new OpenCodeSetup(env);
  }

  /**
   * {@code all} takes OpenCode only when its config folder or its database exists: a plugin folder
   * for a program the user does not run would be clutter.
   */
  @Override
  public boolean inAll(Environment env) {
    return java.nio.file.Files.isDirectory(OpenCodePaths.configDir(env))
        || java.nio.file.Files.exists(OpenCodePaths.database(env));
  }

  /** A project's {@code .opencode/plugins/}, calling the {@code fss} on PATH. */
  @Override
  public boolean projectScope() {
    return true;
  }

  @Override
  public String history() {
    return "OpenCode sessions in $XDG_DATA_HOME/opencode/opencode.db (read-only), last N days (7)";
  }

  /** Every top-level session updated within {@code age}: one database, a transcript each. */
  @Override
  public List<Transcript> transcripts(Environment env, Duration age, Instant now) {
    Path db = OpenCodePaths.database(env);
    List<Transcript> out = new ArrayList<>();
    if (!Files.isRegularFile(db)) {
      return out;
    }
    try {
      for (String id : OpenCodeSessions.updatedSince(db, now.minus(age))) {
        out.add(new Transcript(id, db));
      }
    } catch (IOException e) {
      throw FssException.failed(e.getMessage(), e);
    }
    return out;
  }

  @Override
  public Path locate(Environment env, String sessionId) {
    Path db = OpenCodePaths.database(env);
    return Files.isRegularFile(db) ? db : null;
  }

  @Override
  public String hook(String which, String[] args, InputStream in, Environment env, HookLog log) throws IOException {
    return new OpenCodeHook(env, log).handle(in);
  }

  /** The TUI with a first prompt ({@code opencode --prompt}); {@code opencode run} would not stay. */
  @Override
  public String startWith(String prompt) {
    return "opencode --prompt " + prompt;
  }

  @Override
  public String colour() {
    return "#b45309";
  }
}
