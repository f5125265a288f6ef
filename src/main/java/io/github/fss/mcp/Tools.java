package io.github.fss.mcp;

import io.github.fss.Environment;
import io.github.fss.agents.AgentRegistry;
import io.github.fss.capture.ManualCheckpoint;
import io.github.fss.redact.Redactor;
import io.github.fss.cli.Cli;
import io.github.fss.json.Json;
import io.github.fss.model.FileRef;
import io.github.fss.model.Session;
import io.github.fss.model.SessionStatus;
import io.github.fss.render.Tokens;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionIds;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoreConfig;
import io.github.fss.store.StoreException;
import io.github.fss.store.StoredSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools. The read tools run the CLI verbs in-process ({@code fss search}, {@code list},
 * {@code dashboard}, {@code restore}, {@code diff}) with arguments built from checked values, so a
 * tool answers exactly what the command prints, refreshes and links the same way, and fails with the
 * same one-line message; save_checkpoint writes through {@link ManualCheckpoint} itself, because its
 * lists must not be split on the CLI's separators. Text is cut to the restore token budget.
 */
final class Tools {
  private static final String SESSION_DOC = "session id or unique id prefix; default: the latest recoverable session"
      + " of this project";

  private final Environment env;
  private final PrintStream err;
  private final Map<String, List<Param>> params = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> defs = new LinkedHashMap<>();
  private String clientName;

  Tools(Environment env, PrintStream err) {
    this.env = env;
    this.err = err;
    define("search_history", "Search past coding-agent sessions",
        "Full-text search over past coding-agent sessions (Claude Code, Codex, …) on this machine: prompts, "
            + "answers, commands with exit codes, file paths, todos, decisions, compaction summaries. Best match "
            + "first, with a snippet (matches between « ») and the session id to pass to restore_session. Query "
            + "syntax: words (all must match), \"exact phrase\", prefix*, AND/OR/NOT.",
        true,
        Param.string("query", "what to look for").needed(),
        Param.string("project", "a directory of the project to search (default: this project)"),
        Param.bool("all_projects", "search every project instead of one"),
        Param.string("agent", "only sessions of this agent").oneOf(AgentRegistry.names().toArray(String[]::new)),
        Param.string("since", "only sessions active since: 7d, 12h, 2w, a date (2026-11-30) or a timestamp"),
        Param.string("file", "only sessions that touched this path (a path ending is enough)"),
        Param.integer("limit", "at most this many sessions (default 10)", 1, 50));
    define("list_sessions", "List recoverable sessions",
        "Recoverable past sessions, newest first: age, agent, status, task, summary, files, open question and id. "
            + "Use an id with restore_session or diff_checkpoints. With all_projects: each project's latest "
            + "sessions and how many it has; list one project with project to see the rest.",
        true,
        Param.string("project", "a directory of the project (default: this project)"),
        Param.bool("all_projects", "every project instead of one"),
        Param.bool("include_ended", "also sessions that expired or were continued elsewhere"),
        Param.integer("limit", "at most this many sessions (default 20; with all_projects, per project, default 5); "
            + "0 = all", 0, null));
    define("restore_session", "Restore a session's working context",
        "The structured summary of a past session to carry on from: task, last requests, todos, files with "
            + "their role and whether they changed since, decisions, open questions, commands with exit codes, "
            + "branch. Called inside an agent session, it records that this session continues that one.",
        false,
        Param.string("session", SESSION_DOC),
        Param.integer("budget", "token budget for the summary (default from fss config, 1500; 0 = no limit)", 0, null),
        Param.string("for", "word it as a first prompt for this agent").oneOf(AgentRegistry.names().toArray(String[]::new)));
    define("diff_checkpoints", "Compare two checkpoints of a session",
        "What changed between two checkpoints of a session (1 = oldest; default: the last two): task, summary, "
            + "branch, files added, removed or with a new role, decisions, open questions, todos. With list: the "
            + "checkpoints themselves.",
        true,
        Param.string("session", SESSION_DOC),
        Param.integer("from", "checkpoint number to compare from", 1, null),
        Param.integer("to", "checkpoint number to compare to", 1, null),
        Param.bool("list", "list the session's checkpoints instead of comparing"));
    define("save_checkpoint", "Save a checkpoint of this session",
        "Save a checkpoint of the current agent session so a later session can pick up from it. Git branch, "
            + "head, recent commits and file times are recorded automatically; secrets are redacted. Call it at "
            + "milestones or before stopping, with what a successor needs.",
        false,
        Param.string("summary", "what was done and where things stand, in a few sentences"),
        Param.string("current_task", "the task in progress"),
        Param.files("files", "files that matter, each {path, role}; role: editing, reference, created or deleted"),
        Param.strings("decisions", "decisions taken, one per item"),
        Param.strings("open_questions", "questions still open, one per item"),
        Param.strings("commands", "commands worth re-running, one per item"));
  }

  private void define(String name, String title, String description, boolean readOnly, Param... ps) {
    params.put(name, List.of(ps));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("title", title);
    m.put("description", description);
    m.put("inputSchema", Param.schema(List.of(ps)));
    Map<String, Object> hints = new LinkedHashMap<>();
    hints.put("readOnlyHint", readOnly);
    hints.put("destructiveHint", false);
    hints.put("openWorldHint", false);
    m.put("annotations", hints);
    defs.put(name, m);
  }

  List<Object> list() {
    return new ArrayList<>(defs.values());
  }

  boolean has(String name) {
    return defs.containsKey(name);
  }

  /** Remembers the client's name from initialize (it names the agent of a session saved here). */
  void client(Map<String, Object> info) {
    clientName = info == null ? null : Json.str(info.get("name"));
  }

  /** A tools/call result: the tool's text, or a tool error the model can read and correct. */
  Map<String, Object> call(String name, Map<String, Object> raw, Map<String, Object> meta) {
    Caller caller = Caller.of(env, meta, clientName);
    Environment callEnv = caller.environment(env);
    try {
      Map<String, Object> a = Param.check(params.get(name), raw);
      switch (name) {
        case "search_history":
          return search(callEnv, a);
        case "list_sessions":
          return listSessions(callEnv, a);
        case "restore_session":
          return restore(callEnv, a);
        case "diff_checkpoints":
          return diff(callEnv, a);
        default:
          return save(callEnv, caller, a);
      }
    } catch (Param.Invalid e) {
      return failure(e.getMessage());
    } catch (StoreException e) {
      return failure(e.getMessage());
    } catch (RuntimeException e) {
      // a bug of ours must not look like a broken server to the agent: one tool error, the rest goes on
      err.println("fss mcp: " + name + " failed: " + e);
      return failure(name + " failed unexpectedly (" + e.getClass().getSimpleName() + "); details are on the"
          + " server's stderr");
    }
  }

  private Map<String, Object> search(Environment e, Map<String, Object> a) {
    String query = (String) a.get("query");
    if (query.isBlank() || query.equals("--help") || query.equals("-h") || query.equals("--verbose")) {
      throw new Param.Invalid("'query' needs words to look for");
    }
    if (Boolean.TRUE.equals(a.get("all_projects")) && a.containsKey("project")) {
      throw new Param.Invalid("give project or all_projects, not both");
    }
    List<String> args = new ArrayList<>(List.of("search"));
    if (Boolean.TRUE.equals(a.get("all_projects"))) {
      args.add("--all");
    }
    option(args, "--project", a.get("project"));
    option(args, "--agent", a.get("agent"));
    option(args, "--since", a.get("since"));
    option(args, "--file", a.get("file"));
    option(args, "--limit", a.get("limit"));
    args.add("--");
    args.add(query);
    Map<String, Object> r = verb(e, args, 0);
    // the CLI's hint names its flag; the model knows the argument
    return r.get("isError") == Boolean.TRUE ? r : success(text(r).replace("(--all searches every project)",
        "(all_projects: true searches every project)"));
  }

  private Map<String, Object> listSessions(Environment e, Map<String, Object> a) {
    boolean all = Boolean.TRUE.equals(a.get("all_projects"));
    if (all && a.containsKey("project")) {
      throw new Param.Invalid("give project or all_projects, not both");
    }
    List<String> args = new ArrayList<>(List.of(all ? "dashboard" : "list"));
    if (Boolean.TRUE.equals(a.get("include_ended"))) {
      args.add("--all");
    }
    option(args, "--limit", a.get("limit"));
    if (a.containsKey("project")) {
      args.add("--");
      args.add((String) a.get("project"));
    }
    Map<String, Object> r = verb(e, args, 0);
    // the dashboard's hint names the CLI's verb; the model knows the tool and its argument
    return r.get("isError") == Boolean.TRUE || !all ? r : success(MORE_HINT.matcher(text(r))
        .replaceAll("$1: list_sessions with project $2"));
  }

  /** The dashboard's line for a project's hidden sessions: {@code  … N more: fss list [--all] [--] ROOT}. */
  private static final java.util.regex.Pattern MORE_HINT =
      java.util.regex.Pattern.compile("(?m)^(  … \\d+ more): fss list (?:--all )?(?:-- )?(.+)$");

  private Map<String, Object> restore(Environment e, Map<String, Object> a) {
    List<String> args = new ArrayList<>(List.of("restore"));
    Integer budget = (Integer) a.get("budget");
    option(args, "--budget", budget);
    option(args, "--for", a.get("for"));
    session(args, a);
    // restore trims itself to the budget, least important first; the cut here only catches the note after it
    int limit = budget != null ? budget : budget(e);
    return verb(e, args, limit == 0 ? 0 : limit + 200);
  }

  private Map<String, Object> diff(Environment e, Map<String, Object> a) {
    List<String> args = new ArrayList<>(List.of("diff"));
    if (Boolean.TRUE.equals(a.get("list"))) {
      args.add("--list");
    }
    option(args, "--from", a.get("from"));
    option(args, "--to", a.get("to"));
    session(args, a);
    return verb(e, args, 0);
  }

  private Map<String, Object> save(Environment e, Caller caller, Map<String, Object> a) {
    if (!a.containsKey("summary") && !a.containsKey("current_task") && !a.containsKey("files")
        && !a.containsKey("decisions") && !a.containsKey("open_questions")) {
      throw new Param.Invalid("give at least a summary or a current_task: a checkpoint says where things stand");
    }
    Path dir = e.cwd();
    StoreConfig config = StoreConfig.load(e.fssHome(), e.vars());
    SessionStore store = new SessionStore(e.fssHome(), config, err::println);
    String id = caller.sessionId() != null ? caller.sessionId() : latestManual(store, e, dir, caller.tool());
    @SuppressWarnings("unchecked")
    ManualCheckpoint.Fields fields = new ManualCheckpoint.Fields((String) a.get("summary"),
        (String) a.get("current_task"), (List<FileRef>) a.getOrDefault("files", List.of()),
        (List<String>) a.getOrDefault("decisions", List.of()), (List<String>) a.getOrDefault("open_questions", List.of()),
        (List<String>) a.getOrDefault("commands", List.of()), List.of());
    try {
      Session s = new ManualCheckpoint(store, Redactor.standard(config.extraRedactions()), e.now(), AgentRegistry.readers())
          .save(caller.tool(), id, dir, fields);
      return success("Checkpoint " + s.checkpoints().size() + " saved in session " + s.sessionId() + " ("
          + s.projectRoot() + "). A later session restores it with restore_session " + s.sessionId() + ".");
    } catch (IOException ex) {
      return failure("could not save the checkpoint in " + e.fssHome() + ": " + ex.getMessage());
    }
  }

  /** Without a caller id: the latest active manual session of this tool here (as fss save), else a new one. */
  private static String latestManual(SessionStore store, Environment e, Path dir, String tool) {
    StoredSession best = null;
    for (StoredSession s : store.project(ProjectRoot.key(ProjectRoot.of(dir)))) {
      Session ses = s.session();
      if (ses.status() == SessionStatus.ACTIVE && tool.equals(ses.tool()) && ses.capture() == null
          && !store.expired(ses, e.now()) && (best == null
              || String.valueOf(ses.lastActive()).compareTo(String.valueOf(best.session().lastActive())) > 0)) {
        best = s;
      }
    }
    return best != null ? best.session().sessionId() : SessionIds.generate();
  }

  private static void session(List<String> args, Map<String, Object> a) {
    String ref = (String) a.get("session");
    if (ref == null) {
      return;
    }
    if (!SessionIds.isValid(ref)) {
      throw new Param.Invalid("'session' must be a session id or id prefix (letters, digits, - _ .), not '"
          + Param.printable(ref) + "'; list_sessions or search_history give ids");
    }
    args.add("--");
    args.add(ref);
  }

  private static void option(List<String> args, String name, Object value) {
    if (value != null) {
      args.add(name + "=" + value); // one argument: a value starting with '-' is never read as an option
    }
  }

  private static int budget(Environment e) {
    return StoreConfig.load(e.fssHome(), e.vars()).tokenBudget();
  }

  /** Runs one verb in-process; its output is the tool's text, its error line the tool error. */
  private Map<String, Object> verb(Environment e, List<String> args, int tokens) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream verbErr = new ByteArrayOutputStream();
    int rc = Cli.run(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(verbErr, true, StandardCharsets.UTF_8), e, args.toArray(new String[0]));
    String text = out.toString(StandardCharsets.UTF_8).strip();
    String problems = verbErr.toString(StandardCharsets.UTF_8).strip();
    if (rc != 0) {
      StringBuilder msg = new StringBuilder();
      for (String line : problems.split("\n")) {
        if (!line.startsWith("run 'fss ") && !line.isBlank()) {
          msg.append(msg.length() == 0 ? "" : "\n").append(line.replaceFirst("^fss [a-z]+: ", ""));
        }
      }
      return failure(msg.length() == 0 ? "failed (exit " + rc + ")" : msg.toString());
    }
    if (!problems.isEmpty()) {
      err.println(problems);
    }
    return success(fit(text, tokens == 0 && !args.get(0).equals("restore") ? budget(e) : tokens));
  }

  /** The text cut at a line to about {@code budget} tokens (0: no limit), saying how much was left out. */
  static String fit(String text, int budget) {
    if (budget <= 0 || Tokens.estimate(text) <= budget) {
      return text;
    }
    String[] lines = text.split("\n", -1);
    StringBuilder sb = new StringBuilder();
    int used = 0;
    int i = 0;
    for (; i < lines.length; i++) {
      int cost = Tokens.estimate(lines[i]) + 1;
      if (used + cost > budget - 25) {
        break;
      }
      sb.append(lines[i]).append('\n');
      used += cost;
    }
    return sb + "… " + (lines.length - i) + " more lines left out to stay within " + budget
        + " tokens; narrow the request (project, limit, session) to see them";
  }

  static String text(Map<String, Object> result) {
    return Json.str(Json.obj(Json.arr(result.get("content")).get(0)).get("text"));
  }

  static Map<String, Object> success(String text) {
    return content(text, false);
  }

  static Map<String, Object> failure(String text) {
    return content(text, true);
  }

  private static Map<String, Object> content(String text, boolean error) {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("type", "text");
    block.put("text", text);
    m.put("content", List.of(block));
    m.put("isError", error);
    return m;
  }

  /** Which agent session is calling, and how the verbs should see it. */
  record Caller(String sessionId, String tool) {
    /**
     * Codex names its thread in the call's {@code _meta}; Claude Code starts the server with
     * CLAUDE_CODE_SESSION_ID; fss's own FSS_SESSION_ID / CODEX_THREAD_ID come last.
     */
    static Caller of(Environment env, Map<String, Object> meta, String clientName) {
      String thread = null;
      if (meta != null) {
        for (String k : new String[] {"threadId", "thread_id", "codex/threadId", "conversationId"}) {
          if (meta.get(k) instanceof String && SessionIds.isValid((String) meta.get(k))) {
            thread = (String) meta.get(k);
            break;
          }
        }
      }
      if (thread != null) {
        return new Caller(thread, "codex");
      }
      String claude = env.get("CLAUDE_CODE_SESSION_ID");
      if (claude != null && SessionIds.isValid(claude)) {
        return new Caller(claude, "claude-code");
      }
      String own = env.get("FSS_SESSION_ID") != null ? env.get("FSS_SESSION_ID") : env.get("CODEX_THREAD_ID");
      String tool = env.get("CODEX_THREAD_ID") != null || (clientName != null && clientName.toLowerCase().contains("codex"))
          ? "codex" : clientTool(clientName);
      return new Caller(own != null && SessionIds.isValid(own) ? own : null, tool);
    }

    private static String clientTool(String clientName) {
      if (clientName == null || clientName.toLowerCase().contains("claude")) {
        return "claude-code";
      }
      String t = clientName.toLowerCase().replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
      return t.isEmpty() || t.length() > 40 ? "mcp" : t;
    }

    /**
     * The environment the verbs run with: FSS_SESSION_ID names the caller (fss restore links through
     * it), no colour, and the project directory Claude Code names, else the server's directory.
     */
    Environment environment(Environment env) {
      Map<String, String> vars = new HashMap<>(env.vars());
      if (sessionId != null) {
        vars.put("FSS_SESSION_ID", sessionId);
      }
      vars.put("FSS_COLOR", "never");
      Path cwd = env.cwd();
      String project = env.get("CLAUDE_PROJECT_DIR");
      if (project != null && Path.of(project).isAbsolute() && Files.isDirectory(Path.of(project))) {
        cwd = Path.of(project);
      }
      return new Environment(Map.copyOf(vars), cwd, env.clock());
    }
  }
}
