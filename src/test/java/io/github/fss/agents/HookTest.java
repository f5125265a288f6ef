package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fss hook claude} driven as Claude Code drives it: events on stdin, a growing transcript. */
class HookTest {
  @TempDir Path tmp;
  FssHarness fss;
  Path repo;
  Path transcript;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("app"), "fix/login");
    Files.createDirectories(repo.resolve("src"));
    transcript = tmp.resolve("t").resolve("s1.jsonl");
    Files.createDirectories(transcript.getParent());
  }

  Result hook(String json) {
    return fss.runWithInput(repo, json, "hook", "claude");
  }

  void append(String... lines) throws Exception {
    Files.write(transcript, List.of(lines), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void startupWithNothingToRestorePrintsNothing() {
    Result r = hook(Events.hook("SessionStart", "s1", transcript, repo, "\"source\":\"startup\""));
    assertEquals(0, r.exit());
    assertEquals("", r.out());
  }

  @Test
  void aSessionKilledMidTurnIsOfferedToTheNextOneWithItsTask() throws Exception {
    hook(Events.hook("SessionStart", "s1", transcript, repo, "\"source\":\"startup\""));
    append(Events.userLine(repo, "fix the failing login test"));
    // no Stop: the agent was killed mid-turn
    Result r = fss.runWithInput(repo.resolve("src"),
        Events.hook("SessionStart", "s2", tmp.resolve("t/s2.jsonl"), repo.resolve("src"), "\"source\":\"startup\""),
        "hook", "claude");
    assertEquals(0, r.exit());
    String context = Json.str(Json.parse(r.out()), "hookSpecificOutput", "additionalContext");
    assertNotNull(context, r.out());
    assertTrue(context.contains("fix the failing login test"), context);
    assertTrue(context.contains("id s1"), context);
    assertTrue(context.contains("restore?"), context);
  }

  @Test
  void startupShowsTheThreeFreshestOfManyAndCountsTheRest() throws Exception {
    for (int i = 0; i < 5; i++) {
      Path t = tmp.resolve("t").resolve("old" + i + ".jsonl");
      Files.writeString(t, Events.userLine(repo, "task number " + i) + "\n");
      hook(Events.hook("Stop", "old" + i, t, repo, null));
      Files.setLastModifiedTime(t, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + i * 60_000L));
    }
    Result r = hook(Events.hook("SessionStart", "new", transcript, repo, "\"source\":\"startup\""));
    String context = Json.str(Json.parse(r.out()), "hookSpecificOutput", "additionalContext");
    assertTrue(context.contains("5 earlier sessions in this project can be restored (newest first, 3 shown)"), context);
    assertTrue(context.contains("task number 4") && context.contains("task number 2"), context);
    assertFalse(context.contains("task number 1"), context);
    assertTrue(context.contains("Found 5 previous sessions"), context);
  }

  @Test
  void stopTakesAnAutomaticCheckpointFromNewTranscriptBytesOnly() throws Exception {
    hook(Events.hook("SessionStart", "s1", transcript, repo, "\"source\":\"startup\""));
    append(Events.userLine(repo, "first request"));
    assertEquals("", hook(Events.hook("Stop", "s1", transcript, repo, null)).out());
    append(Events.userLine(repo, "second request"));
    hook(Events.hook("Stop", "s1", transcript, repo, null));
    Object s = Json.parse(fss.run(repo, "restore", "s1", "--json").assertOk().out());
    List<Object> cps = Json.arr(Json.obj(s).get("checkpoints"));
    assertEquals(1, cps.size(), "an automatic checkpoint replaces the previous automatic one");
    assertEquals(List.of("first request", "second request"), Json.arr(Json.obj(cps.get(0)).get("last_prompts")));
  }

  @Test
  void compactionReinjectsThisSessionsLatestState() throws Exception {
    hook(Events.hook("SessionStart", "s1", transcript, repo, "\"source\":\"startup\""));
    append(Events.userLine(repo, "migrate the billing tables"));
    hook(Events.hook("PreCompact", "s1", transcript, repo, "\"trigger\":\"auto\""));
    Result r = hook(Events.hook("SessionStart", "s1", transcript, repo, "\"source\":\"compact\""));
    String context = Json.str(Json.parse(r.out()), "hookSpecificOutput", "additionalContext");
    assertTrue(context.contains("migrate the billing tables"), context);
  }

  @Test
  void sessionEndRecordsACleanEndAndItsReason() throws Exception {
    hook(Events.hook("SessionStart", "s1", transcript, repo, "\"source\":\"startup\""));
    append(Events.userLine(repo, "tidy the README"));
    hook(Events.hook("SessionEnd", "s1", transcript, repo, "\"reason\":\"prompt_input_exit\""));
    Object s = Json.parse(fss.run(repo, "restore", "s1", "--json").assertOk().out());
    assertEquals("ended", Json.str(s, "status"));
    assertEquals("prompt_input_exit", Json.str(s, "end_reason"));
  }

  /** Claude Code opened and closed without a prompt: the transcript was never written. */
  @Test
  void aSessionThatNeverWroteALineIsNotOfferedAfterItsEnd() throws Exception {
    hook(Events.hook("SessionStart", "s1", transcript, repo, "\"source\":\"startup\""));
    hook(Events.hook("SessionEnd", "s1", transcript, repo, "\"reason\":\"prompt_input_exit\""));
    Object s = Json.parse(fss.run(repo, "restore", "s1", "--json").assertOk().out());
    assertEquals("ended", Json.str(s, "status"));
    Result next = hook(Events.hook("SessionStart", "s2", tmp.resolve("t/s2.jsonl"), repo, "\"source\":\"startup\""));
    assertEquals("", next.out());
    assertTrue(fss.run(repo, "list").assertOk().out().startsWith("No recoverable sessions"));
    // its first line, written after all (a late flush), makes it a session like any other at the next refresh
    append(Events.userLine(repo, "now the real work"));
    hook(Events.hook("SessionEnd", "s1", transcript, repo, "\"reason\":\"other\""));
    assertTrue(fss.run(repo, "list").assertOk().out().contains("now the real work"));
  }

  @Test
  void garbageOnStdinExitsZeroWritesNothingAndIsLogged() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 50; i++) {
      byte[] junk = new byte[random.nextInt(2000)];
      random.nextBytes(junk);
      Result r = fss.runWithBytes(repo, junk, "hook", "claude");
      assertEquals(0, r.exit());
      assertEquals("", r.out());
    }
    for (String bad : new String[] {"", "{", "[]", "null", "{\"session_id\":\"../../etc\",\"hook_event_name\":\"Stop\"}",
        "{\"session_id\":\"a\\u0000b\",\"hook_event_name\":\"Stop\"}", "[".repeat(100000)}) {
      Result r = hook(bad);
      assertEquals(0, r.exit());
      assertEquals("", r.out());
    }
    assertFalse(Files.exists(fss.fssHome().resolve("projects")), "nothing written for garbage");
    assertTrue(Files.readString(fss.fssHome().resolve("log/hook.log")).contains("hook claude"));
  }

  @Test
  void anUnknownHookIsLoggedAndExitsZero() {
    Result r = fss.run(repo, "hook", "notepad");
    assertEquals(0, r.exit());
    assertEquals("", r.out());
  }
}
