package io.github.fss.agents.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a thread's rollout in a CODEX_HOME tree, and listing the recent ones. */
class RolloutLocatorTest {
  private static final String V7 = "019a3c1e-7f2b-7c41-9a0e-5d2f8b6c1a90";
  private static final String V4 = "6a0d3c52-3b1e-4a44-9f0e-2b7c1d9e8f01";
  private static final String COPY = "019a3c1e-0000-7000-8000-00000000c0de";
  private static final Instant NOW = Instant.parse("2026-09-20T12:00:00Z");

  @TempDir Path home;

  @BeforeEach
  void codexHomeWithSomeDays() throws IOException {
    rollout("sessions/2026/09/14", "2026-09-14T08-15-02", V7, ".jsonl", 1);
    rollout("sessions/2026/09/14", "2026-09-14T09-00-00", "019a3c1e-aaaa-7bbb-8ccc-dddddddddddd", ".jsonl.zst", 2);
    rollout("sessions/2025/08/02", "2025-08-02T11-00-00", V4, ".jsonl.zst", 30);
    rollout("sessions/2025/08/02", "2025-08-02T11-00-00", V4, ".jsonl", 3);
    rollout("archived_sessions", "2025-01-05T10-00-00", "11111111-2222-4333-8444-555555555555", ".jsonl.zst", 200);
    rollout("sessions/2026/09/15", "2026-09-15T10-00-00", V7 + "_" + COPY, ".jsonl", 5);
    Files.createDirectories(home.resolve("sessions/2026/notes"));
    Files.writeString(home.resolve("sessions/2026/09/14/rollout-notes.txt"), "not a rollout");
  }

  @Test
  void findsARolloutInItsDayDirectory() {
    assertEquals(home.resolve("sessions/2026/09/14/rollout-2026-09-14T08-15-02-" + V7 + ".jsonl"),
        RolloutLocator.find(home, V7));
  }

  @Test
  void findsAThreadWhoseIdCarriesNoDate() {
    assertEquals(home.resolve("sessions/2025/08/02/rollout-2025-08-02T11-00-00-" + V4 + ".jsonl"),
        RolloutLocator.find(home, V4));
  }

  @Test
  void prefersThePlainFileOverItsCompressedTwin() {
    assertEquals(".jsonl", extension(RolloutLocator.find(home, V4)));
  }

  @Test
  void findsACompressedRolloutWhenThatIsAllThereIs() {
    assertEquals(home.resolve("sessions/2026/09/14/rollout-2026-09-14T09-00-00-019a3c1e-aaaa-7bbb-8ccc-dddddddddddd.jsonl.zst"),
        RolloutLocator.find(home, "019A3C1E-AAAA-7BBB-8CCC-DDDDDDDDDDDD"));
  }

  @Test
  void findsArchivedRollouts() {
    assertEquals(home.resolve("archived_sessions/rollout-2025-01-05T10-00-00-11111111-2222-4333-8444-555555555555.jsonl.zst"),
        RolloutLocator.find(home, "11111111-2222-4333-8444-555555555555"));
  }

  @Test
  void prefersTheExactNameOverASuffixedCopyButFindsTheCopyByItsOwnId() {
    assertEquals(home.resolve("sessions/2026/09/14/rollout-2026-09-14T08-15-02-" + V7 + ".jsonl"),
        RolloutLocator.find(home, V7));
    assertEquals(home.resolve("sessions/2026/09/15/rollout-2026-09-15T10-00-00-" + V7 + "_" + COPY + ".jsonl"),
        RolloutLocator.find(home, COPY));
  }

  @Test
  void refusesIdsThatAreNotUuids() {
    assertNull(RolloutLocator.find(home, "../../etc/passwd"));
    assertNull(RolloutLocator.find(home, "../" + V7));
    assertNull(RolloutLocator.find(home, V7 + "/.."));
    assertNull(RolloutLocator.find(home, "*"));
    assertNull(RolloutLocator.find(home, ""));
    assertNull(RolloutLocator.find(home, null));
  }

  @Test
  void answersNullForAnUnknownThreadOrAMissingHome() {
    assertNull(RolloutLocator.find(home, "019a3c1e-ffff-7fff-8fff-ffffffffffff"));
    assertNull(RolloutLocator.find(home.resolve("nope"), V7));
  }

  @Test
  void listsRolloutsModifiedWithinTheAgeNewestFirstOneFilePerThread() {
    List<Path> recent = RolloutLocator.recent(home, Duration.ofDays(7), NOW);

    assertEquals(List.of(
        home.resolve("sessions/2026/09/14/rollout-2026-09-14T08-15-02-" + V7 + ".jsonl"),
        home.resolve("sessions/2026/09/14/rollout-2026-09-14T09-00-00-019a3c1e-aaaa-7bbb-8ccc-dddddddddddd.jsonl.zst"),
        home.resolve("sessions/2025/08/02/rollout-2025-08-02T11-00-00-" + V4 + ".jsonl"),
        home.resolve("sessions/2026/09/15/rollout-2026-09-15T10-00-00-" + V7 + "_" + COPY + ".jsonl")), recent);
  }

  @Test
  void listsNothingFromAnEmptyHome(@TempDir Path empty) {
    assertEquals(List.of(), RolloutLocator.recent(empty, Duration.ofDays(365), NOW));
  }

  /** A rollout file whose mtime is {@code daysOld} days before NOW. */
  private void rollout(String dir, String stamp, String id, String ext, int daysOld) throws IOException {
    Path d = Files.createDirectories(home.resolve(dir));
    Path f = Files.writeString(d.resolve("rollout-" + stamp + "-" + id + ext), "{}\n");
    Files.setLastModifiedTime(f, FileTime.from(NOW.minus(Duration.ofDays(daysOld))));
  }

  private static String extension(Path p) {
    String n = p.getFileName().toString();
    return n.substring(n.indexOf(".jsonl"));
  }
}
