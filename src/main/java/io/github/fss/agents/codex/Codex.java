package io.github.fss.agents.codex;

import io.github.fss.Environment;
import io.github.fss.agents.Agent;
import io.github.fss.agents.AgentSetup;
import io.github.fss.capture.TranscriptReader;
import io.github.fss.store.HookLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Codex: lifecycle hooks in hooks.json plus the {@code notify} program, rollouts under
 * {@code $CODEX_HOME/sessions}, found by thread id when a hook does not name one.
 */
public final class Codex implements Agent {
  /** The notify program's hook: {@code fss hook codex-notify [--then PROGRAM ARGS…] JSON}. */
  static final String NOTIFY = "codex-notify";

  @Override
  public String name() {
    return "codex";
  }

  @Override
  public String tool() {
    return "codex";
  }

  @Override
  public String label() {
    return "Codex";
  }

  @Override
  public String format() {
    return "codex";
  }

  @Override
  public TranscriptReader reader() {
    return new CodexRolloutReader();
  }

  @Override
  public AgentSetup setup(Environment env) {
    return new CodexSetup(env);
  }

  @Override
  public String history() {
    return "Codex rollouts under $CODEX_HOME/sessions and archived_sessions, last N days (7)";
  }

  /** Rollouts changed within {@code age}, keyed by the thread id in their names. */
  @Override
  public List<Transcript> transcripts(Environment env, Duration age, Instant now) {
    List<Transcript> out = new ArrayList<>();
    for (Path p : RolloutLocator.recent(env.codexHome(), age)) {
      String id = RolloutLocator.threadId(p);
      if (id != null) {
        out.add(new Transcript(id, p));
      }
    }
    return out;
  }

  @Override
  public Path locate(Environment env, String sessionId) {
    return RolloutLocator.find(env.codexHome(), sessionId);
  }

  @Override
  public List<String> hooks() {
    return List.of(name(), NOTIFY);
  }

  @Override
  public String hook(String which, String[] args, InputStream in, Environment env, HookLog log) throws IOException {
    if (NOTIFY.equals(which)) {
      new CodexNotifyHook(this, env, log).handle(args);
      return null;
    }
    return Agent.super.hook(which, args, in, env, log);
  }

  @Override
  public String sessionVariable() {
    return "CODEX_THREAD_ID";
  }

  @Override
  public String colour() {
    return "#047857";
  }
}
