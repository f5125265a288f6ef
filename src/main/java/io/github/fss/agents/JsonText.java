package io.github.fss.agents;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.github.fss.json.Json;
import io.github.fss.json.JsonException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for files that people and other programs also edit. {@link io.github.fss.json.Json} drops
 * null members and normalises numbers, which is right for our store but would rewrite a user's
 * settings; here nulls and number text are kept and output follows {@code JSON.stringify(v, null,
 * indent)}, so a file Claude Code wrote comes back byte for byte after an install and an uninstall.
 */
public final class JsonText {
  private JsonText() {}

  /** A number kept as written, since parsing it would turn {@code 1.50} into {@code 1.5} or lose digits. */
  public record Num(String text) {}

  /**
   * The layout of a file, reused when writing it back: the indent unit ("" for one-line JSON), the
   * line break, and the whitespace before and after the top-level value.
   */
  public record Layout(String indent, String newline, String leading, String trailing) {
    /** What a new file gets: Claude Code's own style plus a final newline. */
    public static final Layout DEFAULT = new Layout("  ", "\n", "", "\n");
  }

  /** Parses strict JSON (what JSON.parse accepts); throws {@link JsonException} with a one-line reason. */
  public static Object parse(String text) {
    try {
      JsonReader in = new JsonReader(new StringReader(text));
      in.setStrictness(Strictness.STRICT);
      in.setNestingLimit(Json.MAX_DEPTH);
      Object value = read(in);
      if (in.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonException("trailing content after the JSON value");
      }
      return value;
    } catch (JsonException e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      String m = e.getMessage();
      if (m == null) {
        m = e.getClass().getSimpleName();
      }
      int nl = m.indexOf('\n');
      throw new JsonException(nl < 0 ? m : m.substring(0, nl));
    }
  }

  private static Object read(JsonReader in) throws IOException {
    switch (in.peek()) {
      case BEGIN_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        in.beginObject();
        while (in.hasNext()) {
          String name = in.nextName();
          map.put(name, read(in)); // like JSON.parse: a duplicate keeps the first position, the last value
        }
        in.endObject();
        return map;
      }
      case BEGIN_ARRAY: {
        List<Object> list = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
          list.add(read(in));
        }
        in.endArray();
        return list;
      }
      case STRING:
        return in.nextString();
      case NUMBER:
        return number(in.nextString());
      case BOOLEAN:
        return in.nextBoolean();
      case NULL:
        in.nextNull();
        return null;
      default:
        throw new JsonException("unexpected " + in.peek());
    }
  }

  /** Integers that print back identically become Long (so they compare equal to ours); the rest keep their text. */
  private static Object number(String text) {
    try {
      long v = Long.parseLong(text);
      if (Long.toString(v).equals(text)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // not a plain integer: keep the text
    }
    return new Num(text);
  }

  /** The layout of {@code text} (which must hold one JSON value). */
  public static Layout layout(String text) {
    int start = 0;
    while (start < text.length() && isWs(text.charAt(start))) {
      start++;
    }
    int end = text.length();
    while (end > start && isWs(text.charAt(end - 1))) {
      end--;
    }
    String newline = text.contains("\r\n") ? "\r\n" : "\n";
    String body = text.substring(start, end);
    String indent;
    int nl = body.indexOf('\n');
    if (nl < 0) {
      indent = body.length() <= 2 ? "  " : ""; // "{}" grows into the default style; one-line JSON stays one line
    } else {
      int i = nl + 1;
      while (i < body.length() && (body.charAt(i) == ' ' || body.charAt(i) == '\t')) {
        i++;
      }
      indent = i > nl + 1 ? body.substring(nl + 1, i) : "  ";
    }
    return new Layout(indent, newline, text.substring(0, start), text.substring(end));
  }

  private static boolean isWs(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** Prints a tree in {@code layout}, the way JSON.stringify does with that indent. */
  public static String print(Object tree, Layout layout) {
    StringBuilder sb = new StringBuilder(layout.leading());
    emit(sb, tree, layout, "");
    return sb.append(layout.trailing()).toString();
  }

  private static void emit(StringBuilder sb, Object v, Layout layout, String cur) {
    boolean pretty = !layout.indent().isEmpty();
    String inner = cur + layout.indent();
    if (v instanceof Map<?, ?>) {
      Map<?, ?> m = (Map<?, ?>) v;
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(first ? "" : ",");
        first = false;
        if (pretty) {
          sb.append(layout.newline()).append(inner);
        }
        string(sb, String.valueOf(e.getKey()));
        sb.append(pretty ? ": " : ":");
        emit(sb, e.getValue(), layout, inner);
      }
      if (pretty) {
        sb.append(layout.newline()).append(cur);
      }
      sb.append('}');
    } else if (v instanceof List<?>) {
      List<?> l = (List<?>) v;
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "" : ",");
        if (pretty) {
          sb.append(layout.newline()).append(inner);
        }
        emit(sb, l.get(i), layout, inner);
      }
      if (pretty) {
        sb.append(layout.newline()).append(cur);
      }
      sb.append(']');
    } else if (v == null) {
      sb.append("null");
    } else if (v instanceof String) {
      string(sb, (String) v);
    } else if (v instanceof Num) {
      sb.append(((Num) v).text());
    } else {
      sb.append(v); // Boolean, Long, Integer
    }
  }

  /** JSON.stringify's string escaping: short escapes, \\u00xx for other controls, lone surrogates escaped. */
  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\b': sb.append("\\b"); break;
        case '\f': sb.append("\\f"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          boolean loneSurrogate = Character.isSurrogate(c)
              && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
              && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
          if (c < 0x20 || loneSurrogate) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }
}
