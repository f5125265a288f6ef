package io.github.fss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool's drain protocol: every line handed over once, whoever drains and whatever dies. */
class SpoolDrainTest {
  @TempDir Path tmp;
  Path home;
  Instant now = Instant.now();

  @BeforeEach
  void setUp() {
    home = tmp.resolve("fss");
  }

  Spool spool(Duration grace) {
    return new Spool(home, now, m -> { }, grace);
  }

  /** Appends spool lines: session {@code s<i>} turn {@code t}, stamped t seconds after {@code now - 1h}. */
  void append(int sessions, int fromTurn, int turns) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int t = fromTurn; t < fromTurn + turns; t++) {
      for (int i = 0; i < sessions; i++) {
        sb.append("fss1\t").append(now.minusSeconds(3600 - t)).append("\tclaude\tStop\ts").append(i)
            .append("\t/t/s").append(i).append(".jsonl\t/w\n");
      }
    }
    Path f = home.resolve("spool").resolve(Spool.EVENTS);
    Files.createDirectories(f.getParent());
    Files.writeString(f, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Counts each (session, turn time) handed over. */
  static final class Counting implements Spool.Sink {
    final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    volatile int dieAt = -1;
    volatile boolean dead;
    final AtomicInteger groups = new AtomicInteger();

    @Override
    public void accept(String agent, String sessionId, List<Spool.Turn> turns) {
      if (dead) {
        throw new Killed(); // after a SIGKILL nothing runs
      }
      for (Spool.Turn t : turns) {
        seen.computeIfAbsent(sessionId + "@" + t.time(), k -> new AtomicInteger()).incrementAndGet();
      }
      if (groups.incrementAndGet() == dieAt) {
        dead = true;
        throw new Killed();
      }
    }
  }

  /** Stands for a SIGKILL in the middle of a drain: nothing after it runs. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void twoDrainersAtOnceWhileHooksAppendHandEachLineOverOnce() throws Exception {
    Counting sink = new Counting();
    append(50, 0, 4);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int d = 0; d < 2; d++) {
      threads.add(new Thread(() -> {
        try {
          for (int k = 0; k < 5; k++) {
            spool(Spool.GRACE).drain(sink);
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    threads.add(new Thread(() -> {
      try {
        for (int t = 4; t < 10; t++) {
          append(50, t, 1);
        }
      } catch (Throwable e) {
        failures.add(e);
      }
    }));
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    spool(Spool.GRACE).drain(sink);

    assertEquals(List.of(), failures);
    assertEquals(500, sink.seen.size());
    sink.seen.forEach((k, n) -> assertEquals(1, n.get(), k));
  }

  @Test
  void aDrainKilledMidwayIsFinishedByTheNextOneAndOnlyTheSessionInHandIsHandedOverAgain() throws Exception {
    append(10, 0, 3);
    Counting sink = new Counting();
    sink.dieAt = 4;
    assertThrows(Killed.class, () -> spool(Spool.GRACE).drain(sink));
    append(10, 3, 1); // the next turns go to a new file while the claimed one waits
    sink.dieAt = -1;
    sink.dead = false;
    spool(Spool.GRACE).drain(sink);

    assertEquals(40, sink.seen.size());
    int twice = 0;
    for (Map.Entry<String, AtomicInteger> e : sink.seen.entrySet()) {
      assertTrue(e.getValue().get() <= 2, e.getKey());
      twice += e.getValue().get() - 1;
    }
    // sessions are handed over on every core: only those in hand at the kill (one per core at most,
    // three turns each) are handed over again
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(0, twice % 3, "a session's turns go together");
    assertTrue(twice >= 3 && twice <= 3 * cores, "handed over again: " + twice + " turns");
  }

  @Test
  void aLineAppendedToAClaimedFileAfterItsDrainIsDrainedNextTime() throws Exception {
    append(2, 0, 1);
    Counting sink = new Counting();
    spool(Spool.GRACE).drain(sink);
    Path claimed = spool(Spool.GRACE).claimedFiles().get(0);
    // a hook that opened `events` just before the rename writes into the claimed file
    Files.writeString(claimed, "fss1\t" + now + "\tclaude\tStop\tlate\t/t/late.jsonl\t/w\n", StandardOpenOption.APPEND);
    spool(Duration.ZERO).drain(sink);

    assertEquals(1, sink.seen.get("late@" + now).get());
    assertEquals(3, sink.seen.size());
    assertEquals(List.of(), spool(Duration.ZERO).claimedFiles(), "drained and past the grace period: deleted");
    assertEquals(0, spool(Duration.ZERO).pendingBytes());
  }

  @Test
  void aTornOrForeignLineIsSkippedAndATornTailWaits() throws Exception {
    Path f = home.resolve("spool").resolve(Spool.EVENTS);
    Files.createDirectories(f.getParent());
    Files.writeString(f, "garbage\nfss1\tnot-a-time\tclaude\tStop\ts1\t/t\t/w\n"
        + "fss1\t" + now + "\tclaude\tStop\t../etc\t/t\t/w\n"
        + "fss1\t" + now + "\tclaude\tStop\ts1\t/t/s1.jsonl\t/w\nfss1\t" + now + "\tclaude\tSt");
    Counting sink = new Counting();
    Spool.Drained d = spool(Duration.ZERO).drain(sink);
    assertEquals(new Spool.Drained(1, 1, 3), d);
    assertEquals(1, sink.seen.size());
    assertFalse(spool(Duration.ZERO).claimedFiles().isEmpty(), "the torn tail waits for the rest of its line");
  }

  @Test
  void aBootTimeBecomesTheWallTimeOfItsEvent() throws Exception {
    Spool s = spool(Spool.GRACE);
    Spool.BootClock clock = Spool.BootClock.read();
    Path f = tmp.resolve("f");
    Files.writeString(f, "");
    if (!clock.bootId().isEmpty()) {
      Instant t = s.time("boot:" + clock.bootId() + "+" + (clock.uptime() - 30), f);
      assertTrue(Duration.between(t, now.minusSeconds(30)).abs().toMillis() < 2000, t + " vs " + now);
    }
    Instant other = s.time("boot:00000000-0000-0000-0000-000000000000+12.5", f);
    assertTrue(!other.isAfter(now), "an earlier boot: no later than its file");
    assertEquals(Instant.parse("2026-12-01T20:38:14Z"), s.time("2026-12-01T20:38:14Z", f));
    assertNull(s.time("boot:x+y", f));
  }

  @Test
  void aSelectiveDrainLeavesTheOtherSessionsForTheNextOneWhichHandsThemOverOnce() throws Exception {
    append(6, 0, 2);
    Counting sink = new Counting();
    Spool.Drained first = spool(Spool.GRACE).drain(sink, sessions -> java.util.Set.of("claude\ts1", "claude\ts4"));
    assertEquals(4, first.lines());
    assertEquals(java.util.Set.of("s1", "s4"), sessionsSeen(sink));
    append(6, 2, 1); // more turns meanwhile, for picked and deferred sessions alike
    spool(Spool.GRACE).drain(sink, sessions -> java.util.Set.of("claude\ts2"));
    spool(Spool.GRACE).drain(sink);
    spool(Spool.GRACE).drain(sink);

    assertEquals(18, sink.seen.size());
    sink.seen.forEach((k, n) -> assertEquals(1, n.get(), k));
  }

  static java.util.Set<String> sessionsSeen(Counting sink) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (String k : sink.seen.keySet()) {
      out.add(k.substring(0, k.indexOf('@')));
    }
    return out;
  }

  /** Whether a file made now has an mtime within a second of the JVM's clock. */
  boolean fileClockIsOurs() throws IOException {
    Path probe = Files.createTempFile(tmp, "clock", "");
    long ms = Files.getLastModifiedTime(probe).toMillis();
    return Math.abs(ms - System.currentTimeMillis()) < 1000;
  }

  /** The spool folder's mtime put well in the past: as if nothing had changed in it for a while. */
  void settle() throws IOException {
    Files.setLastModifiedTime(home.resolve("spool"),
        java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(10)));
  }

  @Test
  void aQuietSpoolIsKnownWithoutItsLockAndAnythingNewIsStillDrained() throws Exception {
    Spool spool = spool(Duration.ZERO);
    Counting sink = new Counting();
    append(2, 0, 1);
    assertEquals(2, spool.drain(sink).lines());
    if (fileClockIsOurs()) { // under faketime the JVM's clock is days ahead of the files' mtimes
      assertFalse(spool.quiet(), "a folder changed just now may share its mtime with a change to come");
    }
    settle();
    assertEquals(Spool.Drained.NONE, spool.drain(sink));
    assertTrue(spool.quiet(), "drained, nothing claimed left, the folder settled: marked");
    assertEquals(Spool.Drained.NONE, spool.drain(sink));

    append(1, 5, 1); // a turn end creates events: the folder's mtime moves on
    assertFalse(spool.quiet());
    assertEquals(1, spool.drain(sink).lines());

    // an empty events file left in place is appended to without the folder changing
    Files.writeString(home.resolve("spool").resolve(Spool.EVENTS), "");
    settle();
    spool.drain(sink);
    assertTrue(spool.quiet());
    append(1, 6, 1);
    assertFalse(spool.quiet(), "events has lines");
    assertEquals(1, spool.drain(sink).lines());
    assertEquals(4, sink.seen.size());
    sink.seen.values().forEach(n -> assertEquals(1, n.get()));
  }

  @Test
  void aClaimedFileLeftForItsGraceKeepsTheSpoolFromLookingQuiet() throws Exception {
    Spool spool = spool(Duration.ofSeconds(60));
    Counting sink = new Counting();
    append(1, 0, 1);
    assertEquals(1, spool.drain(sink).lines());
    settle();
    spool.drain(sink);
    assertFalse(spool.quiet(), "a hook that opened events before the claim may still append to the claimed file");
    Path claimed = spool.claimedFiles().get(0);
    Files.writeString(claimed, "fss1\t" + now.minusSeconds(10) + "\tclaude\tStop\tlate\t/t/late.jsonl\t/w\n",
        StandardOpenOption.APPEND);
    assertEquals(1, spool.drain(sink).lines());
    assertEquals(1, sink.seen.get("late@" + now.minusSeconds(10)).get());
  }
}
