package io.github.fss.mcp;

import io.github.fss.Environment;
import io.github.fss.json.Json;
import io.github.fss.json.JsonException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code fss mcp}: a stdio MCP server. JSON-RPC 2.0, one message per line on stdin and stdout.
 * Requests are answered one at a time in the order they came, so on stdin EOF every request read
 * has been answered before {@link #serve} returns. Only protocol messages go to {@code out}; warnings
 * go to {@code err}. Every text is written by Gson's JsonWriter, so text from transcripts is
 * escaped by construction.
 */
public final class McpServer {
  /** The newest protocol we speak; also the answer to a client asking for one we do not know. */
  static final String LATEST = "2025-11-25";
  static final List<String> VERSIONS = List.of(LATEST, "2025-06-18", "2025-03-26", "2024-11-05");
  /** One line longer than this is refused (a tool call is a few KB). */
  static final int MAX_LINE = 4 << 20;

  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;
  static final int INTERNAL_ERROR = -32603;

  private final PrintStream out;
  private final PrintStream err;
  private final Tools tools;

  McpServer(PrintStream out, PrintStream err, Tools tools) {
    this.out = out;
    this.err = err;
    this.tools = tools;
  }

  /** Runs {@code fss mcp [--help]} until stdin ends; returns the exit code. */
  public static int run(InputStream in, PrintStream out, PrintStream err, Environment env, String... args) {
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--help") || args[i].equals("-h")) {
        out.println(help());
        return 0;
      }
      err.println("fss mcp: unknown option " + args[i] + "; run 'fss mcp --help' for usage");
      return 2;
    }
    try {
      new McpServer(out, err, new Tools(env, err)).serve(in);
      return 0;
    } catch (IOException e) {
      err.println("fss mcp: cannot read stdin (" + e.getMessage() + ")");
      return 1;
    }
  }

  static String help() {
    return String.join("\n",
        "usage: fss mcp",
        "",
        "A stdio MCP server (JSON-RPC 2.0, newline-delimited; protocol " + LATEST + ") that agents start",
        "themselves; fss install claude|codex registers it. Tools: search_history, list_sessions,",
        "restore_session, diff_checkpoints, save_checkpoint. It serves until stdin ends.");
  }

  void serve(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    StringBuilder line = new StringBuilder();
    while (true) {
      line.setLength(0);
      boolean tooLong = false;
      int c;
      while ((c = reader.read()) != -1 && c != '\n') {
        if (line.length() < MAX_LINE) {
          line.append((char) c);
        } else {
          tooLong = true;
        }
      }
      if (c == -1 && line.length() == 0) {
        return;
      }
      if (tooLong) {
        send(error(null, INVALID_REQUEST, "message longer than " + MAX_LINE + " characters"));
      } else if (!line.toString().isBlank()) {
        String reply = handle(line.toString());
        if (reply != null) {
          send(reply);
        }
      }
      if (c == -1) {
        return;
      }
    }
  }

  private void send(String message) {
    out.print(message);
    out.print('\n');
    out.flush();
  }

  /** The reply to one line, or null for a notification (or a response from the client). */
  String handle(String line) {
    Object parsed;
    try {
      parsed = Json.parse(line);
    } catch (JsonException e) {
      return error(null, PARSE_ERROR, "not JSON: " + e.getMessage());
    }
    Map<String, Object> msg = Json.obj(parsed);
    if (msg == null) {
      return error(null, INVALID_REQUEST, "expected one JSON-RPC object per line (batches are not supported)");
    }
    Object id = msg.get("id");
    boolean hasId = msg.containsKey("id");
    Object method = msg.get("method");
    if (!(method instanceof String)) {
      // a response to a request we never send, or garbage: answer only what carries an id
      return hasId && !msg.containsKey("result") && !msg.containsKey("error")
          ? error(validId(id) ? id : null, INVALID_REQUEST, "no method") : null;
    }
    if (!hasId) {
      return null; // notifications (initialized, cancelled, …) need no answer
    }
    if (!validId(id)) {
      return error(null, INVALID_REQUEST, "id must be a string or a number");
    }
    Map<String, Object> params = msg.get("params") == null ? Map.of() : Json.obj(msg.get("params"));
    if (params == null) {
      return error(id, INVALID_PARAMS, "params must be an object");
    }
    try {
      switch ((String) method) {
        case "initialize":
          return result(id, initialize(params));
        case "ping":
          return result(id, Map.of());
        case "tools/list":
          return result(id, Map.of("tools", tools.list()));
        case "tools/call": {
          Object name = params.get("name");
          if (!(name instanceof String) || !tools.has((String) name)) {
            return error(id, INVALID_PARAMS, "unknown tool " + (name instanceof String ? "'" + name + "'" : "(no name)")
                + "; tools/list gives the tools");
          }
          Object arguments = params.get("arguments");
          if (arguments != null && Json.obj(arguments) == null) {
            return result(id, Tools.failure("arguments must be a JSON object"));
          }
          Map<String, Object> args = arguments == null ? Map.of() : Json.obj(arguments);
          return result(id, tools.call((String) name, args, Json.obj(params.get("_meta"))));
        }
        default:
          // includes Claude Code's server/discover probe: method-not-found makes it fall back to initialize
          return error(id, METHOD_NOT_FOUND, "method not found: " + method);
      }
    } catch (RuntimeException | StackOverflowError e) {
      err.println("fss mcp: " + method + " failed: " + e);
      return error(id, INTERNAL_ERROR, "internal error: " + e.getClass().getSimpleName());
    }
  }

  private Map<String, Object> initialize(Map<String, Object> params) {
    Object asked = params.get("protocolVersion");
    tools.client(Json.obj(params.get("clientInfo")));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("protocolVersion", asked instanceof String && VERSIONS.contains(asked) ? asked : LATEST);
    m.put("capabilities", Map.of("tools", Map.of("listChanged", false)));
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("name", "fss");
    info.put("title", "fireworks-sessions-saver");
    info.put("version", io.github.fss.cli.Cli.VERSION);
    m.put("serverInfo", info);
    m.put("instructions", "Past coding-agent sessions of this machine (Claude Code, Codex, …), kept by fss: "
        + "search what was said or run in them, list the recoverable ones, restore one's working context, "
        + "compare checkpoints, and save a checkpoint of the current session.");
    return m;
  }

  private static boolean validId(Object id) {
    return id instanceof String || id instanceof Number;
  }

  static String result(Object id, Object result) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + Json.write(id, false) + ",\"result\":" + Json.write(result, false) + "}";
  }

  static String error(Object id, int code, String message) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("code", code);
    e.put("message", message);
    return "{\"jsonrpc\":\"2.0\",\"id\":" + (id == null ? "null" : Json.write(id, false)) + ",\"error\":"
        + Json.write(e, false) + "}";
  }
}
