package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fss install/uninstall codex: notify chained in config.toml as text, hooks.json, refusals. */
class InstallCodexTest {
  static final String CONFIG = String.join("\n",
      "# Codex config",
      "model = \"gpt-5.5\"   # the default model",
      "approval_policy = \"on-request\"",
      "",
      "# ping me when a turn ends",
      "notify = [",
      "  \"notify-send\",   # desktop notifier",
      "  'Codex done',",
      "]",
      "",
      "# servers",
      "[mcp_servers.x]",
      "command = \"npx\"",
      "args = [\"-y\", \"@x/server\"]",
      "",
      "[profiles.fast]",
      "notify = [\"say\", \"done\"]",
      "");

  static final String NO_NOTIFY = String.join("\n",
      "model = \"gpt-5.5\"",
      "",
      "# servers",
      "# (two comment lines)",
      "[mcp_servers.x]",
      "command = \"npx\"",
      "notify = [\"not\", \"top-level\"]",
      "");

  static final String HOOKS = "{\n  \"hooks\": {\n    \"Stop\": [\n      {\n        \"hooks\": [\n          {\n"
      + "            \"type\": \"command\",\n            \"command\": \"/usr/bin/ding\"\n          }\n        ]\n"
      + "      }\n    ]\n  }\n}\n";

  @TempDir Path tmp;
  InstallHarness h;

  @BeforeEach
  void setUp() throws IOException {
    h = new InstallHarness(tmp);
  }

  private static JsonNode toml(Path p) throws IOException {
    return new TomlMapper().readTree(Files.readString(p));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void installChainsAnExistingMultiLineNotifyAndKeepsEverythingElse() throws Exception {
    Files.writeString(h.config(), CONFIG);
    assertEquals(0, h.install("codex"));
    String text = Files.readString(h.config());
    JsonNode doc = toml(h.config());
    assertEquals(List.of(h.launcher.toString(), "hook", "codex-notify", "--then", "notify-send", "Codex done"),
        strings(doc.get("notify")));
    assertEquals("npx", doc.at("/mcp_servers/x/command").asText());
    assertEquals(List.of("-y", "@x/server"), strings(doc.at("/mcp_servers/x/args")));
    assertEquals(List.of("say", "done"), strings(doc.at("/profiles/fast/notify")), "a table's notify is not ours");
    assertTrue(text.startsWith("# Codex config\nmodel = \"gpt-5.5\"   # the default model\n"), text);
    assertTrue(text.contains(String.join("\n",
        "# ping me when a turn ends",
        "# >>> fireworks-sessions-saver (fss uninstall codex restores the notify below)",
        "# notify = [",
        "#   \"notify-send\",   # desktop notifier",
        "#   'Codex done',",
        "# ]",
        "notify = [\"" + h.launcher + "\", \"hook\", \"codex-notify\", \"--then\", \"notify-send\", \"Codex done\"]",
        "# <<< fireworks-sessions-saver",
        "",
        "# servers",
        "[mcp_servers.x]")), text);
    assertTrue(h.out.contains(h.config() + ": installed (your notify runs after ours)"), h.out);
    assertTrue(h.out.contains("open /hooks in Codex and trust the fss entries"), h.out);

    assertEquals(0, h.install("codex"));
    assertEquals(text, Files.readString(h.config()), "install twice: identical file");
    assertTrue(h.out.contains(h.config() + ": already installed"), h.out);

    assertEquals(0, h.uninstall("codex"));
    assertEquals(CONFIG, Files.readString(h.config()));
    assertTrue(h.out.contains("removed (your notify is back)"), h.out);
  }

  @Test
  void withoutNotifyTheBlockGoesBeforeTheFirstTableAndUninstallRemovesIt() throws Exception {
    Files.writeString(h.config(), NO_NOTIFY);
    assertEquals(0, h.install("codex"));
    String text = Files.readString(h.config());
    assertTrue(text.startsWith(String.join("\n",
        "model = \"gpt-5.5\"",
        "",
        "# >>> fireworks-sessions-saver (fss uninstall codex removes this block)",
        "notify = [\"" + h.launcher + "\", \"hook\", \"codex-notify\"]",
        "# <<< fireworks-sessions-saver",
        "# servers",
        "# (two comment lines)",
        "[mcp_servers.x]")), text);
    assertEquals(List.of("not", "top-level"), strings(toml(h.config()).at("/mcp_servers/x/notify")));
    h.install("codex");
    assertEquals(text, Files.readString(h.config()));
    assertEquals(0, h.uninstall("codex"));
    assertEquals(NO_NOTIFY, Files.readString(h.config()));
  }

  @Test
  void withoutTablesTheBlockGoesAtTheEndEvenWithoutAFinalNewline() throws Exception {
    for (String original : List.of("model = \"o3\"", "model = \"o3\"\n", "", "# only a comment\r\nmodel = 'x'\r\n")) {
      Files.writeString(h.config(), original);
      assertEquals(0, h.install("codex"), original);
      assertEquals(List.of(h.launcher.toString(), "hook", "codex-notify"), strings(toml(h.config()).get("notify")));
      assertEquals(0, h.uninstall("codex"));
      assertEquals(original, Files.readString(h.config()), original);
    }
  }

  @Test
  void aMissingConfigIsCreatedPrivately() throws Exception {
    assertEquals(0, h.install("codex"));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(h.config())));
    assertEquals(3, strings(toml(h.config()).get("notify")).size());
  }

  @Test
  void aSingleLineNotifyWithACommentAtTheEndOfTheFileComesBackExactly() throws Exception {
    String original = "notify = [\"notify-send\", \"Codex\"] # keep me";
    Files.writeString(h.config(), original);
    h.install("codex");
    assertEquals(List.of(h.launcher.toString(), "hook", "codex-notify", "--then", "notify-send", "Codex"),
        strings(toml(h.config()).get("notify")));
    assertTrue(Files.readString(h.config()).contains("# <<< fireworks-sessions-saver\n# >>> fss mcp server"));
    assertTrue(Files.readString(h.config()).endsWith("# <<< fss mcp server"));
    h.uninstall("codex");
    assertEquals(original, Files.readString(h.config()));
  }

  @Test
  void aMovedLauncherUpdatesTheBlockAndKeepsTheChain() throws Exception {
    Files.writeString(h.config(), CONFIG);
    h.install("codex", "--launcher", "/old/bin/fss");
    assertEquals(0, h.install("codex"));
    assertTrue(h.out.contains(h.config() + ": updated"), h.out);
    assertEquals(List.of(h.launcher.toString(), "hook", "codex-notify", "--then", "notify-send", "Codex done"),
        strings(toml(h.config()).get("notify")));
    h.uninstall("codex");
    assertEquals(CONFIG, Files.readString(h.config()));
  }

  @Test
  void malformedTomlIsRefusedAndNothingIsWritten() throws Exception {
    String broken = "model = \"o3\"\nmodel = \"o4\"\n";
    Files.writeString(h.config(), broken);
    assertEquals(1, h.install("codex"));
    assertEquals(1, h.err.lines().count(), h.err);
    assertTrue(h.err.contains(h.config() + " is not valid TOML (Duplicate key near line "), h.err);
    assertEquals(broken, Files.readString(h.config()));
    assertFalse(Files.exists(h.hooksJson()), "checked before any file was written");
    assertTrue(InstallHarness.backupsOf(h.config()).isEmpty());
  }

  @Test
  void aNotifyThatIsNotAnArrayOfStringsIsRefused() throws Exception {
    for (String bad : List.of("notify = \"notify-send\"\n", "notify = [1, 2]\n", "notify = []\n",
        "[notify]\nx = 1\n", "notify.x = 1\n")) {
      Files.writeString(h.config(), bad);
      assertEquals(1, h.install("codex"), bad);
      assertTrue(h.err.contains("is not an array of strings"), h.err);
      assertEquals(bad, Files.readString(h.config()));
    }
  }

  @Test
  void hooksJsonGetsOurHooksAndUninstallGivesBackTheOriginal() throws Exception {
    Files.writeString(h.hooksJson(), HOOKS);
    assertEquals(0, h.install("codex", "--every-call"));
    String text = Files.readString(h.hooksJson());
    assertTrue(text.contains("\"command\": \"/usr/bin/ding\""), text);
    assertTrue(text.contains("\"matcher\": \"Bash|apply_patch\""), text);
    assertTrue(text.contains("\"command\": \"" + h.launcher + " hook codex\""), text);
    assertFalse(text.contains("async"), "Codex hooks have no async");
    // the events our command is hooked to, the session's end among them (codex exec fires it too)
    com.google.gson.JsonObject hooks = com.google.gson.JsonParser.parseString(text).getAsJsonObject()
        .getAsJsonObject("hooks");
    for (String event : List.of("SessionStart", "Stop", "PreCompact", "SessionEnd", "PostToolUse")) {
      assertTrue(hooks.has(event) && hooks.get(event).toString().contains(" hook codex"), event + ": " + text);
    }
    h.install("codex", "--every-call");
    assertEquals(text, Files.readString(h.hooksJson()));
    assertEquals(0, h.uninstall("codex"));
    assertEquals(HOOKS, Files.readString(h.hooksJson()));
  }

  @Test
  void uninstallWithNothingInstalledTouchesNothing() throws Exception {
    Files.writeString(h.config(), CONFIG);
    assertEquals(0, h.uninstall("codex"));
    assertEquals(CONFIG, Files.readString(h.config()));
    assertFalse(Files.exists(h.hooksJson()));
    assertTrue(h.out.contains(h.config() + ": nothing to remove"), h.out);
    assertTrue(InstallHarness.backupsOf(h.config()).isEmpty());
  }

  @Test
  void aBlockWithoutItsEndMarkerIsRefused() throws Exception {
    String broken = "# >>> fireworks-sessions-saver (fss uninstall codex removes this block)\nnotify = [\"x\"]\n";
    Files.writeString(h.config(), broken);
    assertEquals(1, h.uninstall("codex"));
    assertTrue(h.err.contains("edited by hand"), h.err);
    assertEquals(broken, Files.readString(h.config()));
  }
}
