package io.github.fss.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code fss sync} process SIGKILLed at moments spread over a sync's run (fetch, export,
 * commit, merge, placement, push): after each kill both machines' stores stay readable, the next
 * plain sync succeeds with no repair, and every checkpoint a {@code save} acknowledged reaches the
 * other machine.
 */
class SyncKilledTest {
  private static final int KILLS = 8;

  @TempDir Path tmp;
  FssHarness laptop;
  FssHarness devbox;
  Path remote;
  Path onLaptop;
  Path onDevbox;

  @Test
  void aSyncKilledAtAnyMomentLeavesBothSidesUsableAndLosesNoAcknowledgedCheckpoint() throws Exception {
    laptop = new FssHarness(tmp.resolve("laptop")).env("FSS_MACHINE", "laptop");
    devbox = new FssHarness(tmp.resolve("devbox")).env("FSS_MACHINE", "devbox");
    remote = tmp.resolve("sync.git");
    FssHarness.git(tmp, "init", "-q", "--bare", remote.toString());
    Path project = tmp.resolve("shop.git");
    FssHarness.git(tmp, "init", "-q", "--bare", "-b", "main", project.toString());
    Path seed = FssHarness.gitRepo(tmp.resolve("seed"), "main");
    FssHarness.git(seed, "push", "-q", project.toString(), "main");
    onLaptop = tmp.resolve("laptop/home/src/shop");
    onDevbox = tmp.resolve("devbox/srv/dev/shop-checkout");
    FssHarness.git(tmp, "clone", "-q", project.toString(), onLaptop.toString());
    FssHarness.git(tmp, "clone", "-q", project.toString(), onDevbox.toString());
    onLaptop = onLaptop.toRealPath();
    onDevbox = onDevbox.toRealPath();

    Set<String> acknowledged = new HashSet<>();
    Set<String> sessions = new HashSet<>();
    save(acknowledged, sessions, "long", "before init");
    laptop.run(onLaptop, "sync", "--init", remote.toString()).assertOk();
    devbox.run(onDevbox, "sync", "--init", remote.toString()).assertOk();

    // one unkilled sync, with something to send and something to receive, gives the window to kill in
    save(acknowledged, sessions, "long", "measured");
    devbox.run(onDevbox, "save", "--action", "checkpoint", "--session", "from-devbox", "--summary", "devbox 0").assertOk();
    devbox.run(onDevbox, "sync").assertOk();
    Process measured = startSync();
    long start = untilItRunsGit(measured);
    assertTrue(measured.waitFor(30, TimeUnit.SECONDS), "an unkilled sync ends");
    long window = Math.max(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), 100);
    assertEquals(0, measured.exitValue(), Files.readString(tmp.resolve("child.err")));

    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < KILLS; i++) {
      // new work on both sides, so each killed sync has commits to make, a merge and a push to do
      save(acknowledged, sessions, "long", "before kill " + i);
      save(acknowledged, sessions, "s" + i, "alone " + i);
      devbox.run(onDevbox, "save", "--action", "checkpoint", "--session", "from-devbox", "--summary", "devbox " + (i + 1))
          .assertOk();
      devbox.run(onDevbox, "sync").assertOk();

      // spread over the measured run, from its first git command (the JVM has started, the lock is held) to its exit
      long delay = window * i / KILLS;
      Process p = startSync();
      untilItRunsGit(p);
      boolean ended = p.waitFor(delay, TimeUnit.MILLISECONDS);
      List<ProcessHandle> children = p.descendants().toList();
      p.destroyForcibly();
      if (i % 2 == 1) {
        // as when its whole process group or container is killed: the git it was running dies with it
        clientSide(children).forEach(ProcessHandle::destroyForcibly);
      }
      p.waitFor(10, TimeUnit.SECONDS);
      // git children outlive a killed JVM (their pipes close under them): the user runs sync again after they end
      for (ProcessHandle c : children) {
        c.onExit().get(10, TimeUnit.SECONDS);
      }
      outcomes.add(delay + "ms:" + children.size() + "git:" + (ended ? "finished (" + p.exitValue() + ")" : "killed"));

      for (FssHarness m : List.of(laptop, devbox)) {
        Path here = m == laptop ? onLaptop : onDevbox;
        m.run(here, "list", "--json").assertOk();
        Result r = m.run(here, "sync");
        assertEquals(0, r.exit(), "after kill " + i + " at " + delay + "ms, sync on " + m.home() + ": " + r.err());
        m.run(here, "list", "--json").assertOk();
      }
    }
    laptop.run(onLaptop, "sync").assertOk();
    devbox.run(onDevbox, "sync").assertOk();

    for (FssHarness m : List.of(laptop, devbox)) {
      Path here = m == laptop ? onLaptop : onDevbox;
      Set<String> found = new HashSet<>();
      for (String s : sessions) {
        for (Object c : Json.arr(Json.at(Json.parse(m.run(here, "restore", s, "--json").assertOk().out()),
            "checkpoints"))) {
          found.add(s + ": " + Json.str(c, "summary"));
        }
      }
      assertTrue(found.containsAll(acknowledged), "on " + m.home() + " after " + outcomes + ", missing: "
          + acknowledged.stream().filter(a -> !found.contains(a)).sorted().toList());
    }
  }

  private void save(Set<String> acknowledged, Set<String> sessions, String session, String summary) {
    if (laptop.run(onLaptop, "save", "--action", "checkpoint", "--session", session, "--summary", summary).exit() == 0) {
      acknowledged.add(session + ": " + summary);
      sessions.add(session);
    }
  }

  /**
   * The git processes of the sync itself, not the remote's end of a push or fetch over a local path
   * (receive-pack, upload-pack and what they run): a real remote is another machine and is not killed.
   */
  private static List<ProcessHandle> clientSide(List<ProcessHandle> all) {
    Set<Long> remoteEnd = new HashSet<>();
    for (ProcessHandle h : all) {
      String cmd = h.info().commandLine().orElse("");
      if (cmd.contains("receive-pack") || cmd.contains("upload-pack")) {
        remoteEnd.add(h.pid());
        h.descendants().forEach(d -> remoteEnd.add(d.pid()));
      }
    }
    return all.stream().filter(h -> !remoteEnd.contains(h.pid())).toList();
  }

  /** Waits until a sync's JVM has started its first git command; returns that moment (System.nanoTime). */
  private static long untilItRunsGit(Process p) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (p.isAlive() && p.descendants().findAny().isEmpty() && System.nanoTime() < end) {
      Thread.sleep(1);
    }
    return System.nanoTime();
  }

  /** {@code fss sync} on the laptop as its own JVM, as a user or sync.auto runs it. */
  private Process startSync() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        "io.github.fss.Main", "sync");
    pb.directory(onLaptop.toFile());
    pb.environment().clear();
    pb.environment().put("HOME", laptop.home().toString());
    pb.environment().put("FSS_HOME", laptop.fssHome().toString());
    pb.environment().put("FSS_MACHINE", "laptop");
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(tmp.resolve("child.err").toFile());
    Files.deleteIfExists(tmp.resolve("child.err"));
    return pb.start();
  }
}
