package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fss import}: the original tool's files and existing transcripts come in once. */
class ImportTest {
  @TempDir Path tmp;
  FssHarness fss;
  Path repo;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("api"), "feature/jwt");
  }

  private Path seedDir() throws Exception {
    Path dir = Files.createDirectories(fss.home().resolve(".claude/sessions"));
    for (String name : new String[] {"active_3f9a1c22.json", "archive_77b0e4d1_20261120_101500.json", "active_broken.json"}) {
      try (InputStream in = getClass().getResourceAsStream("/seed/" + name)) {
        Files.writeString(dir.resolve(name), new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("__REPO__", repo.toString()));
      }
    }
    return dir;
  }

  @Test
  void seedFilesComeInOnceAndStayUntouched() throws Exception {
    Path dir = seedDir();
    String before = Files.readString(dir.resolve("active_3f9a1c22.json"));
    Result first = fss.run(repo, "import", "seed");
    assertEquals(0, first.exit(), first.err());
    assertTrue(first.out().contains("2 session(s) added"), first.out());
    assertTrue(first.out().contains("1 unreadable"), first.out());
    Result second = fss.run(repo, "import", "seed");
    assertTrue(second.out().contains("0 session(s) added, 2 already present"), second.out());
    assertEquals(before, Files.readString(dir.resolve("active_3f9a1c22.json")));
    Result restore = fss.run(repo, "restore", "3f9a1c22", "--budget", "0").assertOk();
    assertTrue(restore.out().contains("Replace session cookies with JWT refresh tokens"), restore.out());
    assertTrue(restore.out().contains("Revoke all tokens on password change?"), restore.out());
    assertTrue(restore.out().contains("a1b2c3d Move refresh into middleware"), restore.out());
  }

  @Test
  void naiveTimestampsFromOldFilesAreReadAsLocalTime() throws Exception {
    seedDir();
    fss.run(repo, "import", "seed");
    Object s = Json.parse(fss.run(repo, "restore", "3f9a1c22", "--json").assertOk().out());
    assertEquals("2026-11-23T18:40:51", Json.str(s, "last_active"), "stored as it was");
    assertTrue(fss.run(repo, "dashboard", "--all").assertOk().out().contains("Auth refactor"));
  }

  @Test
  void claudeTranscriptsOfTheLastWeekAreImportedOnce() throws Exception {
    Path projects = Files.createDirectories(fss.home().resolve(".claude/projects/-api"));
    Path t = projects.resolve("9d1e2f3a-1111-4c8e-9a51-000000000001.jsonl");
    Files.write(t, List.of(
        "{\"type\":\"user\",\"cwd\":\"" + repo + "\",\"sessionId\":\"9d1e2f3a\",\"message\":{\"role\":\"user\",\"content\":\"add pagination\"},\"uuid\":\"a\",\"timestamp\":\"" + Events.recently() + "\"}"));
    FssHarness.touchNow(t);
    Path old = projects.resolve("0ld00000-1111-4c8e-9a51-000000000002.jsonl");
    Files.copy(t, old);
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(30L * 86400)));
    Result first = fss.run(repo, "import", "claude").assertOk();
    assertTrue(first.out().contains("1 imported"), first.out());
    Result second = fss.run(repo, "import", "claude").assertOk();
    assertTrue(second.out().contains("0 imported, 0 updated, 1 unchanged"), second.out());
    assertTrue(fss.run(repo, "restore", "9d1e2f3a").assertOk().out().contains("add pagination"));
  }
}
