package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.fss.json.Json;
import io.github.fss.model.Session;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoreConfig;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.Turns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same transcript captured both ways — a JVM Stop hook per turn (before the spool), and turn
 * ends spooled by the launcher then drained — gives the same session: the same checkpoints (a
 * manual save in the middle of a turn included), the same cursor, the same times.
 */
class SpoolGoldenTest {
  static final String SID = "5b0e1c2a-0001-4a6e-9d51-1f2e3d4c5b01";

  @TempDir Path tmp;
  Path cwd;
  Path transcript;
  final Instant base = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);

  /** How a turn end reaches fss. */
  interface TurnEnd {
    void at(Instant t) throws IOException;
  }

  Map<String, Object> capture(FssHarness fss, TurnEnd turnEnd) throws IOException {
    Files.deleteIfExists(transcript);
    Files.createDirectories(transcript.getParent());
    Files.writeString(transcript, "");
    run(fss, base, cwd, "", "hook", "claude", "SessionStart");
    for (int n = 1; n <= 4; n++) {
      Instant at = base.plusSeconds(60L * n);
      List<String> turn = Turns.claude(cwd, SID, n, at);
      if (n == 3) {
        // the agent saves by hand in the middle of turn 3: checkpoints must not depend on the path
        append(turn.subList(0, turn.size() - 2));
        run(fss, at.plusSeconds(4), cwd, "", "save", "--action", "checkpoint", "--session", SID, "--summary",
            "half way through turn 3", "--decisions", "keep the old API");
        append(turn.subList(turn.size() - 2, turn.size()));
      } else {
        append(turn);
      }
      turnEnd.at(at.plusSeconds(7));
    }
    run(fss, base.plusSeconds(400), cwd, "", "list");
    Path file;
    try (Stream<Path> files = Files.walk(fss.fssHome().resolve("projects"))) {
      file = files.filter(p -> p.getFileName().toString().equals(SID + ".json")).findFirst().orElse(null);
    }
    assertNotNull(file);
    @SuppressWarnings("unchecked")
    Map<String, Object> s = (Map<String, Object>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    return s;
  }

  void append(List<String> lines) throws IOException {
    Files.write(transcript, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  void run(FssHarness fss, Instant at, Path dir, String unused, String... args) {
    fss.clock(() -> at);
    if (args.length == 3 && args[0].equals("hook")) {
      fss.runWithInput(dir, Events.hook(args[2], SID, transcript, cwd, "\"source\":\"startup\""), "hook", "claude")
          .assertOk();
    } else {
      fss.run(dir, args).assertOk();
    }
  }

  @Test
  void oneStopHookPerTurnAndTheDrainedSpoolGiveTheSameCheckpoints() throws Exception {
    cwd = Files.createDirectories(tmp.resolve("app"));
    transcript = tmp.resolve("claude/projects/app/" + SID + ".jsonl");

    FssHarness hooks = new FssHarness(tmp.resolve("a"));
    Map<String, Object> byHooks = capture(hooks, t -> {
      hooks.clock(() -> t);
      hooks.runWithInput(cwd, Events.hook("Stop", SID, transcript, cwd,
          "\"last_assistant_message\":\"done\""), "hook", "claude").assertOk();
    });

    FssHarness spooled = new FssHarness(tmp.resolve("b"));
    Path spool = spooled.fssHome().resolve("spool/events");
    Map<String, Object> bySpool = capture(spooled, t -> Files.writeString(spool,
        "fss1\t" + t + "\tclaude\tStop\t" + SID + "\t" + transcript + "\t" + cwd + "\n",
        StandardOpenOption.CREATE, StandardOpenOption.APPEND));

    List<?> checkpoints = (List<?>) byHooks.get("checkpoints");
    assertEquals(3, checkpoints.size(), "auto before the manual save, the manual one, the last auto");
    assertEquals(Json.write(checkpoints, true), Json.write(bySpool.get("checkpoints"), true));
    assertEquals(Json.write(byHooks.get("capture"), true), Json.write(bySpool.get("capture"), true));
    for (String k : List.of("start_time", "last_active", "status", "working_dir", "project_root", "tool")) {
      assertEquals(byHooks.get(k), bySpool.get(k), k);
    }
  }

  @Test
  void aSessionThatOnlyEverSpooledIsCreated() throws Exception {
    cwd = Files.createDirectories(tmp.resolve("app"));
    transcript = tmp.resolve("claude/projects/app/" + SID + ".jsonl");
    Files.createDirectories(transcript.getParent());
    Files.write(transcript, Turns.claude(cwd, SID, 1, base), StandardCharsets.UTF_8);
    FssHarness fss = new FssHarness(tmp.resolve("c"));
    Path spool = fss.fssHome().resolve("spool/events");
    Files.createDirectories(spool.getParent());
    Files.writeString(spool, "fss1\t" + base.plusSeconds(7) + "\tclaude\tStop\t" + SID + "\t" + transcript + "\t"
        + cwd + "\n");
    fss.clock(() -> base.plusSeconds(30));

    String out = fss.run(cwd, "list", "--json").assertOk().out();

    assertEquals(SID, Json.str(((List<?>) Json.at(Json.parse(out), "sessions")).get(0), "session_id"));
    String restored = fss.run(cwd, "restore", SID).assertOk().out();
    org.junit.jupiter.api.Assertions.assertTrue(restored.contains("task 1: make the tests pass"), restored);
  }

  @Test
  void aSessionStartBringsUpToDateWhatItShowsAndLeavesTheRestToTheNextRun() throws Exception {
    cwd = Files.createDirectories(tmp.resolve("app"));
    Path other = Files.createDirectories(tmp.resolve("other"));
    FssHarness fss = new FssHarness(tmp.resolve("d"));
    Path spool = fss.fssHome().resolve("spool/events");
    Files.createDirectories(spool.getParent());
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      Path dir = i < 5 ? cwd : other;
      Path t = tmp.resolve("t/s" + i + ".jsonl");
      Files.createDirectories(t.getParent());
      Files.write(t, Turns.claude(dir, "s" + i, 1, base.plusSeconds(60L * i)), StandardCharsets.UTF_8);
      lines.append("fss1\t").append(base.plusSeconds(60L * i + 7)).append("\tclaude\tStop\ts").append(i).append('\t')
          .append(t).append('\t').append(dir).append('\n');
    }
    Files.writeString(spool, lines);
    fss.clock(() -> base.plusSeconds(600));

    String out = fss.runWithInput(cwd, Events.hook("SessionStart", "new", tmp.resolve("t/new.jsonl"), cwd,
        "\"source\":\"startup\""), "hook", "claude").assertOk().out();

    org.junit.jupiter.api.Assertions.assertTrue(out.contains("hookSpecificOutput"), out);
    SessionStore store = new SessionStore(fss.fssHome(), StoreConfig.load(fss.fssHome(), Map.of()), m -> { });
    // the three latest of this project were drained with their own turn-end times
    for (int i = 2; i < 5; i++) {
      assertEquals(base.plusSeconds(60L * i + 7).toString(), store.findById("s" + i).get(0).session().latest().timestamp());
    }
    assertEquals(List.of(), store.findById("s5"), "another project's session waits in the spool");
    fss.run(cwd, "list").assertOk();
    for (int i = 0; i < 6; i++) {
      Session s = store.findById("s" + i).get(0).session();
      assertEquals(base.plusSeconds(60L * i + 7).toString(), s.latest().timestamp(), "s" + i);
      assertEquals(1L, (long) Json.num(s.capture().get("turns")), "s" + i);
    }
  }
}
