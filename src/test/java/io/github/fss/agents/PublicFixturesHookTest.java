package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public transcript in ../shared/fixtures/public, fed to the hook as a session's transcript,
 * gives a session that {@code fss restore} shows without an error. Skipped when ../shared is absent
 * (a user's clone).
 */
class PublicFixturesHookTest {
  @TempDir Path tmp;

  static final String ABSENT = "../shared/fixtures/public absent: skipping public fixture tests";

  static Path shared(String agent) {
    return Path.of(System.getProperty("fss.shared", "../shared")).resolve("fixtures/public").resolve(agent);
  }

  /** The transcripts, or one test that is skipped with a clear message when ../shared is absent. */
  static Stream<DynamicTest> each(Path dir, java.util.function.Function<Path, DynamicTest> test) throws Exception {
    if (!Files.isDirectory(dir)) {
      return Stream.of(DynamicTest.dynamicTest("public fixtures", () -> Assumptions.assumeTrue(false, ABSENT)));
    }
    return files(dir).stream().map(test);
  }

  static List<Path> files(Path dir) throws Exception {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(out::add);
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyClaudeTranscriptRestores() throws Exception {
    return each(shared("claude"), f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      FssHarness fss = new FssHarness(Files.createTempDirectory(tmp, "c"));
      Path repo = FssHarness.gitRepo(fss.home().resolve("proj"), "main");
      String id = "fixture-" + Integer.toHexString(f.getFileName().toString().hashCode());
      Result start = fss.runWithInput(repo, Events.hook("SessionStart", id, f, repo, "\"source\":\"startup\""), "hook", "claude");
      assertEquals(0, start.exit());
      Result stop = fss.runWithInput(repo, Events.hook("Stop", id, f, repo, null), "hook", "claude");
      assertEquals(0, stop.exit());
      assertEquals("", stop.out());
      Result r = fss.run(repo, "restore", id).assertOk();
      assertTrue(r.out().contains("Session " + id), r.out());
      assertTrue(!Files.exists(fss.fssHome().resolve("log/hook.log")), "no hook errors: " + f);
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyCodexRolloutRestores() throws Exception {
    return each(shared("codex"), f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      FssHarness fss = new FssHarness(Files.createTempDirectory(tmp, "x"));
      Path repo = FssHarness.gitRepo(fss.home().resolve("proj"), "main");
      String id = "fixture-" + Integer.toHexString(f.getFileName().toString().hashCode());
      Result stop = fss.runWithInput(repo, Events.hook("Stop", id, f, repo, null), "hook", "codex");
      assertEquals(0, stop.exit());
      Result r = fss.run(repo, "restore", id).assertOk();
      assertTrue(r.out().contains("Session " + id), r.out());
      assertTrue(!Files.exists(fss.fssHome().resolve("log/hook.log")), "no hook errors: " + f);
    }));
  }
}
