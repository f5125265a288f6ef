package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.agents.AgentRegistry;
import io.github.fss.capture.ManualCheckpoint;
import io.github.fss.json.Json;
import io.github.fss.model.FileRef;
import io.github.fss.model.Session;
import io.github.fss.model.SessionStatus;
import io.github.fss.model.Timestamps;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionIds;
import io.github.fss.store.StoredSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code fss save}: the original tool's init / checkpoint / cleanup, with its flags. */
final class Save implements Verb {
  @Override
  public String name() {
    return "save";
  }

  @Override
  public String summary() {
    return "start a session, save a checkpoint, or clean up expired sessions";
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: fss save --action init|checkpoint|cleanup [--working-dir D] [--tool T] [--session ID]",
        "                [--summary S] [--current-task S] [--files path:role,…] [--decisions a;b]",
        "                [--open-questions a;b] [--commands a;b] [--archive-file F] [--json]",
        "",
        "  init        start a new session for D's project (prints its id)",
        "  checkpoint  save a checkpoint in the current session (created if needed); git branch,",
        "              head, last 5 commits and file mtimes are recorded by themselves",
        "  cleanup     delete expired sessions and stale temp files from the store (nothing outside it);",
        "              with --archive-file SESSION, mark that session as continued by this one",
        "",
        "  --working-dir D   default: the current directory",
        "  --tool T          claude-code, codex, … (default: codex inside Codex, else claude-code)",
        "  --session ID      the session to write; default: the agent's own (FSS_SESSION_ID or",
        "                    CODEX_THREAD_ID), else the latest active manual session of T here",
        "  --files           comma-separated path:role, role = editing|reference|created|deleted",
        "  --decisions, --open-questions, --commands   semicolon-separated lists");
  }

  @Override
  public int run(Context ctx, List<String> raw) throws Exception {
    Args a = Args.parse(raw, Set.of("--json"), Set.of("--working-dir", "--tool", "--action", "--session",
        "--summary", "--current-task", "--files", "--decisions", "--open-questions", "--commands",
        "--archive-file"));
    a.positional(0);
    String action = a.option("--action", "checkpoint");
    Path dir = a.option("--working-dir") == null ? ctx.env().cwd() : ctx.env().resolve(a.option("--working-dir"));
    if (!Files.isDirectory(dir)) {
      throw FssException.invalid("--working-dir " + dir + " is not a directory");
    }
    String tool = a.option("--tool", AgentRegistry.inside(ctx.env()).tool());
    List<FileRef> files = FileSpec.parse(a.option("--files"));
    String id = a.option("--session");
    if (id != null && !SessionIds.isValid(id)) {
      throw FssException.invalid("--session '" + SessionArg.printable(id) + "' is not a valid session id");
    }
    switch (action) {
      case "init":
        return init(ctx, a, dir, tool, id);
      case "checkpoint":
        return checkpoint(ctx, a, dir, tool, id, files);
      case "cleanup":
        return new Cleanup(ctx).run(a.option("--archive-file"), id, a.flag("--json"));
      default:
        throw FssException.usage("--action must be init, checkpoint or cleanup, not '" + action + "'");
    }
  }

  private int init(Context ctx, Args a, Path dir, String tool, String id) {
    String sid = id != null ? id : SessionArg.currentSessionId(ctx) != null ? SessionArg.currentSessionId(ctx)
        : SessionIds.generate();
    Path root = ProjectRoot.of(dir);
    String stamp = Timestamps.format(ctx.now());
    Session s = ctx.store().update(ProjectRoot.key(root), sid, old -> old != null
        ? old.withStatus(SessionStatus.ACTIVE, null).withLastActive(stamp)
        : Session.start(sid, tool, ProjectRoot.canonical(dir).toString(), root.toString(), stamp));
    print(ctx, a, s, "session " + s.sessionId() + " started for " + root);
    return 0;
  }

  private int checkpoint(Context ctx, Args a, Path dir, String tool, String id, List<FileRef> files) throws Exception {
    String sid = id != null ? id : target(ctx, dir, tool);
    ManualCheckpoint.Fields fields = new ManualCheckpoint.Fields(a.option("--summary"), a.option("--current-task"),
        files, FileSpec.list(a.option("--decisions")), FileSpec.list(a.option("--open-questions")),
        FileSpec.list(a.option("--commands")), List.of());
    Session s = new ManualCheckpoint(ctx.store(), ctx.redactor(), ctx.now(), AgentRegistry.readers()).save(tool, sid, dir, fields);
    print(ctx, a, s, "checkpoint " + s.checkpoints().size() + " saved in session " + s.sessionId()
        + " (" + s.projectRoot() + ")");
    return 0;
  }

  /** The agent's own session, else the latest active session of this tool here, else a new one. */
  private static String target(Context ctx, Path dir, String tool) {
    String own = SessionArg.currentSessionId(ctx);
    if (own != null && SessionIds.isValid(own)) {
      return own;
    }
    List<StoredSession> here = new ArrayList<>(ctx.store().project(ProjectRoot.key(ProjectRoot.of(dir))));
    here.sort(SessionArg.newestFirst());
    for (StoredSession s : here) {
      Session ses = s.session();
      if (ses.status() == SessionStatus.ACTIVE && tool.equals(ses.tool()) && ses.capture() == null
          && !ctx.store().expired(ses, ctx.now())) {
        return ses.sessionId();
      }
    }
    return SessionIds.generate();
  }

  private static void print(Context ctx, Args a, Session s, String text) {
    if (a.flag("--json")) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("session_id", s.sessionId());
      m.put("project_root", s.projectRoot());
      m.put("checkpoints", s.checkpoints().size());
      ctx.out().println(Json.write(m, true));
    } else {
      ctx.out().println(text);
    }
  }
}
