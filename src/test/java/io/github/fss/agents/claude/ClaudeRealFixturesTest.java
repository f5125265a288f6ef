package io.github.fss.agents.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.fss.capture.CaptureState;
import io.github.fss.capture.JsonlTail;
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
 * Transcripts the real Claude Code wrote when driven offline (shared/fixtures/real/claude-code-*):
 * its newest line types are read or skipped on purpose, and the context our own SessionStart hook
 * injected (echoed back as a {@code hook_additional_context} attachment and in the request log) is
 * never taken for the user's words or the agent's. Skipped when the shared folder is absent.
 */
class ClaudeRealFixturesTest {
  /** Text only fss itself writes into a transcript, through its hooks. */
  private static final String[] OURS = {
    "fireworks-sessions-saver", "hook additional context", "fss-handoff", "Last requests (newest first)",
  };

  @TempDir
  Path tmp;

  @TestFactory
  Stream<DynamicTest> everyRealTranscriptIsReadWholeAndNoneOfOurContextComesBack() throws IOException {
    return SharedFixtures.requireRealClaudeTranscripts().stream().map(p -> DynamicTest.dynamicTest(name(p), () -> {
      // Arrange
      ClaudeTranscriptReader reader = new ClaudeTranscriptReader();
      CaptureState s = Feed.fresh(name(p));
      List<RuntimeException> failures = new ArrayList<>();

      // Act: every line applied directly, so a throw is seen rather than counted as skipped
      JsonlTail.Result r = JsonlTail.read(p, 0, reader.skipKeys(), line -> {
        try {
          reader.apply(line, s);
        } catch (RuntimeException e) {
          failures.add(e);
        }
      });

      // Assert
      assertEquals(List.of(), failures);
      assertEquals(0, r.skipped(), "every line is valid JSON");
      assertEquals(nonBlankLines(p), r.lines());
      assertNull(s.restoredFrom, "our compact context names this session in a handoff line");
      for (String prompt : s.prompts()) {
        assertNotOurs(prompt, "prompt");
      }
      assertNotOurs(s.lastAssistant, "last assistant message");
      for (Todo t : s.todos()) {
        assertNotOurs(t.content(), "todo");
      }
      for (String note : s.compactionNotes()) {
        assertNotOurs(note, "compaction note");
        assertFalse(note.contains("<system-reminder>"), "harness context in a note: " + note);
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyRealTranscriptReadInTwoHalvesEqualsReadAtOnce() throws IOException {
    return SharedFixtures.requireRealClaudeTranscripts().stream().map(p -> DynamicTest.dynamicTest(name(p), () -> {
      byte[] all = Files.readAllBytes(p);
      CaptureState once = Feed.readAll(p);

      Path growing = tmp.resolve("growing.jsonl");
      Files.write(growing, Arrays.copyOf(all, all.length / 2)); // usually inside a line
      CaptureState first = Feed.fresh(name(p));
      Feed.readMore(growing, first);
      CaptureState second = Feed.persisted(first);
      Files.write(growing, all);
      Feed.readMore(growing, second);

      Map<String, Object> expected = once.toTree();
      Map<String, Object> actual = second.toTree();
      expected.remove("transcript_path");
      actual.remove("transcript_path");
      assertEquals(expected, actual);
    }));
  }

  @Test
  void todoWriteBashThenCompactGivesTheTurnAndNotTheContextReinjectedAfterCompaction() throws IOException {
    CaptureState s = Feed.readAll(real("todo_write_bash_then_compact.jsonl"));

    assertEquals(List.of("Fix the refund rounding: use HALF_EVEN and add a helper"), s.prompts(),
        "neither the queued /compact nor the re-injected state is a prompt");
    assertEquals(List.of(new Todo(null, "Write the refund rounding helper", "in_progress"),
        new Todo(null, "Run the refund tests", "pending")), s.todos());
    assertEquals(Map.of("/home/dev/src/refunds/src/refund.py", "created"), s.files(),
        "the file Claude Code re-attached after compaction is not a new read");
    assertEquals(List.of(new CommandRun("python3 -c 'import sys; sys.exit(3)'", 3, "2026-12-01T19:41:22.030Z")),
        s.commands());
    assertEquals("The refund helper is written; the test run exited 3, next I will fix HALF_EVEN rounding.",
        s.lastAssistant);
    assertEquals(List.of("Done."), s.compactionNotes(), "the model's summary, without the tools-used reminder");
    assertEquals("fix/refund-rounding", s.gitBranch);
    assertEquals("/home/dev/src/refunds", s.cwd);
    assertEquals("claude-opus-5-5", s.model);
  }

  @Test
  void aSessionCutBeforeTheFirstAnswerHasItsPromptAndModel() throws IOException {
    // up to the request log of the first call: the model has not answered yet
    Path cut = prefixThrough(real("todo_write_bash_then_compact.jsonl"), "\"type\":\"api-request\"");

    CaptureState s = Feed.readAll(cut);

    assertEquals(List.of("Fix the refund rounding: use HALF_EVEN and add a helper"), s.prompts());
    assertEquals("claude-opus-5-5", s.model, "from the model attachment");
    assertNull(s.lastAssistant);
    assertEquals(List.of(), s.commands());
  }

  // ---- helpers

  private static Path real(String file) throws IOException {
    for (Path p : SharedFixtures.requireRealClaudeTranscripts()) {
      if (p.getFileName().toString().equals(file)
          && p.getParent().getFileName().toString().equals("claude-code-2.1.332")) {
        return p;
      }
    }
    throw new AssertionError("claude-code-2.1.332/" + file + " is missing from ../shared/fixtures/real");
  }

  private static String name(Path p) {
    return p.getParent().getFileName() + "/" + p.getFileName();
  }

  private static void assertNotOurs(String text, String what) {
    if (text == null) {
      return;
    }
    for (String ours : OURS) {
      assertFalse(text.contains(ours), "our own injected context taken as a " + what + ": " + text);
    }
  }

  private static long nonBlankLines(Path p) throws IOException {
    return Files.readAllLines(p, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).count();
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
