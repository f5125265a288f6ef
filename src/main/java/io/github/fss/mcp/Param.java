package io.github.fss.mcp;

import io.github.fss.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One argument of a tool: its JSON schema and the check of a value against it, from one
 * definition, so what tools/list advertises is exactly what tools/call accepts.
 */
record Param(String name, Type type, String description, List<String> choices, Integer min, Integer max,
    boolean required) {

  /** The argument types the tools use. */
  enum Type { STRING, INTEGER, BOOLEAN, STRINGS, FILES }

  /** Thrown for an argument the schema refuses; its message is the tool error the model reads. */
  static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  static Param string(String name, String description) {
    return new Param(name, Type.STRING, description, null, null, null, false);
  }

  static Param integer(String name, String description, Integer min, Integer max) {
    return new Param(name, Type.INTEGER, description, null, min, max, false);
  }

  static Param bool(String name, String description) {
    return new Param(name, Type.BOOLEAN, description, null, null, null, false);
  }

  static Param strings(String name, String description) {
    return new Param(name, Type.STRINGS, description, null, null, null, false);
  }

  static Param files(String name, String description) {
    return new Param(name, Type.FILES, description, null, null, null, false);
  }

  Param oneOf(String... values) {
    return new Param(name, type, description, List.of(values), min, max, required);
  }

  Param needed() {
    return new Param(name, type, description, choices, min, max, true);
  }

  /** The JSON schema of an object with these properties. */
  static Map<String, Object> schema(List<Param> params) {
    Map<String, Object> props = new LinkedHashMap<>();
    List<Object> required = new ArrayList<>();
    for (Param p : params) {
      props.put(p.name, p.schema());
      if (p.required) {
        required.add(p.name);
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "object");
    m.put("properties", props);
    if (!required.isEmpty()) {
      m.put("required", required);
    }
    m.put("additionalProperties", false);
    return m;
  }

  private Map<String, Object> schema() {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (type) {
      case STRING:
        m.put("type", "string");
        break;
      case INTEGER:
        m.put("type", "integer");
        break;
      case BOOLEAN:
        m.put("type", "boolean");
        break;
      case STRINGS:
        m.put("type", "array");
        m.put("items", Map.of("type", "string"));
        break;
      default: {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("type", "object");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("path", Map.of("type", "string"));
        props.put("role", Map.of("type", "string", "enum", io.github.fss.model.FileRef.ROLES));
        file.put("properties", props);
        file.put("required", List.of("path"));
        file.put("additionalProperties", false);
        m.put("type", "array");
        m.put("items", file);
      }
    }
    if (choices != null) {
      m.put("enum", choices);
    }
    if (min != null) {
      m.put("minimum", min);
    }
    if (max != null) {
      m.put("maximum", max);
    }
    m.put("description", description);
    return m;
  }

  /**
   * The arguments checked against the params: unknown names, wrong types, values out of range or
   * not among the choices and missing required ones are refused with a message naming the argument.
   * Null values count as absent.
   */
  static Map<String, Object> check(List<Param> params, Map<String, Object> args) {
    Map<String, Param> byName = new LinkedHashMap<>();
    for (Param p : params) {
      byName.put(p.name, p);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : args.entrySet()) {
      Param p = byName.get(e.getKey());
      if (p == null) {
        throw new Invalid("unknown argument '" + printable(e.getKey()) + "'; this tool takes "
            + (byName.isEmpty() ? "no arguments" : String.join(", ", byName.keySet())));
      }
      if (e.getValue() != null) {
        out.put(p.name, p.value(e.getValue()));
      }
    }
    for (Param p : params) {
      if (p.required && !out.containsKey(p.name)) {
        throw new Invalid("missing argument '" + p.name + "' (" + p.description + ")");
      }
    }
    return out;
  }

  private Object value(Object v) {
    switch (type) {
      case STRING: {
        if (!(v instanceof String)) {
          throw wrong(v, "a string");
        }
        String s = (String) v;
        if (s.indexOf('\0') >= 0) {
          throw new Invalid("'" + name + "' has a NUL character");
        }
        if (choices != null && !choices.contains(s)) {
          throw new Invalid("'" + name + "' must be one of " + String.join(", ", choices) + ", not '" + printable(s) + "'");
        }
        return s;
      }
      case INTEGER: {
        if (!(v instanceof Number) || ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())
            || Math.abs(((Number) v).doubleValue()) > Integer.MAX_VALUE) {
          throw wrong(v, "a whole number");
        }
        int n = ((Number) v).intValue();
        if ((min != null && n < min) || (max != null && n > max)) {
          throw new Invalid("'" + name + "' must be " + (max == null ? min + " or more" : "between " + min + " and " + max)
              + ", not " + n);
        }
        return n;
      }
      case BOOLEAN:
        if (!(v instanceof Boolean)) {
          throw wrong(v, "true or false");
        }
        return v;
      case STRINGS: {
        List<String> out = new ArrayList<>();
        for (Object o : list(v, "a list of strings")) {
          if (!(o instanceof String)) {
            throw wrong(v, "a list of strings");
          }
          if (!((String) o).isBlank()) {
            out.add(((String) o).strip());
          }
        }
        return out;
      }
      default: {
        List<io.github.fss.model.FileRef> out = new ArrayList<>();
        for (Object o : list(v, "a list of {path, role}")) {
          Map<String, Object> f = Json.obj(o);
          String path = f == null ? Json.str(o) : Json.str(f.get("path"));
          Object role = f == null ? "editing" : f.getOrDefault("role", "editing");
          if (path == null || path.isBlank() || path.indexOf('\0') >= 0) {
            throw new Invalid("each of '" + name + "' needs a path: {\"path\": \"src/App.java\", \"role\": \"editing\"}");
          }
          if (f != null && f.keySet().stream().anyMatch(k -> !k.equals("path") && !k.equals("role"))) {
            throw new Invalid("a file in '" + name + "' takes only path and role");
          }
          if (!(role instanceof String) || !io.github.fss.model.FileRef.ROLES.contains(role)) {
            throw new Invalid("file " + printable(path) + " has role '" + printable(String.valueOf(role)) + "'; use one of "
                + String.join(", ", io.github.fss.model.FileRef.ROLES));
          }
          out.add(new io.github.fss.model.FileRef(path.strip(), null, (String) role, null));
        }
        return out;
      }
    }
  }

  private List<Object> list(Object v, String what) {
    if (!(v instanceof List<?>)) {
      throw wrong(v, what);
    }
    return Json.arr(v);
  }

  private Invalid wrong(Object v, String what) {
    String got = v instanceof String ? "a string" : v instanceof Number ? "a number" : v instanceof Boolean ? "a boolean"
        : v instanceof List<?> ? "a list" : "an object";
    return new Invalid("'" + name + "' must be " + what + ", not " + got);
  }

  static String printable(String s) {
    String t = s.length() > 60 ? s.substring(0, 60) + "…" : s;
    return t.replaceAll("\\p{Cntrl}", "?");
  }
}
