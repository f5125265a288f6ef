package io.github.fss.agents;

import io.github.fss.Environment;
import io.github.fss.capture.Redactor;
import io.github.fss.capture.SessionCapture;
import io.github.fss.capture.codex.RolloutLocator;
import io.github.fss.json.Json;
import io.github.fss.model.Session;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionStore;
import io.github.fss.store.Spool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checkpoints the turn ends the launcher spooled, as the Stop hooks of those turns would have: the
 * session is registered if it never was (it only ever spooled, or fss was installed mid-session),
 * then its transcript is read up to the last turn end that came before the last spooled one, and
 * the checkpoint carries that spooled turn end's time. Idempotent: a session whose cursor is at
 * that turn end reads nothing.
 */
public final class SpoolTurns implements Spool.Sink {
  private final Environment env;
  private final SessionStore store;
  private final Redactor redactor;
  /** Project keys by cwd: the sessions of one drain mostly share a few working directories. */
  private final java.util.Map<String, String> keys = new java.util.concurrent.ConcurrentHashMap<>();

  SpoolTurns(Environment env, SessionStore store, Redactor redactor) {
    this.env = env;
    this.store = store;
    this.redactor = redactor;
  }

  /**
   * Drains the spool before a command reads sessions. Never throws: a drain that fails leaves the
   * spool for the next run, and the transcripts still hold every turn.
   */
  public static Spool.Drained drain(Environment env, SessionStore store, Redactor redactor, Consumer<String> warn) {
    try {
      return new Spool(env.fssHome(), env.now(), warn).drain(new SpoolTurns(env, store, redactor));
    } catch (IOException | RuntimeException e) {
      warn.accept("spool: could not drain " + env.fssHome().resolve("spool") + ": " + e.getMessage());
      return null;
    }
  }

  @Override
  public void accept(String agentName, String sessionId, List<Spool.Turn> turns) throws IOException {
    Agent agent;
    switch (agentName) {
      case "claude":
        agent = Agent.CLAUDE;
        break;
      case "codex":
        agent = Agent.CODEX;
        break;
      default:
        throw new IOException("unknown agent '" + agentName + "'");
    }
    Spool.Turn first = turns.get(0);
    Spool.Turn last = turns.get(turns.size() - 1);
    String transcript = null;
    for (int i = turns.size() - 1; i >= 0 && transcript == null; i--) {
      String t = turns.get(i).transcript();
      if (t != null && (t.endsWith(".jsonl") || t.endsWith(".zst"))) {
        transcript = t;
      }
    }
    Path cwd = Path.of(last.cwd());
    String key = keys.computeIfAbsent(last.cwd(), c -> ProjectRoot.key(ProjectRoot.of(cwd)));
    SessionCapture atLast = new SessionCapture(store, redactor, last.time());
    // as SessionHook does for a Stop: one read of the session in the usual case
    Session s = atLast.refreshToTurnEnd(key, sessionId, last.time());
    boolean known = s != null && s.capture() != null;
    if (known && (transcript == null || transcript.equals(Json.str(s.capture().get("transcript_path"))))) {
      return;
    }
    if (transcript == null && agent == Agent.CODEX) {
      Path found = RolloutLocator.find(env.codexHome(), sessionId);
      transcript = found == null ? null : found.toString();
    }
    new SessionCapture(store, redactor, first.time()).register(agent.tool(), agent.format(), sessionId, cwd,
        transcript);
    atLast.refreshToTurnEnd(key, sessionId, last.time());
  }
}
