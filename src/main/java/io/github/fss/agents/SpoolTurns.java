package io.github.fss.agents;

import io.github.fss.Environment;
import io.github.fss.redact.Redactor;
import io.github.fss.capture.HistoryReader;
import io.github.fss.capture.SessionCapture;
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
    return drain(env, store, redactor, warn, null, null);
  }

  /**
   * As {@link #drain(Environment, SessionStore, Redactor, Consumer)}, bringing up to date only
   * {@code self} and the {@code shown} sessions of project {@code key} whose turns were spooled
   * last: what a SessionStart is about to show. The other sessions' turns stay in the spool for
   * the next run (a SessionStart must answer in 100 ms whatever the spool holds), and so do those
   * of agents whose history is a database ({@link HistoryReader}): no other agent's SessionStart
   * opens it, and OpenCode's own reads only the sessions it shows (rows read twice make no second
   * checkpoint, so the lines left here are harmless).
   */
  public static Spool.Drained drainShown(Environment env, SessionStore store, Redactor redactor,
      Consumer<String> warn, String key, String self, int shown) {
    SpoolTurns sink = new SpoolTurns(env, store, redactor);
    Spool.Selector pick = sessions -> {
      java.util.Set<String> keep = new java.util.HashSet<>();
      List<List<Spool.Turn>> here = new java.util.ArrayList<>();
      for (List<Spool.Turn> s : sessions) {
        Spool.Turn last = s.get(s.size() - 1);
        if (fromHistory(last.agent())) {
          continue; // its database is not opened in a hook the agent waits on: left for the next run
        } else if (last.sessionId().equals(self)) {
          keep.add(Spool.key(last));
        } else if (key.equals(sink.projectKey(last.cwd()))) {
          here.add(s);
        }
      }
      here.sort((a, b) -> b.get(b.size() - 1).time().compareTo(a.get(a.size() - 1).time()));
      for (int i = 0; i < Math.min(shown, here.size()); i++) {
        keep.add(Spool.key(here.get(i).get(0)));
      }
      return keep;
    };
    return drain(env, store, redactor, warn, sink, pick);
  }

  private static Spool.Drained drain(Environment env, SessionStore store, Redactor redactor, Consumer<String> warn,
      SpoolTurns sink, Spool.Selector pick) {
    try {
      return new Spool(env.fssHome(), env.now(), warn).drain(sink == null ? new SpoolTurns(env, store, redactor) : sink,
          pick);
    } catch (IOException | RuntimeException e) {
      warn.accept("spool: could not drain " + env.fssHome().resolve("spool") + ": " + e.getMessage());
      return null;
    }
  }

  /** Whether the agent's sessions are rows in a database (OpenCode's SQLite), not a transcript. */
  private static boolean fromHistory(String agentName) {
    Agent agent = AgentRegistry.byName(agentName);
    return agent != null && AgentRegistry.readers().of(agent.format()) instanceof HistoryReader;
  }

  private String projectKey(String cwd) {
    return keys.computeIfAbsent(cwd, c -> ProjectRoot.key(ProjectRoot.of(Path.of(c))));
  }

  @Override
  public void accept(String agentName, String sessionId, List<Spool.Turn> turns) throws IOException {
    Agent agent = AgentRegistry.byName(agentName);
    if (agent == null) {
      throw new IOException("unknown agent '" + agentName + "'");
    }
    Spool.Turn first = turns.get(0);
    Spool.Turn last = turns.get(turns.size() - 1);
    if (AgentRegistry.readers().of(agent.format()) instanceof HistoryReader) {
      fromHistory(agent, sessionId, first, last);
      return;
    }
    String transcript = null;
    for (int i = turns.size() - 1; i >= 0 && transcript == null; i--) {
      String t = turns.get(i).transcript();
      if (t != null && (t.endsWith(".jsonl") || t.endsWith(".zst"))) {
        transcript = t;
      }
    }
    Path cwd = Path.of(last.cwd());
    String key = projectKey(last.cwd());
    SessionCapture atLast = new SessionCapture(store, redactor, last.time(), AgentRegistry.readers());
    // as SessionHook does for a Stop: one read of the session in the usual case
    Session s = atLast.refreshToTurnEnd(key, sessionId, last.time());
    boolean known = s != null && s.capture() != null;
    if (known && (transcript == null || transcript.equals(Json.str(s.capture().get("transcript_path"))))) {
      return;
    }
    if (transcript == null) {
      Path found = agent.locate(env, sessionId);
      transcript = found == null ? null : found.toString();
    }
    new SessionCapture(store, redactor, first.time(), AgentRegistry.readers()).register(agent.tool(), agent.format(), sessionId, cwd,
        transcript);
    atLast.refreshToTurnEnd(key, sessionId, last.time());
  }

  /**
   * A session whose history is rows in a database has no turn-end lines to stop at: a spooled turn
   * end (all of this session's in this drain at once) means "read its new rows now", checkpointed
   * at the last spooled time, as the plugin's hook would have done (OpenCodeHook). Idempotent: the
   * database's rows already read are not read again, and nothing new makes no checkpoint.
   */
  private void fromHistory(Agent agent, String sessionId, Spool.Turn first, Spool.Turn last) throws IOException {
    String db = last.transcript() != null && last.transcript().endsWith(".db") ? last.transcript() : null;
    String key = projectKey(last.cwd());
    SessionCapture atLast = new SessionCapture(store, redactor, last.time(), AgentRegistry.readers());
    Session s = atLast.refresh(key, sessionId, false);
    if (s != null && s.capture() != null && (db == null || db.equals(Json.str(s.capture().get("transcript_path"))))) {
      return;
    }
    if (db == null) {
      Path found = agent.locate(env, sessionId);
      db = found == null ? null : found.toString();
    }
    new SessionCapture(store, redactor, first.time(), AgentRegistry.readers())
        .register(agent.tool(), agent.format(), sessionId, Path.of(last.cwd()), db);
    atLast.refresh(key, sessionId, false);
  }
}
