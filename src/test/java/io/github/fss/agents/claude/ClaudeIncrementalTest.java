package io.github.fss.agents.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.capture.CaptureState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a transcript in pieces, with the state stored and loaded between pieces as the hooks
 * do, must end exactly where reading it at once ends: same offset, same captured state.
 */
class ClaudeIncrementalTest {
  @TempDir
  Path tmp;

  @TestFactory
  Stream<DynamicTest> goldenCasesReadInTwoPartsEqualReadAtOnce() throws IOException {
    return ClaudeGoldenTest.cases().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
      byte[] all = Files.readAllBytes(ClaudeGoldenTest.DIR.resolve(name + ".jsonl"));
      Map<String, Object> whole = readAtOnce(all);

      for (int cut : cutPoints(all)) {
        assertEquals(whole, readInTwoParts(all, cut), name + " cut at byte " + cut);
      }
    }));
  }

  @Test
  void tornLineIsLeftForTheNextReadThenCompleted() throws IOException {
    // Arrange: a transcript whose last line is still being written
    byte[] all = Files.readAllBytes(ClaudeGoldenTest.DIR.resolve("basic_turn.jsonl"));
    int lastLineStart = lastLineStart(all);
    int cut = lastLineStart + (all.length - lastLineStart) / 2;
    Path file = tmp.resolve("live.jsonl");
    Files.write(file, Arrays.copyOf(all, cut));
    CaptureState state = Feed.fresh("session");

    // Act: read the torn file, store the state, let the line finish, read again
    Feed.readMore(file, state);
    long offsetAfterTornRead = state.offset;
    CaptureState next = Feed.persisted(state);
    Files.write(file, all);
    Feed.readMore(file, next);

    // Assert
    assertEquals(lastLineStart, offsetAfterTornRead, "offset must stop at the last complete line");
    assertEquals(readAtOnce(all), next.toTree());
  }

  @Test
  void publicTurnOneThenTurnTwoEqualsTurnTwoReadAtOnce() throws IOException {
    // Arrange: turn-1 is an exact byte prefix of turn-2 (the same session one turn later)
    Path dir = SharedFixtures.requireClaudeDir();
    Path turn1 = dir.resolve("codemie-code__incremental-subagents_turn-1.jsonl");
    Path turn2 = dir.resolve("codemie-code__incremental-subagents_turn-2.jsonl");
    byte[] before = Files.readAllBytes(turn1);
    byte[] after = Files.readAllBytes(turn2);
    assertTrue(Arrays.equals(before, Arrays.copyOf(after, before.length)), "turn-1 is not a prefix of turn-2");
    Path live = tmp.resolve("session.jsonl");
    Files.write(live, before);
    CaptureState state = Feed.fresh("session");

    // Act
    Feed.readMore(live, state);
    long offsetAfterTurn1 = state.offset;
    CaptureState next = Feed.persisted(state);
    Files.write(live, after);
    Feed.readMore(live, next);

    // Assert
    assertEquals(before.length, offsetAfterTurn1);
    assertEquals(readAtOnce(after), next.toTree());
  }

  @Test
  void publicTurnTwoCutInsideALineEqualsTurnTwoReadAtOnce() throws IOException {
    // Arrange: turn-2 cut in the middle of its 30th line
    Path dir = SharedFixtures.requireClaudeDir();
    byte[] all = Files.readAllBytes(dir.resolve("codemie-code__incremental-subagents_turn-2.jsonl"));
    int lineStart = nthLineStart(all, 29);
    int lineEnd = indexOf(all, (byte) '\n', lineStart);
    int cut = lineStart + (lineEnd - lineStart) / 2;
    Path live = tmp.resolve("session.jsonl");
    Files.write(live, Arrays.copyOf(all, cut));
    CaptureState state = Feed.fresh("session");

    // Act
    Feed.readMore(live, state);
    long offsetAfterTornRead = state.offset;
    CaptureState next = Feed.persisted(state);
    Files.write(live, all);
    Feed.readMore(live, next);

    // Assert
    assertEquals(lineStart, offsetAfterTornRead, "offset must stop at the start of the torn line");
    assertEquals(readAtOnce(all), next.toTree());
  }

  // ---- helpers

  private Map<String, Object> readAtOnce(byte[] bytes) throws IOException {
    Path file = tmp.resolve("whole.jsonl");
    Files.write(file, bytes);
    CaptureState s = Feed.fresh("session");
    Feed.readMore(file, s);
    return s.toTree();
  }

  private Map<String, Object> readInTwoParts(byte[] bytes, int cut) throws IOException {
    Path file = tmp.resolve("growing.jsonl");
    Files.write(file, Arrays.copyOf(bytes, cut));
    CaptureState s = Feed.fresh("session");
    Feed.readMore(file, s);
    CaptureState next = Feed.persisted(s);
    Files.write(file, bytes);
    Feed.readMore(file, next);
    return next.toTree();
  }

  /** Every line boundary, and the middle of every line. */
  private static List<Integer> cutPoints(byte[] bytes) {
    List<Integer> cuts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        cuts.add(start + (i - start) / 2);
        cuts.add(i + 1);
        start = i + 1;
      }
    }
    if (start < bytes.length) {
      cuts.add(start + (bytes.length - start) / 2);
    }
    return cuts;
  }

  private static int lastLineStart(byte[] bytes) {
    int end = bytes.length - 1; // the final newline
    for (int i = end - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i + 1;
      }
    }
    return 0;
  }

  private static int nthLineStart(byte[] bytes, int n) {
    int pos = 0;
    for (int line = 0; line < n; line++) {
      pos = indexOf(bytes, (byte) '\n', pos) + 1;
    }
    return pos;
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new IllegalArgumentException("no byte " + b + " after " + from);
  }
}
