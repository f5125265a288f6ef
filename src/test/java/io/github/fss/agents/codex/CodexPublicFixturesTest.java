package io.github.fss.agents.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.fss.capture.CaptureState;
import io.github.fss.model.CommandRun;
import io.github.fss.model.Todo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real public rollouts (shared/fixtures/public/codex, see SOURCES.md there) read without error,
 * and give the facts checked here by reading each file. They stay in shared/, never in the project.
 */
class CodexPublicFixturesTest {
  private static final String TUI = "codemie-code__rollout-2026-05-11T11-26-55_v0.125_tui.jsonl";
  private static final String TUI_ROOT = "/Users/Sample_User/repos/codemie-ai/codemie-code";
  private static final Path dir =
      Path.of(System.getProperty("fss.shared", "../shared")).resolve("fixtures/public/codex");

  @BeforeEach
  void sharedFixtures() {
    Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/fixtures/public absent: skipping public fixture tests");
  }

  @TestFactory
  Stream<DynamicTest> everyPublicRolloutReadsCleanly() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        tests.add(dynamicTest(f.getFileName().toString(), () -> {
          CaptureState s = Projection.read(f);
          assertEquals(Files.readAllLines(f).size(), s.lines);
          assertEquals(0, s.skippedLines);
          assertTrue(s.extra.toString().length() < 4000, "reader memory stays small: " + s.extra);
        }));
      }
    }
    assertTrue(tests.size() >= 8, "expected the 8 public Codex rollouts, found " + tests.size());
    return tests.stream();
  }

  @Test
  void tuiSessionV125GivesPromptsPlanPatchedFilesAndExitCodes() throws IOException {
    CaptureState s = Projection.read(dir.resolve(TUI));

    assertEquals(TUI_ROOT, s.cwd);
    assertEquals("feat/codex-agent-plugin", s.gitBranch);
    assertEquals("c8c252acd853de59c54b5c31374fec6028ee812e", s.gitHead);
    assertEquals("gpt-5.5", s.model);
    // the AGENTS.md user message is injected context; each prompt is in the file twice
    assertEquals(List.of("show tools", "let's update the defailt context compart to 90 in env var"), s.prompts());
    assertEquals(2, s.turns);
    assertTrue(s.lastAssistant.startsWith("Implemented the default context compaction setting as `threshold: 0.9`"));
    assertEquals(List.of("completed", "completed", "in_progress"), s.todos().stream().map(Todo::status).toList());
    assertEquals("Run focused verification", s.todos().get(2).content());
    assertEquals(Map.of(
        TUI_ROOT + "/src/agents/plugins/__tests__/codemie-code-reasoning.test.ts", "editing",
        TUI_ROOT + "/src/agents/plugins/codemie-code.plugin.ts", "editing",
        TUI_ROOT + "/src/agents/plugins/opencode/opencode.plugin.ts", "editing"), s.files());
    assertTuiCommands(s);
  }

  @Test
  void tuiExitCodesComeFromWriteStdinPollsWhenNoExecCommandEndIsPersisted(@TempDir Path tmp) throws IOException {
    // newer Codex never persists exec_command_end; every exec_command in this file first answers
    // "Process running with session ID N", and the exit code arrives in a later write_stdin output
    List<String> lines = Files.readAllLines(dir.resolve(TUI)).stream()
        .filter(l -> !l.contains("\"type\":\"exec_command_end\"")).toList();
    Path stripped = Files.write(tmp.resolve("no-exec-end.jsonl"), lines);

    assertTuiCommands(Projection.read(stripped));
  }

  private static void assertTuiCommands(CaptureState s) {
    List<CommandRun> cmds = s.commands();
    assertEquals(CaptureState.MAX_COMMANDS, cmds.size()); // 43 exec_command calls; write_stdin is not one
    assertTrue(cmds.stream().allMatch(c -> c.exitCode() != null), "every exit code known: " + cmds);
    List<String> failed = cmds.stream().filter(c -> c.exitCode() != 0)
        .map(c -> c.exitCode() + " " + c.command()).collect(Collectors.toList());
    assertEquals(List.of(
        "1 rg -n \"compaction|compact|reserved\" node_modules/@codemieai --hidden",
        "1 npm test -- --run src/agents/plugins/__tests__/codemie-code-reasoning.test.ts -t \"Compaction Config\""),
        failed);
    assertEquals("nl -ba src/agents/plugins/__tests__/codemie-code-reasoning.test.ts | sed -n '244,260p'",
        cmds.get(cmds.size() - 1).command());
  }

  @Test
  void cliV077StartDropsAgentsMdAndEnvironmentContext() throws IOException {
    CaptureState s = Projection.read(dir.resolve("claude-code-transcripts__sample_codex_session_v0.77.jsonl"));

    assertEquals(List.of("can you analyse the MD files in this directory and determine if the info we have is clear "
        + "enough to start planning the migration?"), s.prompts());
    assertEquals("/Users/macmini/Code/homelab-migration", s.cwd);
    assertEquals("gpt-5.2-codex", s.model);
    assertNull(s.gitBranch);
    assertTrue(s.commands().isEmpty());
  }

  @Test
  void execV129TwoTurns() throws IOException {
    CaptureState s = Projection.read(dir.resolve("codemie-code__turn-2_v0.129_exec.jsonl"));

    assertEquals(List.of("Hello, Codex! Please explain what you do.", "What languages can you work with?"), s.prompts());
    assertEquals("I can work with many programming languages including Python, JavaScript, TypeScript, Go, and Rust.",
        s.lastAssistant);
    assertEquals("o4-mini", s.model);
    assertEquals("main", s.gitBranch);
    assertEquals("/home/user/project", s.cwd);
  }

  @Test
  void desktopV128CommandsAndAnMcpCallThatIsNotACommand() throws IOException {
    CaptureState s = Projection.read(dir.resolve("codemie-code__rollout-2026-05-11T13-28-45_v0.128_desktop_mcp_js.jsonl"));

    assertEquals("/Users/Sample_User/naya", s.cwd);
    assertEquals(3, s.prompts().size());
    assertTrue(s.prompts().get(0).startsWith("analyze trascript and summarzie action items"));
    assertEquals(CaptureState.MAX_COMMANDS, s.commands().size()); // of 35 exec_command; the 3 `js` calls are MCP
    assertTrue(s.commands().stream().allMatch(c -> Integer.valueOf(0).equals(c.exitCode())), s.commands().toString());
    assertTrue(s.commands().stream().noneMatch(c -> c.command().startsWith("{")), "no raw MCP arguments as commands");
    assertTrue(s.lastAssistant.startsWith("I couldn’t directly inspect your already-open Chrome tab"));
  }

  @Test
  void spawnAgentV129RecordsTheShellCallButNotTheAgentCalls() throws IOException {
    CaptureState s = Projection.read(dir.resolve("codemie-code__turn-spawn-skill_v0.129_spawn_agent.jsonl"));

    assertEquals(List.of("run a review"), s.prompts());
    assertEquals(1, s.commands().size());
    assertEquals("sed -n '1,50p' /home/user/.codex/plugins/cache/superpowers/skills/brainstorming/SKILL.md",
        s.commands().get(0).command());
    assertNull(s.commands().get(0).exitCode(), "the output is just \"ok\": no exit code to read");
    assertEquals("gpt-5.4", s.model);
  }

  @Test
  void desktopV104LongSessionCountsEveryTurnAndNotesTheCompactionOnce() throws IOException {
    CaptureState s = Projection.read(dir.resolve(
        "localpush__rollout-2026-02-23T12-54-34_v0.104_desktop_compaction_redacted.jsonl"));

    assertEquals(38, s.turns); // 38 user_message events; the 46 user response_items are not counted again
    assertEquals(CaptureState.MAX_PROMPTS, s.prompts().size());
    assertEquals("[REDACTED_MESSAGE len=98 sha=62d744dd]", s.prompts().get(4));
    assertEquals(1, s.compactionNotes().size()); // `compacted` + `context_compacted` are one compaction
    assertEquals("gpt-5.3-codex", s.model);
    assertEquals("7078dc6b1ce5dd75a54ad14563c663530b82963b", s.gitHead);
    // upstream redaction replaced every tool argument with a non-JSON marker: no command is readable
    assertTrue(s.commands().isEmpty());
    assertTrue(s.lastAssistant.startsWith("[REDACTED_LAST_AGENT_MESSAGE"));
  }

  @Test
  void desktopV104EndingOnAnUnansweredCall() throws IOException {
    CaptureState s = Projection.read(dir.resolve(
        "localpush__rollout-2026-02-23T13-19-38_v0.104_unanswered_call_redacted.jsonl"));

    assertEquals(List.of("[REDACTED_MESSAGE len=86 sha=2239bcba]"), s.prompts());
    assertEquals(1, s.turns);
    assertEquals("/redacted/path/da0ba47443", s.cwd);
  }

  @Test
  void lineTypeCatalogKeepsTheFirstMetaAndReadsPatchApplyEnd() throws IOException {
    CaptureState s = Projection.read(dir.resolve("agent-sessions__codex_linetype_catalog.jsonl"));

    assertEquals("/tmp/repo", s.cwd); // 7 session_meta lines and trimmed turn_context cwds
    assertEquals("main", s.gitBranch);
    assertEquals("List the files", s.prompts().get(0));
    assertEquals(Map.of("/tmp/repo/a.txt", "editing"), s.files());
    assertEquals(CaptureState.MAX_NOTES, s.compactionNotes().size());
    assertTrue(s.firstEventAt.startsWith("2026-08-03T10:48:56"));
  }
}
