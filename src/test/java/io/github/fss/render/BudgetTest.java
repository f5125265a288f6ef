package io.github.fss.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.model.Checkpoint;
import io.github.fss.model.CheckpointKind;
import io.github.fss.model.CommandRun;
import io.github.fss.model.FileRef;
import io.github.fss.model.Session;
import io.github.fss.model.Todo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Restores fit their token budget, dropping the least important lines first. */
class BudgetTest {
  static Session bigSession() {
    List<FileRef> files = new ArrayList<>();
    List<CommandRun> cmds = new ArrayList<>();
    List<String> decisions = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      files.add(new FileRef("/p/src/module" + i + "/File" + i + ".java", null, i % 3 == 0 ? "editing" : "reference", null));
      cmds.add(new CommandRun("mvn -q test -Dtest=Module" + i + "Test -DfailIfNoTests=false", i % 5 == 0 ? 1 : 0, null));
      decisions.add("Decision number " + i + " about how module " + i + " talks to the others");
    }
    List<Checkpoint> cps = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      cps.add(Checkpoint.builder().kind(i % 2 == 0 ? CheckpointKind.MANUAL : CheckpointKind.AUTO)
          .timestamp("2026-11-2" + (i % 9) + "T10:00:00Z").summary("Checkpoint " + i + " " + "words ".repeat(30))
          .currentTask("Split the monolith into modules, step " + i)
          .files(files).commands(cmds).keyDecisions(decisions).openQuestions(List.of("Keep the old API?"))
          .todos(List.of(new Todo("1", "Extract billing", "completed"), new Todo("2", "Extract auth", "in_progress")))
          .lastPrompts(List.of("please continue ".repeat(100), "now extract auth"))
          .lastAssistantMessage("I extracted billing. ".repeat(200))
          .compactionNotes(List.of("Pending: auth, search. ".repeat(100)))
          .logRefs(List.of("/home/u/.claude/projects/-p/abc.jsonl")).build());
    }
    return new Session(2, "abc", "claude-code", "/p", "/p", "2026-11-20T10:00:00Z", "2026-11-23T10:00:00Z",
        null, null, null, null, null, cps);
  }

  @Test
  void aRestoreNeverExceedsItsBudgetAndKeepsTheTaskAndTodos() {
    Session s = bigSession();
    for (int budget : new int[] {200, 500, 1500, 3000}) {
      String text = RestoreView.render(s, Instant.parse("2026-11-24T00:00:00Z"), OutputFormat.TEXT, budget, null);
      assertTrue(Tokens.estimate(text) <= budget, budget + " → " + Tokens.estimate(text));
      assertTrue(text.contains("Current task: Split the monolith into modules, step 9"), text);
      if (budget >= 500) {
        assertTrue(text.contains("[in progress] Extract auth"), text);
        assertTrue(text.contains("Keep the old API?"), text);
      }
    }
  }

  @Test
  void historyGoesBeforeTheLatestState() {
    String text = RestoreView.render(bigSession(), Instant.now(), OutputFormat.TEXT, 800, null);
    assertTrue(!text.contains("Checkpoints (10"), "history is the first thing dropped");
    assertTrue(text.contains("Last requests"), text);
  }

  @Test
  void zeroMeansNoLimit() {
    String text = RestoreView.render(bigSession(), Instant.now(), OutputFormat.TEXT, 0, null);
    assertTrue(text.contains("Checkpoints (10"), text);
  }

  @Test
  void cjkTextCountsOneTokenPerCharacter() {
    assertEquals(4, Tokens.estimate("保存进度"));
    assertEquals(2, Tokens.estimate("abcdefg"));
  }

  @Test
  void aHandoffPromptNamesBothAgentsAndCarriesTheMarker() {
    String text = RestoreView.render(bigSession(), Instant.now(), OutputFormat.TEXT, 1500,
        new RestoreView.Prompt("Claude Code", "Codex"));
    assertTrue(text.startsWith("I'm continuing work started in an earlier Claude Code session; you are Codex now."), text);
    assertTrue(text.contains("fss-handoff: abc"), text);
    assertTrue(Tokens.estimate(text) <= 1500, "" + Tokens.estimate(text));
  }
}
