package io.github.fss.agents;

import io.github.fss.Environment;
import io.github.fss.capture.Redactor;
import io.github.fss.capture.SessionCapture;
import io.github.fss.model.Session;
import io.github.fss.model.SessionStatus;
import io.github.fss.render.OutputFormat;
import io.github.fss.render.RestoreView;
import io.github.fss.render.StartNotice;
import io.github.fss.store.HookLog;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionIds;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoreConfig;
import io.github.fss.store.StoredSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One lifecycle event of a Claude Code or Codex session. SessionStart registers the session and
 * tells the agent what can be restored (or, after compaction, re-injects this session's state);
 * Stop, PreCompact and SessionEnd take an incremental checkpoint from the transcript; SessionEnd
 * also records a clean end. Returns the hook's stdout, or null for none.
 */
final class SessionHook {
  private final Agent agent;
  private final Environment env;
  private final HookLog log;

  SessionHook(Agent agent, Environment env, HookLog log) {
    this.agent = agent;
    this.env = env;
    this.log = log;
  }

  String handle(InputStream stdin) throws IOException {
    HookInput e;
    try {
      e = HookInput.read(stdin);
    } catch (IOException ex) {
      log.write("hook " + agent.format(), ex.getMessage());
      return null;
    }
    if (!SessionIds.isValid(e.sessionId())) {
      log.write("hook " + agent.format(), "ignored event " + e.event() + ": missing or invalid session_id");
      return null;
    }
    String event = e.event() == null ? "" : e.event();
    Path cwd = cwd(e);
    StoreConfig config = StoreConfig.load(env.fssHome(), env.vars());
    SessionStore store = new SessionStore(env.fssHome(), config, m -> log.write("store", m));
    Redactor redactor = Redactor.standard(config.extraRedactions());
    Instant now = env.now();
    SessionCapture capture = new SessionCapture(store, redactor, now);
    String transcript = transcript(e);
    String key = ProjectRoot.key(ProjectRoot.of(cwd));
    switch (event) {
      case "SessionStart":
        return sessionStart(e, cwd, transcript, store, capture, config, now);
      case "SessionEnd":
        ensure(capture, store, key, e, cwd, transcript);
        capture.refresh(key, e.sessionId(), true);
        store.update(key, e.sessionId(), s -> s == null ? null
            : s.withStatus(SessionStatus.ENDED, e.reason() == null ? "other" : e.reason()));
        return null;
      case "Stop":
      case "PreCompact":
      case "PostToolUse":
      case "SubagentStop":
        ensure(capture, store, key, e, cwd, transcript);
        capture.refresh(key, e.sessionId(), "PreCompact".equals(event));
        return null;
      default:
        return null;
    }
  }

  private String sessionStart(HookInput e, Path cwd, String transcript, SessionStore store, SessionCapture capture,
      StoreConfig config, Instant now) throws IOException {
    String key = capture.register(agent.tool(), agent.format(), e.sessionId(), cwd, transcript);
    String source = e.source() == null ? "startup" : e.source();
    if ("compact".equals(source)) {
      Session s = capture.refresh(key, e.sessionId(), true);
      if (s == null || s.latest() == null) {
        return null;
      }
      String text = "fireworks-sessions-saver: the working state of this session just before compaction:\n"
          + RestoreView.render(s, now, OutputFormat.TEXT, config.tokenBudget() - 20, null);
      return StartNotice.hookOutput("SessionStart", text);
    }
    if ("resume".equals(source)) {
      capture.refresh(key, e.sessionId(), false);
      return null;
    }
    exportSessionId(e.sessionId());
    List<StoredSession> others = new ArrayList<>();
    for (StoredSession s : store.project(key)) {
      if (!s.session().sessionId().equals(e.sessionId()) && s.session().recoverable()
          && !store.expired(s.session(), now)) {
        others.add(s);
      }
    }
    capture.refreshStale(others, m -> log.write("hook " + agent.format(), m));
    List<Session> offer = new ArrayList<>();
    for (StoredSession s : others) {
      if (s.session().latest() != null && s.session().recoverable()) {
        offer.add(s.session());
      }
    }
    offer.sort(Comparator.comparing((Session s) -> s.lastActive() == null ? "" : s.lastActive()).reversed());
    String problems = newProblems();
    if (offer.isEmpty() && problems == null) {
      return null;
    }
    String launcher = env.get("FSS_LAUNCHER") != null ? env.get("FSS_LAUNCHER") : "fss";
    return StartNotice.hookOutput("SessionStart",
        StartNotice.text(offer, now, launcher, config.tokenBudget(), problems));
  }

  /** Creates the session when the first event we see is not SessionStart (installed mid-session). */
  private void ensure(SessionCapture capture, SessionStore store, String key, HookInput e, Path cwd, String transcript) {
    Session s = store.read(key, e.sessionId());
    if (s == null || s.capture() == null
        || transcript != null && !transcript.equals(io.github.fss.json.Json.str(s.capture().get("transcript_path")))) {
      capture.register(agent.tool(), agent.format(), e.sessionId(), cwd, transcript);
    }
  }

  private Path cwd(HookInput e) {
    if (e.cwd() != null && !e.cwd().isBlank() && e.cwd().indexOf('\0') < 0) {
      return Path.of(e.cwd());
    }
    String project = env.get("CLAUDE_PROJECT_DIR");
    return project != null ? Path.of(project) : env.cwd();
  }

  private String transcript(HookInput e) {
    String t = e.transcriptPath();
    if (t != null && !t.isBlank() && t.indexOf('\0') < 0 && (t.endsWith(".jsonl") || t.endsWith(".zst"))) {
      return t;
    }
    if (agent == Agent.CODEX) {
      Path found = io.github.fss.capture.codex.RolloutLocator.find(env.codexHome(), e.sessionId());
      return found == null ? null : found.toString();
    }
    return null;
  }

  /** Lets commands the agent runs know their session (Claude Code's CLAUDE_ENV_FILE). */
  private void exportSessionId(String id) {
    String file = env.get("CLAUDE_ENV_FILE");
    if (file == null || agent != Agent.CLAUDE) {
      return;
    }
    try {
      Files.write(Path.of(file), ("export FSS_SESSION_ID=" + id + "\n").getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException | RuntimeException ex) {
      log.write("hook " + agent.format(), "could not write CLAUDE_ENV_FILE: " + ex.getMessage());
    }
  }

  /** A one-line note when hooks logged errors since the last session start, else null. */
  private String newProblems() {
    Path logFile = log.file();
    Path seen = logFile.resolveSibling("reported-size");
    try {
      if (!Files.exists(logFile)) {
        return null;
      }
      long size = Files.size(logFile);
      long reported = 0;
      if (Files.exists(seen)) {
        reported = Long.parseLong(Files.readString(seen).trim());
      }
      if (size == reported) {
        return null;
      }
      io.github.fss.store.AtomicFile.write(seen, Long.toString(size).getBytes(StandardCharsets.UTF_8));
      return "fireworks-sessions-saver logged problems since the last session start; "
          + "tell the user to run `fss doctor`.";
    } catch (IOException | RuntimeException ex) {
      return null;
    }
  }
}
