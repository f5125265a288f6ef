package io.github.fss.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The install-time training run must exercise working commands: a failing step trains an error path. */
class TrainingTest {
  @TempDir
  Path dir;

  @Test
  void everyStepSucceedsAndStaysInsideItsDirectory() throws IOException {
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    Training.Result r = Training.run(dir, Training.Mode.ALL, new PrintStream(report, true, StandardCharsets.UTF_8));
    assertEquals("", report.toString(StandardCharsets.UTF_8));
    assertEquals(0, r.failed());
    // the compaction re-injection and the second session's start notice: the paths that print
    assertTrue(r.hookOutputs() >= 2, r.toString());
    List<Path> sessions;
    try (Stream<Path> s = Files.walk(dir.resolve("store/projects"))) {
      sessions = s.filter(p -> p.toString().endsWith(".json")).collect(Collectors.toList());
    }
    // two Claude Code sessions, one Codex session, one manual session saved by the verbs
    assertTrue(sessions.size() >= 4, sessions.toString());
    Path log = dir.resolve("store/log/hook.log");
    String logged = Files.exists(log) ? Files.readString(log) : "";
    // the one malformed event is deliberate; nothing else may fail
    assertEquals(1, logged.lines().count(), logged);
    assertTrue(logged.contains("malformed"), logged);
  }

  /**
   * The two archives install.sh makes: each group's run succeeds on its own, and the core one never
   * opens the search index (a JDK 25 AOT cache loads every class it holds at each start).
   */
  @Test
  void theCoreAndHistoryRunsSucceedAndOnlyHistoryOpensTheIndex() throws IOException {
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    PrintStream p = new PrintStream(report, true, StandardCharsets.UTF_8);
    Training.Result core = Training.run(dir.resolve("core"), Training.Mode.CORE, p);
    Training.Result history = Training.run(dir.resolve("history"), Training.Mode.HISTORY, p);
    assertEquals("", report.toString(StandardCharsets.UTF_8));
    assertEquals(0, core.failed() + history.failed());
    assertTrue(core.commands() > history.commands(), core + " " + history);
    assertTrue(!Files.exists(dir.resolve("core/store/index")), "the core training opened the search index");
    assertTrue(Files.isDirectory(dir.resolve("history/store/index")), "the history training made no index");
  }

  /**
   * The read archive's run over a store a hook run prepared (install.sh runs them in two JVMs): it
   * runs no hook itself, and the session whose transcript grew is refreshed by list and restore.
   */
  @Test
  void theReadRunAfterAHookRunRunsOnlyTheReadingVerbs() throws IOException {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Training.run(dir, Training.Mode.HOOK, quiet);
    Path session = sessionFile("11111111-2222-4333-8444-555555555555");
    String before = Files.readString(session);
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    Training.Result read = Training.run(dir, Training.Mode.READ, new PrintStream(report, true, StandardCharsets.UTF_8));
    assertEquals("", report.toString(StandardCharsets.UTF_8));
    assertEquals(0, read.failed());
    assertEquals(0, read.hookOutputs(), read.toString());
    assertTrue(read.commands() > 0 && read.commands() < 20, read.toString());
    assertTrue(!Files.readString(session).equals(before), "list and restore did not refresh the grown session");
    assertTrue(!Files.exists(dir.resolve("store/index")), "the read training opened the search index");
  }

  @Test
  void theReadRunAloneMakesItsStoreItself() throws IOException {
    Training.Result read = Training.run(dir, Training.Mode.READ,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(0, read.failed());
    assertTrue(read.hookOutputs() >= 2, read.toString());
  }

  private Path sessionFile(String id) throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("store/projects"))) {
      return s.filter(p -> p.getFileName().toString().equals(id + ".json")).findFirst().orElseThrow();
    }
  }

  @Test
  void hookModeRunsOnlyTheHooks() throws IOException {
    Training.Result r = Training.run(dir, Training.Mode.HOOK,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(0, r.failed());
    assertTrue(r.hookOutputs() >= 2, r.toString());
    assertTrue(Files.isDirectory(dir.resolve("store/projects")));
  }
}
