package io.github.fss.agents.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.testing.FssHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fss install|hook|restore|import|handoff} for OpenCode, run as a user would, on a database written here. */
class OpenCodeFlowTest {
  private static final String USER = "{\"role\":\"user\"}";
  private static final String ASSISTANT = "{\"role\":\"assistant\",\"modelID\":\"mock-model\"}";

  @TempDir Path tmp;
  private FssHarness fss;
  private Path repo;
  private Path db;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    fss.env("XDG_CONFIG_HOME", tmp.resolve("xdg-config").toString());
    fss.env("XDG_DATA_HOME", tmp.resolve("xdg-data").toString());
    Path launcher = Files.createDirectories(tmp.resolve("opt/fss/bin")).resolve("fss");
    Files.writeString(launcher, "#!/bin/sh\n");
    launcher.toFile().setExecutable(true);
    fss.env("FSS_LAUNCHER", launcher.toString());
    repo = FssHarness.gitRepo(tmp.resolve("refunds"), "main");
    db = Files.createDirectories(tmp.resolve("xdg-data/opencode")).resolve("opencode.db");
  }

  private String hook(String event, String session, String extra) {
    return "{\"hook_event_name\":\"" + event + "\",\"session_id\":\"" + session + "\",\"cwd\":\"" + repo
        + "\",\"transcript_path\":\"" + db + "\"" + (extra == null ? "" : "," + extra) + "}";
  }

  /** Session ses_killed: a file written, a test run that exits 3, todos, then a long command still running. */
  private void killedSession(OpenCodeDbWriter w) throws Exception {
    w.session("ses_killed", repo.toString());
    String u = w.message("ses_killed", USER);
    w.part("ses_killed", u, "{\"type\":\"text\",\"text\":\"\\\"Write the refund rounding helper\\\"\"}");
    String a = w.message("ses_killed", ASSISTANT);
    w.part("ses_killed", a, "{\"type\":\"tool\",\"tool\":\"write\",\"callID\":\"c1\",\"state\":{\"status\":\"completed\","
        + "\"input\":{\"filePath\":\"" + repo + "/src/refund.py\"},\"metadata\":{\"exists\":false}}}");
    w.part("ses_killed", a, "{\"type\":\"tool\",\"tool\":\"bash\",\"callID\":\"c2\",\"state\":{\"status\":\"completed\","
        + "\"input\":{\"command\":\"pytest -q\"},\"metadata\":{\"exit\":3}}}");
    w.part("ses_killed", a, "{\"type\":\"tool\",\"tool\":\"todowrite\",\"callID\":\"c3\",\"state\":{\"status\":\"completed\","
        + "\"input\":{\"todos\":[{\"content\":\"Make refunds round HALF_EVEN\",\"status\":\"in_progress\",\"id\":\"1\"}]}}}");
    w.part("ses_killed", a, "{\"type\":\"tool\",\"tool\":\"bash\",\"callID\":\"c4\",\"state\":{\"status\":\"running\","
        + "\"input\":{\"command\":\"sleep 600\"}}}");
  }

  @Test
  void aKilledSessionIsOfferedToTheNextAndRestoreShowsItsWork() throws Exception {
    try (OpenCodeDbWriter w = new OpenCodeDbWriter(db, Instant.now().minus(30, ChronoUnit.MINUTES))) {
      killedSession(w);
      // the plugin's hook before the long command: the session is registered and checkpointed
      fss.runWithInput(repo, hook("PreToolUse", "ses_killed", "\"tool_name\":\"bash\""), "hook", "opencode").assertOk();
      // ... then OpenCode is killed; a new session starts and is told
      w.session("ses_next", repo.toString());
      FssHarness.Result start = fss.runWithInput(repo, hook("SessionStart", "ses_next", "\"source\":\"startup\""),
          "hook", "opencode").assertOk();
      assertTrue(start.out().contains("\"additionalContext\""), start.out());
      assertTrue(start.out().contains("ses_killed"), start.out());
      assertTrue(start.out().contains("task: Make refunds round HALF_EVEN"), start.out()); // the todo in progress

      String restored = fss.run(repo, "restore", "ses_killed", "--budget", "0").assertOk().out();
      assertTrue(restored.contains("Write the refund rounding helper"), restored);
      assertTrue(restored.contains("src/refund.py"), restored);
      assertTrue(restored.contains("[exit 3] pytest -q"), restored);
      assertTrue(restored.contains("sleep 600"), restored);
      assertTrue(restored.contains("Make refunds round HALF_EVEN"), restored);
      assertFalse(Files.exists(fss.home().resolve(".fireworks-sessions/log/hook.log")),
          () -> read(fss.home().resolve(".fireworks-sessions/log/hook.log")));

      // the history index reads the same rows: a word of the prompt and a command find the session
      String found = fss.run(repo, "search", "rounding").assertOk().out();
      assertTrue(found.contains("ses_killed"), found);
      assertTrue(fss.run(repo, "search", "pytest").assertOk().out().contains("ses_killed"));

      String handoff = fss.run(repo, "handoff", "--to", "opencode", "ses_killed").assertOk().out();
      assertTrue(handoff.contains("opencode --prompt \"$(" + tmp.resolve("opt/fss/bin/fss") + " restore ses_killed --for opencode)\""), handoff);
      String prompt = fss.run(repo, "restore", "ses_killed", "--for", "opencode").assertOk().out();
      assertTrue(prompt.contains("you are OpenCode now") && prompt.contains("earlier OpenCode session"), prompt);
    }
  }

  @Test
  void aCompactionGetsTheSavedStateAndTheSummaryBecomesANote() throws Exception {
    try (OpenCodeDbWriter w = new OpenCodeDbWriter(db, Instant.now().minus(30, ChronoUnit.MINUTES))) {
      killedSession(w);
      FssHarness.Result r = fss.runWithInput(repo, hook("PreCompact", "ses_killed", "\"trigger\":\"auto\""),
          "hook", "opencode").assertOk();
      assertTrue(r.out().contains("\"additionalContext\":\"fireworks-sessions-saver: the working state of this session"),
          r.out());
      assertTrue(r.out().contains("pytest -q") && r.out().contains("Make refunds round HALF_EVEN"), r.out());
      String c = w.message("ses_killed", "{\"role\":\"assistant\",\"mode\":\"compaction\",\"summary\":true}");
      w.part("ses_killed", c, "{\"type\":\"text\",\"text\":\"SUMMARY: helper written; HALF_EVEN next\","
          + "\"time\":{\"start\":1,\"end\":2}}");
      fss.runWithInput(repo, hook("PostCompact", "ses_killed", null), "hook", "opencode").assertOk();
      String restored = fss.run(repo, "restore", "ses_killed", "--budget", "0").assertOk().out();
      assertTrue(restored.contains("SUMMARY: helper written; HALF_EVEN next"), restored);
    }
  }

  /** The hook OpenCode waits on (the session start) never loads the SQLite driver, even with stale OpenCode sessions around. */
  /** Session ses_killed checkpointed before its last bash command, then a prompt no hook read. */
  private void killedAfterAnUnreadPrompt() throws Exception {
    try (OpenCodeDbWriter w = new OpenCodeDbWriter(db, Instant.now().minus(30, ChronoUnit.MINUTES))) {
      killedSession(w);
      fss.runWithInput(repo, hook("PreToolUse", "ses_killed", null), "hook", "opencode").assertOk();
      w.part("ses_killed", w.message("ses_killed", USER), "{\"type\":\"text\",\"text\":\"one more prompt\"}");
    }
  }

  /** A session start in a fresh JVM with -verbose:class: its stdout and every class it loaded. */
  private String startInAFreshJvm(String agent, String json) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-verbose:class", "-cp", System.getProperty("java.class.path"), "io.github.fss.Main", "hook", agent);
    pb.environment().put("HOME", fss.home().toString());
    pb.environment().put("FSS_HOME", fss.fssHome().toString());
    pb.environment().put("XDG_DATA_HOME", tmp.resolve("xdg-data").toString());
    pb.directory(repo.toFile());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream().write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void anotherAgentsSessionStartLoadsNoSqlite() throws Exception {
    killedAfterAnUnreadPrompt();
    String out = startInAFreshJvm("claude", "{\"hook_event_name\":\"SessionStart\",\"session_id\":\"claude-new\",\"cwd\":\""
        + repo + "\",\"transcript_path\":\"" + tmp.resolve("claude-new.jsonl") + "\",\"source\":\"startup\"}");
    assertTrue(out.contains("ses_killed"), "the killed session is offered from its checkpoint");
    assertFalse(out.contains("one more prompt"), out);
    assertFalse(out.contains("org.sqlite"), "Claude Code's session start loaded the SQLite driver");
  }

  @Test
  void openCodesSessionStartReadsWhatItsTurnsLeftUnread() throws Exception {
    killedAfterAnUnreadPrompt();
    String out = startInAFreshJvm("opencode", hook("SessionStart", "ses_new", "\"source\":\"startup\""));
    assertTrue(out.contains("ses_killed"), out);
    assertTrue(out.contains("org.sqlite"), "OpenCode's own session start reads the database it offers from");
    // the stored session, read as a file (no fss run, so no refresh), took the prompt no hook had read
    String stored;
    try (java.util.stream.Stream<Path> files = Files.walk(fss.fssHome().resolve("projects"))) {
      Path f = files.filter(x -> x.getFileName().toString().equals("ses_killed.json")).findFirst().orElseThrow();
      stored = Files.readString(f);
    }
    assertTrue(stored.contains("one more prompt"), stored);
  }

  @Test
  void importBringsInTheDatabasesSessionsOnce() throws Exception {
    try (OpenCodeDbWriter w = new OpenCodeDbWriter(db, Instant.now().minus(2, ChronoUnit.HOURS))) {
      killedSession(w);
    }
    String out = fss.run(repo, "import", "opencode").assertOk().out();
    assertTrue(out.contains("import opencode: 1 imported"), out);
    out = fss.run(repo, "import", "opencode").assertOk().out();
    assertTrue(out.contains("1 unchanged"), out);
    String restored = fss.run(repo, "restore", "ses_killed", "--budget", "0").assertOk().out();
    assertTrue(restored.contains("[exit 3] pytest -q"), restored);
  }

  @Test
  void installWritesThePluginUninstallRemovesOnlyOurs() throws Exception {
    Path plugin = tmp.resolve("xdg-config/opencode/plugins/fireworks-sessions-saver.js");
    String out = fss.run(repo, "install", "opencode").assertOk().out();
    assertTrue(out.contains(plugin + ": installed"), out);
    String js = Files.readString(plugin);
    assertTrue(js.contains("const FSS = \"" + tmp.resolve("opt/fss/bin/fss") + "\";"), js);
    assertTrue(fss.run(repo, "install", "opencode").assertOk().out().contains("already installed"));
    assertTrue(fss.run(repo, "uninstall", "opencode").assertOk().out().contains("removed"));
    assertFalse(Files.exists(plugin));
    Files.writeString(plugin, "export const Mine = async () => ({});\n");
    assertTrue(fss.run(repo, "uninstall", "opencode").assertOk().out().contains("not written by fss"));
    assertTrue(Files.exists(plugin));

    // OPENCODE_CONFIG_DIR, when set, is where OpenCode is pointed
    fss.env("OPENCODE_CONFIG_DIR", tmp.resolve("oc-dir").toString());
    fss.run(repo, "install", "opencode").assertOk();
    assertTrue(Files.exists(tmp.resolve("oc-dir/plugins/fireworks-sessions-saver.js")));
  }

  @Test
  void allTakesOpenCodeOnlyWhenItIsThere() throws Exception {
    Path plugin = tmp.resolve("xdg-config/opencode/plugins/fireworks-sessions-saver.js");
    fss.run(repo, "install", "all").assertOk();
    assertFalse(Files.exists(plugin), "no plugin folder made for a user without OpenCode");
    assertFalse(Files.exists(tmp.resolve("xdg-config/opencode")));

    Files.createDirectories(tmp.resolve("xdg-config/opencode"));
    fss.run(repo, "install", "all").assertOk();
    assertTrue(Files.exists(plugin));
    fss.run(repo, "uninstall", "all").assertOk();
    assertFalse(Files.exists(plugin));
  }

  @Test
  void aHookGivenGarbageExitsZeroAndSaysWhyInTheLog() throws Exception {
    FssHarness.Result r = fss.runWithInput(repo, "{not json", "hook", "opencode");
    assertEquals(0, r.exit());
    assertEquals("", r.out());
    String log = read(fss.home().resolve(".fireworks-sessions/log/hook.log"));
    assertNotNull(log);
    assertTrue(log.contains("hook opencode"), log);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
