package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fss install/uninstall gemini: hooks merged into ~/.gemini/settings.json, the shared skill, refusals. */
class InstallGeminiTest {
  /** Settings as a Gemini CLI user has them: auth, a theme, a hook of their own, an MCP server. */
  static final String SETTINGS = String.join("\n",
      "{",
      "  \"security\": {",
      "    \"auth\": {",
      "      \"selectedType\": \"gemini-api-key\"",
      "    }",
      "  },",
      "  \"ui\": {",
      "    \"theme\": \"GitHub\"",
      "  },",
      "  \"hooks\": {",
      "    \"AfterAgent\": [",
      "      {",
      "        \"matcher\": \"*\",",
      "        \"hooks\": [",
      "          {",
      "            \"name\": \"ding\",",
      "            \"type\": \"command\",",
      "            \"command\": \"/usr/bin/ding\",",
      "            \"timeout\": 5000",
      "          }",
      "        ]",
      "      }",
      "    ]",
      "  },",
      "  \"mcpServers\": {",
      "    \"x\": {",
      "      \"command\": \"npx\"",
      "    }",
      "  }",
      "}",
      "");

  @TempDir Path tmp;
  InstallHarness h;
  Path gemini;

  @BeforeEach
  void setUp() throws Exception {
    h = new InstallHarness(tmp);
    gemini = h.home.resolve(".gemini");
  }

  Path settings() {
    return gemini.resolve("settings.json");
  }

  Path skill() {
    return h.home.resolve(".agents/skills/fireworks-sessions-saver/SKILL.md");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> hooks(Path settings) throws Exception {
    return (Map<String, Object>) ((Map<String, Object>) Json.parse(Files.readString(settings))).get("hooks");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> ours(Map<String, Object> hooks, String event) {
    for (Object g : (List<Object>) hooks.get(event)) {
      for (Object x : (List<Object>) ((Map<String, Object>) g).get("hooks")) {
        Map<String, Object> handler = (Map<String, Object>) x;
        if (((String) handler.get("command")).endsWith(" hook gemini")) {
          handler.put("matcher", ((Map<String, Object>) g).get("matcher"));
          return handler;
        }
      }
    }
    return null;
  }

  @Test
  void installMergesOurHooksInMillisecondsAndUninstallGivesBackTheBytes() throws Exception {
    Files.createDirectories(gemini);
    Files.writeString(settings(), SETTINGS);
    assertEquals(0, h.install("gemini"), h.err);

    Map<String, Object> hooks = hooks(settings());
    assertEquals(List.of("AfterAgent", "SessionStart", "SessionEnd"), List.copyOf(hooks.keySet()));
    for (String event : List.of("SessionStart", "AfterAgent", "SessionEnd")) {
      Map<String, Object> h1 = ours(hooks, event);
      assertEquals("fss", h1.get("name"), event);
      assertEquals("command", h1.get("type"));
      assertEquals(h.launcher + " hook gemini", h1.get("command"));
      assertEquals("*", h1.get("matcher"));
      assertEquals("AfterAgent".equals(event) ? 30000L : 10000L, h1.get("timeout"), "milliseconds");
    }
    assertTrue(Files.readString(settings()).contains("\"command\": \"/usr/bin/ding\""), "the user's own hook stays");
    assertTrue(Files.readString(settings()).contains("\"theme\": \"GitHub\""));
    assertTrue(Files.readString(skill()).contains("name: fireworks-sessions-saver"));
    assertEquals(1, InstallHarness.backupsOf(settings()).size());

    assertEquals(0, h.run(new Doctor(), "--json"), h.err);
    assertEquals(Boolean.TRUE, Json.obj(Json.parse(h.out)).get("gemini_hooks_installed"), h.out);

    String installed = Files.readString(settings());
    assertEquals(0, h.install("gemini"));
    assertTrue(h.out.contains("already installed"), h.out);
    assertEquals(installed, Files.readString(settings()));

    assertEquals(0, h.uninstall("gemini"), h.err);
    assertEquals(SETTINGS, Files.readString(settings()), "exactly what was there before");
    assertFalse(Files.exists(skill()));
    assertEquals(0, h.run(new Doctor(), "--json"), h.err);
    assertEquals(Boolean.FALSE, Json.obj(Json.parse(h.out)).get("gemini_hooks_installed"), h.out);
  }

  @Test
  void aFreshInstallCreatesTheSettingsAndUninstallLeavesNoHooksKey() throws Exception {
    assertEquals(0, h.install("gemini"), h.err);
    assertTrue(Files.exists(settings()));
    assertEquals(0, h.uninstall("gemini"), h.err);
    assertEquals("{}", Files.readString(settings()).strip());
  }

  @Test
  void malformedSettingsAreRefusedWithOneLineAndLeftAlone() throws Exception {
    Files.createDirectories(gemini);
    String broken = "{\n  \"ui\": {\n";
    Files.writeString(settings(), broken);
    assertEquals(1, h.install("gemini"));
    assertEquals(1, h.err.lines().count(), h.err);
    assertTrue(h.err.contains(settings() + " is not valid JSON ("), h.err);
    assertTrue(h.err.contains("nothing was changed"), h.err);
    assertEquals(broken, Files.readString(settings()));
    assertTrue(InstallHarness.backupsOf(settings()).isEmpty());
    assertFalse(Files.exists(skill()), "nothing else written either");
  }

  @Test
  void geminiCliHomeMovesEverything() throws Exception {
    Path other = Files.createDirectories(tmp.resolve("gem-home"));
    h.vars.put("GEMINI_CLI_HOME", other.toString());
    assertEquals(0, h.install("gemini"), h.err);
    assertTrue(Files.exists(other.resolve(".gemini/settings.json")));
    assertTrue(Files.exists(other.resolve(".agents/skills/fireworks-sessions-saver/SKILL.md")));
    assertFalse(Files.exists(settings()));
    assertFalse(Files.exists(skill()));
  }

  @Test
  void allTakesGeminiOnlyWhenItsFolderExists() throws Exception {
    assertEquals(0, h.install("all"), h.err);
    assertFalse(Files.exists(gemini), "no ~/.gemini made for a user without Gemini CLI");
    assertFalse(h.out.contains(".gemini"), h.out);

    Files.createDirectories(gemini);
    assertEquals(0, h.install("all"), h.err);
    assertTrue(ours(hooks(settings()), "SessionStart") != null);
    assertEquals(0, h.uninstall("all"), h.err);
    assertEquals("{}", Files.readString(settings()).strip());
    assertFalse(Files.exists(skill()), "the skill goes with the last agent that used it");
  }

  @Test
  void theSkillCodexAndGeminiShareStaysUntilTheLastOfThemIsUninstalled() throws Exception {
    assertEquals(0, h.install("codex"), h.err);
    assertEquals(0, h.install("gemini"), h.err);
    assertTrue(Files.exists(skill()));

    assertEquals(0, h.uninstall("gemini"), h.err);
    assertTrue(Files.exists(skill()), "Codex still uses it");
    assertTrue(h.out.contains("left in place: Codex's fss hooks still use it"), h.out);
    assertEquals(0, h.install("gemini"), h.err);
    assertEquals(0, h.uninstall("codex"), h.err);
    assertTrue(Files.exists(skill()), "Gemini CLI still uses it");
    assertTrue(h.out.contains("left in place: Gemini CLI's fss hooks still use it"), h.out);
    assertEquals(0, h.uninstall("gemini"), h.err);
    assertFalse(Files.exists(skill()));
  }
}
