package io.github.fss.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A reader whose session history is not a JSONL file but rows it queries itself (OpenCode's
 * SQLite database). It keeps its own cursor in the {@link CaptureState} (for rows: the last row's
 * time and id, in {@link CaptureState#extra}); {@link SessionCapture} calls {@link #readNew} where
 * it would tail a file. {@link #apply} takes one row as the reader shapes it. After each complete
 * read it records {@link #stamp} of the database under {@link #STAMP} in the state's extra: a
 * session needs a refresh when the stamp changed (a stat or two, never a query).
 */
public interface HistoryReader extends TranscriptReader {
  /** The key in {@link CaptureState#extra} of the database's stamp at the last complete read. */
  String STAMP = "history_stamp";

  /**
   * Applies what session {@code sessionId}'s history gained since the state's cursor, at most
   * about {@code maxItems} rows ({@code more[0]} tells if it stopped early). Returns the rows read.
   */
  long readNew(String sessionId, CaptureState state, long maxItems, boolean[] more) throws IOException;

  /**
   * The sizes and times of a database file and of its write-ahead log ({@code <file>-wal}, where
   * SQLite writes first): any write changes one of them. Null when the file is missing.
   */
  static String stamp(Path db) {
    try {
      if (!Files.isRegularFile(db)) {
        return null;
      }
      StringBuilder sb = new StringBuilder();
      for (Path p : new Path[] {db, db.resolveSibling(db.getFileName() + "-wal")}) {
        if (Files.exists(p)) {
          sb.append(Files.size(p)).append('@').append(Files.getLastModifiedTime(p).toMillis()).append(';');
        }
      }
      return sb.toString();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
