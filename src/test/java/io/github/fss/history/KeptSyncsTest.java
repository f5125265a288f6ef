package io.github.fss.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How new kept files are made durable before a commit: many by one syncfs of their folders' file
 * systems, a few (or where syncfs cannot be had) by an fsync each, whose first failure is thrown
 * once; a file removed since (its session expired) is no failure.
 */
class KeptSyncsTest {
  @TempDir Path dir;

  @Test
  void manyFilesAreSyncedByTheirFileSystemsFewOneByOne() throws IOException {
    List<Collection<Path>> asked = new ArrayList<>();
    KeptSyncs syncs = new KeptSyncs(folders -> asked.add(new ArrayList<>(folders)));

    add(syncs, KeptSyncs.SYNCFS_FROM - 1, 0);
    syncs.await();
    assertEquals(List.of(), asked, "a few files are fsynced, not their file system");

    add(syncs, KeptSyncs.SYNCFS_FROM, 1);
    syncs.await();
    assertEquals(1, asked.size());
    assertEquals(Set.of(dir.resolve("p0"), dir.resolve("p1"), dir.resolve("p2")), new TreeSet<>(asked.get(0)),
        "each folder once, for syncfs to find its file system");

    syncs.await(); // nothing added since: nothing to sync
    assertEquals(1, asked.size());
  }

  @Test
  void whereSyncfsFailsEachFileIsFsyncedAndTheFirstFailureThrownOnce() throws IOException {
    KeptSyncs syncs = new KeptSyncs(folders -> false);
    add(syncs, KeptSyncs.SYNCFS_FROM + 5, 0);
    syncs.add(dir.resolve("removed-since.jsonl.gz")); // expired before its sync: nothing to keep
    syncs.await();

    Path file = Files.write(dir.resolve("plain"), new byte[] {1});
    add(syncs, KeptSyncs.SYNCFS_FROM, 1);
    syncs.add(file.resolve("under-a-file")); // ENOTDIR: not a missing file, a failure
    IOException e = assertThrows(IOException.class, syncs::await);
    assertEquals(file.resolve("under-a-file").toString(), e.getMessage().split(":")[0]);
    syncs.await(); // reported once: the next update starts clean
  }

  @Test
  void theRealSyncfsSyncsThisFileSystem() throws IOException {
    boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux");
    org.junit.jupiter.api.Assumptions.assumeTrue(linux && Files.isExecutable(Path.of("/bin/sync")),
        "syncfs is had through coreutils' sync -f, on Linux");
    assertTrue(io.github.fss.store.FileSystemSync.syncfs(List.of(dir, dir.resolve("."))));
    assertTrue(io.github.fss.store.FileSystemSync.syncfs(List.of(dir.resolve("removed-since"))),
        "a folder removed since has nothing left to sync");
    Path file = Files.write(dir.resolve("plain"), new byte[] {1});
    assertEquals(false, io.github.fss.store.FileSystemSync.syncfs(List.of(file.resolve("under-a-file"))),
        "a failed sync claims nothing");
  }

  private void add(KeptSyncs syncs, int n, int round) throws IOException {
    for (int i = 0; i < n; i++) {
      Path folder = Files.createDirectories(dir.resolve("p" + (i % 3)));
      syncs.add(Files.write(folder.resolve(round + "-" + i + ".jsonl.gz"), new byte[] {1, 2, 3}));
    }
  }
}
