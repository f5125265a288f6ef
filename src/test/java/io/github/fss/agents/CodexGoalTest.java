package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Codex session that set a goal restores with the goal as its task and shows the goal's status. */
class CodexGoalTest {
  static final String THREAD = "01b2c3d4-0000-7000-8000-00000000a001";
  static final String REAL_THREAD = "01a23321-05b5-7cd2-8a79-8b12b59f5ba7";
  static final String REAL_OBJECTIVE = "Make refunds round HALF_EVEN across the billing service";

  static final Pattern UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

  @TempDir Path tmp;
  FssHarness fss;
  Path repo;
  Path codexHome;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("refunds"), "fix/refund-rounding");
    codexHome = Files.createDirectories(tmp.resolve("codex"));
    fss.env("CODEX_HOME", codexHome.toString());
  }

  /** The rollout text with its cwd moved to the test's repository, at the place Codex keeps it. */
  private Path rollout(String thread, String text) throws Exception {
    Path day = Files.createDirectories(codexHome.resolve("sessions/2026/12/01"));
    Path f = day.resolve("rollout-2026-12-01T19-42-11-" + thread + ".jsonl");
    Files.writeString(f, recent(text.replace("/home/dev/src/refunds", repo.toString())));
    return FssHarness.touchNow(f);
  }

  /** The text with every UTC timestamp moved by one offset, so its newest is a minute ago: no date expires it. */
  static String recent(String text) {
    Matcher m = UTC.matcher(text);
    Instant newest = Instant.EPOCH;
    while (m.find()) {
      Instant t = Instant.parse(m.group());
      newest = t.isAfter(newest) ? t : newest;
    }
    Duration shift = Duration.between(newest, Instant.now().minusSeconds(60));
    return UTC.matcher(text).replaceAll(r -> Instant.parse(r.group()).plus(shift).truncatedTo(ChronoUnit.MILLIS).toString());
  }

  private Path projectRollout(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/fixtures/codex/" + name + ".jsonl")) {
      return rollout(THREAD, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private void stop(String thread, Path rollout) {
    assertEquals(0, fss.runWithInput(repo, Events.hook("Stop", thread, rollout, repo, null), "hook", "codex").exit());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> listed(String thread) {
    List<Object> all = Json.arr(Json.obj(Json.parse(fss.run(repo, "list", "--json").assertOk().out())).get("sessions"));
    for (Object o : all) {
      if (thread.equals(Json.str(o, "session_id"))) {
        return (Map<String, Object>) o;
      }
    }
    throw new AssertionError(thread + " not listed: " + all);
  }

  @Test
  void theRealCodexSessionThatSetAGoalRestoresWithTheGoalAsItsTask() throws Exception {
    Path real = Path.of(System.getProperty("fss.shared", "../shared"))
        .resolve("fixtures/real/codex-0.171.0/create_goal_exec_command.jsonl");
    Assumptions.assumeTrue(Files.exists(real), "../shared/fixtures/real absent: skipping the real Codex goal rollout");
    stop(REAL_THREAD, rollout(REAL_THREAD, Files.readString(real)));

    String text = fss.run(repo, "restore", REAL_THREAD, "--budget", "0").assertOk().out();
    assertTrue(text.contains("Current task: " + REAL_OBJECTIVE + "\nGoal status: active\n"), text);
    assertTrue(text.contains("\n> third: set a goal\n"), text); // the prompt stays a request, not the task
    String md = fss.run(repo, "restore", REAL_THREAD, "--format", "markdown").assertOk().out();
    assertTrue(md.contains("Current task: " + REAL_OBJECTIVE) && md.contains("Goal status: active"), md);
    String handoff = fss.run(repo, "restore", REAL_THREAD, "--for", "claude").assertOk().out();
    assertTrue(handoff.contains("Current task: " + REAL_OBJECTIVE) && handoff.contains("Goal status: active"), handoff);

    Object json = Json.parse(fss.run(repo, "restore", REAL_THREAD, "--json").assertOk().out());
    assertEquals(REAL_OBJECTIVE, Json.str(json, "view", "goal", "objective"));
    assertEquals("active", Json.str(json, "view", "goal", "status"));
    Map<String, Object> l = listed(REAL_THREAD);
    assertEquals(REAL_OBJECTIVE, l.get("current_task"));
    assertEquals(Map.of("objective", REAL_OBJECTIVE, "status", "active"), l.get("goal"));
    String list = fss.run(repo, "list").assertOk().out();
    assertTrue(list.contains(REAL_OBJECTIVE) && list.contains("      goal: active\n"), list);
  }

  @Test
  void theStartNoticeNamesTheGoalAndItsStatus() throws Exception {
    stop(THREAD, projectRollout("goal_refused_paused_blocked"));

    Result r = fss.runWithInput(repo, Events.hook("SessionStart", "next-thread", tmp.resolve("none.jsonl"), repo,
        "\"source\":\"startup\""), "hook", "codex");
    assertEquals(0, r.exit());
    String context = Json.str(Json.parse(r.out()), "hookSpecificOutput", "additionalContext");
    assertTrue(context.contains("task: Ship the CSV import with validation · goal blocked · "), context);
    assertTrue(context.contains("id " + THREAD), context);
  }

  @Test
  void aCompletedGoalNoLongerPosesAsTheCurrentTask() throws Exception {
    stop(THREAD, projectRollout("goal_create_then_complete"));

    String text = fss.run(repo, "restore", THREAD, "--budget", "0").assertOk().out();
    assertTrue(text.contains("Current task: finish it\n"), text);
    assertTrue(text.contains("Goal (complete): Make refunds round HALF_EVEN across the billing service"), text);
    assertFalse(text.contains("continue working toward the active thread goal"), text);
    assertFalse(text.contains("codex_internal_context"), text);
    Map<String, Object> l = listed(THREAD);
    assertEquals("finish it", l.get("current_task"));
    assertEquals("complete", Json.str(l.get("goal"), "status"));
    String list = fss.run(repo, "list").assertOk().out();
    assertTrue(list.contains("      goal: complete · Make refunds round HALF_EVEN"), list);
  }

  @Test
  void aGoalSetWithoutAPromptIsTheTaskAndItsContinuationTextIsNoRequest() throws Exception {
    stop(THREAD, projectRollout("goal_turns_without_prompt"));

    String text = fss.run(repo, "restore", THREAD, "--budget", "0").assertOk().out();
    assertTrue(text.contains("Current task: Migrate the invoice exporter to the v2 API\nGoal status: active"), text);
    assertFalse(text.contains("Last requests"), text);
    assertFalse(text.contains("codex_internal_context"), text);
  }

  @Test
  void aSessionWithoutAGoalStoresNoGoalField() throws Exception {
    stop(THREAD, projectRollout("tui_turn"));

    String stored = fss.run(repo, "restore", THREAD, "--json").assertOk().out();
    assertFalse(stored.contains("\"goal\": {"), stored);
    assertEquals(null, listed(THREAD).get("goal"));
  }

  @Test
  void diffShowsTheGoalCompletedSinceAManualCheckpoint() throws Exception {
    Path f = projectRollout("goal_create_then_complete");
    String whole = Files.readString(f);
    List<String> lines = whole.lines().toList();
    int resumed = 0; // the first line of the resumed run: its goal turn
    while (!lines.get(resumed).contains("\"turn_id\":\"t3\"")) {
      resumed++;
    }
    Files.writeString(f, String.join("\n", lines.subList(0, resumed)) + "\n");
    stop(THREAD, f);
    fss.run(repo, "save", "--action", "checkpoint", "--session", THREAD, "--summary", "goal set").assertOk();
    Files.writeString(f, whole);
    FssHarness.touchNow(f);
    stop(THREAD, f);

    String diff = fss.run(repo, "diff", THREAD).assertOk().out();
    assertTrue(diff.contains("Goal:\n  - active: Make refunds round HALF_EVEN across the billing service\n"
        + "  + complete: Make refunds round HALF_EVEN across the billing service\n"), diff);
  }
}
