package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.agents.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fss install/uninstall claude against real settings files: merge, idempotence, exact restore, refusals, races. */
class InstallClaudeTest {
  /** Formatted the way Claude Code writes settings (JSON.stringify, 2 spaces) with a trailing newline. */
  static final String SETTINGS = String.join("\n",
      "{",
      "  \"$schema\": \"https://json.schemastore.org/claude-code-settings.json\",",
      "  \"permissions\": {",
      "    \"allow\": [",
      "      \"Bash(npm run test:*)\",",
      "      \"Read(~/.zshrc)\"",
      "    ],",
      "    \"deny\": []",
      "  },",
      "  \"env\": {",
      "    \"FOO\": \"bar\\tbaz\",",
      "    \"说明\": \"中文 ✓\"",
      "  },",
      "  \"hooks\": {",
      "    \"SessionStart\": [",
      "      {",
      "        \"matcher\": \"startup\",",
      "        \"hooks\": [",
      "          {",
      "            \"type\": \"command\",",
      "            \"command\": \"echo hello\"",
      "          }",
      "        ]",
      "      }",
      "    ],",
      "    \"PreToolUse\": [",
      "      {",
      "        \"matcher\": \"Bash\",",
      "        \"hooks\": [",
      "          {",
      "            \"type\": \"command\",",
      "            \"command\": \"/usr/local/bin/guard\",",
      "            \"timeout\": 5",
      "          }",
      "        ]",
      "      }",
      "    ]",
      "  },",
      "  \"model\": \"opus\",",
      "  \"someUnknownKey\": {",
      "    \"nested\": [",
      "      1,",
      "      2.5,",
      "      -0.001,",
      "      1e+21,",
      "      null,",
      "      true,",
      "      {}",
      "    ]",
      "  },",
      "  \"nothing\": null",
      "}") + "\n";

  @TempDir Path tmp;
  InstallHarness h;

  @BeforeEach
  void setUp() throws IOException {
    h = new InstallHarness(tmp);
  }

  private void writeSettings(String text) throws IOException {
    Files.createDirectories(h.claude);
    Files.writeString(h.settings(), text);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(Path p) throws IOException {
    return (Map<String, Object>) JsonText.parse(Files.readString(p));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> groups(Map<String, Object> root, String event) {
    return (List<Map<String, Object>>) ((Map<String, Object>) root.get("hooks")).get(event);
  }

  /** All our handlers for one event, wherever they are. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> ours(Map<String, Object> root, String event) {
    List<Map<String, Object>> out = new ArrayList<>();
    List<Map<String, Object>> gs = groups(root, event);
    if (gs == null) {
      return out;
    }
    for (Map<String, Object> g : gs) {
      for (Map<String, Object> x : (List<Map<String, Object>>) g.get("hooks")) {
        if (String.valueOf(x.get("command")).endsWith(" hook claude")) {
          out.add(x);
        }
      }
    }
    return out;
  }

  @Test
  void installKeepsEverythingElseAndAddsOurHooks() throws Exception {
    writeSettings(SETTINGS);
    assertEquals(0, h.install("claude"));
    Map<String, Object> before = parseText(SETTINGS);
    Map<String, Object> after = parse(h.settings());
    for (String key : List.of("$schema", "permissions", "env", "model", "someUnknownKey")) {
      assertEquals(before.get(key), after.get(key), key);
    }
    assertTrue(after.containsKey("nothing") && after.get("nothing") == null, "null member kept");
    assertEquals(List.of("$schema", "permissions", "env", "hooks", "model", "someUnknownKey", "nothing"),
        new ArrayList<>(after.keySet()), "key order kept");

    List<Map<String, Object>> start = groups(after, "SessionStart");
    assertEquals(2, start.size(), "someone else's SessionStart group kept, ours added after it");
    assertEquals("startup", start.get(0).get("matcher"));
    assertEquals("startup|resume|clear|compact", start.get(1).get("matcher"));
    String command = h.launcher + " hook claude";
    assertEquals(Map.of("type", "command", "command", command, "timeout", 10L), ours(after, "SessionStart").get(0));
    assertEquals(Map.of("type", "command", "command", command, "async", true, "timeout", 60L), ours(after, "Stop").get(0));
    assertEquals(30L, ours(after, "PreCompact").get(0).get("timeout"));
    assertEquals(10L, ours(after, "SessionEnd").get(0).get("timeout"), "SessionEnd's 1.5 s default is too short");
    assertNull(groups(after, "PostToolUse"), "PostToolUse only with --every-call");
    assertEquals(1, groups(after, "PreToolUse").size());
    assertTrue(h.out.contains(h.settings() + ": installed (backup: settings.json.fss-backup-20261124-101530)"), h.out);
    assertEquals(List.of(h.settings().resolveSibling("settings.json.fss-backup-20261124-101530")),
        InstallHarness.backupsOf(h.settings()));
    assertEquals(SETTINGS, Files.readString(InstallHarness.backupsOf(h.settings()).get(0)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseText(String s) {
    return (Map<String, Object>) JsonText.parse(s);
  }

  @Test
  void secondInstallChangesNothingAndUninstallGivesBackTheOriginalBytes() throws Exception {
    writeSettings(SETTINGS);
    assertEquals(0, h.install("claude"));
    byte[] once = Files.readAllBytes(h.settings());
    h.now = h.now.plusSeconds(60);
    assertEquals(0, h.install("claude"));
    assertArrayEquals(once, Files.readAllBytes(h.settings()));
    assertTrue(h.out.contains(h.settings() + ": already installed"), h.out);
    assertEquals(1, InstallHarness.backupsOf(h.settings()).size(), "no backup without a change");

    assertEquals(0, h.uninstall("claude"));
    assertEquals(SETTINGS, Files.readString(h.settings()));
    assertTrue(h.out.contains(h.settings() + ": removed"), h.out);
    assertEquals(2, InstallHarness.backupsOf(h.settings()).size(), "uninstall backs up too");

    assertEquals(0, h.uninstall("claude"));
    assertTrue(h.out.contains("nothing to remove"), h.out);
  }

  @Test
  void uninstallRestoresAFileWithoutHooksOrTrailingNewline() throws Exception {
    String original = "{\n  \"model\": \"opus\"\n}";
    writeSettings(original);
    h.install("claude");
    assertTrue(Files.readString(h.settings()).contains("\"hooks\": {"));
    h.uninstall("claude");
    assertEquals(original, Files.readString(h.settings()));
  }

  @Test
  void installCreatesAMissingSettingsFileWithMode0600() throws Exception {
    assertEquals(0, h.install("claude"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(h.settings())));
    assertEquals(1, ours(parse(h.settings()), "Stop").size());
    assertTrue(InstallHarness.backupsOf(h.settings()).isEmpty(), "nothing to back up");
  }

  @Test
  void installKeepsTheFileMode() throws Exception {
    writeSettings(SETTINGS);
    Files.setPosixFilePermissions(h.settings(), PosixFilePermissions.fromString("rw-r--r--"));
    h.install("claude");
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(h.settings())));
  }

  @Test
  void everyCallAddsPostToolUseAndUninstallRemovesIt() throws Exception {
    writeSettings(SETTINGS);
    assertEquals(0, h.install("claude", "--every-call"));
    Map<String, Object> root = parse(h.settings());
    assertEquals("Write|Edit|NotebookEdit|Bash", groups(root, "PostToolUse").get(0).get("matcher"));
    assertEquals(true, ours(root, "PostToolUse").get(0).get("async"));
    assertEquals(0, h.uninstall("claude"));
    assertEquals(SETTINGS, Files.readString(h.settings()));
  }

  @Test
  void installingAgainWithoutEveryCallTurnsItOff() throws Exception {
    writeSettings(SETTINGS);
    h.install("claude", "--every-call");
    h.install("claude");
    assertTrue(h.out.contains(": updated"), h.out);
    assertNull(groups(parse(h.settings()), "PostToolUse"));
  }

  @Test
  void aMovedLauncherIsReplacedNotDuplicated() throws Exception {
    writeSettings(SETTINGS);
    h.install("claude", "--launcher", "/old/place/bin/fss");
    assertEquals(0, h.install("claude"));
    assertTrue(h.out.contains(": updated"), h.out);
    Map<String, Object> root = parse(h.settings());
    for (String ev : List.of("SessionStart", "Stop", "PreCompact", "SessionEnd")) {
      assertEquals(1, ours(root, ev).size(), ev);
      assertEquals(h.launcher + " hook claude", ours(root, ev).get(0).get("command"));
    }
    h.uninstall("claude");
    assertEquals(SETTINGS, Files.readString(h.settings()));
  }

  @Test
  void aLauncherPathWithSpacesIsQuotedAndStillRecognised() throws Exception {
    h.install("claude", "--launcher", "/Users/me/My Tools/fss");
    assertEquals("'/Users/me/My Tools/fss' hook claude", ours(parse(h.settings()), "Stop").get(0).get("command"));
    assertEquals(0, h.install("claude", "--launcher", "/Users/me/My Tools/fss"));
    assertTrue(h.out.contains("already installed"), h.out);
  }

  @Test
  void malformedJsonIsRefusedWithOneLineAndLeftAlone() throws Exception {
    String broken = "{\n  \"model\": \"opus\",\n  \"hooks\": {\n";
    writeSettings(broken);
    assertEquals(1, h.install("claude"));
    assertEquals(1, h.err.lines().count(), h.err);
    assertTrue(h.err.contains(h.settings() + " is not valid JSON ("), h.err);
    assertTrue(h.err.contains("nothing was changed"), h.err);
    assertEquals(broken, Files.readString(h.settings()));
    assertTrue(InstallHarness.backupsOf(h.settings()).isEmpty());
    assertFalse(Files.exists(h.claude.resolve("skills")), "nothing else written either");
  }

  @Test
  void wrongShapesAreRefused() throws Exception {
    for (String bad : List.of("[1, 2]\n", "{\"hooks\": []}\n", "{\"hooks\": {\"Stop\": {}}}\n", "{\"a\": 1,}\n")) {
      writeSettings(bad);
      assertEquals(1, h.install("claude"), bad);
      assertEquals(1, h.err.lines().count(), h.err);
      assertEquals(bad, Files.readString(h.settings()));
    }
  }

  @Test
  void aReadOnlyFileIsRefusedAndLeftAlone() throws Exception {
    writeSettings(SETTINGS);
    Files.setPosixFilePermissions(h.settings(), PosixFilePermissions.fromString("r--r--r--"));
    assertEquals(1, h.install("claude"));
    assertTrue(h.err.contains("is read-only"), h.err);
    assertEquals(SETTINGS, Files.readString(h.settings()));
    assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(h.settings())));
  }

  @Test
  void aSymlinkedSettingsFileIsEditedAtItsTarget() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("dotfiles")).resolve("claude-settings.json");
    Files.writeString(target, SETTINGS);
    Files.createDirectories(h.claude);
    Files.createSymbolicLink(h.settings(), target);
    assertEquals(0, h.install("claude"));
    assertTrue(Files.isSymbolicLink(h.settings()), "link kept");
    assertEquals(1, ours(parse(target), "Stop").size());
    assertEquals(1, InstallHarness.backupsOf(h.settings()).size(), "backup beside the link");
    assertEquals(0, h.uninstall("claude"));
    assertTrue(Files.isSymbolicLink(h.settings()));
    assertEquals(SETTINGS, Files.readString(target));
  }

  @Test
  void projectScopeWritesTheRepositorysSettings() throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve(".git"));
    h.cwd = Files.createDirectories(repo.resolve("src/main"));
    assertEquals(0, h.install("claude", "--scope", "project"));
    Path project = repo.resolve(".claude/settings.json");
    assertEquals(1, ours(parse(project), "SessionStart").size());
    assertFalse(Files.exists(h.settings()), "user settings untouched");
    assertEquals(0, h.uninstall("claude", "--scope", "project"));
    assertEquals("{}\n", Files.readString(project));
  }

  @Test
  void projectScopeSharesACommandForEveryTeammateAndKeepsBackupsOutOfTheRepository() throws Exception {
    Path repo = tmp.resolve("team");
    Files.createDirectories(repo.resolve(".git"));
    Files.createDirectories(repo.resolve(".claude"));
    Files.writeString(repo.resolve(".claude/settings.json"), "{\"model\": \"opus\"}\n");
    h.cwd = repo;
    assertEquals(0, h.install("claude", "--scope", "project"));
    String shared = Files.readString(repo.resolve(".claude/settings.json"));
    assertTrue(shared.contains("\"fss hook claude\""), shared);
    assertFalse(shared.contains(h.vars.get("FSS_LAUNCHER")), "no personal launcher path in a shared file: " + shared);
    try (var files = Files.list(repo.resolve(".claude"))) {
      assertEquals(List.of("settings.json"), files.map(p -> p.getFileName().toString()).toList(), "no backup in the repo");
    }
    Path backups = Path.of(h.vars.get("FSS_HOME")).resolve("backups");
    try (var all = Files.walk(backups)) {
      List<Path> copies = all.filter(Files::isRegularFile).toList();
      assertEquals(1, copies.size(), copies.toString());
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(copies.get(0))));
    }
    assertEquals(0, h.uninstall("claude", "--scope", "project"));
    String after = Files.readString(repo.resolve(".claude/settings.json"));
    assertTrue(after.contains("opus") && !after.contains("hook"), after);
  }

  @Test
  void withoutALauncherInstallSaysHowToGiveOne() throws Exception {
    h.vars.remove("FSS_LAUNCHER");
    assertEquals(2, h.install("claude"));
    assertTrue(h.err.contains("--launcher"), h.err);
    assertFalse(Files.exists(h.settings()));
  }

  @Test
  void usageMistakesAreUsageErrors() throws Exception {
    assertEquals(2, h.install());
    assertEquals(2, h.install("vim"));
    assertEquals(2, h.install("claude", "--scope", "global"));
    assertEquals(2, h.install("codex", "--scope", "project"));
    assertEquals(2, h.install("claude", "--bogus"));
    assertEquals(0, h.install("--help"));
    assertTrue(h.out.startsWith("usage: fss install"), h.out);
  }

  @Test
  void installsRacingInThreadsLeaveValidJsonWithOurHooksOnce() throws Exception {
    writeSettings(SETTINGS);
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      InstallHarness mine = new InstallHarness(tmp.resolve("t" + i));
      mine.vars.putAll(h.vars);
      results.add(pool.submit(() -> {
        go.await();
        return mine.install("claude", "--every-call");
      }));
    }
    go.countDown();
    for (Future<Integer> f : results) {
      assertEquals(0, f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertOursOnce(parse(h.settings()));
  }

  @Test
  void installsRacingInProcessesLeaveValidJsonWithOurHooksOnce() throws Exception {
    writeSettings(SETTINGS);
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), InstallMain.class.getName(), "claude", "--every-call");
      pb.environment().putAll(h.vars);
      pb.redirectErrorStream(true);
      ps.add(pb.start());
    }
    for (Process p : ps) {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), output);
    }
    assertOursOnce(parse(h.settings()));
  }

  private static void assertOursOnce(Map<String, Object> root) {
    for (String ev : List.of("SessionStart", "Stop", "PreCompact", "SessionEnd", "PostToolUse")) {
      assertEquals(1, ours(root, ev).size(), ev);
    }
    assertNotNull(root.get("permissions"));
    assertEquals(2, groups(root, "SessionStart").size());
  }
}
