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

  /** The buffers kept per thread: a read within a read (from a sink) gets its own, and both read right. */
  @Test
  void aReadWithinAReadKeepsBothLineStreamsApart() throws Exception {
    StringBuilder outer = new StringBuilder();
    StringBuilder inner = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      outer.append("{\"o\":").append(i).append(",\"s\":\"").append("a\\n".repeat(i * 40)).append("\"}\n");
      inner.append("{\"i\":").append(i).append(",\"s\":\"").append("b".repeat(i * 90)).append("\"}\n");
    }
    Path o = Files.writeString(tmp.resolve("o.jsonl"), outer.toString());
    Path in = Files.writeString(tmp.resolve("i.jsonl"), inner.toString());
    List<String> seen = new ArrayList<>();
    JsonlTail.read(o, 0, Set.of(), line -> {
      long n = Json.num(Json.obj(line).get("o"));
      assertEquals("a\n".repeat((int) n * 40), Json.obj(line).get("s"));
      seen.add("o" + n);
      if (n % 100 == 0) {
        try {
          JsonlTail.read(in, 0, Set.of(), l2 -> {
            long k = Json.num(Json.obj(l2).get("i"));
            assertEquals("b".repeat((int) k * 90), Json.obj(l2).get("s"));
            seen.add("i" + k);
          });
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    });
    assertEquals(300 + 3 * 300, seen.size());
    assertEquals("o299", seen.get(seen.size() - 1));
    // and again on the same thread, with the kept buffers
    List<Object> again = new ArrayList<>();
    JsonlTail.read(o, 0, Set.of(), again::add);
    assertEquals(300, again.size());
  }
}
