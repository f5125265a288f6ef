package io.github.fss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A link planted inside the store is refused and reported, never followed. */
class StoreLinksTest {
  @TempDir Path tmp;
  FssHarness fss;
  Path repo;
  Path outside;
  Path projectDir;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(outside.resolve("victim.txt"), "keep me\n");
    fss.run(repo, "save", "--action", "checkpoint", "--session", "s1", "--summary", "first").assertOk();
    try (var ds = Files.newDirectoryStream(fss.fssHome().resolve("projects"))) {
      projectDir = ds.iterator().next();
    }
  }

  void assertOutsideUntouched() throws Exception {
    assertEquals("keep me\n", Files.readString(outside.resolve("victim.txt")));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(outside)));
    try (var files = Files.list(outside)) {
      assertEquals(1, files.count(), "nothing new written outside the store");
    }
  }

  Result save() {
    return fss.run(repo, "save", "--action", "checkpoint", "--session", "s1", "--summary", "second");
  }

  @Test
  void aSessionFileThatIsALinkIsRefused() throws Exception {
    Path file = projectDir.resolve("s1.json");
    Files.delete(file);
    Files.createSymbolicLink(file, outside.resolve("victim.txt"));
    Result r = save();
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("symbolic link"), r.err());
    assertOutsideUntouched();
  }

  @Test
  void aProjectFolderThatIsALinkIsRefusedAndNotChmodded() throws Exception {
    Files.delete(projectDir.resolve("s1.json"));
    Files.delete(projectDir.resolve("s1.lock"));
    Files.delete(projectDir);
    Files.createSymbolicLink(projectDir, outside);
    Result r = save();
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("symbolic link"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertOutsideUntouched();
    assertEquals(0, fss.run(repo, "list", "--all").exit());
    assertOutsideUntouched();
  }

  @Test
  void aLockFileThatIsALinkIsRefused() throws Exception {
    Path lock = projectDir.resolve("s1.lock");
    Files.delete(lock);
    Files.createSymbolicLink(lock, outside.resolve("new-file"));
    assertEquals(1, save().exit());
    assertOutsideUntouched();
  }

  @Test
  void aHookLogThatIsALinkIsNotAppendedTo() throws Exception {
    Path log = Files.createDirectories(fss.fssHome().resolve("log")).resolve("hook.log");
    Files.createSymbolicLink(log, outside.resolve("victim.txt"));
    assertEquals(0, fss.runWithInput(repo, "garbage", "hook", "claude").exit());
    assertEquals(0, fss.runWithInput(repo, Events.hook("Stop", "../x", tmp.resolve("t.jsonl"), repo, null),
        "hook", "claude").exit());
    assertOutsideUntouched();
  }
}
