package io.github.fss.agents.claude;

import io.github.fss.capture.CaptureState;
import io.github.fss.capture.JsonlTail;
import io.github.fss.redact.Redactor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Feeds a transcript file to the Claude reader the way a hook does: from the state's offset on. */
final class Feed {
  /** One redactor for all tests: compiling its patterns per state would dominate the run time. */
  private static final Redactor REDACTOR = Redactor.standard(Map.of());

  private Feed() {}

  /** A fresh state, as a new session starts with. */
  static CaptureState fresh(String label) {
    return new CaptureState(REDACTOR, "claude", label);
  }

  /** Reads everything in the file into a fresh state. */
  static CaptureState readAll(Path file) throws IOException {
    CaptureState s = fresh(file.getFileName().toString());
    readMore(file, s);
    return s;
  }

  /**
   * Reads the complete lines after {@code state.offset} (like SessionCapture.readInto, without the
   * .zst twin); a line the reader throws on is counted as skipped, as the hook does.
   */
  static void readMore(Path file, CaptureState state) throws IOException {
    ClaudeTranscriptReader reader = new ClaudeTranscriptReader();
    JsonlTail.Result r = JsonlTail.read(file, state.offset, reader.skipKeys(), line -> {
      try {
        reader.apply(line, state);
      } catch (RuntimeException e) {
        state.skippedLines++;
      }
    });
    state.offset = r.offset();
    state.lines += r.lines();
    state.skippedLines += r.skipped();
  }

  /** The state as the next run would load it: through its stored tree. */
  static CaptureState persisted(CaptureState s) {
    return restored(s.toTree());
  }

  /** A state loaded from its stored tree. */
  static CaptureState restored(Map<String, Object> tree) {
    return CaptureState.fromTree(tree, REDACTOR);
  }
}
