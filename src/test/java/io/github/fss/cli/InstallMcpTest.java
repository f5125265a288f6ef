package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.github.fss.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fss install} registers {@code fss mcp} with Claude Code (~/.claude.json) and Codex (config.toml). */
class InstallMcpTest {
  static final String CLAUDE_STATE = "{\n  \"numStartups\": 42,\n  \"theme\": \"dark\",\n  \"tipsHistory\": {\n"
      + "    \"x\": 1.50\n  },\n  \"oauthAccount\": null,\n  \"mcpServers\": {\n    \"github\": {\n      \"type\": \"stdio\",\n"
      + "      \"command\": \"gh-mcp\",\n      \"args\": [],\n      \"env\": {}\n    }\n  },\n  \"projects\": {\n"
      + "    \"/home/u/shop\": {\n      \"allowedTools\": [],\n      \"mcpServers\": {},\n      \"note\": \"caf\u00e9 \\u001b\"\n"
      + "    }\n  }\n}";
  static final String CODEX_CONFIG = "# my codex config\nmodel = \"gpt-5\"  # the model\n\n[features]\nplugins = false\n\n"
      + "[mcp_servers.docs]\ncommand = \"docs-mcp\"\n";

  @TempDir Path tmp;
  InstallHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new InstallHarness(tmp);
  }

  Path state() {
    return h.claude.resolve(".claude.json");
  }

  Map<String, Object> fssEntry() throws Exception {
    return Json.obj(Json.obj(Json.obj(Json.parse(Files.readString(state()))).get("mcpServers")).get("fss"));
  }

  JsonNode toml() throws Exception {
    return new TomlMapper().readTree(Files.readString(h.config()));
  }

  @Test
  void claudeGetsAUserScopeServerEveryOtherKeyKeptAndUninstallGivesTheFileBackByteForByte() throws Exception {
    Files.createDirectories(h.claude);
    Files.writeString(state(), CLAUDE_STATE);
    assertEquals(0, h.install("claude"), h.err);
    Map<String, Object> e = fssEntry();
    assertEquals("stdio", e.get("type"));
    assertEquals(h.launcher.toString(), e.get("command"));
    assertEquals(List.of("mcp"), e.get("args"));
    String installed = Files.readString(state());
    assertTrue(installed.contains("\"x\": 1.50") && installed.contains("\"gh-mcp\"") && installed.contains("\"oauthAccount\": null"));
    assertEquals(0, h.install("claude"));
    assertTrue(h.out.contains("already installed (mcp server)"), h.out);
    assertEquals(installed, Files.readString(state()));
    assertEquals(0, h.uninstall("claude"), h.err);
    assertEquals(CLAUDE_STATE, Files.readString(state()));
  }

  @Test
  void aClaudeStateFileWithoutServersGetsOneAndLosesItAgain() throws Exception {
    Files.createDirectories(h.claude);
    String original = "{\n  \"numStartups\": 1\n}\n";
    Files.writeString(state(), original);
    h.install("claude");
    assertEquals(h.launcher.toString(), fssEntry().get("command"));
    h.uninstall("claude");
    assertEquals(original, Files.readString(state()));
  }

  @Test
  void aServerNamedFssOfTheUsersOwnIsLeftAlone() throws Exception {
    Files.createDirectories(h.claude);
    String original = "{\n  \"mcpServers\": {\n    \"fss\": {\n      \"command\": \"/opt/other/fss-server\",\n"
        + "      \"args\": [\"--stdio\"]\n    }\n  }\n}";
    Files.writeString(state(), original);
    assertEquals(0, h.install("claude"));
    assertTrue(h.out.contains("left alone"), h.out);
    assertEquals(original, Files.readString(state()));
    h.uninstall("claude");
    assertEquals(original, Files.readString(state()));
  }

  @Test
  void noMcpAndProjectScopeLeaveClaudesStateFileAlone() throws Exception {
    assertEquals(0, h.install("claude", "--no-mcp"));
    assertFalse(Files.exists(state()));
    assertEquals(0, h.install("claude", "--scope", "project"));
    assertFalse(Files.exists(state()));
    assertEquals(0, h.install("codex", "--no-mcp"));
    assertFalse(Files.readString(h.config()).contains("mcp_servers"));
  }

  @Test
  void codexGetsAnMcpServersTableCommentsKeptAndUninstallGivesTheFileBackExactly() throws Exception {
    Files.writeString(h.config(), CODEX_CONFIG);
    assertEquals(0, h.install("codex"), h.err);
    JsonNode fss = toml().get("mcp_servers").get("fss");
    assertEquals(h.launcher.toString(), fss.get("command").asText());
    assertEquals("mcp", fss.get("args").get(0).asText());
    assertEquals("docs-mcp", toml().get("mcp_servers").get("docs").get("command").asText());
    String installed = Files.readString(h.config());
    assertTrue(installed.startsWith("# my codex config\n"), installed);
    assertEquals(0, h.install("codex"));
    assertEquals(installed, Files.readString(h.config()));
    assertEquals(0, h.uninstall("codex"), h.err);
    assertEquals(CODEX_CONFIG, Files.readString(h.config()));
  }

  @Test
  void aCodexConfigWithoutAFinalLineBreakComesBackWithoutOne() throws Exception {
    String original = "model = \"gpt-5\"\n[mcp_servers.docs]\ncommand = \"docs-mcp\"";
    Files.writeString(h.config(), original);
    h.install("codex");
    assertEquals(h.launcher.toString(), toml().get("mcp_servers").get("fss").get("command").asText());
    h.uninstall("codex");
    assertEquals(original, Files.readString(h.config()));
  }

  @Test
  void codexMcpServersWrittenInlineAreNotTouchedAndTheRestIsInstalled() throws Exception {
    String original = "mcp_servers = { docs = { command = \"docs-mcp\" } }\n";
    Files.writeString(h.config(), original);
    assertEquals(0, h.install("codex"), h.err);
    assertTrue(h.out.contains("mcp server not added"), h.out);
    assertFalse(toml().get("mcp_servers").has("fss"));
    assertEquals(3, toml().get("notify").size());
    h.uninstall("codex");
    assertEquals(original, Files.readString(h.config()));
  }

  @Test
  void aCodexServerNamedFssOfTheUsersOwnIsLeftAlone() throws Exception {
    String original = "[mcp_servers.fss]\ncommand = \"elsewhere\"\n";
    Files.writeString(h.config(), original);
    assertEquals(0, h.install("codex"), h.err);
    assertEquals("elsewhere", toml().get("mcp_servers").get("fss").get("command").asText());
    h.uninstall("codex");
    assertEquals(original, Files.readString(h.config()));
  }
}
