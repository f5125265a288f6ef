package io.github.fss.agents.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.capture.CaptureState;
import io.github.fss.model.CommandRun;
import io.github.fss.model.Goal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rollouts the real Codex 0.171.0 wrote offline (shared/fixtures/real/codex-0.171.0, see SOURCES.md
 * there): what the reader takes from them. They stay in shared/, never in the project.
 */
class CodexRealFixturesTest {
  static final Path DIR =
      Path.of(System.getProperty("fss.shared", "../shared")).resolve("fixtures/real/codex-0.171.0");
  static final String OBJECTIVE = "Make refunds round HALF_EVEN across the billing service";

  @BeforeEach
  void sharedFixtures() {
    Assumptions.assumeTrue(Files.isDirectory(DIR), "../shared/fixtures/real absent: skipping real-agent fixture tests"
        + " (looked in " + DIR.toAbsolutePath() + "; set -Dfss.shared=<dir>)");
  }

  @Test
  void createGoalMakesTheGoalActiveAndTheGoalTurnIsNoPrompt() throws IOException {
    Path f = DIR.resolve("create_goal_exec_command.jsonl");
    CaptureState s = Projection.read(f);

    assertEquals(new Goal(OBJECTIVE, "active"), s.goal());
    // the goal turn Codex started after the first one holds only injected text (<turn_aborted>)
    assertEquals(List.of("third: set a goal"), s.prompts());
    assertEquals(List.of(new CommandRun(
        "printf 'def r(x):\\n  return x\\n' > refund.py && python3 -m pytest -q || true", 0,
        "2026-12-01T19:42:12.432Z")), s.commands());
    assertEquals("Goal set; refund.py written.", s.lastAssistant);
    assertEquals(Files.readAllLines(f).size(), s.lines);
    assertEquals(0, s.skippedLines);
  }

  @Test
  void aFailingExecCommandKeepsItsExitCodeAndSetsNoGoal() throws IOException {
    Path f = DIR.resolve("exec_command_exit4_hooks.jsonl");
    CaptureState s = Projection.read(f);

    assertEquals(null, s.goal());
    assertTrue(s.commands().stream().anyMatch(c -> Integer.valueOf(4).equals(c.exitCode())), s.commands().toString());
    assertEquals(0, s.skippedLines);
  }
}
