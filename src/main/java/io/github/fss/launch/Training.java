package io.github.fss.launch;

import io.github.fss.Environment;
import io.github.fss.Main;
import io.github.fss.searchd.RunDir;
import io.github.fss.searchd.SearchDaemon;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training runs that install.sh starts to build the JVM start-up archives: not a verb of
 * {@code fss}, it has its own {@code main} and is started with
 * {@code java <archive flags> -cp fss.jar io.github.fss.launch.Training DIR [core|history|hook|all]}.
 *
 * <p>It writes a small synthetic Claude Code transcript and Codex rollout under DIR, then runs, in
 * this one process, what an agent and a user do: SessionStart, Stop, PostToolUse, PreCompact, a
 * compaction restart and SessionEnd hooks for both agents, the drain of spooled turn ends, and then
 * the verbs of one group. Every class and call site they touch ends up in the archive (JDK 25:
 * {@code -XX:AOTCacheOutput}; JDK 17–24: the class list for {@code -Xshare:dump}). One process per
 * archive, because a JDK 25 AOT cache is made from a single training run.
 *
 * <p>Three groups, three archives, because a JDK 25 AOT cache loads and links every class it holds
 * when the JVM starts (AOT class linking): an archive that also held Lucene made every hook and
 * {@code fss --version} load ~1,300 Lucene classes it never uses, and one that also held the hooks
 * and every other verb made {@code fss list} load ~700 classes it never uses.
 * <ul>
 *   <li>{@code core} (the default): the hooks plus help, --version, list, restore, diff, dashboard,
 *       save, doctor, handoff: everything the launcher sends to neither of the other two.
 *   <li>{@code read}: list, restore and dashboard, the verbs a user (or an agent) runs most, over a
 *       store that an earlier {@code hook} run in DIR made in a process of its own, so that the
 *       hooks' classes stay out of this archive; a grown transcript makes them refresh a session,
 *       so that path is in it. Run on an empty DIR, it runs the hooks first itself.
 *   <li>{@code history}: the hooks (they make the sessions to index) plus index, search and the
 *       MCP server, the verbs that open the Lucene index.
 *   <li>{@code hook}: only the hooks; {@code all}: core and history in one archive (for measuring).
 * </ul>
 *
 * <p>Everything the commands print is discarded; it touches nothing outside DIR (HOME, FSS_HOME,
 * CLAUDE_CONFIG_DIR and CODEX_HOME all point inside it). Failures of single steps are reported on
 * stderr ("fss training: ...") and do not stop the run: the archive is only an optimisation.
 */
public final class Training {
  /**
   * "yyyy-MM-ddTHH:" of an hour ago, in UTC: the transcripts' events happen in its first minutes,
   * recent enough that the sessions are recoverable (the start notice is then trained too).
   */
  private static final String HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:").withZone(ZoneOffset.UTC)
      .format(Instant.now().minus(1, ChronoUnit.HOURS));

  /** Which commands a training run goes through, after the hooks that every mode runs. */
  public enum Mode {
    /** Only the hooks. */
    HOOK(false, false),
    /** The hooks and the verbs that do not open the search index. */
    CORE(true, false),
    /** list, restore and dashboard over a store prepared by a {@code hook} run (see the class comment). */
    READ(false, false),
    /** The hooks and the verbs that open the search index: index, search, mcp. */
    HISTORY(false, true),
    /** Both groups in one run (one archive for every verb). */
    ALL(true, true);

    final boolean core;
    final boolean history;

    Mode(boolean core, boolean history) {
      this.core = core;
      this.history = history;
    }

    static Mode of(String name) {
      for (Mode m : values()) {
        if (m.name().toLowerCase(java.util.Locale.ROOT).equals(name)) {
          return m;
        }
      }
      return null;
    }
  }

  private Training() {}

  public static void main(String[] args) throws IOException {
    Mode mode = args.length == 1 ? Mode.CORE : args.length == 2 ? Mode.of(args[1]) : null;
    if (mode == null) {
      System.err.println("usage: java -cp fss.jar io.github.fss.launch.Training DIR [core|read|history|hook|all]");
      return;
    }
    // what Main.main does before dispatching; the commands below get their own environment
    Map.copyOf(System.getenv()).size();
    run(Path.of(args[0]).toAbsolutePath(), mode, System.err);
    // Always a normal exit, even when a step failed: the JVM writes the AOT cache at exit
    // (Runtime.halt would skip that), and an archive trained on a failing step still works.
    // install.sh reports the "fss training:" lines printed on stderr.
  }

  /** What a training run did: commands run, commands that failed, hook calls that printed output. */
  public record Result(int commands, int failed, int hookOutputs) {}

  /** Runs the training commands under {@code dir}. */
  public static Result run(Path dir, Mode mode, PrintStream report) throws IOException {
    Path home = dir.resolve("home");
    Path project = dir.resolve("project");
    Path claudeDir = home.resolve(".claude");
    Path codexHome = home.resolve(".codex");
    Files.createDirectories(project.resolve("src"));
    Files.createDirectories(claudeDir.resolve("projects").resolve("training"));
    Path rolloutDir = codexHome.resolve("sessions/" + HOUR.substring(0, 10).replace('-', '/'));
    Files.createDirectories(rolloutDir);

    Map<String, String> vars = new HashMap<>();
    vars.put("HOME", home.toString());
    vars.put("FSS_HOME", dir.resolve("store").toString());
    vars.put("CLAUDE_CONFIG_DIR", claudeDir.toString());
    vars.put("CODEX_HOME", codexHome.toString());
    vars.put("FSS_LAUNCHER", dir.resolve("fss").toString());
    // the searches below run in this process (their classes are what the archive is for), and no
    // search server is left running in DIR
    vars.put("FSS_SEARCH_IDLE_SECONDS", "0");
    Environment env = Environment.of(vars, project);
    Runner r = new Runner(env, report);

    String a = "11111111-2222-4333-8444-555555555555";
    String b = "66666666-7777-4888-9999-aaaaaaaaaaaa";
    String c = "0199aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee";
    Path ta = claudeDir.resolve("projects/training/" + a + ".jsonl");
    Path tb = claudeDir.resolve("projects/training/" + b + ".jsonl");
    Path tc = rolloutDir.resolve(
        "rollout-" + HOUR.substring(0, 10) + "T" + HOUR.substring(11, 13) + "-00-00-" + c + ".jsonl");
    String p = project.toString();

    // the read group's store is made by a hook run in a process of its own (install.sh): here only
    // a transcript grows, so that list and restore refresh its session
    boolean prepared = mode == Mode.READ && Files.isDirectory(dir.resolve("store").resolve("projects"));
    if (prepared) {
      append(ta, claudeTurn(a, p, 3, "One more thing before lunch"));
    } else {
      // Claude Code: a session that works, is compacted, ends; a second one that is offered the first
      append(ta, claudeTurn(a, p, 0, "Add a --json flag to the list command"));
      r.hook("claude", event("SessionStart", a, p, ta, "\"source\":\"startup\""));
      r.hook("claude", event("UserPromptSubmit", a, p, ta, "\"prompt\":\"go on\""));
      r.hook("claude", event("Stop", a, p, ta, "\"stop_hook_active\":false"));
      append(ta, claudeTurn(a, p, 1, "Now write the test for it"));
      r.hook("claude", event("PostToolUse", a, p, ta,
          "\"tool_name\":\"Edit\",\"tool_input\":{\"file_path\":\"" + p + "/src/List.java\"},\"tool_response\":{}"));
      r.hook("claude", event("PreCompact", a, p, ta, "\"trigger\":\"auto\",\"custom_instructions\":\"\""));
      append(ta, claudeCompaction(a, p));
      r.hook("claude", event("SessionStart", a, p, ta, "\"source\":\"compact\""));
      append(ta, claudeTurn(a, p, 2, "Run the tests again"));
      r.hook("claude", event("Stop", a, p, ta, "\"stop_hook_active\":false"));
      // turn ends the launcher spooled (no JVM), drained by the next start: the drain path, on all cores
      StringBuilder spooled = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        String d = "dddddddd-0000-4000-8000-00000000000" + i;
        Path td = claudeDir.resolve("projects/training/" + d + ".jsonl");
        append(td, claudeTurn(d, p, 0, "Spooled turn " + i));
        spooled.append("fss1\t").append(Instant.now()).append("\tclaude\tStop\t").append(d).append('\t').append(td)
            .append('\t').append(p).append('\n');
      }
      Files.writeString(dir.resolve("store/spool/events"), spooled, StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      append(tb, claudeTurn(b, p, 0, "Where were we?"));
      r.hook("claude", event("SessionStart", b, p, tb, "\"source\":\"startup\""));
      r.hook("claude", event("SessionStart", a, p, ta, "\"source\":\"resume\""));
      r.hook("claude", event("SessionEnd", a, p, ta, "\"reason\":\"prompt_input_exit\""));

      // Codex: hooks over a rollout, and the notify program
      append(tc, codexRollout(c, p));
      r.hook("codex", event("SessionStart", c, p, tc, "\"source\":\"startup\",\"model\":\"gpt-5\""));
      r.hook("codex", event("Stop", c, p, tc, "\"stop_hook_active\":false"));
      r.run(null, "hook", "codex-notify", "{\"type\":\"agent-turn-complete\",\"thread-id\":\"" + c
          + "\",\"turn-id\":\"1\",\"cwd\":\"" + esc(p) + "\",\"input-messages\":[\"fix it\"],"
          + "\"last-assistant-message\":\"Done.\"}");
      r.hook("codex", event("SessionEnd", c, p, tc, "\"reason\":\"other\""));
      r.hook("claude", "not json");
    }

    if (mode == Mode.READ) {
      reading(r, a);
      readingAgain(dir, vars, project, r, report, null);
    }
    if (mode.core) {
      r.run(null, "--help");
      r.run(null, "--version");
      reading(r, a);
      // a manual session with two checkpoints, as the skill writes them, then diff it
      String m = "77777777-8888-4999-aaaa-bbbbbbbbbbbb";
      r.run(null, "save", "--working-dir", p, "--tool", "claude-code", "--action", "init", "--session", m);
      r.run(null, "save", "--working-dir", p, "--tool", "claude-code", "--action", "checkpoint", "--session", m,
          "--summary", "Training checkpoint", "--current-task", "Train the archive",
          "--files", "src/List.java:editing", "--decisions", "use a flag;keep text default",
          "--commands", "mvn -q test");
      r.run(null, "save", "--working-dir", p, "--tool", "claude-code", "--action", "checkpoint", "--session", m,
          "--summary", "Second checkpoint", "--current-task", "Measure the archive",
          "--files", "src/List.java:editing,src/New0.java:created", "--open-questions", "which JDK?",
          "--json");
      r.run(null, "diff", m, "--list");
      r.run(null, "diff", m);
      r.run(null, "diff", m, "--json");
      r.run(null, "handoff", "--to", "codex", a);
      r.run(null, "list", "--help");
      r.run(null, "no-such-verb");
      // doctor: the store, hook and start-up path checks
      r.run(null, "doctor");
      r.run(null, "doctor", "--json");
      searchClient(dir, vars, project, r, report);
      readingAgain(dir, vars, project, r, report, () -> {
        // the new session's start on the copy: the summary read from disk by a hook too
        String e = "eeeeeeee-1111-4222-8333-444444444444";
        Path te = claudeDir.resolve("projects/training/" + e + ".jsonl");
        append(te, claudeTurn(e, p, 0, "Pick up where we left off"));
        return event("SessionStart", e, p, te, "\"source\":\"startup\"");
      });
    }
    if (mode.history) {
      // the history index: Lucene's classes in the archive save most of a search's start-up
      r.run(null, "index");
      r.run(null, "search", "checkpoint", "--all");
      r.run(null, "search", "test", "--all");
      r.run(null, "search", "\"train the\" OR measure* NOT nothing", "--all", "--json", "--since", "7d");
      r.run(null, "search", "archive", "--file", "src/List.java", "--agent", "claude");
      // fss mcp: its initialize is answered before an agent's first request can go out
      r.run("{\"jsonrpc\":\"2.0\",\"id\":\"server-discover-probe-1\",\"method\":\"server/discover\"}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}\n"
          + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"list_sessions\",\"arguments\":{}}}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"restore_session\",\"arguments\":{}}}\n",
          "mcp");
    }
    return new Result(r.commands, r.failed, r.hookOutputs);
  }

  /** list, restore and dashboard, each way a user asks them ({@code a}: a session the hooks made). */
  private static void reading(Runner r, String a) {
    r.run(null, "list");
    r.run(null, "list", "--json");
    r.run(null, "list", "--all");
    r.run(null, "restore", a);
    r.run(null, "restore", a.substring(0, 8), "--format", "markdown");
    r.run(null, "restore", a, "--for", "codex", "--format", "json");
    r.run(null, "restore");
    r.run(null, "dashboard");
    r.run(null, "dashboard", "--json");
  }

  /** What a training step needs made first: here the SessionStart event to send, or null for none. */
  private interface Before {
    String event() throws IOException;
  }

  /**
   * A new process reads each project's summary from disk, where this one answers from memory
   * (SessionStore keeps the rows it read, by path): the reading commands again on a copy of the
   * store, so the summary parser is in the archive too. Without it, a {@code fss list} over 20,000
   * sessions opened the jar for one class and used 5% more CPU than with a cache trained on all.
   */
  private static void readingAgain(Path dir, Map<String, String> vars, Path project, Runner r, PrintStream report,
      Before start) throws IOException {
    Path again = dir.resolve("store-again");
    copyTree(dir.resolve("store"), again);
    Map<String, String> againVars = new HashMap<>(vars);
    againVars.put("FSS_HOME", again.toString());
    Runner r2 = new Runner(Environment.of(againVars, project), report);
    if (start != null) {
      r2.hook("claude", start.event());
    }
    r2.run(null, "list");
    r2.run(null, "restore");
    r2.run(null, "dashboard");
    r.commands += r2.commands;
    r.failed += r2.failed;
    r.hookOutputs += r2.hookOutputs;
  }

  /**
   * {@code fss search} as the client of a running search server, what the launcher starts with the
   * core archive: a server in this process whose search answers nothing, so the archive holds the
   * client's socket and protocol classes and none of Lucene's. When the server does not come up,
   * the client is not trained (its in-process fallback would bring Lucene into the core archive).
   */
  private static void searchClient(Path dir, Map<String, String> vars, Path project, Runner r, PrintStream report) {
    Map<String, String> served = new HashMap<>(vars);
    served.put("FSS_HOME", dir.resolve("store-served").toString());
    served.put("FSS_SEARCH_IDLE_SECONDS", "600");
    Environment env = Environment.of(served, project);
    Thread server = new Thread(() -> SearchDaemon.serve(env, Main.VERSION, (e, out, err, args) -> 0),
        "fss-training-search-server");
    server.setDaemon(true);
    server.start();
    Path socket = RunDir.of(env.fssHome()).address();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (!Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      report.println("fss training: the stand-in search server did not start; the search client is not trained");
      return;
    }
    Runner client = new Runner(env, report);
    client.run(null, "search", "archive");
    client.run(null, "search", "\"train the\" OR measure*", "--all", "--json");
    r.commands += client.commands;
    r.failed += client.failed;
    try {
      Files.deleteIfExists(socket); // the server's sign to stop
      server.join(5_000);
    } catch (IOException | InterruptedException e) {
      // a daemon thread: it ends with this process
    }
  }

  /** Runs commands in-process like the launcher would, output discarded. */
  private static final class Runner {
    private final Environment env;
    private final PrintStream report;
    private final PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    int commands;
    int failed;
    int hookOutputs;

    Runner(Environment env, PrintStream report) {
      this.env = env;
      this.report = report;
    }

    void hook(String agent, String stdin) {
      run(stdin, "hook", agent);
    }

    void run(String stdin, String... args) {
      InputStream in = new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8));
      commands++;
      ByteArrayOutputStream hookOut = new ByteArrayOutputStream();
      PrintStream out = args[0].equals("hook") ? new PrintStream(hookOut, false, StandardCharsets.UTF_8) : sink;
      try {
        int rc = Main.run(in, out, sink, env, args);
        out.flush();
        if (hookOut.size() > 0) {
          hookOutputs++;
        }
        // usage errors (2) are part of the training; 1 is a real failure of a step
        if (rc == 1) {
          failed++;
          report.println("fss training: '" + String.join(" ", args) + "' exited 1");
        }
      } catch (RuntimeException | Error e) {
        failed++;
        report.println("fss training: '" + String.join(" ", args) + "' threw " + e);
      }
    }
  }

  private static String event(String name, String session, String cwd, Path transcript, String extra) {
    return "{\"session_id\":\"" + session + "\",\"transcript_path\":\"" + esc(transcript.toString())
        + "\",\"cwd\":\"" + esc(cwd) + "\",\"permission_mode\":\"default\",\"hook_event_name\":\"" + name + "\","
        + extra + "}";
  }

  /** One Claude Code turn: a prompt, assistant text, Read/Edit/Write/TodoWrite/Bash calls and results. */
  private static List<String> claudeTurn(String session, String cwd, int n, String prompt) {
    String at = "\"cwd\":\"" + esc(cwd) + "\",\"sessionId\":\"" + session
        + "\",\"version\":\"2.0.50\",\"gitBranch\":\"main\",\"isSidechain\":false,\"userType\":\"external\"";
    String t = "\"timestamp\":\"" + HOUR + "0" + n + ":";
    String file = esc(cwd) + "/src/List" + n + ".java";
    List<String> l = new ArrayList<>();
    l.add("{\"parentUuid\":null," + at + ",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\""
        + esc(prompt) + "\"},\"uuid\":\"u" + n + "a\"," + t + "00.000Z\"}");
    l.add("{" + at + ",\"type\":\"assistant\",\"message\":{\"id\":\"msg_" + n + "a\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"thinking\","
        + "\"thinking\":\"plan\",\"signature\":\"c2ln\"},{\"type\":\"text\",\"text\":\"I will read the file, "
        + "edit it and run the tests.\"}],\"usage\":{\"input_tokens\":10,\"output_tokens\":20}},"
        + "\"uuid\":\"u" + n + "b\"," + t + "01.000Z\"}");
    l.add(toolUse(at, t + "02.000Z\"", n, "r", "Read", "{\"file_path\":\"" + file + "\"}"));
    l.add(toolResult(at, t + "03.000Z\"", n, "r", "\"     1\\tclass List {}\"",
        "{\"type\":\"text\",\"file\":{\"filePath\":\"" + file + "\",\"content\":\"class List {}\"}}", false));
    l.add(toolUse(at, t + "04.000Z\"", n, "e", "Edit", "{\"file_path\":\"" + file
        + "\",\"old_string\":\"class List {}\",\"new_string\":\"class List { boolean json; }\"}"));
    l.add(toolResult(at, t + "05.000Z\"", n, "e", "\"The file " + file + " has been updated.\"",
        "{\"filePath\":\"" + file + "\",\"oldString\":\"a\",\"newString\":\"b\",\"structuredPatch\":[]}", false));
    l.add(toolUse(at, t + "06.000Z\"", n, "w", "Write", "{\"file_path\":\"" + esc(cwd) + "/src/New" + n
        + ".java\",\"content\":\"class New {}\"}"));
    l.add(toolResult(at, t + "07.000Z\"", n, "w", "\"File created successfully\"",
        "{\"type\":\"create\",\"filePath\":\"" + esc(cwd) + "/src/New" + n + ".java\",\"content\":\"x\"}", false));
    l.add(toolUse(at, t + "08.000Z\"", n, "t", "TodoWrite", "{\"todos\":[{\"content\":\"Add the flag\","
        + "\"status\":\"completed\",\"activeForm\":\"Adding the flag\"},{\"content\":\"Write the test\","
        + "\"status\":\"in_progress\",\"activeForm\":\"Writing the test\"}]}"));
    l.add(toolResult(at, t + "09.000Z\"", n, "t", "\"Todos have been modified successfully\"",
        "{\"oldTodos\":[],\"newTodos\":[]}", false));
    l.add(toolUse(at, t + "10.000Z\"", n, "b", "Bash", "{\"command\":\"mvn -q test\",\"description\":\"Run tests\"}"));
    l.add(toolResult(at, t + "11.000Z\"", n, "b", "\"Exit code 1\\nTests run: 3, Failures: 1\"",
        "\"Error: Exit code 1\"", true));
    l.add("{" + at + ",\"type\":\"assistant\",\"message\":{\"id\":\"msg_" + n + "c\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":"
        + "\"One test fails; the --json flag needs a test fixture.\"}],\"stop_reason\":\"end_turn\"},\"uuid\":\"u" + n
        + "z\"," + t + "12.000Z\"}");
    return l;
  }

  private static String toolUse(String at, String t, int n, String id, String name, String input) {
    return "{" + at + ",\"type\":\"assistant\",\"message\":{\"id\":\"msg_" + n + "b\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"tool_use\","
        + "\"id\":\"toolu_" + n + id + "\",\"name\":\"" + name + "\",\"input\":" + input + "}]},"
        + "\"uuid\":\"u" + n + id + "\"," + t + "}";
  }

  private static String toolResult(String at, String t, int n, String id, String content, String result,
      boolean error) {
    return "{" + at + ",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"toolu_"
        + n + id + "\",\"type\":\"tool_result\",\"content\":" + content + ",\"is_error\":" + error + "}]},"
        + "\"toolUseResult\":" + result + ",\"uuid\":\"u" + n + id + "r\"," + t + "}";
  }

  private static List<String> claudeCompaction(String session, String cwd) {
    String at = "\"cwd\":\"" + esc(cwd) + "\",\"sessionId\":\"" + session + "\",\"gitBranch\":\"main\","
        + "\"isSidechain\":false";
    return List.of(
        "{" + at + ",\"type\":\"system\",\"subtype\":\"compact_boundary\",\"content\":\"Conversation compacted\","
            + "\"compactMetadata\":{\"trigger\":\"auto\",\"preTokens\":150000},\"timestamp\":\"" + HOUR + "01:30.000Z\"}",
        "{" + at + ",\"type\":\"user\",\"isCompactSummary\":true,\"isVisibleInTranscriptOnly\":true,\"message\":"
            + "{\"role\":\"user\",\"content\":\"This session is being continued from a previous conversation. "
            + "Summary: adding --json to list; one test fails.\"},\"timestamp\":\"" + HOUR + "01:31.000Z\"}");
  }

  private static List<String> codexRollout(String id, String cwd) {
    String c = esc(cwd);
    return List.of(
        "{\"timestamp\":\"" + HOUR + "00:00.000Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\"" + id
            + "\",\"timestamp\":\"" + HOUR + "00:00.000Z\",\"cwd\":\"" + c + "\",\"originator\":\"codex_cli_rs\","
            + "\"cli_version\":\"0.60.0\",\"instructions\":null,\"git\":{\"branch\":\"main\"}}}",
        "{\"timestamp\":\"" + HOUR + "00:01.000Z\",\"type\":\"turn_context\",\"payload\":{\"cwd\":\"" + c
            + "\",\"model\":\"gpt-5\",\"approval_policy\":\"on-request\"}}",
        "{\"timestamp\":\"" + HOUR + "00:02.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\","
            + "\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Fix the failing test\"}]}}",
        "{\"timestamp\":\"" + HOUR + "00:02.000Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\","
            + "\"message\":\"Fix the failing test\",\"images\":[]}}",
        "{\"timestamp\":\"" + HOUR + "00:03.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":"
            + "\"function_call\",\"name\":\"shell\",\"arguments\":\"{\\\"command\\\":[\\\"bash\\\",\\\"-lc\\\","
            + "\\\"mvn -q test\\\"]}\",\"call_id\":\"call_1\"}}",
        "{\"timestamp\":\"" + HOUR + "00:04.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":"
            + "\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"{\\\"output\\\":\\\"ok\\\","
            + "\\\"metadata\\\":{\\\"exit_code\\\":0,\\\"duration_seconds\\\":1.5}}\"}}",
        "{\"timestamp\":\"" + HOUR + "00:05.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":"
            + "\"custom_tool_call\",\"name\":\"apply_patch\",\"call_id\":\"call_2\",\"input\":\"*** Begin Patch\\n"
            + "*** Update File: src/List.java\\n@@\\n-class List {}\\n+class List { boolean json; }\\n*** End Patch\\n\"}}",
        "{\"timestamp\":\"" + HOUR + "00:06.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":"
            + "\"custom_tool_call_output\",\"call_id\":\"call_2\",\"output\":\"Success. Updated the following files:\\n"
            + "M src/List.java\\n\"}}",
        "{\"timestamp\":\"" + HOUR + "00:07.000Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"agent_message\","
            + "\"message\":\"Fixed: the test passes now.\"}}",
        "{\"timestamp\":\"" + HOUR + "00:07.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\","
            + "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Fixed: the test passes now.\"}]}}");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (java.util.stream.Stream<Path> all = Files.walk(from)) {
      for (Path f : (Iterable<Path>) all::iterator) {
        // modes too: the store's folders and files are private (0700/0600)
        if (Files.isDirectory(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            || Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(f, to.resolve(from.relativize(f).toString()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void append(Path file, List<String> lines) throws IOException {
    Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\\') {
        b.append('\\').append(ch);
      } else if (ch < 0x20) {
        b.append(String.format("\\u%04x", (int) ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }
}
