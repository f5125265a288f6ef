package io.github.fss.agents.gemini;

import io.github.fss.capture.CaptureState;
import io.github.fss.testing.ReaderProjection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Reads a Gemini chat file into a fresh capture state and projects that state to deterministic JSON. */
final class Projection {
  private static final ReaderProjection READS = new ReaderProjection(GeminiChatReader::new, "gemini");

  private Projection() {}

  static CaptureState freshState(Path file) {
    return READS.freshState(file);
  }

  /** Reads the file from the state's offset to its last complete line, as a hook would. */
  static void readMore(Path file, CaptureState state) throws IOException {
    READS.readMore(file, state);
  }

  static CaptureState read(Path file) throws IOException {
    return READS.read(file);
  }

  static Map<String, Object> of(CaptureState s) {
    return ReaderProjection.of(s);
  }

  static String json(CaptureState s) {
    return ReaderProjection.json(s);
  }
}
