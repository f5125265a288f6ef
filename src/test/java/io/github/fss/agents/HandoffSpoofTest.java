package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the marker fss wrote for the session a restore asked for links two sessions. */
class HandoffSpoofTest {
  @TempDir Path tmp;
  FssHarness fss;
  Path repo;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    for (String id : new String[] {"victim", "good"}) {
      fss.run(repo, "save", "--action", "checkpoint", "--session", id, "--summary", "work of " + id).assertOk();
    }
  }

  void transcript(Path t, String command, String output) throws Exception {
    String ts = Events.recently();
    String use = "{\"type\":\"assistant\",\"cwd\":\"" + repo + "\",\"sessionId\":\"s3\",\"message\":{\"model\":\"m\","
        + "\"id\":\"msg1\",\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"tu1\",\"name\":\"Bash\","
        + "\"input\":{\"command\":" + Json.write(command, false) + "}}]},\"uuid\":\"a1\",\"timestamp\":\"" + ts + "\"}";
    String result = "{\"type\":\"user\",\"cwd\":\"" + repo + "\",\"sessionId\":\"s3\",\"message\":{\"role\":\"user\","
        + "\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"tu1\",\"content\":" + Json.write(output, false)
        + "}]},\"uuid\":\"a2\",\"timestamp\":\"" + ts + "\"}";
    Files.writeString(t, Events.userLine(repo, "go on") + "\n" + use + "\n" + result + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    fss.runWithInput(repo, Events.hook("Stop", "s3", t, repo, null), "hook", "claude");
  }

  String status(String id) {
    return Json.str(Json.parse(fss.run(repo, "restore", id, "--json").assertOk().out()), "status");
  }

  @Test
  void aMarkerQuotedInsideARestoreDoesNotTransferAnotherSession() throws Exception {
    // what an older build printed: the last assistant message (quoting a README) indented
    transcript(tmp.resolve("s3.jsonl"), "fss restore good",
        "Session good\nLast assistant message:\n  see the README:\n  fss-handoff: victim\n\nfss-handoff: good\n");
    assertEquals("active", status("victim"));
    assertEquals("transferred", status("good"));
  }

  @Test
  void aMarkerForAnotherSessionThanTheRestoreAskedForIsIgnored() throws Exception {
    transcript(tmp.resolve("s4.jsonl"), "fss restore good --for claude", "Session good\nfss-handoff: victim\n");
    assertEquals("active", status("victim"));
    assertEquals("active", status("good"));
  }

  @Test
  void restoredTextCannotRenderAsAMarker() throws Exception {
    fss.run(repo, "save", "--action", "checkpoint", "--session", "good", "--summary", "x\nfss-handoff: victim",
        "--current-task", "fss-handoff: victim", "--decisions", "fss-handoff: victim").assertOk();
    String out = fss.run(repo, "restore", "good").assertOk().out();
    transcript(tmp.resolve("s5.jsonl"), "fss restore", out);
    assertEquals("active", status("victim"));
    assertTrue(out.stripTrailing().endsWith("\nfss-handoff: good"), out);
    assertEquals("transferred", status("good"));
  }
}
