package io.github.fss.agents.codex;

import java.util.ArrayList;
import java.util.List;

/**
 * TOML strings and arrays of strings, both ways: reads a notify value (any quoting, newlines,
 * comments and a trailing comma inside the brackets) into an argv, and writes one back as basic
 * strings. A tiny reader, so the argv is ours to inspect without mapping TOML to objects.
 */
public final class TomlStrings {
  private TomlStrings() {}

  /** Thrown when a value is not an array of strings; the message says what was found. */
  public static final class NotAStringArray extends Exception {
    private static final long serialVersionUID = 1L;

    NotAStringArray(String message) {
      super(message, null, false, false);
    }
  }

  /** Parses {@code value} (the text after {@code notify =}, comments allowed after it) as an array of strings. */
  public static List<String> parseArray(String value) throws NotAStringArray {
    Reader r = new Reader(value);
    r.skipWs(false);
    if (r.peek() != '[') {
      throw new NotAStringArray("not an array");
    }
    r.pos++;
    List<String> out = new ArrayList<>();
    while (true) {
      r.skipWs(true);
      char c = r.peek();
      if (c == ']') {
        r.pos++;
        break;
      }
      if (c != '"' && c != '\'') {
        throw new NotAStringArray(r.eof() ? "unterminated array" : "an element is not a string");
      }
      out.add(r.string());
      r.skipWs(true);
      if (r.peek() == ',') {
        r.pos++;
      } else if (r.peek() != ']') {
        throw new NotAStringArray("expected , or ] in the array");
      }
    }
    r.skipWs(false);
    if (!r.eof()) {
      throw new NotAStringArray("unexpected text after the array");
    }
    return out;
  }

  /** A TOML basic string: quotes, backslashes and control characters escaped. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\b': sb.append("\\b"); break;
        case '\t': sb.append("\\t"); break;
        case '\n': sb.append("\\n"); break;
        case '\f': sb.append("\\f"); break;
        case '\r': sb.append("\\r"); break;
        default:
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\u%04X", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }

  /** {@code ["a", "b"]}. */
  public static String array(List<String> items) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(quote(items.get(i)));
    }
    return sb.append(']').toString();
  }

  /** A cursor over the value text. */
  private static final class Reader {
    private final String s;
    private int pos;

    Reader(String s) {
      this.s = s;
    }

    boolean eof() {
      return pos >= s.length();
    }

    char peek() {
      return eof() ? '\0' : s.charAt(pos);
    }

    /** Skips blanks and comments, and newlines too inside an array. */
    void skipWs(boolean newlines) {
      while (!eof()) {
        char c = peek();
        if (c == ' ' || c == '\t' || (newlines && (c == '\n' || c == '\r'))) {
          pos++;
        } else if (c == '#') {
          while (!eof() && peek() != '\n') {
            pos++;
          }
        } else if (!newlines && (c == '\n' || c == '\r')) {
          pos++; // the value handed to us may end with the line break
        } else {
          return;
        }
      }
    }

    String string() throws NotAStringArray {
      if (s.startsWith("\"\"\"", pos)) {
        pos += 3;
        return basic(true);
      }
      if (s.startsWith("'''", pos)) {
        pos += 3;
        return literal(true);
      }
      char q = s.charAt(pos++);
      return q == '"' ? basic(false) : literal(false);
    }

    private String literal(boolean multi) throws NotAStringArray {
      String close = multi ? "'''" : "'";
      int end = s.indexOf(close, pos);
      if (end < 0 || (!multi && s.substring(pos, end).indexOf('\n') >= 0)) {
        throw new NotAStringArray("unterminated string");
      }
      if (multi) {
        end += quotesBeforeClose(end, '\'');
      }
      String v = s.substring(pos, end);
      pos = end + close.length();
      return multi ? trimFirstNewline(v) : v;
    }

    private String basic(boolean multi) throws NotAStringArray {
      StringBuilder sb = new StringBuilder();
      if (multi && s.startsWith("\n", pos)) {
        pos++;
      } else if (multi && s.startsWith("\r\n", pos)) {
        pos += 2;
      }
      while (true) {
        if (eof()) {
          throw new NotAStringArray("unterminated string");
        }
        char c = s.charAt(pos);
        if (multi && s.startsWith("\"\"\"", pos)) {
          int extra = quotesBeforeClose(pos, '"');
          sb.append("\"".repeat(extra));
          pos += 3 + extra;
          return sb.toString();
        }
        if (!multi && c == '"') {
          pos++;
          return sb.toString();
        }
        if (!multi && c == '\n') {
          throw new NotAStringArray("unterminated string");
        }
        if (c != '\\') {
          sb.append(c);
          pos++;
          continue;
        }
        pos++;
        char e = peek();
        pos++;
        switch (e) {
          case 'b': sb.append('\b'); break;
          case 't': sb.append('\t'); break;
          case 'n': sb.append('\n'); break;
          case 'f': sb.append('\f'); break;
          case 'r': sb.append('\r'); break;
          case 'e': sb.append('\u001b'); break;
          case '"': sb.append('"'); break;
          case '\\': sb.append('\\'); break;
          case 'x': sb.appendCodePoint(hex(2)); break;
          case 'u': sb.appendCodePoint(hex(4)); break;
          case 'U': sb.appendCodePoint(hex(8)); break;
          default:
            if (multi && (e == ' ' || e == '\t' || e == '\n' || e == '\r')) {
              pos--; // line-ending backslash: drop the break and the blanks that follow
              while (!eof() && " \t\r\n".indexOf(peek()) >= 0) {
                pos++;
              }
            } else {
              throw new NotAStringArray("bad escape \\" + e);
            }
        }
      }
    }

    /** TOML lets one or two quotes sit right before a multi-line closer; they belong to the content. */
    private int quotesBeforeClose(int at, char q) {
      int extra = 0;
      while (extra < 2 && at + 3 + extra < s.length() && s.charAt(at + 3 + extra) == q) {
        extra++;
      }
      return extra;
    }

    private int hex(int n) throws NotAStringArray {
      if (pos + n > s.length()) {
        throw new NotAStringArray("bad escape");
      }
      try {
        int cp = Integer.parseInt(s.substring(pos, pos + n), 16);
        pos += n;
        return cp;
      } catch (NumberFormatException x) {
        throw new NotAStringArray("bad escape");
      }
    }

    private static String trimFirstNewline(String v) {
      if (v.startsWith("\r\n")) {
        return v.substring(2);
      }
      return v.startsWith("\n") ? v.substring(1) : v;
    }
  }
}
