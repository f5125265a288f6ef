package io.github.fss.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The threads that fsync new kept files: {@link KeptSyncs#await} returns once every file added is
 * synced by them, leaves none of them running, starts afresh for the next update, and throws the
 * first failure (where a commit must not count on the file) while a file removed since is no failure.
 */
class KeptSyncsTest {
  @TempDir Path dir;

  @Test
  void awaitEndsEverySyncThreadAndTheNextUpdateStartsNewOnes() throws IOException {
    KeptSyncs syncs = new KeptSyncs();
    long others = syncThreads(); // another test's, left by an update that failed before its await
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 40; i++) {
        Path folder = Files.createDirectories(dir.resolve("p" + (i % 3)));
        Path f = folder.resolve(round + "-" + i + ".jsonl.gz");
        Files.write(f, new byte[] {1, 2, 3});
        syncs.add(f);
      }
      syncs.add(dir.resolve("removed-since.jsonl.gz")); // expired before its sync: nothing to keep
      assertEquals(others + KeptSyncs.SYNC_THREADS, syncThreads(), "the sync threads run while files come");
      assertTimeoutPreemptively(Duration.ofSeconds(20), syncs::await);
      assertEquals(others, syncThreads(), "await leaves no sync thread behind");
    }
    syncs.await(); // nothing added: returns at once
  }

  @Test
  void aFileThatCannotBeSyncedFailsTheAwaitOnce() throws IOException {
    KeptSyncs syncs = new KeptSyncs();
    Path file = Files.write(dir.resolve("plain"), new byte[] {1});
    syncs.add(dir.resolve("ok"));
    syncs.add(file.resolve("under-a-file")); // ENOTDIR: not a missing file, a failure
    IOException e = assertThrows(IOException.class, syncs::await);
    assertEquals(file.resolve("under-a-file").toString(), e.getMessage().split(":")[0]);
    syncs.await(); // reported once: the next update starts clean
  }

  private static long syncThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("fss-kept-sync") && t.isAlive())
        .count();
  }
}
