package io.github.fss.agents.codex;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds where things are in the root table of a TOML file (everything before the first table
 * header), so config.toml can be edited as text and keep its comments, order and spacing. It only
 * locates statements; values are skipped, not interpreted. Run it on text that already parsed as
 * TOML: it is not a validator and throws {@link IllegalStateException} when surprised.
 */
final class TomlRootScanner {
  /**
   * One top-level {@code key = value}: its dotted key, the offset where its first line starts, the
   * offset where its last line ends (before the line break), the offset after the line break, the
   * value's span, and the line break itself ("" at the end of a file without one).
   */
  record Statement(List<String> key, int lineStart, int lineEnd, int end, int valueStart, int valueEnd,
      String terminator) {}

  /** The root table's statements, and the offset of the first table header's line (-1 if none). */
  record Result(List<Statement> statements, int firstHeader) {}

  private final String t;
  private int pos;

  private TomlRootScanner(String text) {
    this.t = text;
  }

  static Result scan(String text) {
    return new TomlRootScanner(text).run();
  }

  private Result run() {
    List<Statement> out = new ArrayList<>();
    while (pos < t.length()) {
      int lineStart = pos;
      skipBlanks();
      char c = at(pos);
      if (pos >= t.length()) {
        break;
      } else if (c == '\n' || c == '\r') {
        skipLineBreak();
      } else if (c == '#') {
        skipComment();
        skipLineBreak();
      } else if (c == '[') {
        return new Result(out, lineStart);
      } else {
        List<String> key = key();
        skipBlanks();
        expect('=');
        skipBlanks();
        int valueStart = pos;
        skipValue();
        int valueEnd = pos;
        skipBlanks();
        skipComment();
        int lineEnd = pos;
        String term = skipLineBreak();
        if (term.isEmpty() && pos < t.length()) {
          throw new IllegalStateException("expected a line break at offset " + pos);
        }
        out.add(new Statement(key, lineStart, lineEnd, pos, valueStart, valueEnd, term));
      }
    }
    return new Result(out, -1);
  }

  private char at(int i) {
    return i < t.length() ? t.charAt(i) : '\0';
  }

  private void expect(char c) {
    if (at(pos) != c) {
      throw new IllegalStateException("expected '" + c + "' at offset " + pos);
    }
    pos++;
  }

  private void skipBlanks() {
    while (at(pos) == ' ' || at(pos) == '\t') {
      pos++;
    }
  }

  private void skipComment() {
    if (at(pos) == '#') {
      while (pos < t.length() && at(pos) != '\n' && !(at(pos) == '\r' && at(pos + 1) == '\n')) {
        pos++;
      }
    }
  }

  private String skipLineBreak() {
    if (at(pos) == '\n') {
      pos++;
      return "\n";
    }
    if (at(pos) == '\r' && at(pos + 1) == '\n') {
      pos += 2;
      return "\r\n";
    }
    return "";
  }

  /** Blanks, line breaks and comments: what may separate elements inside [] (and {} in TOML 1.1). */
  private void skipSpace() {
    while (pos < t.length()) {
      char c = at(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else if (c == '#') {
        skipComment();
      } else {
        return;
      }
    }
  }

  /** A dotted key: bare, "basic" or 'literal' parts, blanks allowed around the dots. */
  private List<String> key() {
    List<String> parts = new ArrayList<>();
    while (true) {
      skipBlanks();
      char c = at(pos);
      if (c == '"' || c == '\'') {
        int start = pos;
        skipValue();
        try {
          parts.add(TomlStrings.parseArray("[" + t.substring(start, pos) + "]").get(0));
        } catch (TomlStrings.NotAStringArray e) {
          throw new IllegalStateException("bad quoted key at offset " + start);
        }
      } else {
        int start = pos;
        while (Character.isLetterOrDigit(at(pos)) || at(pos) == '_' || at(pos) == '-') {
          pos++;
        }
        if (pos == start) {
          throw new IllegalStateException("expected a key at offset " + pos);
        }
        parts.add(t.substring(start, pos));
      }
      skipBlanks();
      if (at(pos) != '.') {
        return parts;
      }
      pos++;
    }
  }

  private void skipValue() {
    char c = at(pos);
    if (t.startsWith("\"\"\"", pos) || t.startsWith("'''", pos)) {
      String q = t.substring(pos, pos + 3);
      int i = pos + 3;
      while (true) {
        if (i >= t.length()) {
          throw new IllegalStateException("unterminated string");
        }
        if (q.charAt(0) == '"' && at(i) == '\\') {
          i += 2;
        } else if (t.startsWith(q, i)) {
          int extra = 0;
          while (extra < 2 && at(i + 3 + extra) == q.charAt(0)) {
            extra++;
          }
          pos = i + 3 + extra;
          return;
        } else {
          i++;
        }
      }
    } else if (c == '"') {
      int i = pos + 1;
      while (i < t.length() && at(i) != '"') {
        i += at(i) == '\\' ? 2 : 1;
      }
      pos = i + 1;
    } else if (c == '\'') {
      int end = t.indexOf('\'', pos + 1);
      if (end < 0) {
        throw new IllegalStateException("unterminated string");
      }
      pos = end + 1;
    } else if (c == '[') {
      pos++;
      while (true) {
        skipSpace();
        if (at(pos) == ']') {
          pos++;
          return;
        }
        if (pos >= t.length()) {
          throw new IllegalStateException("unterminated array");
        }
        skipValue();
        skipSpace();
        if (at(pos) == ',') {
          pos++;
        }
      }
    } else if (c == '{') {
      pos++;
      while (true) {
        skipSpace();
        if (at(pos) == '}') {
          pos++;
          return;
        }
        if (pos >= t.length()) {
          throw new IllegalStateException("unterminated inline table");
        }
        key();
        skipBlanks();
        expect('=');
        skipBlanks();
        skipValue();
        skipSpace();
        if (at(pos) == ',') {
          pos++;
        }
      }
    } else {
      int start = pos;
      while (pos < t.length() && " \t\r\n,]}#".indexOf(at(pos)) < 0) {
        pos++;
      }
      // a date-time may use a space instead of 'T': 1979-05-27 07:32:00Z
      if (pos - start == 10 && t.substring(start, pos).matches("\\d{4}-\\d{2}-\\d{2}")
          && at(pos) == ' ' && Character.isDigit(at(pos + 1))) {
        pos++;
        while (pos < t.length() && " \t\r\n,]}#".indexOf(at(pos)) < 0) {
          pos++;
        }
      }
      if (pos == start) {
        throw new IllegalStateException("expected a value at offset " + pos);
      }
    }
  }
}
