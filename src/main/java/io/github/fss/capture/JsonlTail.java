package io.github.fss.capture;

import io.github.fss.json.Json;
import io.github.fss.json.JsonException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the complete lines appended to a JSONL file since a byte offset, so a capture costs the
 * same at 100 KB as at 200 MB. A torn last line (no newline yet) is left for the next read; a line
 * that does not parse is skipped and counted; a line longer than {@link #MAX_LINE} is skipped
 * without being held in memory. {@code .zst} files are decompressed as a stream (Codex compresses
 * old rollouts), and offsets count decompressed bytes, so a cursor survives the compression.
 */
public final class JsonlTail {
  /** Longest line parsed; longer ones are skipped (they are tool outputs or images, not context). */
  public static final int MAX_LINE = 4 * 1024 * 1024;

  private JsonlTail() {}

  /**
   * What one read did. {@code reset} means the file is shorter than the offset: it was replaced;
   * {@code more} that the byte budget ran out before the last complete line.
   */
  public record Result(long offset, long lines, long skipped, boolean reset, boolean more) {}

  /** Reads from {@code offset} to the last complete line, handing each parsed line to {@code sink}. */
  public static Result read(Path file, long offset, Set<String> skipKeys, Consumer<Object> sink) throws IOException {
    return read(file, offset, skipKeys, sink, Long.MAX_VALUE);
  }

  /**
   * As {@link #read(Path, long, Set, Consumer)}, stopping at the first line end past
   * {@code maxBytes} of input, so a caller can save its cursor before reading on.
   */
  public static Result read(Path file, long offset, Set<String> skipKeys, Consumer<Object> sink, long maxBytes)
      throws IOException {
    if (file.getFileName().toString().endsWith(".zst")) {
      try (InputStream in = ZstdStreams.open(file)) {
        try {
          in.skipNBytes(offset);
        } catch (java.io.EOFException e) {
          return new Result(0, 0, 0, true, false);
        }
        return scan(in, offset, skipKeys, sink, maxBytes);
      }
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < offset) {
        return new Result(0, 0, 0, true, false);
      }
      if (size == offset) {
        return new Result(offset, 0, 0, false, false);
      }
      ch.position(offset);
      return scan(Channels.newInputStream(ch), offset, skipKeys, sink, maxBytes);
    }
  }

  static Result scan(InputStream raw, long start, Set<String> skipKeys, Consumer<Object> sink, long maxBytes)
      throws IOException {
    InputStream in = new BufferedInputStream(raw, 64 * 1024);
    byte[] line = new byte[8192];
    int len = 0;
    boolean oversized = false;
    long pos = start;
    long committed = start;
    long lines = 0;
    long skipped = 0;
    byte[] chunk = new byte[64 * 1024];
    int n;
    while ((n = in.read(chunk)) > 0) {
      for (int i = 0; i < n; i++) {
        byte b = chunk[i];
        pos++;
        if (b != '\n') {
          if (oversized) {
            continue;
          }
          if (len == line.length) {
            if (len >= MAX_LINE) {
              oversized = true;
              continue;
            }
            line = Arrays.copyOf(line, Math.min(MAX_LINE, len * 2));
          }
          line[len++] = b;
          continue;
        }
        committed = pos;
        if (oversized) {
          skipped++;
        } else if (!blank(line, len)) {
          Object tree = parse(line, len, skipKeys);
          if (tree == null) {
            skipped++;
          } else {
            lines++;
            sink.accept(tree);
          }
        }
        len = 0;
        oversized = false;
        if (committed - start >= maxBytes) {
          return new Result(committed, lines, skipped, false, true);
        }
      }
    }
    return new Result(committed, lines, skipped, false, false);
  }

  private static Object parse(byte[] line, int len, Set<String> skipKeys) {
    try {
      // decoded in one go: an InputStreamReader per line allocates (and zeroes) an 8 KB buffer for
      // each, which was a fifth of the time spent indexing transcripts
      return Json.parse(new StringReader(new String(line, 0, len, StandardCharsets.UTF_8)), skipKeys);
    } catch (JsonException e) {
      return null;
    }
  }

  private static boolean blank(byte[] line, int len) {
    for (int i = 0; i < len; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
