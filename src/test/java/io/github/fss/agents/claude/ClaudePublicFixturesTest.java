package io.github.fss.agents.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.capture.CaptureState;
import io.github.fss.capture.JsonlTail;
import io.github.fss.json.Json;
import io.github.fss.model.CommandRun;
import io.github.fss.model.Todo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real public Claude Code transcripts (see shared/fixtures/public/SOURCES.md): every file is read
 * without a failure, and for each file a few facts checked by reading it by hand hold. Skipped
 * when the shared folder is absent.
 */
class ClaudePublicFixturesTest {
  private static final String[] NOT_PROMPT_STARTS = {
    "<command-", "<local-command-", "<system-reminder>", "<task-notification>", "<session-start-hook>",
    "[Request interrupted by user", "Caveat: The messages below were generated",
    CompactionSummary.PREAMBLE,
  };

  @TempDir
  Path tmp;

  private static Path file(String name) {
    return SharedFixtures.requireClaudeDir().resolve(name);
  }

  @TestFactory
  Stream<DynamicTest> everyPublicTranscriptIsReadWholeWithoutAFailure() throws IOException {
    Path dir = SharedFixtures.requireClaudeDir();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().forEach(files::add);
    }
    assertFalse(files.isEmpty(), "no transcripts in " + dir);
    return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
      // Arrange
      ClaudeTranscriptReader reader = new ClaudeTranscriptReader();
      CaptureState state = Feed.fresh(p.getFileName().toString());
      List<RuntimeException> failures = new ArrayList<>();

      // Act: apply every line directly, so a throw is seen rather than counted as skipped
      JsonlTail.Result r = JsonlTail.read(p, 0, reader.skipKeys(), line -> {
        try {
          reader.apply(line, state);
        } catch (RuntimeException e) {
          failures.add(e);
        }
      });

      // Assert
      assertEquals(List.of(), failures);
      assertEquals(0, r.skipped(), "every line of a public fixture is valid JSON");
      assertEquals(nonBlankLines(p), r.lines());
      assertEquals(Files.size(p), r.offset());
      for (String prompt : state.prompts()) {
        for (String bad : NOT_PROMPT_STARTS) {
          assertFalse(prompt.startsWith(bad), "not a prompt: " + prompt);
        }
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyPublicTranscriptReadInTwoHalvesEqualsReadAtOnce() throws IOException {
    Path dir = SharedFixtures.requireClaudeDir();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().forEach(files::add);
    }
    return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
      byte[] all = Files.readAllBytes(p);
      Path whole = tmp.resolve("whole.jsonl");
      Files.write(whole, all);
      CaptureState once = Feed.fresh("s");
      Feed.readMore(whole, once);

      Path growing = tmp.resolve("growing.jsonl");
      Files.write(growing, Arrays.copyOf(all, all.length / 2)); // usually inside a line
      CaptureState first = Feed.fresh("s");
      Feed.readMore(growing, first);
      CaptureState second = Feed.persisted(first);
      Files.write(growing, all);
      Feed.readMore(growing, second);

      assertEquals(once.toTree(), second.toTree());
    }));
  }

  @Test
  void spotterManualCompactionYieldsANoteMadeOfPendingTasksAndCurrentWork() throws IOException {
    CaptureState s = Feed.readAll(file("spotter__ae4a77f8_main_compaction_truncated.jsonl"));

    assertEquals(1, s.compactionNotes().size());
    String note = s.compactionNotes().get(0);
    assertTrue(note.startsWith("Pending Tasks:\n"), note);
    assertTrue(note.contains("spotter-4te.4"), "pending tasks kept");
    assertTrue(note.contains("Current Work:\nImmediately before the summary request"), "current work kept");
    assertTrue(note.contains("Next Step:\n**Fix the Dialyzer false positive"), "next step kept");
    assertFalse(note.contains("Analysis:"), "the scratch analysis is dropped");
    assertFalse(note.contains("read the full transcript at"), "the pointer to the old transcript is dropped");
  }

  @Test
  void spotterCompactCommandIsNotAPromptButTheRequestsAroundItAre() throws IOException {
    CaptureState s = Feed.readAll(file("spotter__ae4a77f8_main_compaction_truncated.jsonl"));

    assertEquals(List.of(
        "Work on bead spotter-4te. Run bd show spotter-4te to see the issue details and bd ready to find available"
            + " subtasks. Start with the first ready task.",
        "continue implementation"), s.prompts());
    assertEquals("spotter-4te", s.gitBranch);
    assertEquals("created", s.files().get(
        "/home/USER/projects/spotter-worktrees/spotter-4te/lib/spotter_web/controllers/otel_trace_helpers.ex"));
  }

  @Test
  void spotterCommitBlockedByAPreCommitHookCountsAsExitOne() throws IOException {
    CaptureState s = Feed.readAll(file("spotter__ae4a77f8_main_compaction_truncated.jsonl"));

    CommandRun noVerify = null;
    for (CommandRun r : s.commands()) {
      if (r.command().startsWith("git add -A && git commit --no-verify")) {
        noVerify = r;
      }
    }
    assertTrue(noVerify != null, "the --no-verify commit is among the recent commands");
    assertEquals(1, noVerify.exitCode());
  }

  @Test
  void codemieBashErrorWithExitCodeLineGivesThatCodeWhileItsParallelSiblingIsStillOpen() throws IOException {
    // Two Bash calls are issued together and both fail with "Exit code 1"; they are early in a
    // long session, so read up to the first result only (later commands would evict them)
    Path prefix = prefixThrough(file("codemie-code__session-196820da_v2.0.76.jsonl"),
        "\"Exit code 1\\n(eval):1: no matches found");

    CaptureState s = Feed.readAll(prefix);

    List<CommandRun> runs = s.commands();
    CommandRun ls = runs.get(runs.size() - 2);
    CommandRun stat = runs.get(runs.size() - 1);
    assertTrue(ls.command().startsWith("ls -lh ~/.claude/projects/"), ls.command());
    assertEquals(1, ls.exitCode());
    assertTrue(stat.command().startsWith("stat -f"), stat.command());
    assertNull(stat.exitCode(), "its result is on the next line");
  }

  @Test
  void inlineSidechainPromptsNeverBecomePrompts() throws IOException {
    Path f = file("claude-code-viewer__fe5e1c67_v1.0.98_inline_sidechains.jsonl");
    List<String> sidechainTexts = sidechainUserTexts(f);

    CaptureState s = Feed.readAll(f);

    assertEquals(5, sidechainTexts.size(), "the five Task prompts of the fixture");
    for (String side : sidechainTexts) {
      for (String prompt : s.prompts()) {
        assertFalse(prompt.contains(side.substring(0, 60)), "sidechain text leaked into prompts: " + prompt);
      }
    }
    assertEquals(List.of("/orchestrator create TODO app by Next.js", "Thanks! Please update CLAUDE.md for current changes"),
        s.prompts());
  }

  @Test
  void inlineSidechainWritesCountButTheirCommandsAndTodosDoNot() throws IOException {
    CaptureState s = Feed.readAll(file("claude-code-viewer__fe5e1c67_v1.0.98_inline_sidechains.jsonl"));

    assertEquals("created", s.files().get("/path/to/Demo/todo-app/src/hooks/useTodos.ts"), "written by a subagent");
    assertEquals(List.of(), s.commands(), "every Bash call of this session ran in a subagent");
    assertEquals(5, s.todos().size(), "the main thread's plan, not the subagents'");
    for (Todo t : s.todos()) {
      assertEquals("completed", t.status());
    }
  }

  @Test
  void todoWriteSessionGivesTodosAndADeniedWriteIsNotAFile() throws IOException {
    CaptureState s = Feed.readAll(file("claude-code-viewer__1af7fc5e_v1.0.98_todowrite.jsonl"));

    assertEquals(List.of(new Todo(null, "Create CLAUDE.md with essential information", "completed")), s.todos());
    assertFalse(s.files().containsKey("/path/to/Demo/CLAUDE.md"), "the Write was refused a permission");
    assertEquals(List.of("/init"), s.prompts());
    assertNull(s.gitBranch, "gitBranch is \"\" in this session");
  }

  @Test
  void rejectedCommandHasNoExitCodeAndTheInterruptIsNotAPrompt() throws IOException {
    CaptureState s = Feed.readAll(file("spotter__short.jsonl"));

    assertEquals(List.of("mix phx.server doesnt seem to start"), s.prompts());
    assertEquals(List.of(new CommandRun("mix phx.server 2>&1 | head -80", null, "2026-02-10T21:12:01.117Z")),
        s.commands());
  }

  @Test
  void backgroundCommandHasNoExitCodeAndMcpCommandIsNotAPrompt() throws IOException {
    CaptureState s = Feed.readAll(file("spotter__tool_heavy.jsonl"));

    assertEquals(null, s.commands().get(0).exitCode());
    assertEquals("mix phx.server", s.commands().get(0).command());
    assertEquals(2, s.prompts().size());
    assertEquals("start phoenix in background", s.prompts().get(0));
  }

  @Test
  void legacySummaryLinesGiveNoNotes() throws IOException {
    CaptureState s = Feed.readAll(file("codemie-code__session-9eda1058_v2.1.4_summaries_task.jsonl"));

    assertEquals(List.of(), s.compactionNotes(), "16 summary lines, none of whose leafUuid is in the file");
    assertEquals(List.of("show tools and store response in file", "explore more of current repo", "what else?"),
        s.prompts());
  }

  @Test
  void customSlashCommandKeepsItsArguments() throws IOException {
    CaptureState s = Feed.readAll(file("spotter__subagent_planmode_askuser.jsonl"));

    assertEquals(2, s.prompts().size());
    assertTrue(s.prompts().get(0).startsWith("/handgemacht:create-beads websearch to learn how"), s.prompts().get(0));
    assertEquals("create the beads", s.prompts().get(1));
  }

  @Test
  void taskNotificationOriginIsNotAPrompt() throws IOException {
    CaptureState s = Feed.readAll(file("agent-sessions__claude_schema_drift.jsonl"));

    assertEquals(List.of("Open README"), s.prompts());
  }

  @Test
  void catalogSidechainCompactSummaryIsNotANote() throws IOException {
    CaptureState s = Feed.readAll(file("agent-sessions__claude_linetype_catalog.jsonl"));

    assertEquals(List.of(), s.compactionNotes());
    assertFalse(s.prompts().contains("Hello"), "a sidechain line");
  }

  @Test
  void subagentFilesGiveNoPromptsAndNoAssistantText() throws IOException {
    for (String name : List.of("spotter__ae4a77f8_subagents_agent-aac57f5.jsonl",
        "spotter__ae4a77f8_subagents_agent-acompact-946d2b.jsonl",
        "codemie-code__agent-36541525_v2.0.64_agent_file.jsonl",
        "claude-code-viewer__agent-test-hash-123_v2.0.28_agent_file.jsonl",
        "agent-sessions__claude_subagent_child_agent-a0ad4f44468bdf20d.jsonl")) {
      CaptureState s = Feed.readAll(file(name));

      assertEquals(List.of(), s.prompts(), name);
      assertNull(s.lastAssistant, name);
    }
  }

  @Test
  void turnOneEndsWithTheCommandWhoseResultIsInTurnTwo() throws IOException {
    CaptureState one = Feed.readAll(file("codemie-code__incremental-subagents_turn-1.jsonl"));
    CaptureState two = Feed.readAll(file("codemie-code__incremental-subagents_turn-2.jsonl"));

    CommandRun open = one.commands().get(one.commands().size() - 1);
    assertEquals("find . -name \"*.md\" -type f -mmin -10 2>/dev/null", open.command());
    assertNull(open.exitCode());
    assertEquals(Integer.valueOf(0), two.commands().get(two.commands().size() - 1).exitCode());
    assertEquals("created", two.files().get("/Users/User/repo/codemie-ai/codemie-code/SPEC-NEW-CLI-COMMANDS.md"));
  }

  // ---- helpers

  private static long nonBlankLines(Path p) throws IOException {
    return Files.readAllLines(p, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).count();
  }

  /** The user texts of sidechain lines (the prompts subagents were given). */
  private static List<String> sidechainUserTexts(Path f) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      Map<String, Object> m = Json.obj(Json.parse(line));
      if (m != null && "user".equals(m.get("type")) && Json.isTrue(m.get("isSidechain"))) {
        String text = Json.str(m, "message", "content");
        if (text != null) {
          out.add(text);
        }
      }
    }
    return out;
  }

  /** A copy of the file up to and including the first line containing {@code marker}. */
  private Path prefixThrough(Path f, String marker) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      sb.append(line).append('\n');
      if (line.contains(marker)) {
        Path out = tmp.resolve("prefix.jsonl");
        Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
        return out;
      }
    }
    throw new AssertionError("marker not found in " + f + ": " + marker);
  }
}
