package io.github.fss.json;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON trees made of {@code Map<String,Object>}, {@code List<Object>}, String, Long, Double, Boolean
 * and null, read and written with Gson's streaming reader and writer only (no binding, no
 * reflection: it costs about 4 ms at start-up, see shared/reference/java-startup.md).
 */
public final class Json {
  /** Nesting deeper than this is refused, so hostile input cannot exhaust the stack. */
  public static final int MAX_DEPTH = 200;

  private Json() {}

  /** Parses one JSON document; throws {@link JsonException} on malformed input. */
  public static Object parse(String text) {
    return parse(new StringReader(text), Set.of());
  }

  /**
   * Parses one JSON document. Values of object members named in {@code skipKeys} are skipped
   * without being materialised (Gson skips strings without building them), which keeps huge tool
   * outputs and encrypted blobs out of memory.
   */
  public static Object parse(Reader reader, Set<String> skipKeys) {
    try {
      JsonReader in = new JsonReader(reader);
      in.setNestingLimit(MAX_DEPTH);
      Object value = read(in, skipKeys);
      if (in.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonException("trailing content after JSON value");
      }
      return value;
    } catch (JsonException e) {
      throw e;
    } catch (IOException | RuntimeException | StackOverflowError e) {
      throw new JsonException(describe(e));
    }
  }

  /**
   * As {@link #parse(Reader, Set)} over {@code chars[0, len)}, read in place: no String and no
   * {@link StringReader} copy of a line that is parsed once (the transcript readers' hot path).
   */
  public static Object parse(char[] chars, int len, Set<String> skipKeys) {
    return parse(new CharsReader(chars, len), skipKeys);
  }

  /** A reader over a char array, unsynchronised (CharArrayReader takes a lock per read). */
  private static final class CharsReader extends Reader {
    private final char[] chars;
    private final int len;
    private int pos;

    CharsReader(char[] chars, int len) {
      this.chars = chars;
      this.len = len;
    }

    @Override
    public int read(char[] buf, int off, int n) {
      if (pos >= len) {
        return -1;
      }
      int k = Math.min(n, len - pos);
      System.arraycopy(chars, pos, buf, off, k);
      pos += k;
      return k;
    }

    @Override
    public void close() {
      // nothing held
    }
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static Object read(JsonReader in, Set<String> skipKeys) throws IOException {
    switch (in.peek()) {
      case BEGIN_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        in.beginObject();
        while (in.hasNext()) {
          String name = in.nextName();
          if (skipKeys.contains(name)) {
            in.skipValue();
          } else {
            map.put(name, read(in, skipKeys));
          }
        }
        in.endObject();
        return map;
      }
      case BEGIN_ARRAY: {
        List<Object> list = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
          list.add(read(in, skipKeys));
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

  static Object number(String text) {
    boolean integral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
    if (integral && text.length() < 19) {
      return Long.parseLong(text);
    }
    return Double.parseDouble(text);
  }

  /** Writes a tree as JSON text; pretty output is indented by two spaces. */
  public static String write(Object tree, boolean pretty) {
    StringWriter sw = new StringWriter();
    write(tree, sw, pretty);
    return sw.toString();
  }

  /** Writes a tree as JSON to {@code out}. */
  public static void write(Object tree, Writer out, boolean pretty) {
    try {
      JsonWriter w = new JsonWriter(out);
      w.setHtmlSafe(false);
      w.setSerializeNulls(false);
      if (pretty) {
        w.setIndent("  ");
      }
      emit(w, tree);
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void emit(JsonWriter w, Object v) throws IOException {
    if (v == null) {
      w.nullValue();
    } else if (v instanceof Map<?, ?>) {
      w.beginObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (e.getValue() == null) {
          continue;
        }
        w.name(String.valueOf(e.getKey()));
        emit(w, e.getValue());
      }
      w.endObject();
    } else if (v instanceof Iterable<?>) {
      w.beginArray();
      for (Object o : (Iterable<?>) v) {
        emit(w, o);
      }
      w.endArray();
    } else if (v instanceof String) {
      w.value((String) v);
    } else if (v instanceof Boolean) {
      w.value((Boolean) v);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        w.nullValue();
      } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        w.value((long) d);
      } else {
        w.value(d);
      }
    } else if (v instanceof Number) {
      w.value(((Number) v).longValue());
    } else {
      w.value(String.valueOf(v));
    }
  }

  // ---- typed access to trees; every accessor answers null rather than throwing on a wrong shape.

  /** The value as an object, or null. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> obj(Object v) {
    return v instanceof Map<?, ?> ? (Map<String, Object>) v : null;
  }

  /** The value as an array, or an empty list. */
  @SuppressWarnings("unchecked")
  public static List<Object> arr(Object v) {
    return v instanceof List<?> ? (List<Object>) v : Collections.emptyList();
  }

  /** The value as a string, or null (numbers and booleans are not converted). */
  public static String str(Object v) {
    return v instanceof String ? (String) v : null;
  }

  /** The value as a long, or null; numeric strings are accepted. */
  public static Long num(Object v) {
    if (v instanceof Number) {
      return ((Number) v).longValue();
    }
    if (v instanceof String) {
      try {
        return Long.parseLong(((String) v).trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Walks object members by name; null as soon as a step is missing or not an object. */
  public static Object at(Object root, String... path) {
    Object cur = root;
    for (String p : path) {
      Map<String, Object> m = obj(cur);
      if (m == null) {
        return null;
      }
      cur = m.get(p);
    }
    return cur;
  }

  /** {@link #at} then {@link #str}. */
  public static String str(Object root, String... path) {
    return str(at(root, path));
  }

  /** True when the value is Boolean.TRUE. */
  public static boolean isTrue(Object v) {
    return Boolean.TRUE.equals(v);
  }
}
