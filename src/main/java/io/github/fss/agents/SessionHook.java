package io.github.fss.agents;

import io.github.fss.Environment;
import io.github.fss.redact.Redactor;
import io.github.fss.json.Json;
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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One lifecycle event of an agent's session. SessionStart registers the session and
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
    String key = ProjectRoot.key(ProjectRoot.of(cwd));
    // the turns the launcher spooled come first, in order, before this event's own capture; a
    // SessionStart brings up to date only what it shows (the rest waits for the next run)
    if ("SessionStart".equals(event)) {
      SpoolTurns.drainShown(env, store, redactor, m -> log.write("spool", m), key, e.sessionId(), StartNotice.MAX_SESSIONS);
    } else {
      SpoolTurns.drain(env, store, redactor, m -> log.write("spool", m));
    }
    Instant now = env.now();
    SessionCapture capture = new SessionCapture(store, redactor, now, AgentRegistry.readers());
    String transcript = transcript(e);
    switch (event) {
      case "SessionStart":
        return sessionStart(e, cwd, transcript, store, capture, config, now);
      case "SessionEnd":
        refreshOrRegister(capture, key, e, cwd, transcript, true);
        store.update(key, e.sessionId(), s -> s == null ? null
            : s.withStatus(SessionStatus.ENDED, e.reason() == null ? "other" : e.reason()));
        // housekeeping where nobody waits on it: a session's end, at most once a day
        io.github.fss.store.Retention.purgeIfDue(store, now, e.sessionId());
        // the spool is drained and this session's state final: the next start may be answered
        // by the launcher alone
        PreparedStart.prepare(agent, env, store, log, e.cwd());
        return null;
      case "Stop":
      case "AfterAgent": // Gemini CLI's Stop (its PreCompress fires before every turn: not taken)
      case "PreCompact":
      case "PostToolUse":
      case "SubagentStop":
        refreshOrRegister(capture, key, e, cwd, transcript, "PreCompact".equals(event));
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
    RestorableOffer.Offer offer = RestorableOffer.of(store, capture.withoutQueries(), key, e.sessionId(), now,
        StartNotice.MAX_SESSIONS, m -> log.write("hook " + agent.format(), m));
    String problems = newProblems();
    String output = null;
    if (!offer.sessions().isEmpty() || problems != null) {
      String launcher = env.get("FSS_LAUNCHER") != null ? env.get("FSS_LAUNCHER") : "fss";
      output = StartNotice.hookOutput("SessionStart",
          StartNotice.text(offer.sessions(), offer.total(), now, launcher, config.tokenBudget(), problems));
    }
    // No notice for the next start is rendered here: this session's first turn would void it (its
    // transcript grows), so it served only a second start before that, and cost every start the
    // JVM answers 1.2x (bench/RESULTS.md, "SessionStart: the notice at a session's end only").
    return output;
  }

  /**
   * Checkpoints from the transcript; registers the session first when this is the first event we
   * see of it (installed mid-session) or the agent moved it to another transcript. One read of the
   * session in the usual case.
   */
  private void refreshOrRegister(SessionCapture capture, String key, HookInput e, Path cwd, String transcript,
      boolean force) throws IOException {
    Session s = capture.refresh(key, e.sessionId(), force);
    boolean known = s != null && s.capture() != null;
    if (known && (transcript == null || transcript.equals(Json.str(s.capture().get("transcript_path"))))) {
      return;
    }
    capture.register(agent.tool(), agent.format(), e.sessionId(), cwd, transcript);
    capture.refresh(key, e.sessionId(), force);
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
    Path found = agent.locate(env, e.sessionId());
    return found == null ? null : found.toString();
  }

  /** Lets commands the agent runs know their session (Claude Code's CLAUDE_ENV_FILE). */
  private void exportSessionId(String id) {
    String variable = agent.envFileVariable();
    String file = variable == null ? null : env.get(variable);
    if (file == null) {
      return;
    }
    try {
      Files.write(Path.of(file), ("export FSS_SESSION_ID=" + id + "\n").getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException | RuntimeException ex) {
      log.write("hook " + agent.format(), "could not write " + variable + ": " + ex.getMessage());
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
        reported = Long.parseLong(new String(io.github.fss.store.RegularFiles.read(seen, 64), StandardCharsets.UTF_8).trim());
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
