package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original tool's manual flow, end to end: init, checkpoints, list, restore, diff, dashboard. */
class CoreFlowTest {
  @TempDir Path tmp;
  FssHarness fss;
  Path repo;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("shop"), "feat/cart");
    Files.createDirectories(repo.resolve("src"));
    Files.writeString(repo.resolve("src/cart.ts"), "export {}\n");
    Files.writeString(repo.resolve("src/api.ts"), "export {}\n");
  }

  private void threeCheckpoints() {
    fss.run(repo, "save", "--action", "init", "--tool", "codex", "--working-dir", repo.toString()).assertOk();
    fss.run(repo, "save", "--action", "checkpoint", "--tool", "codex", "--summary", "Cart page scaffolded",
        "--current-task", "Add remove-item button", "--files", "src/cart.ts:editing,src/api.ts:reference",
        "--decisions", "Use optimistic updates;Keep cart in context", "--open-questions", "Undo toast?").assertOk();
    fss.run(repo, "save", "--action", "checkpoint", "--tool", "codex", "--summary", "Button wired",
        "--current-task", "Write the cart test", "--files", "src/cart.ts:editing,src/cart.test.ts:created",
        "--decisions", "Use optimistic updates", "--open-questions", "Undo toast?;Animate removal?",
        "--commands", "npm test").assertOk();
    fss.run(repo, "save", "--action", "checkpoint", "--tool", "codex", "--summary", "Tests green",
        "--current-task", "Open the PR", "--files", "src/cart.ts:reference,src/cart.test.ts:created",
        "--decisions", "Use optimistic updates;Ship without undo").assertOk();
  }

  @Test
  void listShowsTheSessionWithItsTaskFilesAndFirstQuestion() throws Exception {
    threeCheckpoints();
    Result r = fss.run(repo.resolve("src"), "list").assertOk();
    assertTrue(r.out().contains("Open the PR"), r.out());
    assertTrue(r.out().contains("codex"), r.out());
    assertTrue(r.out().contains("src/cart.ts"), r.out());
  }

  @Test
  void restoreShowsLatestStateWithBranchCommitsAndMissingMarks() throws Exception {
    threeCheckpoints();
    Result r = fss.run(repo, "restore").assertOk();
    assertTrue(r.out().contains("Current task: Open the PR"), r.out());
    assertTrue(r.out().contains("Branch: feat/cart"), r.out());
    assertTrue(r.out().contains("src/cart.test.ts  [MISSING]"), r.out());
    assertTrue(r.out().contains("Ship without undo"), r.out());
    assertTrue(r.out().contains("initial commit"), r.out());
    assertTrue(r.out().contains("Checkpoints (3"), r.out());
  }

  @Test
  void restoreMarksAFileChangedSinceTheCheckpoint() throws Exception {
    threeCheckpoints();
    Files.setLastModifiedTime(repo.resolve("src/cart.ts"),
        java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(120)));
    Result r = fss.run(repo, "restore").assertOk();
    assertTrue(r.out().contains("src/cart.ts  [changed since checkpoint]"), r.out());
  }

  @Test
  void diffDefaultsToTheLastTwoCheckpoints() throws Exception {
    threeCheckpoints();
    Result r = fss.run(repo, "diff").assertOk();
    assertTrue(r.out().contains("#2") && r.out().contains("#3"), r.out());
    assertTrue(r.out().contains("+ Open the PR"), r.out());
    assertTrue(r.out().contains("~ src/cart.ts (editing → reference)"), r.out());
    assertTrue(r.out().contains("+ Ship without undo"), r.out());
    assertTrue(r.out().contains("- Undo toast?"), r.out());
  }

  @Test
  void diffComparesChosenCheckpointsAsJson() throws Exception {
    threeCheckpoints();
    Map<String, Object> d = Json.obj(Json.parse(fss.run(repo, "diff", "--from", "1", "--to", "3", "--json").assertOk().out()));
    assertEquals(1L, d.get("from"));
    List<Object> added = Json.arr(Json.at(d, "files", "added"));
    assertEquals(1, added.size());
    assertTrue(Json.str(added.get(0), "path").endsWith("src/cart.test.ts"));
  }

  @Test
  void diffListNamesEveryCheckpoint() throws Exception {
    threeCheckpoints();
    Result r = fss.run(repo, "diff", "--list").assertOk();
    assertTrue(r.out().contains("#1") && r.out().contains("#3") && r.out().contains("Tests green"), r.out());
  }

  @Test
  void dashboardJsonHasEveryProjectNewestFirst() throws Exception {
    threeCheckpoints();
    Path other = FssHarness.gitRepo(tmp.resolve("api"), "main");
    fss.run(other, "save", "--action", "checkpoint", "--summary", "API work", "--current-task", "Rate limits").assertOk();
    Map<String, Object> d = Json.obj(Json.parse(fss.run(repo, "dashboard", "--json").assertOk().out()));
    List<Object> projects = Json.arr(d.get("projects"));
    assertEquals(2, projects.size());
    assertTrue(Json.str(projects.get(0), "project_root").endsWith("api"));
    Object shop = projects.get(1);
    assertEquals("Open the PR", Json.str(Json.arr(Json.obj(shop).get("sessions")).get(0), "current_task"));
  }

  @Test
  void restoreByUniquePrefixAndByFilePath() throws Exception {
    threeCheckpoints();
    String id = Json.str(Json.arr(Json.obj(Json.parse(fss.run(repo, "list", "--json").out())).get("sessions")).get(0), "session_id");
    assertTrue(fss.run(tmp, "restore", id.substring(0, 8)).assertOk().out().contains("Open the PR"));
    Path file;
    try (var s = Files.walk(fss.fssHome().resolve("projects"))) {
      file = s.filter(p -> p.toString().endsWith(id + ".json")).findFirst().orElseThrow();
    }
    assertTrue(fss.run(tmp, "restore", file.toString()).assertOk().out().contains("Open the PR"));
    assertTrue(fss.run(tmp, "restore", "--session-file", file.toString()).assertOk().out().contains("Open the PR"));
  }

  @Test
  void restoreJsonIsTheStoredSessionPlusAView() throws Exception {
    threeCheckpoints();
    Map<String, Object> s = Json.obj(Json.parse(fss.run(repo, "restore", "--json").assertOk().out()));
    assertEquals(2L, s.get("schema_version"));
    assertEquals(3, Json.arr(s.get("checkpoints")).size());
    Object testFile = Json.arr(Json.at(s, "view", "files")).stream()
        .filter(f -> Json.str(f, "path").endsWith("cart.test.ts")).findFirst().orElseThrow();
    assertEquals("missing", Json.str(testFile, "status"));
    assertFalse(s.containsKey("capture"));
  }

  @Test
  void theOriginalScriptNamesStillWork() throws Exception {
    threeCheckpoints();
    assertTrue(fss.run(repo, "list_sessions").assertOk().out().contains("Open the PR"));
    assertTrue(fss.run(repo, "restore_session.py").assertOk().out().contains("Open the PR"));
  }
}
