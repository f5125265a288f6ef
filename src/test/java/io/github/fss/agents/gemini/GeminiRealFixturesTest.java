package io.github.fss.agents.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fss.capture.CaptureState;
import io.github.fss.model.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chat files the real Gemini CLI 0.61.0 wrote offline (shared/fixtures/real/gemini-cli-0.61.0, see
 * SOURCES.md there): what the reader takes from them. They stay in shared/, never in the project.
 */
class GeminiRealFixturesTest {
  static final Path DIR =
      Path.of(System.getProperty("fss.shared", "../shared")).resolve("fixtures/real/gemini-cli-0.61.0");
  static final String REPO = "/home/dev/src/refunds";

  @BeforeEach
  void sharedFixtures() {
    Assumptions.assumeTrue(Files.isDirectory(DIR), "../shared/fixtures/real absent: skipping real-agent fixture tests"
        + " (looked in " + DIR.toAbsolutePath() + "; set -Dfss.shared=<dir>)");
  }

  @Test
  void aSessionAndItsResumeReadOnceEachWithoutOurNotice() throws IOException {
    Path f = DIR.resolve("basic_and_resume.session.jsonl");
    CaptureState s = Projection.read(f);

    // the <hook_context> (our notice) is not the user's; the resume's $set replays, adds nothing
    assertEquals(List.of("Write the refund rounding helper in src/refund.py and run the tests.", "Continue."),
        s.prompts());
    assertEquals(Map.of(REPO + "/src/refund.py", "created"), s.files());
    List<CommandRun> commands = s.commands();
    assertEquals(1, commands.size(), commands.toString());
    assertEquals("python3 -c 'import sys; sys.exit(3)'", commands.get(0).command());
    assertEquals(Integer.valueOf(3), commands.get(0).exitCode()); // status "success": the code is only in the text
    assertEquals("Done.", s.lastAssistant);
    assertEquals(REPO, s.cwd);
    assertEquals("gemini-2.5-flash", s.model);
    assertEquals(Files.readAllLines(f).size(), s.lines);
    assertEquals(0, s.skippedLines);
  }

  @Test
  void aRealCompressionIsOneNoteAndItsReIdentifiedMessagesAreNotNewPrompts() throws IOException {
    Path f = DIR.resolve("compression.session.jsonl");
    CaptureState s = Projection.read(f);

    assertEquals(List.of("SNAPSHOT: refund helper planned"), s.compactionNotes());
    assertEquals(List.of(REPO + "/src/refund.py"), List.copyOf(s.files().keySet()));
    assertEquals("Written.", s.lastAssistant);
    assertEquals(0, s.skippedLines);
    assertEquals(List.of("Plan the refund helper.", "Now write it."), s.prompts());
  }

  @Test
  void readingLineByLineGivesWhatOneReadGives() throws IOException {
    for (String name : List.of("basic_and_resume.session.jsonl", "compression.session.jsonl")) {
      Path f = DIR.resolve(name);
      Path grown = Files.createTempFile("gemini-chat", ".jsonl");
      try {
        CaptureState whole = Projection.read(f);
        CaptureState step = Projection.freshState(grown);
        for (String line : Files.readAllLines(f)) {
          Files.writeString(grown, line + "\n", java.nio.file.StandardOpenOption.APPEND);
          Projection.readMore(grown, step);
          step = CaptureState.fromTree(step.toTree(), step.redactor()); // as stored between hooks
        }
        assertEquals(Projection.json(whole), Projection.json(step), name);
      } finally {
        Files.deleteIfExists(grown);
      }
    }
  }
}
