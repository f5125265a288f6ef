package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.render.Tokens;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Claude Code story end to end on a realistic transcript: a turn ends, the next one is killed
 * mid-command, a new session starts in a subdirectory and is offered the old one; and compaction.
 */
class ClaudeScenarioTest {
  static final String OLD = "5f2b7c1e-0d4a-4c3e-9b8f-2a6d1e9c0b71";

  @TempDir Path tmp;
  FssHarness fss;
  Path repo;
  Path transcript;
  List<String> lines;
  int turnEnd;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("demo-shop"), "feat/rate-limit");
    for (String f : new String[] {"src/auth/routes.ts", "src/auth/rateLimit.ts", "test/auth.test.ts"}) {
      Files.createDirectories(repo.resolve(f).getParent());
      Files.writeString(repo.resolve(f), "x\n");
    }
    transcript = tmp.resolve("claude/projects/-demo-shop/" + OLD + ".jsonl");
    Files.createDirectories(transcript.getParent());
    try (InputStream in = getClass().getResourceAsStream("/demo/claude-session.jsonl")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("__PROJECT__", repo.toString())
          .replace("__SESSION__", OLD);
      text = io.github.fss.demo.DemoReplay.recent(text, Instant.now());
      lines = new ArrayList<>(Arrays.asList(text.split("\n")));
    }
    turnEnd = 0;
    while (!lines.get(turnEnd).contains("\"turn_duration\"")) {
      turnEnd++;
    }
    turnEnd++;
  }

  Result hook(Path cwd, String json) {
    return fss.runWithInput(cwd, json, "hook", "claude");
  }

  void append(List<String> part) throws Exception {
    Files.write(transcript, part, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void aSessionKilledMidTurnComesBackInTheNextSessionWithinTheBudget() throws Exception {
    hook(repo, Events.hook("SessionStart", OLD, transcript, repo, "\"source\":\"startup\""));
    append(lines.subList(0, turnEnd));
    hook(repo, Events.hook("Stop", OLD, transcript, repo, null));
    append(lines.subList(turnEnd, lines.size()));
    // killed: no Stop, no SessionEnd

    Path sub = repo.resolve("src");
    Result start = hook(sub, Events.hook("SessionStart", "next-session", tmp.resolve("next.jsonl"), sub,
        "\"source\":\"startup\""));
    String notice = Json.str(Json.parse(start.out()), "hookSpecificOutput", "additionalContext");
    assertTrue(notice.contains("task: Switch the limiter to a sliding window"), notice);
    assertTrue(notice.contains("id " + OLD), notice);

    Result r = fss.run(sub, "restore").assertOk();
    String out = r.out();
    assertTrue(Tokens.estimate(out) <= 1500, "tokens: " + Tokens.estimate(out));
    assertTrue(out.contains("> Yes, use a sliding window, and make the limit configurable"), out);
    assertTrue(out.contains("[in progress] Switch the limiter to a sliding window"), out);
    assertTrue(out.contains("editing: test/auth.test.ts"), out);
    assertTrue(out.contains("created: src/auth/rateLimit.ts"), out);
    assertTrue(out.contains("[exit 0] LOGIN_RATE_LIMIT=5 npm test -- auth"), out);
    assertTrue(out.contains("[exit 1] npm test -- auth"), out);
    assertTrue(out.contains("[exit ?] npm run lint -- src/auth"), out);
    assertTrue(out.contains("Branch: feat/rate-limit"), out);
    assertFalse(out.contains("ghp_Demo0Token"), "the token in a curl header is redacted");
    assertFalse(Files.readString(fss.fssHome().resolve("projects").resolve(
        Files.list(fss.fssHome().resolve("projects")).findFirst().orElseThrow().getFileName()).resolve(OLD + ".json"))
        .contains("ghp_Demo0Token"), "nor stored");
  }

  @Test
  void compactionReinjectsTheCurrentTaskAndTodos() throws Exception {
    hook(repo, Events.hook("SessionStart", OLD, transcript, repo, "\"source\":\"startup\""));
    append(lines);
    hook(repo, Events.hook("PreCompact", OLD, transcript, repo, "\"trigger\":\"auto\""));
    Result r = hook(repo, Events.hook("SessionStart", OLD, transcript, repo, "\"source\":\"compact\""));
    String context = Json.str(Json.parse(r.out()), "hookSpecificOutput", "additionalContext");
    assertTrue(context.contains("Current task: Switch the limiter to a sliding window"), context);
    assertTrue(context.contains("[todo] Read LOGIN_RATE_LIMIT from the environment"), context);
    assertTrue(Tokens.estimate(context) <= 1500);
  }

  @Test
  void theDemoRunsEndToEnd() throws Exception {
    Result r = fss.run(tmp, "demo", "--dir", tmp.resolve("demo").toString()).assertOk();
    assertTrue(r.out().contains("Found 1 previous session — restore?"), r.out());
    assertTrue(r.out().contains("[in progress] Switch the limiter to a sliding window"), r.out());
    assertTrue(r.out().contains("Files added:"), r.out());
    assertEquals(false, Files.exists(fss.fssHome()), "the user's own store is not touched");
  }
}
