package io.github.fss.agents.opencode;

import io.github.fss.Environment;
import io.github.fss.agents.AgentRegistry;
import io.github.fss.agents.HookInput;
import io.github.fss.agents.RestorableOffer;
import io.github.fss.agents.SpoolTurns;
import io.github.fss.capture.SessionCapture;
import io.github.fss.json.Json;
import io.github.fss.model.Session;
import io.github.fss.model.SessionStatus;
import io.github.fss.redact.Redactor;
import io.github.fss.render.OutputFormat;
import io.github.fss.render.RestoreView;
import io.github.fss.render.StartNotice;
import io.github.fss.store.HookLog;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.Retention;
import io.github.fss.store.SessionIds;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code fss hook opencode}: one event from our OpenCode plugin, as Claude-style JSON on stdin.
 * Which events wait and which read OpenCode's database:
 * <ul>
 *   <li>{@code SessionStart} (the plugin waits, at most 4 s, to add the notice to the first
 *       message): registers the session and answers the notice of the other restorable sessions.
 *       The OpenCode sessions it shows are read from the database first when it changed: their
 *       turns were spooled, not checkpointed, so a session killed mid-command would otherwise be
 *       offered stale, or not at all. That may load the driver (0.3–1.2 s on a loaded machine)
 *       while the user types the first message, which is when the plugin waits for the notice.
 *   <li>{@code Stop} (session.idle, the turn's end), {@code PreToolUse} (before a bash command, so a
 *       session killed in a long command has a checkpoint), {@code PostCompact}: the plugin does not
 *       wait (a detached process), so these read the new rows and checkpoint. {@code Stop} and
 *       {@code PreToolUse} normally never get here: the launcher spools them without a JVM and the
 *       next run that reads sessions checkpoints them ({@link SpoolTurns}); they come here only
 *       when the launcher cannot read the event with certainty.
 *   <li>{@code PreCompact} (the plugin waits, at most 4 s, during a compaction, which itself waits
 *       on the model): a forced checkpoint, answered as the text for the compaction prompt.
 *   <li>{@code SessionEnd} (exit, detached): a last checkpoint and a clean end.
 * </ul>
 */
public final class OpenCodeHook {
  public static final String TOOL = "opencode";

  private final Environment env;
  private final HookLog log;

  public OpenCodeHook(Environment env, HookLog log) {
    this.env = env;
    this.log = log;
  }

  /** The hook's stdout (Claude-style hook output the plugin reads), or null for none. */
  public String handle(InputStream stdin) throws IOException {
    HookInput e;
    try {
      e = HookInput.read(stdin);
    } catch (IOException ex) {
      log.write("hook opencode", ex.getMessage());
      return null;
    }
    if (!SessionIds.isValid(e.sessionId())) {
      log.write("hook opencode", "ignored event " + e.event() + ": missing or invalid session_id");
      return null;
    }
    String event = e.event() == null ? "" : e.event();
    Path cwd = e.cwd() != null && !e.cwd().isBlank() && e.cwd().indexOf('\0') < 0 && e.cwd().startsWith("/")
        ? Path.of(e.cwd()) : env.cwd();
    StoreConfig config = StoreConfig.load(env.fssHome(), env.vars());
    SessionStore store = new SessionStore(env.fssHome(), config, m -> log.write("store", m));
    Redactor redactor = Redactor.standard(config.extraRedactions());
    String key = ProjectRoot.key(ProjectRoot.of(cwd));
    Instant now = env.now();
    SessionCapture capture = new SessionCapture(store, redactor, now, AgentRegistry.readers());
    String db = database(e);
    switch (event) {
      case "SessionStart":
        SpoolTurns.drainShown(env, store, redactor, m -> log.write("spool", m), key, e.sessionId(),
            StartNotice.MAX_SESSIONS);
        return sessionStart(e, cwd, db, store, capture, config, now);
      case "Stop":
      case "PreToolUse":
      case "PostCompact":
        SpoolTurns.drain(env, store, redactor, m -> log.write("spool", m));
        refreshOrRegister(capture, key, e, cwd, db, false);
        return null;
      case "PreCompact": {
        Session s = refreshOrRegister(capture, key, e, cwd, db, true);
        if (s == null || s.latest() == null) {
          return null;
        }
        String text = "fireworks-sessions-saver: the working state of this session before compaction:\n"
            + RestoreView.render(s, now, OutputFormat.TEXT, config.tokenBudget() - 20, null);
        return StartNotice.hookOutput("PreCompact", text);
      }
      case "SessionEnd":
        SpoolTurns.drain(env, store, redactor, m -> log.write("spool", m));
        refreshOrRegister(capture, key, e, cwd, db, true);
        store.update(key, e.sessionId(), s -> s == null ? null
            : s.withStatus(SessionStatus.ENDED, e.reason() == null ? "other" : e.reason()));
        Retention.purgeIfDue(store, now, e.sessionId());
        return null;
      default:
        log.write("hook opencode", "ignored event '" + event + "'");
        return null;
    }
  }

  private String sessionStart(HookInput e, Path cwd, String db, SessionStore store, SessionCapture capture,
      StoreConfig config, Instant now) {
    String key = capture.register(TOOL, OpenCodeHistory.FORMAT, e.sessionId(), cwd, db);
    RestorableOffer.Offer offer = RestorableOffer.of(store, capture, key, e.sessionId(), now,
        StartNotice.MAX_SESSIONS, m -> log.write("hook opencode", m));
    if (offer.sessions().isEmpty()) {
      return null;
    }
    String launcher = env.get("FSS_LAUNCHER") != null ? env.get("FSS_LAUNCHER") : "fss";
    return StartNotice.hookOutput("SessionStart",
        StartNotice.text(offer.sessions(), offer.total(), now, launcher, config.tokenBudget(), null));
  }

  /** Checkpoints from the database; registers the session first if this is its first event we see. */
  private Session refreshOrRegister(SessionCapture capture, String key, HookInput e, Path cwd, String db,
      boolean force) throws IOException {
    Session s = capture.refresh(key, e.sessionId(), force);
    if (s != null && s.capture() != null && db.equals(Json.str(s.capture().get("transcript_path")))) {
      return s;
    }
    capture.register(TOOL, OpenCodeHistory.FORMAT, e.sessionId(), cwd, db);
    return capture.refresh(key, e.sessionId(), force);
  }

  /** The database the plugin named (an absolute path ending in .db), else where OpenCode keeps it. */
  private String database(HookInput e) {
    String t = e.transcriptPath();
    if (t != null && t.startsWith("/") && t.endsWith(".db") && t.indexOf('\0') < 0) {
      return t;
    }
    return OpenCodePaths.database(env).toString();
  }
}
