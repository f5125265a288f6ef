package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.FssHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions expire after the retention window; the window and checkpoint count are configurable. */
class RetentionTest {
  @TempDir Path tmp;

  @Test
  void expiredSessionsAreHiddenShownWithAllAndDeletedByCleanup() throws Exception {
    FssHarness fss = new FssHarness(tmp);
    Path repo = FssHarness.gitRepo(tmp.resolve("r"), "main");
    Instant start = Instant.now();
    fss.clock(() -> start);
    fss.run(repo, "save", "--action", "checkpoint", "--session", "old", "--summary", "old work").assertOk();
    fss.clock(() -> start.plus(Duration.ofDays(8)));
    assertFalse(fss.run(repo, "list").out().contains("old work"));
    assertTrue(fss.run(repo, "list", "--all").out().contains("old work"));
    assertTrue(fss.run(repo, "dashboard", "--all").out().contains("old work"));
    assertTrue(fss.run(repo, "save", "--action", "cleanup").assertOk().out().contains("1 expired session(s)"));
    assertFalse(fss.run(repo, "list", "--all").out().contains("old work"));
  }

  @Test
  void retentionAndWindowComeFromTheConfigFileAndTheEnvironmentWins() throws Exception {
    FssHarness fss = new FssHarness(tmp);
    Path repo = FssHarness.gitRepo(tmp.resolve("r"), "main");
    Files.createDirectories(fss.fssHome());
    Files.writeString(fss.fssHome().resolve("config.properties"), "retention_days=30\nmax_checkpoints=3\n");
    for (int i = 0; i < 5; i++) {
      fss.run(repo, "save", "--action", "checkpoint", "--session", "s", "--summary", "c" + i).assertOk();
    }
    Object s = Json.parse(fss.run(repo, "restore", "s", "--json").out());
    assertEquals(3, Json.arr(Json.obj(s).get("checkpoints")).size());
    fss.env("FSS_MAX_CHECKPOINTS", "4");
    fss.run(repo, "save", "--action", "checkpoint", "--session", "s", "--summary", "c5").assertOk();
    s = Json.parse(fss.run(repo, "restore", "s", "--json").out());
    assertEquals(4, Json.arr(Json.obj(s).get("checkpoints")).size());
  }
}
