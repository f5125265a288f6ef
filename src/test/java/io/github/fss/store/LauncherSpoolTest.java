package io.github.fss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.testing.Launcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's turn-end fast path, run from outside as the agents run it: the event it can read
 * with certainty becomes one spool line and nothing on stdout; any other goes to the JVM with the
 * exact bytes it was given.
 */
class LauncherSpoolTest {
  static final String SID = "0b529865-beb1-427c-900d-f30f0d45aa1d";

  @TempDir Path tmp;
  Path fssHome;
  Map<String, String> env;
  Spool spool;

  @BeforeEach
  void setUp() throws IOException {
    fssHome = tmp.resolve("home/.fireworks-sessions");
    env = new HashMap<>();
    env.put("HOME", tmp.resolve("home").toString());
    env.put("FSS_HOME", fssHome.toString());
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    spool = new Spool(fssHome, Instant.now(), m -> { });
    spool.ensure();
  }

  /** A Stop event shaped like Claude Code 2.1.332's (shared/fixtures/real), with a message full of escapes. */
  static String claudeStop(String sid, String transcript, String cwd) {
    return "{\"session_id\":\"" + sid + "\",\"transcript_path\":\"" + transcript + "\",\"cwd\":\"" + cwd
        + "\",\"prompt_id\":\"c124e0d1\",\"permission_mode\":\"default\",\"effort\":{\"level\":\"medium\"},"
        + "\"hook_event_name\":\"Stop\",\"stop_hook_active\":false,\"last_assistant_message\":"
        + "\"SECRET-MESSAGE: \\\"quoted\\\"\\nnext {\\\"session_id\\\":\\\"evil\\\",\\\"cwd\\\":\\\"/x\\\"} \\\\\","
        + "\"background_tasks\":[],\"session_crons\":[]}";
  }

  List<String> spooled() throws IOException {
    Path f = spool.dir().resolve(Spool.EVENTS);
    return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
  }

  Launcher.Run hook(Path launcher, String stdin, String... args) throws Exception {
    return Launcher.run(launcher, env, stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  @Test
  void aClaudeStopBecomesOneSpoolLineWithoutItsMessageAndNothingOnStdout() throws Exception {
    String tp = "/home/dev/.claude/projects/-home-dev-src-refunds/" + SID + ".jsonl";
    Launcher.Run r = hook(Launcher.checkout(), claudeStop(SID, tp, "/home/dev/src/refunds") + "\n", "hook", "claude");

    assertEquals(new Launcher.Run(0, "", ""), r);
    List<String> lines = spooled();
    assertEquals(1, lines.size());
    assertFalse(lines.get(0).contains("SECRET") || lines.get(0).contains("evil"), lines.get(0));
    Spool.Turn t = spool.parse(lines.get(0), spool.dir().resolve(Spool.EVENTS));
    assertNotNull(t, lines.get(0));
    assertEquals(List.of("claude", "Stop", SID, tp, "/home/dev/src/refunds"),
        List.of(t.agent(), t.event(), t.sessionId(), t.transcript(), t.cwd()));
    assertTrue(Duration.between(t.time(), Instant.now()).abs().getSeconds() < 120, t.time().toString());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(spool.dir().resolve(Spool.EVENTS))));
  }

  @Test
  void codexStopPostToolUseAndNotifyAreSpooled() throws Exception {
    String tp = "/home/dev/.codex/sessions/2026/12/01/rollout-2026-12-01T10-00-00-t1.jsonl";
    hook(Launcher.checkout(), "{\"session_id\":\"t1\",\"transcript_path\":\"" + tp + "\",\"cwd\":\"/w\",\"hook_event_name\":"
        + "\"Stop\",\"model\":\"gpt-5\",\"turn_id\":\"7\",\"last_assistant_message\":\"hi\"}", "hook", "codex");
    hook(Launcher.checkout(), "{\"session_id\":\"t1\",\"transcript_path\":\"" + tp + "\",\"cwd\":\"/w\",\"hook_event_name\":"
        + "\"PostToolUse\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"ls\"}}", "hook", "codex");
    Path marker = tmp.resolve("chained");
    Path chain = tmp.resolve("chain.sh");
    Files.writeString(chain, "#!/bin/sh\nprintf '%s|' \"$@\" > " + marker + ".tmp && mv " + marker + ".tmp " + marker + "\n");
    Files.setPosixFilePermissions(chain, PosixFilePermissions.fromString("rwx------"));
    String notify = "{\"type\":\"agent-turn-complete\",\"thread-id\":\"t1\",\"turn-id\":\"7\",\"cwd\":\"/w\","
        + "\"client\":\"codex-tui\",\"input-messages\":[\"SECRET prompt \\\"x\\\"\"],\"last-assistant-message\":\"SECRET\"}";
    Launcher.Run r = hook(Launcher.checkout(), "", "hook", "codex-notify", "--then", chain.toString(), "arg1", notify);

    assertEquals(new Launcher.Run(0, "", ""), r);
    List<String> lines = spooled();
    assertEquals(3, lines.size(), lines.toString());
    assertEquals(List.of("Stop", "PostToolUse", "notify"), List.of(field(lines.get(0), 3), field(lines.get(1), 3),
        field(lines.get(2), 3)));
    assertEquals("", field(lines.get(2), 5));
    assertEquals("/w", field(lines.get(2), 6));
    assertFalse(String.join("\n", lines).contains("SECRET"));
    for (int i = 0; i < 100 && !Files.exists(marker); i++) {
      Thread.sleep(50);
    }
    assertEquals("arg1|" + notify + "|", Files.readString(marker), "the user's notify program gets its argv and the JSON");
  }

  /** An AfterAgent event shaped like Gemini CLI 0.61.0's: one line, no newline at the end. */
  static String geminiAfterAgent(String sid, String transcript, String cwd) {
    return "{\"session_id\":\"" + sid + "\",\"transcript_path\":\"" + transcript + "\",\"cwd\":\"" + cwd
        + "\",\"hook_event_name\":\"AfterAgent\",\"timestamp\":\"2026-12-01T20:05:42.112Z\",\"prompt\":"
        + "\"<hook_context>SECRET notice</hook_context>\\n\\nfix \\\"it\\\"\",\"prompt_response\":\"SECRET answer\","
        + "\"stop_hook_active\":false}";
  }

  @Test
  void aGeminiAfterAgentIsSpooledAndOnlyThat() throws Exception {
    String tp = "/home/dev/.gemini/tmp/refunds/chats/session-2026-12-01T20-05-" + SID.substring(0, 8) + ".jsonl";
    Launcher.Run r = hook(Launcher.checkout(), geminiAfterAgent(SID, tp, "/home/dev/src/refunds"), "hook", "gemini");

    assertEquals(new Launcher.Run(0, "", ""), r);
    List<String> lines = spooled();
    assertEquals(1, lines.size());
    assertFalse(lines.get(0).contains("SECRET"), lines.get(0));
    Spool.Turn t = spool.parse(lines.get(0), spool.dir().resolve(Spool.EVENTS));
    assertEquals(List.of("gemini", "AfterAgent", SID, tp, "/home/dev/src/refunds"),
        List.of(t.agent(), t.event(), t.sessionId(), t.transcript(), t.cwd()));

    // another agent's event name, or Gemini's other events, go to the JVM as before
    Path launcher = Launcher.install(tmp.resolve("bin"), fakeJava());
    List<String[]> odd = List.of(
        new String[] {geminiAfterAgent(SID, tp, "/w"), "claude"},
        new String[] {geminiAfterAgent(SID, tp, "/w").replace("AfterAgent", "Stop"), "gemini"},
        new String[] {geminiAfterAgent(SID, tp, "/w").replace("AfterAgent", "PreCompress"), "gemini"});
    for (int i = 0; i < odd.size(); i++) {
      env.put("FAKE_OUT", tmp.resolve("gemini" + i).toString());
      assertEquals(0, hook(launcher, odd.get(i)[0], "hook", odd.get(i)[1]).exit());
      assertEquals(1, spooled().size(), "case " + i + " must not be spooled");
      assertEquals(odd.get(i)[0], Files.readString(tmp.resolve("gemini" + i + ".stdin")), "case " + i + ": byte for byte");
    }
  }

  static String field(String line, int i) {
    return line.split("\t", -1)[i];
  }

  /** A stand-in for java that records what the launcher handed it. */
  Path fakeJava() throws IOException {
    Path java = tmp.resolve("jdk/bin/java");
    Files.createDirectories(java.getParent());
    Files.writeString(java, "#!/bin/sh\ncat > \"$FAKE_OUT.stdin\"\nprintf '%s\\n' \"$@\" > \"$FAKE_OUT.args\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    return java;
  }

  @Test
  void everyOddEventGoesToTheJvmWithTheBytesItWasGiven() throws Exception {
    Path launcher = Launcher.install(tmp.resolve("bin"), fakeJava());
    String tp = "/h/t/" + SID + ".jsonl";
    String ok = claudeStop(SID, tp, "/w");
    List<String> odd = List.of(
        ok.replace("\"session_id\":\"" + SID, "\"session_id\":\"a\\\"b"), // escaped quote in the id
        ok.replace(SID, "0b52\\u0038"), // an escape: only a JSON parser knows the id
        "{\"hook_event_name\":\"Stop\",\"last_assistant_message\":\"a \\\"b\\\"\",\"session_id\":\"s1\","
            + "\"transcript_path\":\"" + tp + "\",\"cwd\":\"/w\"}", // a backslash before the keys
        ok.replace("\"transcript_path\":\"" + tp + "\",", ""), // no transcript
        ok.replace("\"transcript_path\":\"" + tp + "\"", "\"transcript_path\":null"), // Codex's nullable path
        ok.replace("\"background_tasks\":[]", "\"tool_input\":{\"session_id\":\"other\"}"), // the key twice
        ok.replace("\"effort\":{\"level\":\"medium\"},\"hook_event_name\":\"Stop\"",
            "\"effort\":{\"level\":\"medium\",\"hook_event_name\":\"Stop\"}"), // nested, not top level
        ok.replace("\"cwd\":\"/w\"", "\"cwd\":\"w\""), // a relative cwd
        ok.replace(tp, "/h/t/notes.txt"), // not a transcript
        ok.replace("\"Stop\"", "\"SessionStart\""), // not a turn end
        ok.substring(0, ok.length() - 1), // cut short
        "{\n  \"session_id\": \"" + SID + "\",\n  \"hook_event_name\": \"Stop\"\n}\n", // several lines
        "not json at all\n\u00e9\n",
        "");
    for (int i = 0; i < odd.size(); i++) {
      env.put("FAKE_OUT", tmp.resolve("case" + i).toString());
      Launcher.Run r = hook(launcher, odd.get(i), "hook", "claude");
      assertEquals(0, r.exit(), "case " + i);
      assertEquals(List.of(), spooled(), "case " + i + " must not be spooled: " + odd.get(i));
      String expected = odd.get(i);
      assertEquals(expected.isEmpty() || expected.endsWith("\n") ? expected : expected, // the bytes, newline as given
          Files.readString(tmp.resolve("case" + i + ".stdin")).replaceAll("\n$", expected.endsWith("\n") ? "\n" : ""),
          "case " + i + ": the JVM must get the event byte for byte");
      assertTrue(Files.readString(tmp.resolve("case" + i + ".args")).endsWith("io.github.fss.Main\nhook\nclaude\n"));
    }
  }

  @Test
  void withoutItsPrivateSpoolFolderTheLauncherLeavesTheEventToTheJvm() throws Exception {
    Path launcher = Launcher.install(tmp.resolve("bin"), fakeJava());
    env.put("FAKE_OUT", tmp.resolve("out").toString());
    String ok = claudeStop(SID, "/h/t/" + SID + ".jsonl", "/w");
    Files.delete(spool.dir());
    hook(launcher, ok, "hook", "claude");
    assertEquals(ok, Files.readString(tmp.resolve("out.stdin")));

    env.put("FSS_HOME", "relative/home");
    Files.delete(tmp.resolve("out.stdin"));
    hook(launcher, ok, "hook", "claude");
    assertEquals(ok, Files.readString(tmp.resolve("out.stdin")));
  }

  @Test
  void theRealJvmTakesAnEventTheLauncherCouldNotRead() throws Exception {
    Path launcher = Launcher.install(tmp.resolve("bin"), Launcher.java());
    Path cwd = Files.createDirectories(tmp.resolve("w"));
    Path tp = tmp.resolve("t/s1.jsonl");
    Files.createDirectories(tp.getParent());
    Files.writeString(tp, "");
    // "s\u0031" is "s1" to a JSON parser: only the JVM can tell
    String event = "{\"session_id\":\"s\\u0031\",\"transcript_path\":\"" + tp + "\",\"cwd\":\"" + cwd
        + "\",\"hook_event_name\":\"Stop\",\"last_assistant_message\":\"ok\"}\n";
    Launcher.Run r = hook(launcher, event, "hook", "claude");
    assertEquals(new Launcher.Run(0, "", ""), r);
    assertEquals(List.of(), spooled());
    SessionStore store = new SessionStore(fssHome, StoreConfig.load(fssHome, Map.of()), m -> { });
    assertNotNull(store.findById("s1").get(0).session().capture(), "the JVM registered s1 from the handed-on bytes");
  }

  /**
   * Concurrent hooks append whole lines: 8 processes, each running the launcher N times with
   * lines near PIPE_BUF, leave 8 × N intact lines. (bench/spool-stress.sh runs 8 × 500.)
   */
  @Test
  void concurrentHooksNeitherTearNorLoseALine() throws Exception {
    int procs = 8;
    int each = Integer.getInteger("fss.test.spoolAppends", 25);
    String longDir = "/w/" + "d".repeat(700);
    Path script = tmp.resolve("appender.sh");
    Files.writeString(script, "#!/bin/sh\ni=0\nwhile [ $i -lt " + each + " ]; do\n"
        + "  printf '{\"session_id\":\"p%s-%s\",\"transcript_path\":\"%s/t.jsonl\",\"cwd\":\"%s\",\"hook_event_name\":\"Stop\"}\\n'"
        + " \"$1\" $i \"$2\" \"$2\" | \"$3\" hook claude || exit 1\n  i=$((i + 1))\ndone\n");
    List<Process> ps = new ArrayList<>();
    for (int p = 0; p < procs; p++) {
      ProcessBuilder pb = new ProcessBuilder("/bin/sh", script.toString(), Integer.toString(p), longDir + p,
          Launcher.checkout().toString());
      pb.environment().clear();
      pb.environment().putAll(env);
      ps.add(pb.redirectErrorStream(true).start());
    }
    for (Process p : ps) {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    List<String> lines = spooled();
    Set<String> seen = new HashSet<>();
    for (String l : lines) {
      Spool.Turn t = spool.parse(l, spool.dir().resolve(Spool.EVENTS));
      assertNotNull(t, "torn line: " + l.substring(0, Math.min(80, l.length())));
      String p = t.sessionId().substring(1, t.sessionId().indexOf('-'));
      assertEquals(longDir + p, t.cwd());
      assertTrue(seen.add(t.sessionId()), "twice: " + t.sessionId());
    }
    assertEquals(procs * each, lines.size());
  }
}
