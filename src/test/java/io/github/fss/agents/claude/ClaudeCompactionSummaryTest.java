package io.github.fss.agents.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How a compaction summary is shortened into a note. */
class ClaudeCompactionSummaryTest {
  private static final String PREAMBLE = "This session is being continued from a previous conversation that ran out"
      + " of context. The summary below covers the earlier portion of the conversation.\n\n";

  @Test
  void outlinedSummaryGivesPendingCurrentNextThenTheRequest() {
    String text = PREAMBLE
        + "Analysis:\nscratch thoughts\n\n"
        + "Summary:\n"
        + "1. Primary Request and Intent:\n   Port the CLI to Rust.\n\n"
        + "2. Key Technical Concepts:\n   - clap\n\n"
        + "7. Pending Tasks:\n   - Port `status`\n   - Port `log`\n\n"
        + "8. Current Work:\n   Porting `diff`; 3 tests fail.\n\n"
        + "9. Optional Next Step:\n   Fix the 3 failing diff tests.\n";

    String note = CompactionSummary.note(text);

    assertEquals("Pending Tasks:\n- Port `status`\n- Port `log`\n\n"
        + "Current Work:\nPorting `diff`; 3 tests fail.\n\n"
        + "Next Step:\nFix the 3 failing diff tests.\n\n"
        + "Primary Request and Intent:\nPort the CLI to Rust.", note);
  }

  @Test
  void markdownAndBoldHeadingsAreRecognised() {
    String text = "## Pending Tasks\n- one\n\n**Current Work:**\nworking on two\n\n### Next Steps\nthree";

    assertEquals("Pending Tasks:\n- one\n\nCurrent Work:\nworking on two\n\nNext Step:\nthree",
        CompactionSummary.note(text));
  }

  @Test
  void anIndentedLineEndingWithAColonInsideASectionDoesNotEndIt() {
    String text = "8. Current Work:\n   Blocked by dialyzer.\n\n   The uncommitted files are:\n   - a.ex\n";

    assertEquals("Current Work:\nBlocked by dialyzer.\n\nThe uncommitted files are:\n- a.ex",
        CompactionSummary.note(text));
  }

  @Test
  void summaryWithoutTheOutlineFallsBackToItsHeadWithoutBoilerplate() {
    String text = PREAMBLE + "We were renaming the module.\n\nPlease continue the conversation from where we left"
        + " it off without asking the user any further questions.";

    assertEquals("We were renaming the module.", CompactionSummary.note(text));
  }

  @Test
  void harnessRemindersInsideTheSummaryAreNotPartOfTheNote() {
    // as Claude Code 2.1.332 writes it: the tools used before the summary, in a system reminder
    String text = PREAMBLE + "<system-reminder>\n<tools-used-before-summary>Bash, TodoWrite, Write"
        + "</tools-used-before-summary>\n</system-reminder>\nThe helper is written; the tests fail.\n\n"
        + "If you need specific details from before compaction (like exact code snippets), read the full transcript at:"
        + " /home/u/.claude/projects/-home-u-app/s.jsonl";

    assertEquals("The helper is written; the tests fail.", CompactionSummary.note(text));
  }

  @Test
  void onlyAPrimaryRequestIsNotEnoughForTheOutlineForm() {
    String text = "1. Primary Request and Intent:\n   Port the CLI.\n\nThen some prose.";

    assertEquals(text, CompactionSummary.note(text));
  }

  @Test
  void longSectionsAreCutAtALineEnd() {
    StringBuilder pending = new StringBuilder("7. Pending Tasks:\n");
    for (int i = 0; i < 200; i++) {
      pending.append("   - task number ").append(i).append('\n');
    }

    String note = CompactionSummary.note(pending.toString());

    assertTrue(note.length() < 1300, "cut to its budget: " + note.length());
    assertTrue(note.endsWith("\n…"), note.substring(note.length() - 20));
  }

  @Test
  void emptyOrPreambleOnlyGivesNothing() {
    assertNull(CompactionSummary.note(null));
    assertNull(CompactionSummary.note(PREAMBLE));
  }
}
