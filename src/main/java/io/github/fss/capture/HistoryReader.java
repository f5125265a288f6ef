package io.github.fss.capture;

import java.io.IOException;

/**
 * A reader whose session history is not a JSONL file but rows it queries itself (OpenCode's
 * SQLite database). It keeps its own cursor in the {@link CaptureState} (for rows: the last row's
 * time and id, in {@link CaptureState#extra}); {@link SessionCapture} calls {@link #readNew} where
 * it would tail a file, and {@link #mayHaveNew} where it would compare a file's size with the
 * offset. {@link #apply} takes one row as the reader shapes it.
 */
public interface HistoryReader extends TranscriptReader {
  /**
   * Applies what session {@code sessionId}'s history gained since the state's cursor, at most about {@code maxItems} rows
   * ({@code more[0]} tells if it stopped early). Returns the rows read.
   */
  long readNew(String sessionId, CaptureState state, long maxItems, boolean[] more) throws IOException;

  /** Whether the history may hold rows not read yet: a stat or two, never a query. */
  boolean mayHaveNew(CaptureState state);
}
