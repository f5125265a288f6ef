package io.github.fss.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import io.github.fss.testing.Transcript;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.NIOFSDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index is derived: deleted, truncated or raced, it is rebuilt and never wrong or in the way. */
class IndexRecoveryTest {
  @TempDir Path tmp;
  FssHarness fss;
  Path repo;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    for (int i = 0; i < 12; i++) {
      String id = "s" + i;
      Transcript t = new Transcript(tmp.resolve("t").resolve(id + ".jsonl"), repo)
          .prompt("task " + i + " about the zebra" + i + " migration").bash("make test" + i, i % 3, "ok");
      assertEquals(0, fss.runWithInput(repo, Events.hook("Stop", id, t.file(), repo, null), "hook", "claude").exit());
    }
  }

  Path lucene() {
    return fss.fssHome().resolve("index").resolve("lucene");
  }

  int hits(Result r) {
    return Json.arr(Json.obj(Json.parse(r.out())).get("hits")).size();
  }

  void assertAllFound() {
    for (int i = 0; i < 12; i++) {
      Result r = fss.run(repo, "search", "zebra" + i, "--json");
      assertEquals(0, r.exit(), r.err());
      assertEquals(1, hits(r), "zebra" + i + ": " + r.out());
    }
  }

  void assertClean() throws IOException {
    try (NIOFSDirectory d = new NIOFSDirectory(lucene()); CheckIndex c = new CheckIndex(d)) {
      assertTrue(c.checkIndex().clean, "index is not clean");
    }
  }

  @Test
  void theIndexAndKeptTextArePrivate() throws Exception {
    fss.run(repo, "index").assertOk();
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lucene())));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lucene().getParent())));
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(lucene())) {
      for (Path p : ds) {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
      }
    }
    Path kept = fss.fssHome().resolve("kept");
    try (var walk = Files.walk(kept)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String want = Files.isDirectory(p) ? "rwx------" : "rw-------";
        assertEquals(want, PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        // new kept files are renamed into place unsynced, then synced before the commit: no temp left
        assertTrue(!p.getFileName().toString().endsWith(".tmp"), p.toString());
      }
    }
  }

  @Test
  void aDeletedIndexIsRebuiltOnTheNextSearch() throws Exception {
    fss.run(repo, "index").assertOk();
    try (var walk = Files.walk(fss.fssHome().resolve("index"))) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertAllFound();
    assertClean();
  }

  @Test
  void aTruncatedIndexIsRebuiltWithOneNote() throws Exception {
    fss.run(repo, "index").assertOk();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(lucene())) {
      for (Path p : ds) {
        if (!p.getFileName().toString().equals("write.lock")) {
          try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2);
          }
        }
      }
    }
    Result r = fss.run(repo, "search", "zebra3", "--json");
    assertEquals(0, r.exit(), r.err());
    assertEquals(1, hits(r), r.out());
    assertTrue(r.err().startsWith("note: the search index was unreadable"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertAllFound();
    assertClean();
  }

  @Test
  void aGarbledIndexNeverBreaksAnotherCommand() throws Exception {
    fss.run(repo, "index").assertOk();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(lucene())) {
      for (Path p : ds) {
        Files.write(p, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
      }
    }
    fss.run(repo, "list").assertOk();
    fss.run(repo, "restore", "s1").assertOk();
    fss.run(repo, "dashboard").assertOk();
    assertEquals(0, fss.run(repo, "index").exit());
    assertAllFound();
  }

  @Test
  void aDamagedKeptFileIsSetAsideAndReadAgainFromTheTranscript() throws Exception {
    fss.run(repo, "index").assertOk();
    Path kept;
    try (var walk = Files.walk(fss.fssHome().resolve("kept"))) {
      kept = walk.filter(p -> p.getFileName().toString().equals("s3.jsonl.gz")).findFirst().orElseThrow();
    }
    Files.writeString(kept, "not gzip at all");
    fss.run(repo, "index", "--rebuild").assertOk();
    assertAllFound();
    try (var files = Files.list(kept.getParent())) {
      assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("s3.jsonl.gz.damaged-")).count());
    }
  }

  @Test
  void indexersInManyThreadsAtOnceLeaveOneCleanIndex() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Result>> runs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String[] args = i % 2 == 0 ? new String[] {"index"} : new String[] {"search", "zebra" + i, "--json"};
      runs.add(pool.submit(() -> fss.run(repo, args)));
    }
    for (Future<Result> f : runs) {
      Result r = f.get(120, TimeUnit.SECONDS);
      assertEquals(0, r.exit(), r.err());
      assertEquals("", r.err());
    }
    pool.shutdown();
    assertAllFound();
    assertClean();
    // each session kept once: no text was read twice
    Result r = fss.run(repo, "search", "\"make test3\"", "--json");
    assertEquals("make test3 (exit 0)", Json.str(Json.obj(Json.arr(Json.obj(Json.parse(r.out())).get("hits")).get(0))
        .get("snippet")).replace("«", "").replace("»", ""));
  }

  @Test
  void twoProcessesIndexingAtOnceLeaveOneCleanIndex() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
          "io.github.fss.Main", "index", "--json");
      pb.environment().put("HOME", fss.home().toString());
      pb.environment().put("FSS_HOME", fss.fssHome().toString());
      pb.directory(repo.toFile());
      pb.redirectErrorStream(true);
      ps.add(pb.start());
    }
    for (Process p : ps) {
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.startsWith("{"), out);
    }
    assertAllFound();
    assertClean();
  }
}
