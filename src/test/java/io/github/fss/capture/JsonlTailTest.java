package io.github.fss.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a JSONL tail: complete lines only, in budgeted steps that resume where they stopped. */
class JsonlTailTest {
  @TempDir Path tmp;

  @Test
  void aByteBudgetStopsAtALineEndAndTheNextReadResumesThere() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      sb.append("{\"n\":").append(i).append(",\"pad\":\"").append("x".repeat(90)).append("\"}\n");
    }
    sb.append("{\"n\":100,\"torn");
    Path f = Files.writeString(tmp.resolve("t.jsonl"), sb.toString());
    List<Long> seen = new ArrayList<>();
    long offset = 0;
    int steps = 0;
    JsonlTail.Result r;
    do {
      r = JsonlTail.read(f, offset, Set.of("pad"), line -> seen.add(Json.num(Json.obj(line).get("n"))), 1000);
      assertTrue(r.offset() == 0 || sb.charAt((int) r.offset() - 1) == '\n', "stops at a line end");
      offset = r.offset();
      steps++;
    } while (r.more());
    assertTrue(steps > 5, "read in steps: " + steps);
    assertEquals(100, seen.size());
    assertEquals(99L, seen.get(99));
    assertEquals(sb.lastIndexOf("\n") + 1, offset, "the torn last line is left for later");
    assertFalse(JsonlTail.read(f, offset, Set.of(), line -> seen.add(0L)).more());
    assertEquals(100, seen.size());
  }

  @Test
  void aShorterFileThanTheCursorIsReportedAsReplaced() throws Exception {
    Path f = Files.writeString(tmp.resolve("t.jsonl"), "{}\n");
    assertTrue(JsonlTail.read(f, 500, Set.of(), line -> { }).reset());
  }
}
