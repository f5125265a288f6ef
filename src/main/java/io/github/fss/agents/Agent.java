package io.github.fss.agents;

import io.github.fss.Environment;
import io.github.fss.capture.TranscriptReader;
import io.github.fss.store.HookLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A coding agent fss serves: how it is named, how its transcripts are read and found, how it is
 * set up, how its hooks are answered. Each agent is one package, {@code agents.<name>}, registered
 * in {@link AgentRegistry}. Implementations must be cheap to construct: the hook path builds the
 * registry, so readers and setups are made only when asked for.
 */
public interface Agent {
  /** As typed: {@code fss hook NAME}, {@code install NAME}, {@code --for NAME}, {@code --agent NAME}. */
  String name();

  /** As stored in a session's {@code tool} field. */
  String tool();

  /** As written for people ("Claude Code"). */
  String label();

  /** The transcript format recorded in a session's capture state; what {@link #reader} reads. */
  String format();

  /** A new reader of this agent's transcripts, or null when there are none to read. */
  default TranscriptReader reader() {
    return null;
  }

  /** What installing fss into this agent edits. */
  AgentSetup setup(Environment env);

  /** Whether {@code install --scope project} can set it up per project (else it is set up per user). */
  default boolean projectScope() {
    return false;
  }

  /** A transcript on disk and the session it belongs to. */
  record Transcript(String sessionId, Path path) {}

  /** For {@code fss import NAME}'s help: where its transcripts are and which are taken; null: not importable. */
  default String history() {
    return null;
  }

  /** Its transcripts changed within {@code age}, for {@code fss import NAME}. */
  default List<Transcript> transcripts(Environment env, Duration age, Instant now) {
    return List.of();
  }

  /** A session's transcript when the hook did not name one; null when it cannot be found. */
  default Path locate(Environment env, String sessionId) {
    return null;
  }

  /** The words after {@code fss hook} this agent's hooks are installed with. */
  default List<String> hooks() {
    return List.of(name());
  }

  /**
   * Answers {@code fss hook WHICH ...} (one of {@link #hooks}); returns the hook's stdout or null.
   * By default a lifecycle event as JSON on stdin (SessionStart, Stop, PreCompact, SessionEnd, …).
   */
  default String hook(String which, String[] args, InputStream in, Environment env, HookLog log) throws IOException {
    return new SessionHook(this, env, log).handle(in);
  }

  /**
   * The environment variable naming a file the agent sources into the environment of the commands
   * it runs (where SessionStart exports FSS_SESSION_ID), or null.
   */
  default String envFileVariable() {
    return null;
  }

  /**
   * The environment variable that tells a command it runs inside this agent (and holds the
   * session id), or null; {@code fss save} without {@code --tool} records the session as this agent's.
   */
  default String sessionVariable() {
    return null;
  }

  /** The shell command that starts this agent with {@code prompt} (a quoted shell word) as its first prompt. */
  default String startWith(String prompt) {
    return name() + " " + prompt;
  }

  /** Its colour in the web UI's timeline and legend. */
  default String colour() {
    return "#6b7280";
  }
}
