package io.github.fss.capture;

import io.github.fss.store.RegularFiles;
import io.github.fss.json.Json;
import io.github.fss.json.JsonBytes;
import io.github.fss.json.JsonException;
import java.io.IOException;
import java.io.InputStream;
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

  /**
   * The largest read buffer (a thread keeps it grown): a line up to about half this long is parsed
   * where it was read, with its end found by the parse; a longer one is gathered aside first.
   */
  static final int MAX_CHUNK = 1 << 20;

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
    return read(file, offset, skipKeys, sink, maxBytes, null);
  }

  /** Told after each parsed line: where it ends, and the lines parsed and skipped so far in this read. */
  public interface LineEnd {
    void at(long offset, long lines, long skipped);
  }

  /** As {@link #read(Path, long, Set, Consumer, long)}, telling {@code lineEnd} (if not null) after each parsed line. */
  public static Result read(Path file, long offset, Set<String> skipKeys, Consumer<Object> sink, long maxBytes,
      LineEnd lineEnd) throws IOException {
    // a FIFO would block the open (and the hook, holding the session's lock); a device never ends
    RegularFiles.require(file);
    if (file.getFileName().toString().endsWith(".zst")) {
      try (InputStream in = ZstdStreams.open(file)) {
        try {
          in.skipNBytes(offset);
        } catch (java.io.EOFException e) {
          return new Result(0, 0, 0, true, false);
        }
        return scan(in, offset, skipKeys, sink, maxBytes, lineEnd);
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
      return scan(Channels.newInputStream(ch), offset, skipKeys, sink, maxBytes, lineEnd);
    }
  }

  static Result scan(InputStream raw, long start, Set<String> skipKeys, Consumer<Object> sink, long maxBytes)
      throws IOException {
    return scan(raw, start, skipKeys, sink, maxBytes, null);
  }

  static Result scan(InputStream raw, long start, Set<String> skipKeys, Consumer<Object> sink, long maxBytes,
      LineEnd lineEnd) throws IOException {
    // the chunk is read into directly (a buffered stream would copy every byte once more)
    InputStream in = raw;
    Scratch held = SCRATCH.get();
    // a sink that reads another file on this thread (a reader within a reader) gets buffers of its own
    Scratch scratch = held.busy ? new Scratch() : held;
    scratch.busy = true;
    try {
      return scan(in, start, skipKeys, sink, maxBytes, lineEnd, scratch);
    } finally {
      scratch.busy = false;
    }
  }

  private static Result scan(InputStream in, long start, Set<String> skipKeys, Consumer<Object> sink, long maxBytes,
      LineEnd lineEnd, Scratch scratch) throws IOException {
    Lines lines = new Lines(skipKeys, scratch);
    JsonBytes parser = scratch.parser;
    byte[] chunk = scratch.chunk;
    long base = start; // the file offset of chunk[0]
    long committed = start;
    int from = 0; // chunk[from, n) is read and not yet taken
    int n = 0;
    int scanned = 0; // no newline in chunk[from, scanned)
    while (true) {
      if (from > 0) {
        // the line begun at the end moves to the front, so it is parsed where it lies once complete
        System.arraycopy(chunk, from, chunk, 0, n - from);
        base += from;
        n -= from;
        scanned -= from;
        from = 0;
      }
      if (n > chunk.length / 2 && chunk.length < MAX_CHUNK) {
        // a long line: a bigger chunk, to hold it whole and still read a good step at a time
        chunk = Arrays.copyOf(chunk, Math.min(MAX_CHUNK, chunk.length * 2));
        scratch.chunk = chunk;
      } else if (n == chunk.length) {
        // longer than the largest chunk: gathered aside, as it comes
        lines.append(chunk, 0, n);
        base += n;
        n = 0;
        scanned = 0;
      }
      int got = in.read(chunk, n, chunk.length - n);
      if (got <= 0) {
        return new Result(committed, lines.parsed, lines.skipped, false, false);
      }
      n += got;
      while (from < n) {
        Object tree = JsonBytes.UNSURE;
        int nl = -1;
        if (scanned == from && !lines.pending()) {
          // the usual line: parsed in place, its end found on the way (one pass over its bytes)
          tree = parser.readLine(chunk, from, n, skipKeys);
          if (tree != JsonBytes.UNSURE) {
            nl = parser.lineEnd();
            lines.parsed++;
          }
        }
        if (nl < 0) {
          nl = Math.max(scanned, from);
          while (nl < n && chunk[nl] != '\n') {
            nl++;
          }
          if (nl == n) {
            if (lines.pending()) {
              lines.append(chunk, from, n - from); // a line longer than the largest chunk goes on
              from = n;
              scanned = n;
            } else {
              scanned = n; // the line goes on in what is read next
            }
            break;
          }
          tree = lines.end(chunk, from, nl - from);
        }
        committed = base + nl + 1;
        if (tree != null) {
          sink.accept(tree);
          if (lineEnd != null) {
            lineEnd.at(committed, lines.parsed, lines.skipped);
          }
        }
        from = nl + 1;
        scanned = from;
        if (committed - start >= maxBytes) {
          return new Result(committed, lines.parsed, lines.skipped, false, true);
        }
      }
    }
  }

  /**
   * The lines of one read: a line inside one chunk is parsed where it lies; one that spans chunks
   * is gathered first (up to {@link #MAX_LINE} bytes; a longer one is only counted, never held).
   */
  private static final class Lines {
    private final Set<String> skipKeys;
    private final Scratch scratch;
    private byte[] line;
    private int len;
    private boolean oversized;
    private char[] chars;
    private final JsonBytes bytes;
    long parsed;
    long skipped;

    Lines(Set<String> skipKeys, Scratch scratch) {
      this.skipKeys = skipKeys;
      this.scratch = scratch;
      this.line = scratch.line;
      this.chars = scratch.chars;
      this.bytes = scratch.parser;
    }

    /** Whether a line longer than the chunk is being gathered. */
    boolean pending() {
      return len > 0 || oversized;
    }

    void append(byte[] b, int off, int n) {
      if (oversized) {
        return;
      }
      if (len + n > MAX_LINE) {
        oversized = true;
        return;
      }
      if (len + n > line.length) {
        line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(len + n, line.length * 2)));
        if (line.length <= Scratch.KEPT_LINE) {
          scratch.line = line;
        }
      }
      System.arraycopy(b, off, line, len, n);
      len += n;
    }

    /** The line that ends with {@code b[off, off + n)}: its tree, or null (blank, skipped, or too long). */
    Object end(byte[] b, int off, int n) {
      byte[] buf = b;
      int at = off;
      int size = n;
      if (len > 0 || oversized) {
        append(b, off, n);
        buf = line;
        at = 0;
        size = len;
      } else if (n > MAX_LINE) {
        oversized = true;
      }
      Object tree = null;
      if (oversized) {
        skipped++;
      } else if (!blank(buf, at, size)) {
        tree = parse(buf, at, size);
        if (tree == null) {
          skipped++;
        } else {
          parsed++;
        }
      }
      len = 0;
      oversized = false;
      return tree;
    }

    private Object parse(byte[] b, int off, int n) {
      // plain JSON straight from the bytes: long strings copied or skipped in one pass each
      Object tree = bytes.read(b, off, n, skipKeys);
      if (tree != JsonBytes.UNSURE) {
        return tree;
      }
      try {
        // decoded straight into a reused char array, read by the parser in place: a String and a
        // StringReader per line cost two more copies (and a Latin-1 check and inflation) of each byte
        char[] c = n <= chars.length ? chars : new char[n];
        int i = 0;
        while (i < n && b[off + i] >= 0) {
          c[i] = (char) b[off + i];
          i++;
        }
        int clen = n;
        if (i < n) {
          // not all ASCII: the JDK's own decoding, so malformed bytes become what they always did
          String s = new String(b, off, n, StandardCharsets.UTF_8);
          clen = s.length();
          if (clen > c.length) {
            c = new char[clen];
          }
          s.getChars(0, clen, c, 0);
        }
        if (c.length > chars.length && c.length <= 64 * 1024) {
          chars = c; // kept for the next lines; a huge one is not held
          scratch.chars = c;
        }
        return Json.parse(c, clen, skipKeys);
      } catch (JsonException e) {
        return null;
      }
    }
  }

  /**
   * The buffers of a read, kept per thread for the next: a first index reads thousands of
   * transcripts on each thread, and fresh buffers grown again each time (a transcript's long
   * lines are tool output of hundreds of KB) were as many allocations and copies.
   */
  private static final class Scratch {
    /** Longest line buffer kept between reads; a longer one is dropped with its read. */
    static final int KEPT_LINE = 1 << 20;

    byte[] chunk = new byte[64 * 1024];
    byte[] line = new byte[8192];
    char[] chars = new char[8192];
    final JsonBytes parser = new JsonBytes();
    boolean busy;
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private static boolean blank(byte[] line, int off, int len) {
    for (int i = off; i < off + len; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
