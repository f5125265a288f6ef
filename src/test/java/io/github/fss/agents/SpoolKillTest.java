package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.Session;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoreConfig;
import io.github.fss.store.StoredSession;
import io.github.fss.testing.Launcher;
import io.github.fss.testing.Turns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drains killed with SIGKILL at random moments (real launcher, real JVM), two drainers at once,
 * and hooks spooling all along: afterwards every spooled turn is checkpointed exactly once.
 * bench/spool-stress.sh does the same with 100 kills.
 */
class SpoolKillTest {
  @TempDir Path tmp;

  @Test
  void everySpooledTurnIsCheckpointedExactlyOnceWhateverKillsTheDrains() throws Exception {
    int sessions = 16;
    int rounds = Integer.getInteger("fss.test.spoolKillRounds", 5);
    long seed = Long.getLong("fss.test.seed", System.nanoTime());
    Random rnd = new Random(seed);
    Path cwd = Files.createDirectories(tmp.resolve("app"));
    Path fssHome = tmp.resolve("home/.fireworks-sessions");
    Map<String, String> env = new HashMap<>();
    env.put("HOME", tmp.resolve("home").toString());
    env.put("FSS_HOME", fssHome.toString());
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    Path launcher = Launcher.install(tmp.resolve("bin"), Launcher.java());
    Files.createDirectories(fssHome.resolve("spool"));
    Instant base = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
    long[] lines = new long[sessions];
    int kills = 0;
    long whole = 0;
    for (int r = 0; r < rounds; r++) {
      StringBuilder spool = new StringBuilder();
      for (int i = 0; i < sessions; i++) {
        Path t = tmp.resolve("t/s" + i + ".jsonl");
        Files.createDirectories(t.getParent());
        List<String> turn = Turns.claude(cwd, "s" + i, r, base.plusSeconds(60L * r));
        Files.write(t, turn, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        lines[i] += turn.size();
        spool.append("fss1\t").append(base.plusSeconds(60L * r + 7)).append("\tclaude\tStop\ts").append(i).append('\t')
            .append(t).append('\t').append(cwd).append('\n');
      }
      Files.writeString(fssHome.resolve("spool/events"), spool, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      if (r == 0) {
        // one whole drain, unkilled: how long a run takes here, so the kills below spread over it
        long t0 = System.nanoTime();
        assertEquals(0, Launcher.run(launcher, env, new byte[0], "list", cwd.toString()).exit());
        whole = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        continue;
      }
      // two drainers at once, each killed at a random moment of its run (start-up included)
      List<Process> ps = new ArrayList<>();
      for (int d = 0; d < 2; d++) {
        Process p = Launcher.start(launcher, env, "list", cwd.toString());
        p.getOutputStream().close();
        ps.add(p);
      }
      for (Process p : ps) {
        Thread.sleep(rnd.nextInt((int) Math.max(50, whole * 11 / 10)));
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        kills++;
      }
    }
    Launcher.Run last = Launcher.run(launcher, env, new byte[0], "list", cwd.toString());
    assertEquals(0, last.exit(), last.err());

    SessionStore store = new SessionStore(fssHome, StoreConfig.load(fssHome, Map.of()), m -> { });
    List<StoredSession> all = store.all();
    assertEquals(sessions, all.size(), "seed " + seed);
    for (int i = 0; i < sessions; i++) {
      Session s = store.findById("s" + i).get(0).session();
      s = store.read(store.findById("s" + i).get(0).projectKey(), "s" + i);
      Map<String, Object> cap = s.capture();
      assertNotNull(cap);
      String why = "s" + i + " after " + kills + " kills, seed " + seed;
      assertEquals(lines[i], Json.num(cap.get("lines")), why + ": every line read once");
      assertEquals((long) rounds, Json.num(cap.get("turns")), why);
      assertEquals(Files.size(tmp.resolve("t/s" + i + ".jsonl")), Json.num(cap.get("offset")), why);
      assertEquals(1, s.checkpoints().size(), why);
      Checkpoint c = s.latest();
      assertEquals(base.plusSeconds(60L * (rounds - 1) + 7), Instant.parse(c.timestamp()), why);
      List<String> prompts = c.lastPrompts();
      List<String> expected = new ArrayList<>();
      for (int r = Math.max(0, rounds - 5); r < rounds; r++) {
        expected.add("task " + r + ": make the tests pass");
      }
      assertEquals(expected, prompts, why);
    }
  }
}
