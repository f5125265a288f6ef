package io.github.fss.agents.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.model.Session;
import io.github.fss.store.SessionStore;
import io.github.fss.store.Spool;
import io.github.fss.store.StoreConfig;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.Launcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenCode's turn ends (session.idle → Stop) and bash commands (PreToolUse), as the plugin sends
 * them, run through the real launcher: one spool line each and no JVM; the next reading run reads
 * the session's new rows from the database and checkpoints them once. A SessionStart (which never
 * opens SQLite) leaves them in the spool.
 */
class OpenCodeSpoolTest {
  private static final String USER = "{\"role\":\"user\"}";
  private static final String ASSISTANT = "{\"role\":\"assistant\",\"modelID\":\"mock-model\"}";

  @TempDir Path tmp;
  private FssHarness fss;
  private Map<String, String> env;
  private Path repo;
  private Path db;
  private Spool spool;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    fss.env("XDG_DATA_HOME", tmp.resolve("xdg-data").toString());
    env = new HashMap<>();
    env.put("HOME", fss.home().toString());
    env.put("FSS_HOME", fss.fssHome().toString());
    env.put("XDG_DATA_HOME", tmp.resolve("xdg-data").toString());
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    repo = FssHarness.gitRepo(tmp.resolve("refunds"), "main");
    db = Files.createDirectories(tmp.resolve("xdg-data/opencode")).resolve("opencode.db");
    spool = new Spool(fss.fssHome(), Instant.now(), m -> { });
    spool.ensure();
  }

  /** The JSON our plugin writes (JSON.stringify: these keys in this order, no newline at the end). */
  private String plugin(String event, String session, String extra) {
    return "{\"hook_event_name\":\"" + event + "\",\"session_id\":\"" + session + "\",\"cwd\":\"" + repo
        + "\",\"transcript_path\":\"" + db + "\"" + (extra == null ? "" : "," + extra) + "}";
  }

  /** A stand-in for java that records what the launcher handed it. */
  private Path fakeJava() throws IOException {
    Path java = tmp.resolve("jdk/bin/java");
    Files.createDirectories(java.getParent());
    Files.writeString(java, "#!/bin/sh\ncat > \"$FAKE_OUT.stdin\"\nprintf '%s\\n' \"$@\" > \"$FAKE_OUT.args\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    return java;
  }

  private List<String> spooled() throws IOException {
    Path f = spool.dir().resolve(Spool.EVENTS);
    return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
  }

  private Session stored(String id) {
    SessionStore store = new SessionStore(fss.fssHome(), StoreConfig.load(fss.fssHome(), Map.of()), m -> { });
    List<io.github.fss.store.StoredSession> found = store.findById(id);
    return found.isEmpty() ? null : store.read(found.get(0).projectKey(), id);
  }

  @Test
  void aTurnEndAndABashCommandAreSpooledWithoutAJvmAndTheNextListCheckpointsThemOnce() throws Exception {
    Path launcher = Launcher.install(tmp.resolve("bin"), fakeJava());
    env.put("FAKE_OUT", tmp.resolve("jvm").toString());
    try (OpenCodeDbWriter w = new OpenCodeDbWriter(db, Instant.now().minus(10, ChronoUnit.MINUTES))) {
      w.session("ses_oc", repo.toString());
      String u = w.message("ses_oc", USER);
      w.part("ses_oc", u, "{\"type\":\"text\",\"text\":\"Write the refund rounding helper\"}");
      String a = w.message("ses_oc", ASSISTANT);
      w.part("ses_oc", a, "{\"type\":\"tool\",\"tool\":\"bash\",\"callID\":\"c1\",\"state\":{\"status\":\"completed\","
          + "\"input\":{\"command\":\"pytest -q\"},\"metadata\":{\"exit\":3}}}");
      assertEquals(new Launcher.Run(0, "", ""), Launcher.run(launcher, env,
          plugin("Stop", "ses_oc", null).getBytes(StandardCharsets.UTF_8), "hook", "opencode"));
      w.part("ses_oc", a, "{\"type\":\"tool\",\"tool\":\"bash\",\"callID\":\"c2\",\"state\":{\"status\":\"running\","
          + "\"input\":{\"command\":\"sleep 600\"}}}");
      assertEquals(new Launcher.Run(0, "", ""), Launcher.run(launcher, env,
          plugin("PreToolUse", "ses_oc", "\"tool_name\":\"bash\"").getBytes(StandardCharsets.UTF_8), "hook", "opencode"));

      assertFalse(Files.exists(tmp.resolve("jvm.args")), "a turn end started a JVM");
      List<String> lines = spooled();
      assertEquals(2, lines.size(), lines.toString());
      for (int i = 0; i < 2; i++) {
        List<String> f = List.of(lines.get(i).split("\t", -1));
        assertEquals(List.of("fss1", "opencode", i == 0 ? "Stop" : "PreToolUse", "ses_oc", db.toString(), repo.toString()),
            List.of(f.get(0), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6)), lines.get(i));
      }

      // OpenCode is killed in the long command; the next one starts: its SessionStart never opens
      // SQLite, so the spooled lines wait for a run that reads sessions
      w.session("ses_next", repo.toString());
      fss.runWithInput(repo, plugin("SessionStart", "ses_next", "\"source\":\"startup\""), "hook", "opencode")
          .assertOk();
      Session before = stored("ses_oc");
      assertTrue(before == null || before.latest() == null, "a SessionStart read OpenCode's database");
      assertTrue(spool.pendingBytes() > 0, "a SessionStart dropped OpenCode's spooled turn ends");

      fss.run(repo, "list").assertOk();
      assertEquals(0, spool.pendingBytes());
      Session s = stored("ses_oc");
      assertEquals(1, s.checkpoints().size(), "the two spooled lines: one read of the new rows, one checkpoint");
      assertEquals(db.toString(), Json.str(s.capture().get("transcript_path")));
      assertTrue(Duration.between(Instant.parse(s.latest().timestamp()), Instant.now()).abs().getSeconds() < 120,
          s.latest().timestamp());
      String restored = fss.run(repo, "restore", "ses_oc", "--budget", "0").assertOk().out();
      assertTrue(restored.contains("[exit 3] pytest -q") && restored.contains("sleep 600"), restored);

      // the same lines handed over again (as after a drain killed mid-way) apply nothing twice
      long rowsRead = Json.num(s.capture().get("lines"));
      for (String line : lines) {
        Files.writeString(spool.dir().resolve(Spool.EVENTS), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      fss.run(repo, "list").assertOk();
      fss.run(repo, "list").assertOk();
      Session again = stored("ses_oc");
      assertEquals(1, again.checkpoints().size());
      assertEquals(s.latest(), again.latest(), "no second checkpoint");
      assertEquals(rowsRead, Json.num(again.capture().get("lines")), "no row read twice");

      // a later turn: its rows, its own checkpoint
      w.part("ses_oc", w.message("ses_oc", USER), "{\"type\":\"text\",\"text\":\"now make it HALF_EVEN\"}");
      assertEquals(new Launcher.Run(0, "", ""), Launcher.run(launcher, env,
          plugin("Stop", "ses_oc", null).getBytes(StandardCharsets.UTF_8), "hook", "opencode"));
      fss.run(repo, "list").assertOk();
      Session later = stored("ses_oc");
      assertEquals(1, later.checkpoints().size()); // an automatic checkpoint replaces the previous one
      assertEquals(rowsRead + 1, Json.num(later.capture().get("lines")), "the new part, read once");
      assertTrue(later.latest().lastPrompts().contains("now make it HALF_EVEN"), later.latest().lastPrompts().toString());
      assertFalse(Files.exists(tmp.resolve("jvm.args")), "a turn end started a JVM");
    }
    Path log = fss.fssHome().resolve("log/hook.log");
    assertFalse(Files.exists(log), () -> Files.exists(log) ? read(log) : "");
  }

  @Test
  void everyOtherOpenCodeEventGoesToTheJvmWithTheBytesItWasGiven() throws Exception {
    Path launcher = Launcher.install(tmp.resolve("bin"), fakeJava());
    String stop = plugin("Stop", "ses_oc", null);
    List<String[]> odd = List.of(
        new String[] {plugin("SessionStart", "ses_oc", "\"source\":\"startup\""), "opencode"},
        new String[] {plugin("PreCompact", "ses_oc", "\"trigger\":\"auto\""), "opencode"},
        new String[] {plugin("PostCompact", "ses_oc", null), "opencode"},
        new String[] {plugin("SessionEnd", "ses_oc", "\"reason\":\"exit\""), "opencode"},
        new String[] {stop.replace(db.toString(), tmp.resolve("t.jsonl").toString()), "opencode"}, // not a database
        new String[] {stop, "claude"}, // a database is no Claude transcript
        new String[] {plugin("PostToolUse", "ses_oc", null), "opencode"}, // not an event the plugin sends
        new String[] {stop.replace("\"cwd\":\"" + repo + "\",", ""), "opencode"}, // no cwd
        new String[] {stop.replace(db.toString(), "opencode.db"), "opencode"}, // a relative path
        new String[] {stop.replace("ses_oc", "ses\\u005foc"), "opencode"}, // an escape
        new String[] {stop + "\n", "opencode"});
    for (int i = 0; i < odd.size(); i++) {
      env.put("FAKE_OUT", tmp.resolve("case" + i).toString());
      Launcher.Run r = Launcher.run(launcher, env, odd.get(i)[0].getBytes(StandardCharsets.UTF_8), "hook", odd.get(i)[1]);
      assertEquals(0, r.exit(), "case " + i);
      if (i == odd.size() - 1) {
        assertEquals(1, spooled().size(), "a Stop with a newline at the end is spooled as well");
        assertFalse(Files.exists(tmp.resolve("case" + i + ".stdin")));
        continue;
      }
      assertEquals(List.of(), spooled(), "case " + i + " must not be spooled: " + odd.get(i)[0]);
      assertEquals(odd.get(i)[0], Files.readString(tmp.resolve("case" + i + ".stdin")), "case " + i + ": byte for byte");
      assertTrue(Files.readString(tmp.resolve("case" + i + ".args")).endsWith("io.github.fss.Main\nhook\n" + odd.get(i)[1] + "\n"));
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
