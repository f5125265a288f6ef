package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files of the wrong kind where fss reads (FIFOs, devices): never block, never read without bound. */
class HostileFilesTest {
  @TempDir Path tmp;
  FssHarness fss;
  Path repo;
  Path fifo;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
  }

  /** A hung read of the FIFO (the fault under test) is released, so no thread stays stuck. */
  @AfterEach
  void release() {
    if (fifo != null) {
      Thread t = new Thread(() -> {
        try (OutputStream o = Files.newOutputStream(fifo)) {
          o.write('\n');
        } catch (Exception e) {
          // nobody was reading
        }
      });
      t.setDaemon(true);
      t.start();
    }
  }

  static Path mkfifo(Path p) throws Exception {
    Process proc = new ProcessBuilder("mkfifo", p.toString()).start();
    assertTrue(proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0, "mkfifo");
    return p;
  }

  Result hook(String event, String session, Path transcript) {
    return fss.runWithInput(repo, Events.hook(event, session, transcript, repo, "\"source\":\"startup\""), "hook", "claude");
  }

  @Test
  void aGitHeadThatIsAFifoOrDevZeroDoesNotHangOrGrowTheHook() throws Exception {
    Path transcript = tmp.resolve("s1.jsonl");
    Files.writeString(transcript, Events.userLine(repo, "hello") + "\n");
    Path head = repo.resolve(".git/HEAD");
    Files.delete(head);
    fifo = mkfifo(head);
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      assertEquals(0, hook("SessionStart", "s1", transcript).exit());
      assertEquals(0, hook("Stop", "s1", transcript).exit());
      fss.run(repo, "save", "--action", "checkpoint", "--session", "s2", "--summary", "manual").assertOk();
      assertTrue(fss.run(repo, "list").assertOk().out().contains("s1"));
    });
    Files.delete(head);
    fifo = null;
    Files.createSymbolicLink(head, Path.of("/dev/zero"));
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      Files.writeString(transcript, Events.userLine(repo, "again") + "\n", java.nio.file.StandardOpenOption.APPEND);
      assertEquals(0, hook("Stop", "s1", transcript).exit());
      Object s = Json.parse(fss.run(repo, "restore", "s1", "--json").assertOk().out());
      assertTrue(Json.write(s, false).contains("again"), "the checkpoint was kept");
    });
  }

  @Test
  void aTranscriptThatIsAFifoIsRefusedWithoutHoldingTheLock() throws Exception {
    fifo = mkfifo(tmp.resolve("s1.jsonl"));
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      assertEquals(0, hook("SessionStart", "s1", fifo).exit());
      assertEquals(0, hook("Stop", "s1", fifo).exit());
      assertEquals(0, hook("Stop", "s1", fifo).exit());
      assertEquals(0, hook("SessionEnd", "s1", fifo).exit());
      fss.run(repo, "list", "--all").assertOk();
    });
    String log = Files.readString(fss.fssHome().resolve("log/hook.log"));
    assertTrue(log.contains("not a regular file"), log);
  }
}
