package io.github.fss.agents.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.capture.CaptureState;
import io.github.fss.capture.HistoryReader;
import io.github.fss.model.CommandRun;
import io.github.fss.redact.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenCodeHistoryTest {
  private static final String USER = "{\"role\":\"user\",\"agent\":\"build\",\"model\":{\"providerID\":\"mock\",\"modelID\":\"mock-model\"}}";
  private static final String ASSISTANT = "{\"role\":\"assistant\",\"mode\":\"build\",\"modelID\":\"mock-model\","
      + "\"path\":{\"cwd\":\"/w\",\"root\":\"/w\"}}";

  @TempDir Path dir;

  private static CaptureState state(Path db) {
    return new CaptureState(Redactor.standard(Map.of()), "opencode", db.toString());
  }

  private static long read(CaptureState s, String session) throws Exception {
    long n = 0;
    boolean[] more = {true};
    while (more[0]) {
      more[0] = false;
      n += new OpenCodeHistory().readNew(session, s, 3, more); // small steps: the cursor must carry over
    }
    return n;
  }

  private static boolean mayHaveNew(CaptureState s, Path db) {
    return !HistoryReader.stamp(db).equals(s.extra.get(HistoryReader.STAMP));
  }

  @Test
  void readsPromptsToolsTodosFilesAndCompactionFromRows() throws Exception {
    Path db = dir.resolve("opencode.db");
    Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    try (OpenCodeDbWriter w = new OpenCodeDbWriter(db, start)) {
      w.session("ses_a", "/work/refunds");
      w.session("ses_other", "/elsewhere");
      String u = w.message("ses_a", USER);
      w.part("ses_a", u, "{\"type\":\"text\",\"text\":\"\\\"Fix the refund rounding\\\"\"}");
      w.part("ses_a", u, "{\"type\":\"text\",\"synthetic\":true,\"text\":\"fireworks-sessions-saver: restorable\"}");
      w.part("ses_other", w.message("ses_other", USER), "{\"type\":\"text\",\"text\":\"not this session\"}");
      String a = w.message("ses_a", ASSISTANT);
      w.part("ses_a", a, "{\"type\":\"step-start\"}");
      w.part("ses_a", a, "{\"type\":\"tool\",\"tool\":\"write\",\"callID\":\"c1\",\"state\":{\"status\":\"completed\","
          + "\"input\":{\"filePath\":\"/work/refunds/src/refund.py\",\"content\":\"SECRET CONTENT\"},"
          + "\"metadata\":{\"exists\":false}}}");
      String bash = w.part("ses_a", a, "{\"type\":\"tool\",\"tool\":\"bash\",\"callID\":\"c2\",\"state\":{\"status\":\"running\","
          + "\"input\":{\"command\":\"pytest -q\"},\"time\":{\"start\":" + w.tick() + "}}}");
      w.part("ses_a", a, "{\"type\":\"tool\",\"tool\":\"todowrite\",\"callID\":\"c3\",\"state\":{\"status\":\"completed\","
          + "\"input\":{\"todos\":[{\"content\":\"Write helper\",\"status\":\"completed\",\"priority\":\"high\",\"id\":\"1\"},"
          + "{\"content\":\"Fix HALF_EVEN\",\"status\":\"in_progress\",\"priority\":\"high\",\"id\":\"2\"}]}}}");
      w.part("ses_a", a, "{\"type\":\"text\",\"text\":\"Half writ\",\"time\":{\"start\":1}}");

      CaptureState s = state(db);
      long first = read(s, "ses_a");
      assertTrue(first >= 6, "rows read: " + first);
      assertEquals("/work/refunds", s.cwd);
      assertEquals(List.of("Fix the refund rounding"), s.prompts());
      assertEquals("created", s.files().get("/work/refunds/src/refund.py"));
      assertEquals(List.of(new CommandRun("pytest -q", null, s.commands().get(0).at())), s.commands());
      assertEquals("Fix HALF_EVEN", s.todos().get(1).content());
      assertEquals("in_progress", s.todos().get(1).status());
      assertNull(s.lastAssistant, "a text still streaming is not taken");
      assertEquals("mock-model", s.model);
      assertTrue(!mayHaveNew(s, db), "nothing new right after a read");

      // OpenCode goes on writing (its connection still open, WAL): only the new rows are read
      w.update(bash, "{\"type\":\"tool\",\"tool\":\"bash\",\"callID\":\"c2\",\"state\":{\"status\":\"completed\","
          + "\"input\":{\"command\":\"pytest -q\"},\"output\":\"(no output)\",\"metadata\":{\"exit\":3},"
          + "\"time\":{\"start\":1,\"end\":2}}}");
      w.part("ses_a", a, "{\"type\":\"patch\",\"hash\":\"x\",\"files\":[\"/work/refunds/src/util.py\"]}");
      String c = w.message("ses_a", USER);
      w.part("ses_a", c, "{\"type\":\"compaction\",\"auto\":true}");
      String sum = w.message("ses_a", "{\"role\":\"assistant\",\"mode\":\"compaction\",\"summary\":true}");
      w.part("ses_a", sum, "{\"type\":\"text\",\"text\":\"SUMMARY: helper written, tests exit 3\",\"time\":{\"start\":1,\"end\":2}}");
      String cont = w.message("ses_a", USER);
      w.part("ses_a", cont, "{\"type\":\"text\",\"synthetic\":true,\"metadata\":{\"compaction_continue\":true},"
          + "\"text\":\"Continue if you have next steps\"}");
      String b = w.message("ses_a", ASSISTANT);
      w.part("ses_a", b, "{\"type\":\"text\",\"text\":\"Tests still fail with exit 3.\",\"time\":{\"start\":1,\"end\":2}}");
      assertTrue(mayHaveNew(s, db));
      long second = read(s, "ses_a");
      assertEquals(6, second);
      assertEquals(1, s.commands().size());
      assertEquals(Integer.valueOf(3), s.commands().get(0).exitCode());
      assertEquals("editing", s.files().get("/work/refunds/src/util.py"));
      assertEquals(List.of("SUMMARY: helper written, tests exit 3"), s.compactionNotes());
      assertEquals(List.of("Fix the refund rounding"), s.prompts(), "synthetic parts are not prompts");
      assertEquals("Tests still fail with exit 3.", s.lastAssistant);
      assertEquals(0, read(s, "ses_a"));
      assertTrue(!s.toTree().toString().contains("SECRET CONTENT"), "paths, never contents");
    }
  }

  @Test
  void aMalformedPartIsSkippedAndReadingGoesOn() throws Exception {
    Path db = dir.resolve("opencode.db");
    try (OpenCodeDbWriter w = new OpenCodeDbWriter(db, Instant.now().minus(1, ChronoUnit.HOURS))) {
      w.session("ses_b", "/work/b");
      String u = w.message("ses_b", USER);
      w.part("ses_b", u, "{not json");
      w.part("ses_b", u, "[1,2]");
      w.part("ses_b", u, "{\"type\":\"text\",\"text\":\"still read\"}");
    }
    CaptureState s = state(db);
    read(s, "ses_b");
    assertEquals(List.of("still read"), s.prompts());
  }

  @Test
  void realOpenCodeDatabase() throws Exception {
    Path real = Path.of(System.getProperty("fss.shared", "../shared"))
        .resolve("fixtures/real/opencode-1.18.33/basic.opencode.db");
    Assumptions.assumeTrue(Files.isRegularFile(real), "no " + real + " (set -Dfss.shared=<dir>)");
    Path db = dir.resolve("opencode.db");
    Files.copy(real, db); // a copy: the fixture's folder is read-only and sqlite wants its -shm beside it
    long before = Files.size(db);
    CaptureState s = state(db);
    read(s, "ses_dccccf2a1ffe01U8Zf6ET2O1aH");
    assertEquals("/home/dev/src/refunds", s.cwd);
    assertEquals(List.of("Write the refund rounding helper in src/refund.py and run the tests.", "Continue."),
        s.prompts());
    assertEquals("created", s.files().get("/home/dev/src/refunds/src/refund.py"));
    assertEquals(1, s.commands().size());
    assertEquals("python3 -c 'import sys; sys.exit(3)'", s.commands().get(0).command());
    assertEquals(Integer.valueOf(3), s.commands().get(0).exitCode());
    assertEquals("Done.", s.lastAssistant);
    assertEquals("mock-model", s.model);
    assertEquals(before, Files.size(db), "read-only: the database is never written");
  }

  /** OpenCode wraps a command-line message with spaces in quotes, escaping the quotes inside (a handoff prompt has some). */
  @Test
  void aWrappedMessageLosesItsQuotesEvenWithEscapedQuotesInside() {
    assertEquals("Write the helper", OpenCodeHistory.unquote("\"Write the helper\""));
    assertEquals("Lines starting with \"> \" are quoted\nfss-handoff: ses_1",
        OpenCodeHistory.unquote("\"Lines starting with \\\"> \\\" are quoted\nfss-handoff: ses_1\""));
    assertEquals("\"a\" and \"b\"", OpenCodeHistory.unquote("\"a\" and \"b\""), "two quoted words are not one wrapped message");
    assertEquals("Continue.", OpenCodeHistory.unquote("Continue."));
  }
}
