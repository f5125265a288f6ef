package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.Environment;
import io.github.fss.render.Printable;
import io.github.fss.store.StoreException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dispatches the human-facing verbs and maps failures to exit codes in one place: 0 success,
 * 1 a clear error (one stderr line saying what to do), 2 usage. A stack trace only with --verbose.
 */
public final class Cli {
  public static final String VERSION = "0.1.0";

  private Cli() {}

  /** The verbs, by name; the original tool's script names are aliases. */
  static Map<String, Verb> verbs() {
    Map<String, Verb> m = new LinkedHashMap<>();
    for (Verb v : new Verb[] {new Save(), new ListSessions(), new Restore(), new Diff(), new Dashboard(),
        new Handoff(), new Install(), new Uninstall(), new Import(), new Doctor(), new Demo(), new Search(), new Index(), new Ui(),
        new Sync(), new SearchServer()}) {
      m.put(v.name(), v);
    }
    return m;
  }

  /** The verbs before which a due automatic sync runs (sync.auto): they read sessions, none is a hook. */
  private static final java.util.Set<String> AUTO_SYNC_VERBS = java.util.Set.of("list", "restore", "dashboard");

  static final Map<String, String> ALIASES = Map.of(
      "save_session", "save",
      "list_sessions", "list",
      "restore_session", "restore",
      "diff_session", "diff");

  public static int run(InputStream in, PrintStream out, PrintStream err, Environment env, String... args) {
    // the output edge: whatever a verb prints (recorded text, paths, ids, messages) reaches the
    // terminal with its control characters escaped
    PrintStream safeOut = new PrintStream(Printable.stream(out), false, StandardCharsets.UTF_8);
    PrintStream safeErr = new PrintStream(Printable.stream(err), true, StandardCharsets.UTF_8);
    try {
      return dispatch(in, safeOut, safeErr, env, out, args);
    } finally {
      safeOut.flush();
      safeErr.flush();
    }
  }

  private static int dispatch(InputStream in, PrintStream out, PrintStream err, Environment env, PrintStream styled,
      String... args) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    boolean verbose = rest.remove("--verbose");
    if (rest.isEmpty() || rest.get(0).equals("--help") || rest.get(0).equals("-h") || rest.get(0).equals("help")) {
      if (rest.size() > 1 && verbs().containsKey(rest.get(1))) {
        out.println(verbs().get(rest.get(1)).help());
        return 0;
      }
      out.println(usage());
      return rest.isEmpty() ? 2 : 0;
    }
    if (rest.get(0).equals("--version") || rest.get(0).equals("version")) {
      out.println("fss " + VERSION);
      return 0;
    }
    String name = rest.get(0);
    name = name.endsWith(".py") ? name.substring(0, name.length() - 3) : name;
    name = ALIASES.getOrDefault(name, name);
    Verb verb = verbs().get(name);
    if (verb == null) {
      err.println("fss: unknown command '" + rest.get(0) + "'; run 'fss --help' for the list");
      return 2;
    }
    List<String> verbArgs = rest.subList(1, rest.size());
    if (verbArgs.contains("--help") || verbArgs.contains("-h")) {
      out.println(verb.help());
      return 0;
    }
    Context ctx = new Context(in, out, err, env, styled);
    try {
      if (AUTO_SYNC_VERBS.contains(verb.name())) {
        Sync.autoSync(ctx);
      }
      return verb.run(ctx, new ArrayList<>(verbArgs));
    } catch (FssException e) {
      err.println("fss " + verb.name() + ": " + e.getMessage());
      if (verbose && e.getCause() != null) {
        e.getCause().printStackTrace(err);
      }
      if (e.exitCode() == 2) {
        err.println("run 'fss " + verb.name() + " --help' for usage");
      }
      return e.exitCode();
    } catch (StoreException e) {
      err.println("fss " + verb.name() + ": " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      return 1;
    } catch (Exception | StackOverflowError e) {
      err.println("fss " + verb.name() + ": unexpected error: " + e + " (run with --verbose for details)");
      if (verbose) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  static String usage() {
    StringBuilder sb = new StringBuilder();
    sb.append("fss ").append(VERSION).append(" — keeps a coding agent's working context across sessions\n\n");
    sb.append("usage: fss <command> [options]   (fss <command> --help for details)\n\n");
    for (Verb v : verbs().values()) {
      if (!v.listed()) {
        continue;
      }
      sb.append(String.format("  %-10s %s%n", v.name(), v.summary()));
    }
    sb.append(String.format("  %-10s %s%n", "mcp", "stdio MCP server: search, list, restore, diff, save (agents start it)"));
    sb.append(String.format("  %-10s %s%n", "hook", "claude | codex | codex-notify | opencode JSON (called by the agents)"));
    sb.append("\nEvery command takes --json where it prints data, --help, and --verbose for stack traces.\n");
    sb.append("Exit codes: 0 success, 1 error (one line on stderr), 2 usage.");
    return sb.toString();
  }
}
