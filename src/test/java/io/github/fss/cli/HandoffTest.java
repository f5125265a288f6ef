package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session continued elsewhere stops being offered once its successor has checkpointed. */
class HandoffTest {
  @TempDir Path tmp;
  FssHarness fss;
  Path repo;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    fss.run(repo, "save", "--action", "checkpoint", "--session", "old-session", "--summary", "half done",
        "--current-task", "Port the importer").assertOk();
  }

  @Test
  void handoffPrintsTheCommandThatStartsTheOtherAgent() {
    Result r = fss.env("FSS_LAUNCHER", "/home/u/.local/bin/fss").run(repo, "handoff", "--to", "codex", "old-session").assertOk();
    assertEquals("cd " + repo + " && codex \"$(/home/u/.local/bin/fss restore old-session --for codex)\"\n", r.out());
  }

  @Test
  void restoringInsideAnAgentSessionLinksItAndTheOldOneIsTransferredAtTheNextCheckpoint() throws Exception {
    Path transcript = tmp.resolve("new.jsonl");
    fss.runWithInput(repo, Events.hook("SessionStart", "new-session", transcript, repo, "\"source\":\"startup\""),
        "hook", "claude");
    fss.env("FSS_SESSION_ID", "new-session");
    assertTrue(fss.run(repo, "restore", "old-session").assertOk().out().contains("Port the importer"));
    assertTrue(fss.run(repo, "list", "--json").out().contains("old-session"), "still offered before a checkpoint");
    Files.writeString(transcript, Events.userLine(repo, "carry on") + "\n");
    fss.runWithInput(repo, Events.hook("Stop", "new-session", transcript, repo, null), "hook", "claude");
    fss.env("FSS_SESSION_ID", null);
    List<Object> offered = Json.arr(Json.obj(Json.parse(fss.run(repo, "list", "--json").out())).get("sessions"));
    assertEquals(1, offered.size(), offered.toString());
    assertEquals("new-session", Json.str(offered.get(0), "session_id"));
    Object old = Json.parse(fss.run(repo, "restore", "old-session", "--json").assertOk().out());
    assertEquals("transferred", Json.str(old, "status"));
    assertEquals("new-session", Json.str(old, "transferred_to"));
    assertFalse(fss.run(repo, "list").out().contains("Port the importer"));
  }

  @Test
  void aSessionStartedFromAHandoffPromptTakesOverItsTaskNotTheOpeningSentence() throws Exception {
    fss.run(repo, "save", "--action", "checkpoint", "--session", "no-task", "--summary", "half done").assertOk();
    for (String[] c : new String[][] {{"old-session", "Port the importer"}, {"no-task", "half done"}}) {
      String prompt = fss.run(repo, "restore", c[0], "--for", "claude").assertOk().out();
      Path transcript = tmp.resolve(c[0] + "-next.jsonl");
      Files.writeString(transcript, Events.userLine(repo, prompt) + "\n");
      fss.runWithInput(repo, Events.hook("Stop", c[0] + "-next", transcript, repo, null), "hook", "claude");
      Object next = Json.parse(fss.run(repo, "restore", c[0] + "-next", "--json").assertOk().out());
      String task = Json.str(Json.arr(Json.obj(next).get("checkpoints")).get(0), "current_task");
      // found by the real Codex in the handoff scenario: the task was "I'm continuing work started in…"
      assertEquals(c[1], task, prompt);
    }
  }

  @Test
  void aSessionFileWhoseIdIsShellCodeIsRefusedNotPrinted() throws Exception {
    Path file = tmp.resolve("evil/session.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"session_id\":\"x$(touch PWNED)\",\"tool\":\"claude-code\",\"working_dir\":\"" + repo
        + "\",\"start_time\":\"" + Events.recently() + "\",\"last_active\":\"" + Events.recently()
        + "\",\"status\":\"active\",\"checkpoints\":[{\"timestamp\":\"" + Events.recently() + "\",\"summary\":\"s\"}]}");
    Result r = fss.run(repo, "handoff", "--to", "codex", file.toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    assertFalse(r.out().contains("$(touch"), r.out());
    assertTrue(r.err().contains("not a valid session id"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void theLauncherAndIdAreQuotedForTheShell() {
    Result r = fss.env("FSS_LAUNCHER", "/opt/my tools/fss").run(repo, "handoff", "--to", "claude", "old-session").assertOk();
    assertEquals("cd " + repo + " && claude \"$('/opt/my tools/fss' restore old-session --for claude)\"\n", r.out());
  }
}
