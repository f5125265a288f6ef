package io.github.fss.agents.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's native library: extracted once into a private cache folder (0700, the user's), loaded
 * from there by the next process, never into the shared temp dir; the database is never written.
 */
class OpenCodeDbTest {
  @TempDir Path tmp;

  private String probe(Path javaTmp, Path db) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + javaTmp, "-cp", System.getProperty("java.class.path"),
        OpenCodeDbProbe.class.getName(), db.toString()).redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    System.out.println("OpenCodeDbTest: " + out.strip());
    return out;
  }

  @Test
  void theNativeLibraryIsExtractedOnceIntoAPrivateFolder() throws Exception {
    Path db = tmp.resolve("opencode.db");
    try (OpenCodeDbWriter w = new OpenCodeDbWriter(db, Instant.now())) {
      w.session("ses_a", "/w");
      w.part("ses_a", w.message("ses_a", "{\"role\":\"user\"}"), "{\"type\":\"text\",\"text\":\"hi\"}");
    }
    Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
    probe(javaTmp, db);
    Path dir = javaTmp.resolve("fss-sqlite-" + System.getProperty("user.name"));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.toList();
    }
    assertEquals(1, files.size(), files.toString());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0))));
    try (Stream<Path> s = Files.list(javaTmp)) {
      assertEquals(List.of(dir), s.toList(), "nothing else in the temp dir");
    }
    long modified = Files.getLastModifiedTime(files.get(0)).toMillis();
    probe(javaTmp, db);
    assertEquals(modified, Files.getLastModifiedTime(files.get(0)).toMillis(), "loaded from the cache, not extracted again");
  }

  @Test
  void aCacheFolderOthersCouldWriteIsNotUsed() throws Exception {
    Path db = tmp.resolve("opencode.db");
    try (OpenCodeDbWriter w = new OpenCodeDbWriter(db, Instant.now())) {
      w.session("ses_a", "/w");
    }
    Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
    Path dir = Files.createDirectory(javaTmp.resolve("fss-sqlite-" + System.getProperty("user.name")));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    probe(javaTmp, db);
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(0, s.count(), "nothing written into a folder others can write");
    }
  }
}
