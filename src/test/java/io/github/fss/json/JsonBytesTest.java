package io.github.fss.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The byte parser against Gson's (the decoded line through {@link Json#parse(char[], int, Set)}):
 * every line it reads gives the same tree, member order and number types included, and every line
 * Gson refuses it refuses too (it answers UNSURE, so the caller asks Gson). Random documents with
 * every escape, non-ASCII, surrogates, raw malformed UTF-8, numbers of every shape, literals in any
 * case, whitespace, skipped keys, then the same documents mutated a byte at a time.
 */
class JsonBytesTest {
  private static final Set<String> SKIP = Set.of("big", "toolUseResult");
  private static final Object REFUSED = new Object();

  @Test
  void sameTreesAsGsonOnRandomAndMutatedLines() {
    Random rnd = new Random(12);
    int read = 0;
    int valid = 0;
    for (int i = 0; i < 30_000; i++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      boolean plain = rnd.nextInt(3) > 0;
      if (rnd.nextBoolean()) {
        object(out, rnd, 0, plain);
      } else {
        array(out, rnd, 0, plain);
      }
      byte[] line = out.toByteArray();
      Object gson = gson(line);
      if (plain) {
        valid++;
        assertNotSame(REFUSED, gson, () -> new String(line, StandardCharsets.UTF_8));
        Object mine = JsonBytes.parse(line, 0, line.length, SKIP);
        assertNotSame(JsonBytes.UNSURE, mine, () -> "plain JSON left to Gson: " + new String(line, StandardCharsets.UTF_8));
      }
      read += compare(line) ? 1 : 0;
      for (int m = 0; m < 3; m++) {
        compare(mutate(line, rnd));
      }
    }
    assertTrue(read >= valid, read + " read of " + valid + " plain");
  }

  @Test
  void edgeCases() {
    String[] lines = {
      "{}", "[]", " { } ", "{\"a\":1}", "{\"a\":-0}", "{\"a\":0}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}",
      "{\"a\":1e5}", "{\"a\":1E+5}", "{\"a\":1e-5}", "{\"a\":1e}", "{\"a\":-}", "{\"a\":+1}",
      "{\"a\":9223372036854775807}", "{\"a\":-9223372036854775808}", "{\"a\":9223372036854775808}",
      "{\"a\":123456789012345678}", "{\"a\":1234567890123456789}", "{\"a\":12345678901234567890}",
      "{\"a\":true}", "{\"a\":TRUE}", "{\"a\":True}", "{\"a\":nul}", "{\"a\":nullx}", "{\"a\":truex}", "{\"a\":1x}",
      "{\"a\":\"\\u00e9\\ud83d\\ude00\\ud800\"}", "{\"a\":\"\\'\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
      "{\"a\":\"\\u12g4\"}", "{\"a\":\"tab\there\"}", "{\"a\":\"a\\\nb\"}", "\uFEFF{}", "{} {}", "{},", "[1,]",
      "[,1]", "{\"a\":1,}", "{,}", "{\"a\" 1}", "{\"a\"=1}", "{a:1}", "{'a':1}", "{\"a\":1;\"b\":2}", "[1;2]",
      "{\"a\":1}#", "{\"a\":1}//x", "{\"a\":[1,2,{\"b\":null}],\"a\":2}", "{\"big\":{\"x\":[1,2]},\"big\":\"s\"}",
      "{\"big\":\"\\x\"}", "{\"big\":tru}", "{\"big\":[1,]}", "{\"big\":\"\\u12\"}", "\"s\"", "1", "null", "",
      "{\"a\":\"\u00e9\u20ac\ud83d\ude00\"}", "[\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"]", "{\"\":\"\"}",
      "{\"a\":1}\r", "{\"a\"\t:\n1\r}",
    };
    for (String s : lines) {
      compare(s.getBytes(StandardCharsets.UTF_8));
    }
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      deep.append('[');
    }
    for (int i = 0; i < 250; i++) {
      deep.append(']');
    }
    compare(deep.toString().getBytes(StandardCharsets.UTF_8));
    // long strings with escapes and non-ASCII, longer than the parser's kept scratch, one parser for all
    JsonBytes reused = new JsonBytes();
    for (int len : new int[] {10, 300, 70_000, 200_000}) {
      StringBuilder big = new StringBuilder("{\"content\":\"");
      for (int i = 0; big.length() < len; i++) {
        big.append(i % 7 == 0 ? "\\t" : i % 11 == 0 ? "é€" : i % 13 == 0 ? "\\n" : "ab");
      }
      big.append("\",\"big\":\"").append(big.substring(12)).append("\"}");
      byte[] line = big.toString().getBytes(StandardCharsets.UTF_8);
      assertTrue(compare(line));
      assertEquals(canon(gson(line)), canon(reused.read(line, 0, line.length, SKIP)));
    }
    byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xe2, (byte) 0x82, '"', ',', '"', 'b', '"', ':', '"',
      (byte) 0xf0, (byte) 0x9f, (byte) 0x98, '\\', 'n', (byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xff, '"', '}'};
    assertNotSame(JsonBytes.UNSURE, JsonBytes.parse(bad, 0, bad.length, SKIP));
    compare(bad);
    assertSame(JsonBytes.UNSURE, JsonBytes.parse(new byte[] {'{', '"', 'a', '"', ':', (byte) 0xc3, (byte) 0xa9, '}'}, 0, 8,
        SKIP));
  }

  @Test
  void readsWithinBounds() {
    byte[] b = "xx{\"a\":[1,\"b\"]}yy".getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of(1L, "b"), ((Map<?, ?>) JsonBytes.parse(b, 2, b.length - 4, SKIP)).get("a"));
    assertSame(JsonBytes.UNSURE, JsonBytes.parse(b, 2, b.length - 5, SKIP));
  }

  @Test
  void readsALineWhereItLiesAndFindsItsEnd() {
    JsonBytes p = new JsonBytes();
    byte[] b = "xx{\"a\":[1,\"b\"]} \r\n{\"c\":2}\n{\"d\":".getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of(1L, "b"), ((Map<?, ?>) p.readLine(b, 2, b.length, SKIP)).get("a"));
    int second = p.lineEnd() + 1;
    assertEquals('\n', b[p.lineEnd()]);
    assertEquals(Map.of("c", 2L), p.readLine(b, second, b.length, SKIP));
    assertSame(JsonBytes.UNSURE, p.readLine(b, p.lineEnd() + 1, b.length, SKIP), "no newline yet");
    assertSame(JsonBytes.UNSURE, p.readLine(b, second, p.lineEnd(), SKIP), "the newline past the limit");
    byte[] split = "{\"a\":\n1}\n".getBytes(StandardCharsets.UTF_8);
    assertSame(JsonBytes.UNSURE, p.readLine(split, 0, split.length, SKIP), "a newline ends the line, even between tokens");
    byte[] blank = "  \n{}\n".getBytes(StandardCharsets.UTF_8);
    assertSame(JsonBytes.UNSURE, p.readLine(blank, 0, blank.length, SKIP));
  }

  /** Whether the byte parser read the line (and then gave Gson's tree); a refusal by Gson is a refusal here. */
  private static boolean compare(byte[] line) {
    Object gson = gson(line);
    Object mine = JsonBytes.parse(line, 0, line.length, SKIP);
    sameInALongerBuffer(line);
    if (mine == JsonBytes.UNSURE) {
      return false;
    }
    String text = new String(line, StandardCharsets.UTF_8);
    assertNotSame(REFUSED, gson, () -> "read what Gson refuses: " + text);
    assertEquals(canon(gson), canon(mine), text);
    return true;
  }

  private static final JsonBytes LINES = new JsonBytes();

  /**
   * {@link JsonBytes#readLine} on the line amid other bytes gives what {@link JsonBytes#read} gives
   * for the line up to its first newline (where a JSONL reader cuts it), and finds that newline.
   */
  private static void sameInALongerBuffer(byte[] line) {
    int cut = 0;
    while (cut < line.length && line[cut] != '\n') {
      cut++;
    }
    byte[] tail = "\n{\"z\":\"\\n\u00e9\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] buf = new byte[3 + line.length + tail.length];
    buf[0] = '{';
    buf[1] = '"';
    buf[2] = '\n';
    System.arraycopy(line, 0, buf, 3, line.length);
    System.arraycopy(tail, 0, buf, 3 + line.length, tail.length);
    Object alone = JsonBytes.parse(line, 0, cut, SKIP);
    Object within = LINES.readLine(buf, 3, buf.length, SKIP);
    String text = new String(line, StandardCharsets.UTF_8);
    if (alone == JsonBytes.UNSURE) {
      assertSame(JsonBytes.UNSURE, within, text);
      return;
    }
    assertNotSame(JsonBytes.UNSURE, within, text);
    assertEquals(canon(alone), canon(within), text);
    assertEquals(3 + cut, LINES.lineEnd(), text);
  }

  private static Object gson(byte[] line) {
    char[] c = new String(line, StandardCharsets.UTF_8).toCharArray();
    try {
      return Json.parse(c, c.length, SKIP);
    } catch (JsonException e) {
      return REFUSED;
    }
  }

  /** Order and type exact: a Long 1 is not a Double 1.0 nor a String "1". */
  private static String canon(Object v) {
    StringBuilder sb = new StringBuilder();
    canon(v, sb);
    return sb.toString();
  }

  private static void canon(Object v, StringBuilder sb) {
    if (v instanceof Map<?, ?>) {
      sb.append('{');
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        sb.append("K(").append(e.getKey()).append(")=");
        canon(e.getValue(), sb);
        sb.append(',');
      }
      sb.append('}');
    } else if (v instanceof List<?>) {
      sb.append('[');
      for (Object o : (List<?>) v) {
        canon(o, sb);
        sb.append(',');
      }
      sb.append(']');
    } else {
      sb.append(v == null ? "N" : v.getClass().getSimpleName()).append('(').append(v).append(')');
    }
  }

  // ---- random documents; plain: only what RFC 8259 allows, written as a JSON writer would

  private static final String[] KEYS = {"a", "type", "big", "toolUseResult", "content", "x\\u0041", "é", "k\\n"};

  private static void object(ByteArrayOutputStream out, Random rnd, int depth, boolean plain) {
    put(out, "{");
    int n = depth > 4 ? 0 : rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        put(out, ",");
      }
      space(out, rnd);
      put(out, "\"" + KEYS[rnd.nextInt(KEYS.length)] + "\"");
      space(out, rnd);
      put(out, ":");
      value(out, rnd, depth + 1, plain);
      space(out, rnd);
    }
    put(out, "}");
  }

  private static void array(ByteArrayOutputStream out, Random rnd, int depth, boolean plain) {
    put(out, "[");
    int n = depth > 4 ? 0 : rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        put(out, ",");
      }
      value(out, rnd, depth + 1, plain);
    }
    space(out, rnd);
    put(out, "]");
  }

  private static void value(ByteArrayOutputStream out, Random rnd, int depth, boolean plain) {
    space(out, rnd);
    switch (rnd.nextInt(8)) {
      case 0:
        object(out, rnd, depth, plain);
        break;
      case 1:
        array(out, rnd, depth, plain);
        break;
      case 2:
      case 3:
      case 4:
        string(out, rnd, plain);
        break;
      case 5:
        number(out, rnd, plain);
        break;
      default:
        String[] plainWords = {"true", "false", "null"};
        String[] odd = {"TRUE", "False", "nULL", "tru", "nulls", "truefalse"};
        put(out, plain || rnd.nextBoolean() ? plainWords[rnd.nextInt(3)] : odd[rnd.nextInt(odd.length)]);
        break;
    }
    space(out, rnd);
  }

  private static void number(ByteArrayOutputStream out, Random rnd, boolean plain) {
    String[] good = {"0", "-0", "7", "-12", "3.25", "-0.5", "1e9", "2E-3", "6.02e+23", "9223372036854775807",
      "-9223372036854775808", "9223372036854775808", "123456789012345678", "1234567890123456789",
      "99999999999999999999999", "1.0", "0.000001"};
    String[] odd = {"01", "1.", ".5", "+1", "-", "1e", "1e+", "0x10", "NaN", "Infinity", "-Infinity", "1..2", "--1"};
    put(out, plain || rnd.nextInt(3) > 0 ? good[rnd.nextInt(good.length)] : odd[rnd.nextInt(odd.length)]);
  }

  private static void string(ByteArrayOutputStream out, Random rnd, boolean plain) {
    put(out, "\"");
    int n = rnd.nextInt(4) == 0 ? rnd.nextInt(3000) : rnd.nextInt(20);
    for (int i = 0; i < n; i++) {
      int k = rnd.nextInt(40);
      if (k < 25) {
        out.write('a' + rnd.nextInt(26));
      } else if (k < 27) {
        put(out, " ");
      } else if (k < 30) {
        String[] esc = {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u00e9", "\\u20AC", "\\ud83d\\ude00",
          "\\ud800", "\\udc00x", "\\u0000"};
        put(out, esc[rnd.nextInt(esc.length)]);
      } else if (k < 33) {
        String[] wide = {"é", "€", "\ud83d\ude00", "日本", "—"};
        put(out, wide[rnd.nextInt(wide.length)]);
      } else if (k < 34 && !plain) {
        String[] odd = {"\\'", "\\\n", "\\x", "\\u12", "\\u12zz", "\t", "\u0001", "\\"};
        put(out, odd[rnd.nextInt(odd.length)]);
      } else if (k < 35) {
        out.write(0x80 + rnd.nextInt(0x80)); // raw malformed UTF-8, decoded to U+FFFD either way
      } else {
        out.write('0' + rnd.nextInt(10));
      }
    }
    put(out, "\"");
  }

  private static void space(ByteArrayOutputStream out, Random rnd) {
    if (rnd.nextInt(6) == 0) {
      put(out, new String[] {" ", "\t", "\r", "  ", "\n"}[rnd.nextInt(5)]);
    }
  }

  private static byte[] mutate(byte[] line, Random rnd) {
    if (line.length == 0) {
      return line;
    }
    byte[] pick = {'{', '}', '[', ']', ',', ':', '"', '\\', 'u', '0', '-', 'e', '.', 't', ' ', (byte) 0xc3, 'x'};
    int at = rnd.nextInt(line.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(line, 0, at);
    switch (rnd.nextInt(3)) {
      case 0: // delete
        out.write(line, at + 1, line.length - at - 1);
        break;
      case 1: // insert
        out.write(pick[rnd.nextInt(pick.length)]);
        out.write(line, at, line.length - at);
        break;
      default: // replace
        out.write(pick[rnd.nextInt(pick.length)]);
        out.write(line, at + 1, line.length - at - 1);
        break;
    }
    return out.toByteArray();
  }

  private static void put(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
