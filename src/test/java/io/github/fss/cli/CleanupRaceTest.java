package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoreConfig;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cleanup deletes a session only if it is still expired when read under the session's lock. */
class CleanupRaceTest {
  @TempDir Path tmp;

  @Test
  void aSessionThatComesBackToLifeDuringCleanupIsKept() throws Exception {
    FssHarness fss = new FssHarness(tmp);
    Path repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    Instant now = Instant.now();
    fss.clock(() -> now.minus(30, ChronoUnit.DAYS));
    fss.run(repo, "save", "--action", "checkpoint", "--session", "alive", "--summary", "old").assertOk();
    fss.run(repo, "save", "--action", "checkpoint", "--session", "dead", "--summary", "old").assertOk();
    fss.clock(() -> now);
    String key = ProjectRoot.key(ProjectRoot.of(repo));
    Path file = fss.fssHome().resolve("projects").resolve(key).resolve("alive.json");

    // another hook of session "alive" is mid-update: it holds the session's lock while cleanup runs
    SessionStore other = new SessionStore(fss.fssHome(), StoreConfig.load(fss.fssHome(), Map.of()), w -> { });
    CountDownLatch holding = new CountDownLatch(1);
    CompletableFuture<Result> cleanup = new CompletableFuture<>();
    AtomicBoolean goneWhileLocked = new AtomicBoolean();
    Thread hook = new Thread(() -> other.update(key, "alive", s -> {
      holding.countDown();
      try {
        cleanup.get(2, TimeUnit.SECONDS); // cleanup is waiting for us (or, unfixed, done)
      } catch (Exception e) {
        // still waiting: as it should
      }
      goneWhileLocked.set(!Files.exists(file));
      return s == null ? null : s.withLastActive(now.toString());
    }));
    hook.start();
    assertTrue(holding.await(10, TimeUnit.SECONDS));
    Thread cleaner = new Thread(() -> cleanup.complete(fss.run(repo, "save", "--action", "cleanup")));
    cleaner.start();
    hook.join(20_000);
    cleaner.join(20_000);
    assertEquals(false, goneWhileLocked.get(), "cleanup deleted a session whose lock another hook held");
    Result r = cleanup.get(1, TimeUnit.SECONDS).assertOk();
    assertTrue(r.out().contains("1 expired session(s)"), r.out());
    assertTrue(Files.exists(file), "the session that became active again is kept");
    assertEquals(0, fss.run(repo, "restore", "alive").exit());
  }
}
