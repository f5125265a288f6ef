package io.github.fss.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses one JSON object or array straight from UTF-8 bytes into the trees {@link Json} makes, for
 * the transcript lines read in bulk: most of a transcript's bytes are a few long strings (tool
 * output), which are skipped or copied here in one pass each, where decoding to chars and reading
 * them through Gson took five. Written by hand against the rule of a library for JSON because of a
 * measurement: Gson's parse was 20% of {@code fss index}'s CPU, this parser and its fallback 12%
 * (bench/RESULTS.md, "Indexing round 3"), on the way to the 100 MB/s.
 *
 * <p>It reads only plain RFC 8259 JSON: an object or array at the top, the six escapes and
 * {@code \\uXXXX}, lower-case literals, non-ASCII bytes only inside strings, nesting under
 * {@link #MAX_DEPTH}. On anything else (malformed input, or what Gson's legacy-strict reading
 * accepts beyond the RFC: {@code \\'}, unescaped control characters, a BOM, any-case literals,
 * trailing content) it answers {@link #UNSURE}, and the caller parses the line with {@link Json}
 * as before. So a line it does read gives the tree {@link Json#parse(char[], int, Set)} gives for
 * the decoded line (JsonBytesTest compares them on random and malformed lines).
 */
public final class JsonBytes {
  /** The answer for a line this parser does not read; the caller falls back to {@link Json}. */
  public static final Object UNSURE = new Object();

  /** Deeper lines are left to Gson, which enforces {@link Json#MAX_DEPTH}. */
  static final int MAX_DEPTH = 100;

  private byte[] b;
  private int end;
  private Set<String> skipKeys;
  private int pos;
  /** Reading a line within a longer buffer ({@link #readLine}): a newline ends it. */
  private boolean inLine;
  private int lineEnd;
  /** Where escaped strings are unescaped; kept for the next line when small. */
  private byte[] latin1 = new byte[256];
  private char[] chars = new char[256];
  private static final int KEPT = 64 * 1024;

  /** Thrown inside to give up; never leaves this class. */
  private static final class Unsure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsure() {
      super(null, null, false, false);
    }
  }

  private static final Unsure UNSURE_EX = new Unsure();

  /** A parser to read many lines with, one at a time (one thread). */
  public JsonBytes() {}

  /** {@link #read} with a parser of its own. */
  public static Object parse(byte[] b, int off, int len, Set<String> skipKeys) {
    return new JsonBytes().read(b, off, len, skipKeys);
  }

  /**
   * The tree of {@code bytes[off, off + len)}, values of members named in {@code skip} skipped
   * unbuilt; {@link #UNSURE} for a line to parse with {@link Json} instead.
   */
  public Object read(byte[] bytes, int off, int len, Set<String> skip) {
    this.b = bytes;
    this.pos = off;
    this.end = off + len;
    this.skipKeys = skip;
    try {
      ws();
      if (pos >= end || (b[pos] != '{' && b[pos] != '[')) {
        return UNSURE;
      }
      Object v = value(0, true);
      ws();
      return pos == end ? v : UNSURE;
    } catch (Unsure | ArrayIndexOutOfBoundsException e) {
      // every read is bounds-checked first; an index past them would be a slip here, and the
      // line then goes to Gson like any other this parser does not read
      return UNSURE;
    } finally {
      this.b = null;
    }
  }

  /**
   * The tree of the line that starts at {@code bytes[off]} and ends at the first {@code '\n'}
   * before {@code limit}, as {@link #read} gives it for {@code bytes[off, lineEnd())}, found in the
   * same pass that parses it: the caller need not look for the line's end first (a second pass over
   * every byte of a transcript, ~3% of {@code fss index}'s CPU). {@link #UNSURE} when the line does
   * not end before {@code limit} or is one {@link #read} would not read; the caller then finds the
   * line's end itself.
   */
  public Object readLine(byte[] bytes, int off, int limit, Set<String> skip) {
    // a '\n' is never part of a value here: inside a string it is a raw control character (given
    // up on), and outside one {@link #ws} stops at it, so the value ends before the first newline
    // and is the value read() finds between off and that newline
    this.inLine = true;
    this.b = bytes;
    this.pos = off;
    this.end = limit;
    this.skipKeys = skip;
    try {
      ws();
      if (pos >= end || (b[pos] != '{' && b[pos] != '[')) {
        return UNSURE;
      }
      Object v = value(0, true);
      ws();
      if (pos < end && b[pos] == '\n') {
        lineEnd = pos;
        return v;
      }
      return UNSURE;
    } catch (Unsure | ArrayIndexOutOfBoundsException e) {
      return UNSURE;
    } finally {
      this.b = null;
      this.inLine = false;
    }
  }

  /** Where the line {@link #readLine} last read ends: the index of its {@code '\n'}. */
  public int lineEnd() {
    return lineEnd;
  }

  private void ws() {
    while (pos < end) {
      byte c = b[pos];
      if (c != ' ' && c != '\t' && c != '\r' && (c != '\n' || inLine)) {
        return;
      }
      pos++;
    }
  }

  private byte next() {
    if (pos >= end) {
      throw UNSURE_EX;
    }
    return b[pos];
  }

  /** The value at {@code pos} (whitespace skipped before it), built when {@code build}. */
  private Object value(int depth, boolean build) {
    ws();
    byte c = next();
    switch (c) {
      case '{':
        return object(depth + 1, build);
      case '[':
        return array(depth + 1, build);
      case '"':
        pos++;
        return string(build);
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        return number(build);
    }
  }

  private Object object(int depth, boolean build) {
    if (depth >= MAX_DEPTH) {
      throw UNSURE_EX;
    }
    pos++;
    Map<String, Object> map = build ? new LinkedHashMap<>() : null;
    ws();
    if (next() == '}') {
      pos++;
      return map;
    }
    while (true) {
      ws();
      if (next() != '"') {
        throw UNSURE_EX;
      }
      pos++;
      String name = (String) string(true);
      ws();
      if (next() != ':') {
        throw UNSURE_EX;
      }
      pos++;
      if (build && !skipKeys.contains(name)) {
        map.put(name, value(depth, true));
      } else {
        value(depth, false);
      }
      ws();
      byte c = next();
      pos++;
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw UNSURE_EX;
      }
    }
  }

  private Object array(int depth, boolean build) {
    if (depth >= MAX_DEPTH) {
      throw UNSURE_EX;
    }
    pos++;
    List<Object> list = build ? new ArrayList<>() : null;
    ws();
    if (next() == ']') {
      pos++;
      return list;
    }
    while (true) {
      Object v = value(depth, build);
      if (build) {
        list.add(v);
      }
      ws();
      byte c = next();
      pos++;
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw UNSURE_EX;
      }
    }
  }

  private void literal(String word) {
    if (end - pos < word.length()) {
      throw UNSURE_EX;
    }
    for (int i = 0; i < word.length(); i++) {
      if (b[pos + i] != word.charAt(i)) {
        throw UNSURE_EX;
      }
    }
    pos += word.length();
    terminated();
  }

  /** A literal or number must end where a value may end (Gson reads "truex" or "1x" as one unquoted word). */
  private void terminated() {
    if (pos < end) {
      byte c = b[pos];
      if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        throw UNSURE_EX;
      }
    }
  }

  /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, given to {@link Json}'s own number reading. */
  private Object number(boolean build) {
    int start = pos;
    if (next() == '-') {
      pos++;
    }
    byte c = next();
    if (c == '0') {
      pos++;
    } else if (c >= '1' && c <= '9') {
      digits();
    } else {
      throw UNSURE_EX;
    }
    if (pos < end && b[pos] == '.') {
      pos++;
      digits();
    }
    if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
      pos++;
      if (next() == '+' || b[pos] == '-') {
        pos++;
      }
      digits();
    }
    terminated();
    return build ? Json.number(new String(b, start, pos - start, StandardCharsets.ISO_8859_1)) : null;
  }

  /** One or more digits. */
  private void digits() {
    byte c = next();
    if (c < '0' || c > '9') {
      throw UNSURE_EX;
    }
    while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
      pos++;
    }
  }

  /**
   * The string whose opening quote is just before {@code pos}. Non-ASCII runs are decoded by the
   * JDK as a whole line would be: a quote or backslash is ASCII, never part of a UTF-8 sequence,
   * so cutting there changes nothing in what the bytes between decode to.
   */
  private Object string(boolean build) {
    // locals, not fields, in the loops: most of a transcript's bytes pass through them
    final byte[] b = this.b;
    final int end = this.end;
    final int start = pos;
    int i = start;
    boolean ascii = true;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        pos = i + 1;
        return build ? new String(b, start, i - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8)
            : null;
      }
      if (c == '\\') {
        pos = i;
        return escaped(start, build, ascii);
      }
      if (c < 0x20) {
        if (c >= 0) {
          throw UNSURE_EX; // Gson takes raw control characters; left to it
        }
        ascii = false;
      }
      i++;
    }
    throw UNSURE_EX;
  }

  /**
   * The rest of a string that has escapes, from its first byte at {@code start} ({@code pos} at
   * the first backslash; {@code asciiBefore}: the bytes before it are ASCII). Unescaped into {@link #latin1} while every character fits a byte (a
   * String made from it is one copy), into {@link #chars} from the first that does not.
   */
  private Object escaped(int start, boolean build, boolean asciiBefore) {
    final byte[] b = this.b;
    final int end = this.end;
    if (!build) {
      int i = pos;
      while (i < end) {
        byte c = b[i++];
        if (c == '"') {
          pos = i;
          return null;
        }
        if (c == '\\') {
          pos = i;
          escape();
          i = pos;
        } else if (c >= 0 && c < 0x20) {
          throw UNSURE_EX;
        }
      }
      throw UNSURE_EX;
    }
    if (!asciiBefore) {
      return wide(start, start, (char) 0, latin1, 0);
    }
    // a char per byte at most: UTF-8 decodes to no more chars than bytes, an escape to one of two or six;
    // within a longer buffer (readLine) the string's end is not known: the room grows as it fills
    int room = end - start;
    int n = pos - start;
    byte[] out = latin1.length >= room ? latin1 : inLine ? bytesRoom(latin1, 0, n) : new byte[room];
    if (out != latin1 && room <= KEPT) {
      latin1 = out;
    }
    System.arraycopy(b, start, out, 0, n); // ASCII up to the first backslash
    int i = pos;
    while (i < end) {
      // a run of plain ASCII copied whole: most strings with escapes are tool output, long lines
      // between the escaped newlines and tabs
      int run = i;
      byte c = b[i];
      while (c >= 0x20 && c != '"' && c != '\\' && ++i < end) {
        c = b[i];
      }
      if (i > run) {
        if (n + i - run > out.length) {
          out = bytesRoom(out, n, i - run);
        }
        System.arraycopy(b, run, out, n, i - run);
        n += i - run;
        if (i >= end) {
          break;
        }
      }
      if (c == '"') {
        pos = i + 1;
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
      }
      if (c == '\\') {
        pos = i + 1;
        char e = escape();
        i = pos;
        if (e > 0xff) {
          return wide(start, i, e, out, n);
        }
        if (n == out.length) {
          out = bytesRoom(out, n, 1);
        }
        out[n++] = (byte) e;
      } else if (c < 0) {
        return wide(start, i, (char) 0, out, n);
      } else {
        throw UNSURE_EX; // a raw control character
      }
    }
    throw UNSURE_EX;
  }

  /** {@code out} (its first {@code n} bytes) with room for {@code more}; a grown array is kept when small. */
  private byte[] bytesRoom(byte[] out, int n, int more) {
    if (n + more <= out.length) {
      return out;
    }
    byte[] grown = java.util.Arrays.copyOf(out, Math.max(n + more, out.length * 2));
    if (grown.length <= KEPT) {
      latin1 = grown;
    }
    return grown;
  }

  /** As {@link #bytesRoom}, for chars. */
  private char[] charsRoom(char[] out, int n, int more) {
    if (n + more <= out.length) {
      return out;
    }
    char[] grown = java.util.Arrays.copyOf(out, Math.max(n + more, out.length * 2));
    if (grown.length <= KEPT) {
      chars = grown;
    }
    return grown;
  }

  /**
   * Goes on with a string in {@link #chars} from {@code b[i]}: {@code done[0, n)} is unescaped
   * already (Latin-1), then {@code pending} if not 0 (an escape read just before {@code i}).
   */
  private Object wide(int start, int from, char pending, byte[] done, int n) {
    final byte[] b = this.b;
    final int end = this.end;
    int room = end - start;
    char[] out = chars.length >= room ? chars : inLine ? charsRoom(chars, 0, n + 1) : new char[room];
    if (out != chars && room <= KEPT) {
      chars = out;
    }
    for (int k = 0; k < n; k++) {
      out[k] = (char) (done[k] & 0xff);
    }
    if (pending != 0) {
      out[n++] = pending;
    }
    int i = from;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        pos = i + 1;
        return new String(out, 0, n);
      }
      if (n + 1 >= out.length) {
        out = charsRoom(out, n, 2);
      }
      if (c == '\\') {
        pos = i + 1;
        out[n++] = escape();
        i = pos;
      } else if (c < 0) {
        int run = i;
        while (i < end && b[i] < 0) {
          i++;
        }
        String w = new String(b, run, i - run, StandardCharsets.UTF_8);
        if (n + w.length() > out.length) {
          out = charsRoom(out, n, w.length());
        }
        w.getChars(0, w.length(), out, n);
        n += w.length();
      } else if (c < 0x20) {
        throw UNSURE_EX;
      } else {
        out[n++] = (char) c;
        i++;
      }
    }
    throw UNSURE_EX;
  }

  /** The character of the escape after a backslash; only the RFC's escapes. */
  private char escape() {
    byte c = next();
    pos++;
    switch (c) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        if (end - pos < 4) {
          throw UNSURE_EX;
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
          int d = Character.digit(b[pos + i], 16);
          if (d < 0 || b[pos + i] < 0) {
            throw UNSURE_EX;
          }
          v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
      }
      default:
        throw UNSURE_EX;
    }
  }
}
