package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User mistakes get one clear line and the right exit code, and damage nothing. */
class ErrorsTest {
  @TempDir Path tmp;
  FssHarness fss;
  Path repo;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("repo"), "main");
    fss.run(repo, "save", "--action", "checkpoint", "--summary", "kept").assertOk();
  }

  private static void assertOneLine(Result r, int exit) {
    assertEquals(exit, r.exit(), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertTrue(r.err().strip().lines().count() <= 2, r.err());
  }

  @Test
  void anUnknownSessionIsOneLineAndExit1() {
    Result r = fss.run(repo, "restore", "no-such-session");
    assertOneLine(r, 1);
    assertTrue(r.err().contains("no session 'no-such-session'"), r.err());
  }

  @Test
  void aMalformedFilesFlagIsRefusedBeforeAnythingIsWritten() throws Exception {
    String before = fss.run(repo, "restore", "--json").out();
    Result r = fss.run(repo, "save", "--action", "checkpoint", "--summary", "bad", "--files", "a.ts:owner");
    assertOneLine(r, 1);
    assertTrue(r.err().contains("role 'owner'"), r.err());
    assertEquals(before, fss.run(repo, "restore", "--json").out());
  }

  @Test
  void anUnwritableStoreIsOneLineAndExit1() throws Exception {
    Path ro = Files.createDirectories(tmp.resolve("ro"));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-x------"));
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(ro), "running as a user who can write anywhere");
    fss.env("FSS_HOME", ro.resolve("store").toString());
    Result r = fss.run(repo, "save", "--action", "checkpoint", "--summary", "x");
    assertOneLine(r, 1);
    assertTrue(r.err().contains("FSS_HOME"), r.err());
  }

  @Test
  void aStoreThatCannotBeCreatedIsOneLineAndExit1() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    fss.env("FSS_HOME", file.resolve("store").toString());
    Result r = fss.run(repo, "save", "--action", "checkpoint", "--summary", "x");
    assertOneLine(r, 1);
    assertTrue(r.err().contains("cannot write to the store"), r.err());
  }

  @Test
  void badSessionFilesGiveOneClearLine() throws Exception {
    Path garbage = Files.write(tmp.resolve("garbage.json"), new byte[] {(byte) 0xff, 0, 1, 2, '{'});
    Path notSession = Files.writeString(tmp.resolve("other.json"), "{\"name\": \"package\"}");
    Path deep = Files.writeString(tmp.resolve("deep.json"), "[".repeat(100_000));
    for (Path p : new Path[] {garbage, notSession, deep, tmp.resolve("absent.json")}) {
      Result r = fss.run(repo, "restore", p.toString());
      assertOneLine(r, 1);
      Result d = fss.run(repo, "diff", "--session-file", p.toString());
      assertOneLine(d, 1);
    }
    assertTrue(Files.exists(garbage), "a file outside the store is never moved");
  }

  @Test
  void doctorReportsAUserRedactionPatternThatDoesNotCompile() throws Exception {
    Files.writeString(fss.fssHome().resolve("config.properties"), "redact.internal=ticket-[0-9+\n");
    Result r = fss.run(repo, "doctor");
    assertEquals(1, r.exit(), r.out());
    assertTrue(r.out().contains("redact.internal"), r.out());
  }

  @Test
  void anUnknownOptionIsAUsageErrorExit2() {
    assertOneLine(fss.run(repo, "list", "--bogus"), 2);
    assertOneLine(fss.run(repo, "frobnicate"), 2);
  }

  @Test
  void everyVerbHasHelp() {
    for (String verb : Cli.verbs().keySet()) {
      Result r = fss.run(repo, verb, "--help").assertOk();
      assertTrue(r.out().startsWith("usage: fss " + verb), verb + ": " + r.out());
    }
  }

  @Test
  void aCorruptSessionFileIsQuarantinedAndOthersKeepWorking() throws Exception {
    Path dir;
    try (var s = Files.list(fss.fssHome().resolve("projects"))) {
      dir = s.findFirst().orElseThrow();
    }
    Files.writeString(dir.resolve("broken.json"), "{\"session_id\": \"broken\", \"checkpoints\": [");
    Result r = fss.run(repo, "list");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("kept"), r.out());
    assertTrue(r.err().contains("moved to"), r.err());
    assertFalse(Files.exists(dir.resolve("broken.json")));
    try (var s = Files.list(fss.fssHome().resolve("corrupt"))) {
      assertEquals(1, s.count());
    }
  }
}
