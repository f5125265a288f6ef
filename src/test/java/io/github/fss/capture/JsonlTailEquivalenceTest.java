package io.github.fss.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fss.json.Json;
import io.github.fss.json.JsonException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The line scanner (newlines found in bulk, lines parsed in place from the bytes) against the one
 * it replaced, kept here as the reference: a byte at a time into a line buffer, each line decoded to
 * a String and parsed through a StringReader. Same trees, same line ends told, same counts and
 * offsets, on random streams read in random short reads: lines across reads, blank and CR lines,
 * malformed JSON and UTF-8, non-ASCII, surrogate pairs, skipped keys, byte budgets, torn ends, and
 * lines just under, at and over {@link JsonlTail#MAX_LINE}.
 */
class JsonlTailEquivalenceTest {
  private static final Set<String> SKIP = Set.of("toolUseResult", "big");

  /** The scanner before: kept verbatim but for names. */
  static JsonlTail.Result reference(InputStream raw, long start, Set<String> skipKeys, List<Object> sink,
      long maxBytes, List<long[]> ends) throws IOException {
    InputStream in = new java.io.BufferedInputStream(raw, 64 * 1024);
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
            if (len >= JsonlTail.MAX_LINE) {
              oversized = true;
              continue;
            }
            line = Arrays.copyOf(line, Math.min(JsonlTail.MAX_LINE, len * 2));
          }
          line[len++] = b;
          continue;
        }
        committed = pos;
        if (oversized) {
          skipped++;
        } else if (!blank(line, len)) {
          Object tree;
          try {
            tree = Json.parse(new StringReader(new String(line, 0, len, StandardCharsets.UTF_8)), skipKeys);
          } catch (JsonException e) {
            tree = null;
          }
          if (tree == null) {
            skipped++;
          } else {
            lines++;
            sink.add(tree);
            ends.add(new long[] {committed, lines, skipped});
          }
        }
        len = 0;
        oversized = false;
        if (committed - start >= maxBytes) {
          return new JsonlTail.Result(committed, lines, skipped, false, true);
        }
      }
    }
    return new JsonlTail.Result(committed, lines, skipped, false, false);
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

  /** Hands out the bytes in reads of random length, as a pipe or a decompressor may. */
  private static InputStream choppy(byte[] data, long seed) {
    Random rnd = new Random(seed);
    return new InputStream() {
      int pos;

      @Override
      public int read() {
        return pos < data.length ? data[pos++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= data.length) {
          return -1;
        }
        int cap = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(7) : 1 + rnd.nextInt(100_000);
        int k = Math.min(Math.min(len, cap), data.length - pos);
        System.arraycopy(data, pos, b, off, k);
        pos += k;
        return k;
      }
    };
  }

  private static final String[] PIECES = {
    "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"fix the cart total\"}}",
    "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"Done — naïve café 日本 \uD83D\uDE00\"}]}}",
    "{\"toolUseResult\":{\"stdout\":\"" + "x".repeat(3000) + "\"},\"type\":\"user\",\"n\":1.5e3}",
    "{\"big\":\"" + "\\\"quoted\\\" ".repeat(500) + "\",\"keep\":[1,2,-3,true,false,null,12345678901234567890]}",
    "{\"a\":\"\\u00e9\\ud83d\\ude00\\n\\t\"}",
    "", "   ", "\r", " \t\r",
    "{not json", "{\"a\":1} trailing", "[1,2", "\"just a string\"", "42", "{\"a\":\"ctrl\u0001char\"}",
  };

  private static byte[] randomStream(Random rnd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int lines = rnd.nextInt(60);
    for (int i = 0; i < lines; i++) {
      int kind = rnd.nextInt(10);
      if (kind < 6) {
        out.writeBytes(PIECES[rnd.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
      } else if (kind == 6) {
        // malformed UTF-8 inside a string, and a lone continuation byte
        out.writeBytes("{\"t\":\"a".getBytes(StandardCharsets.UTF_8));
        out.write(0xC3);
        out.write(rnd.nextBoolean() ? 0x28 : 0xA9);
        out.write(0x80 + rnd.nextInt(64));
        out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
      } else if (kind == 7) {
        int n = rnd.nextInt(200_000);
        out.writeBytes(("{\"pad\":\"" + "y".repeat(n) + "\"}").getBytes(StandardCharsets.UTF_8));
      } else {
        byte[] junk = new byte[rnd.nextInt(50)];
        rnd.nextBytes(junk);
        for (byte b : junk) {
          if (b != '\n') {
            out.write(b);
          }
        }
      }
      if (i < lines - 1 || rnd.nextBoolean()) {
        out.write('\n'); // else a torn last line
      }
    }
    return out.toByteArray();
  }

  private static void assertSame(byte[] data, long seed, long start, long maxBytes) throws IOException {
    List<Object> want = new ArrayList<>();
    List<long[]> wantEnds = new ArrayList<>();
    JsonlTail.Result w = reference(choppy(data, seed), start, SKIP, want, maxBytes, wantEnds);
    List<Object> got = new ArrayList<>();
    List<long[]> gotEnds = new ArrayList<>();
    JsonlTail.Result g = JsonlTail.scan(choppy(data, seed + 1), start, SKIP, got::add, maxBytes,
        (offset, lines, skipped) -> gotEnds.add(new long[] {offset, lines, skipped}));
    assertEquals(w, g, "result, seed " + seed);
    assertEquals(want, got, "trees, seed " + seed);
    assertEquals(wantEnds.size(), gotEnds.size(), "line ends, seed " + seed);
    for (int i = 0; i < wantEnds.size(); i++) {
      assertEquals(Arrays.toString(wantEnds.get(i)), Arrays.toString(gotEnds.get(i)), "line end " + i + ", seed " + seed);
    }
  }

  @Test
  void readsRandomStreamsAsTheByteAtATimeScannerDid() throws IOException {
    Random rnd = new Random(7);
    for (int t = 0; t < 400; t++) {
      byte[] data = randomStream(rnd);
      long start = rnd.nextInt(1000);
      long budget = rnd.nextBoolean() ? Long.MAX_VALUE : rnd.nextInt(Math.max(1, data.length));
      assertSame(data, t, start, budget);
    }
  }

  @Test
  void linesAroundTheLargestChunkAreReadAsBefore() throws IOException {
    for (int delta : new int[] {-70_000, -1, 0, 1, 70_000}) {
      // lines of about the largest read buffer, with escapes and non-ASCII, one read after another
      int fill = JsonlTail.MAX_CHUNK + delta;
      String big = "{\"s\":\"" + "z\\n\u00e9".repeat(fill / 5) + "\",\"big\":\"" + "q".repeat(fill % 5000) + "\"}";
      byte[] data = ("{\"a\":1}\n" + big + "\n" + big + "\n{\"b\":2}\n" + big.substring(0, fill / 3) + "\n{\"c\":3}\n")
          .getBytes(StandardCharsets.UTF_8);
      assertSame(data, delta, 0, Long.MAX_VALUE);
      assertSame(data, delta + 3, 5, fill);
    }
  }

  @Test
  void linesAroundTheSizeLimitAreKeptOrSkippedAsBefore() throws IOException {
    for (int delta : new int[] {-1, 0, 1, 70_000}) {
      // a JSON line of MAX_LINE + delta bytes, between two small ones
      int fill = JsonlTail.MAX_LINE + delta - "{\"s\":\"\"}".length();
      String big = "{\"s\":\"" + "z".repeat(fill) + "\"}";
      byte[] data = ("{\"a\":1}\n" + big + "\n{\"b\":2}\n").getBytes(StandardCharsets.UTF_8);
      assertSame(data, delta, 0, Long.MAX_VALUE);
      assertSame(data, delta + 3, 5, 10);
    }
  }
}
