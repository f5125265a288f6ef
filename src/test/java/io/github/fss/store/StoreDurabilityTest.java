package io.github.fss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes racing on one session file, and a writer killed with SIGKILL at random moments:
 * the file always parses and holds every checkpoint acknowledged before.
 */
class StoreDurabilityTest {
  static final String KEY = "race-0badcafe";
  static final String ID = "race-session";

  @TempDir Path tmp;

  private Process writer(Path home, String name, int ops) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), StoreWriter.class.getName(),
        home.toString(), KEY, ID, name, Integer.toString(ops));
    pb.environment().put("FSS_MAX_CHECKPOINTS", "100000");
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return pb.start();
  }

  private static Set<String> storedSummaries(Path home) throws IOException {
    Path file = home.resolve("projects").resolve(KEY).resolve(ID + ".json");
    Session s = SessionCodec.fromTree(Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
    Set<String> out = new HashSet<>();
    for (Checkpoint c : s.checkpoints()) {
      out.add(c.summary());
    }
    return out;
  }

  @Test
  void eightProcessesRacingKeepEveryAcknowledgedCheckpoint() throws Exception {
    Path home = tmp.resolve("store");
    List<Process> procs = new ArrayList<>();
    for (int p = 0; p < 8; p++) {
      procs.add(writer(home, "w" + p, 200));
    }
    Set<String> acked = new HashSet<>();
    for (Process p : procs) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith("ack ")) {
            acked.add(line.substring(4));
          }
        }
      }
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue());
    }
    assertEquals(8 * 134, acked.size(), "each writer acks its checkpoint operations (2 in 3 of 200)");
    Set<String> stored = storedSummaries(home);
    acked.removeAll(stored);
    assertTrue(acked.isEmpty(), "lost acknowledged checkpoints: " + acked);
  }

  @Test
  void aWriterKilledAtRandomMomentsNeverLosesAnAcknowledgedCheckpoint() throws Exception {
    Path home = tmp.resolve("store");
    Random random = new Random(42);
    Set<String> acked = new HashSet<>();
    int kills = Integer.getInteger("fss.kills", 100);
    for (int k = 0; k < kills; k++) {
      Process p = writer(home, "k" + k, 0);
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      int delay = 80 + random.nextInt(300);
      List<String> seen = new ArrayList<>();
      Thread reader = new Thread(() -> {
        try {
          for (String line; (line = r.readLine()) != null; ) {
            synchronized (seen) {
              seen.add(line);
            }
          }
        } catch (IOException e) {
          // the process died: that is the point
        }
      });
      reader.start();
      // the random moment counts from the writer's first write, not from its start: on a loaded
      // machine a JVM start alone can outlast the whole window, and no kill would land mid-write
      long started = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < started && reader.isAlive()) {
        synchronized (seen) {
          if (!seen.isEmpty()) {
            break;
          }
        }
        Thread.sleep(2);
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
      while (System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
      p.waitFor(10, TimeUnit.SECONDS);
      reader.join(5000);
      synchronized (seen) {
        for (String line : seen) {
          if (line.startsWith("ack ")) {
            acked.add(line.substring(4));
          }
        }
      }
      if (Files.exists(home.resolve("projects").resolve(KEY).resolve(ID + ".json"))) {
        Set<String> stored = storedSummaries(home);
        Set<String> missing = new HashSet<>(acked);
        missing.removeAll(stored);
        assertTrue(missing.isEmpty(), "after kill " + k + " lost: " + missing);
      }
    }
    assertTrue(acked.size() > kills, "the writers made progress between kills: " + acked.size());
    Map<String, Object> tree = Json.obj(Json.parse(Files.readString(
        home.resolve("projects").resolve(KEY).resolve(ID + ".json"))));
    assertNotNull(tree.get("checkpoints"));
  }
}
