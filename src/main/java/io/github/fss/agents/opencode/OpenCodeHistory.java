package io.github.fss.agents.opencode;

import io.github.fss.capture.CaptureState;
import io.github.fss.capture.Handoff;
import io.github.fss.capture.HistoryReader;
import io.github.fss.json.Json;
import io.github.fss.model.Timestamps;
import io.github.fss.model.Todo;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one OpenCode session from OpenCode's SQLite database (the state's transcript path is the
 * {@code opencode.db} file). Rows, not lines: the {@code part} rows of the session in the order of
 * their last update ({@code time_updated}, then {@code id}), each joined with its message; the
 * cursor is the last row's time and id, kept in {@link CaptureState#extra}. A part is updated in
 * place (a tool goes pending, running, completed), so a part already read may come again, later,
 * in a newer state: everything below is idempotent per part.
 *
 * <p>What it takes, and from where:
 * <ul>
 *   <li>cwd: {@code session.directory}; model: an assistant message's {@code modelID}.
 *   <li>Prompts: text parts of user messages that are not {@code synthetic} (what plugins inject,
 *       ours included, and the "Continue if you have next steps" after a compaction) nor
 *       {@code ignored}. A message given with spaces on the command line is stored wrapped in
 *       literal double quotes: they are taken off.
 *   <li>The last assistant text: finished text parts ({@code time.end}) of assistant messages.
 *   <li>Todos: the input of the {@code todowrite} tool.
 *   <li>Commands: {@code bash} tool parts; the exit code is {@code state.metadata.exit}. A part
 *       still running (the session was killed in the middle) stays a command without an outcome.
 *   <li>Files (paths only): {@code write} (created unless it existed), {@code edit}, the files of
 *       {@code patch} parts (editing), {@code read} (reference), once the tool completed.
 *   <li>Compaction: the finished text of an assistant message with {@code summary: true}.
 *   <li>Handoff: a {@code fss-handoff: <id>} line in a prompt sets {@code restoredFrom}.
 * </ul>
 */
public final class OpenCodeHistory implements HistoryReader {
  static final String FORMAT = "opencode";
  static final String CURSOR_TIME = "opencode.time";
  static final String CURSOR_ID = "opencode.part";
  /** Parts already taken as a prompt or a finished command: a part may be read again. */
  static final String SEEN = "opencode.seen";
  private static final int MAX_SEEN = 64;

  private static final String QUERY = "SELECT p.id, p.time_updated, p.data, m.data FROM part p"
      + " JOIN message m ON m.id = p.message_id"
      + " WHERE p.session_id = ? AND (p.time_updated > ? OR (p.time_updated = ? AND p.id > ?))"
      + " ORDER BY p.time_updated, p.id LIMIT ?";

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public Set<String> skipKeys() {
    return Set.of();
  }

  @Override
  public long readNew(String sessionId, CaptureState state, long maxItems, boolean[] more) throws IOException {
    if (sessionId == null || state.transcriptPath == null) {
      return 0;
    }
    Path db = Path.of(state.transcriptPath);
    String stamp = HistoryReader.stamp(db);
    if (stamp == null) {
      return 0; // no database (yet, or any more): what was read stands
    }
    long limit = Math.max(1, Math.min(maxItems, Integer.MAX_VALUE - 1));
    long n = 0;
    try (Connection c = OpenCodeDb.open(db)) {
      readSession(c, sessionId, state);
      Long time = Json.num(state.extra.get(CURSOR_TIME));
      String id = Json.str(state.extra.get(CURSOR_ID));
      long t = time == null ? Long.MIN_VALUE : time;
      try (PreparedStatement q = c.prepareStatement(QUERY)) {
        q.setString(1, sessionId);
        q.setLong(2, t);
        q.setLong(3, t);
        q.setString(4, id == null ? "" : id);
        q.setLong(5, limit + 1);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            if (n == limit) {
              more[0] = true;
              break;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", rs.getString(1));
            row.put("time", rs.getLong(2));
            try {
              row.put("part", Json.parse(rs.getString(3)));
              row.put("message", Json.parse(rs.getString(4)));
              apply(row, state);
            } catch (RuntimeException e) {
              state.skippedLines++; // a malformed row is skipped, as a malformed line is
            }
            state.extra.put(CURSOR_TIME, rs.getLong(2));
            state.extra.put(CURSOR_ID, rs.getString(1));
            n++;
          }
        }
      }
    } catch (SQLException e) {
      throw new IOException("cannot read OpenCode session " + sessionId + " from " + db + ": " + e.getMessage(), e);
    }
    if (!more[0]) {
      state.extra.put(STAMP, stamp);
    }
    return n;
  }

  private static void readSession(Connection c, String sessionId, CaptureState state) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT directory, time_created FROM session WHERE id = ?")) {
      q.setString(1, sessionId);
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          String dir = rs.getString(1);
          if (dir != null && !dir.isBlank() && dir.indexOf('\0') < 0) {
            state.cwd = dir;
          }
          if (state.firstEventAt == null) {
            state.sawEventAt(Timestamps.format(Instant.ofEpochMilli(rs.getLong(2))));
          }
        }
      }
    }
  }

  /** One row: {@code {id, time, part: <part data>, message: <message data>}}. */
  @Override
  public void apply(Object line, CaptureState state) {
    Map<String, Object> row = Json.obj(line);
    if (row == null) {
      return;
    }
    Map<String, Object> part = Json.obj(row.get("part"));
    Map<String, Object> message = Json.obj(row.get("message"));
    String partId = Json.str(row.get("id"));
    if (part == null || message == null || partId == null) {
      state.skippedLines++;
      return;
    }
    Long time = Json.num(row.get("time"));
    String at = time == null ? null : Timestamps.format(Instant.ofEpochMilli(time));
    state.sawEventAt(at);
    String role = Json.str(message.get("role"));
    String type = Json.str(part.get("type"));
    if ("assistant".equals(role)) {
      String model = Json.str(message.get("modelID"));
      if (model != null && !model.isBlank()) {
        state.model = model;
      }
    }
    if ("text".equals(type)) {
      text(partId, part, message, role, state);
    } else if ("tool".equals(type)) {
      tool(partId, part, state, at);
    } else if ("patch".equals(type)) {
      for (Object f : Json.arr(part.get("files"))) {
        state.touchFile(Json.str(f), "editing");
      }
    }
  }

  private static void text(String partId, Map<String, Object> part, Map<String, Object> message, String role,
      CaptureState state) {
    String text = Json.str(part.get("text"));
    if (text == null || Boolean.TRUE.equals(part.get("synthetic")) || Boolean.TRUE.equals(part.get("ignored"))) {
      return;
    }
    if ("user".equals(role)) {
      if (seen(state, partId)) {
        return;
      }
      String prompt = unquote(text);
      String from = Handoff.find(prompt);
      if (from != null && state.restoredFrom == null) {
        state.restoredFrom = from;
      }
      state.addPrompt(prompt);
      return;
    }
    if (!"assistant".equals(role)) {
      return;
    }
    Map<String, Object> time = Json.obj(part.get("time"));
    if (time == null || time.get("end") == null) {
      return; // still streaming: the finished text comes with a later update
    }
    if (Boolean.TRUE.equals(message.get("summary")) || "compaction".equals(Json.str(message.get("mode")))) {
      if (!seen(state, partId)) {
        state.addCompactionNote(text);
      }
      return;
    }
    state.setLastAssistant(text);
  }

  private static void tool(String partId, Map<String, Object> part, CaptureState state, String at) {
    String tool = Json.str(part.get("tool"));
    String callId = Json.str(part.get("callID"));
    Map<String, Object> st = Json.obj(part.get("state"));
    if (tool == null || st == null) {
      return;
    }
    String status = Json.str(st.get("status"));
    Map<String, Object> input = Json.obj(st.get("input"));
    Map<String, Object> meta = Json.obj(st.get("metadata"));
    Map<String, Object> time = Json.obj(st.get("time"));
    Long start = time == null ? null : Json.num(time.get("start"));
    String started = start == null ? at : Timestamps.format(Instant.ofEpochMilli(start));
    boolean done = "completed".equals(status) || "error".equals(status);
    switch (tool) {
      case "bash": {
        String command = input == null ? null : Json.str(input.get("command"));
        if (command == null || command.isBlank() || callId == null || seenHas(state, partId)) {
          return;
        }
        if (!done) {
          if (state.peekPending(callId) == null) {
            state.startCommand(callId, command, started);
          }
          return;
        }
        Long exit = meta == null ? null : Json.num(meta.get("exit"));
        Integer code = exit == null ? null : exit.intValue();
        seen(state, partId);
        if (state.peekPending(callId) != null) {
          state.finishCommand(callId, code);
        } else {
          state.addCommand(command, code, started);
        }
        return;
      }
      case "todowrite": {
        List<Object> todos = input == null ? null : Json.arr(input.get("todos"));
        if (todos == null || todos.isEmpty() && !done) {
          return;
        }
        List<Todo> list = new ArrayList<>();
        for (Object o : todos) {
          Map<String, Object> t = Json.obj(o);
          if (t != null) {
            list.add(new Todo(Json.str(t.get("id")), Json.str(t.get("content")), Json.str(t.get("status"))));
          }
        }
        state.setTodos(list);
        return;
      }
      case "write":
      case "edit":
      case "read": {
        String path = input == null ? null : Json.str(input.get("filePath"));
        if (!"completed".equals(status) || path == null) {
          return;
        }
        String role = "read".equals(tool) ? "reference"
            : "write".equals(tool) && meta != null && Boolean.FALSE.equals(meta.get("exists")) ? "created"
            : "editing";
        state.touchFile(path, role);
        return;
      }
      default:
        return;
    }
  }

  /**
   * Takes off the literal double quotes OpenCode keeps around a message given with spaces. It
   * escapes the quotes inside as {@code \"} when it wraps (a handoff prompt has some), so a
   * message whose inner quotes are all escaped is one wrapped message too.
   */
  static String unquote(String text) {
    String t = text.strip();
    if (t.length() < 2 || t.charAt(0) != '"' || t.charAt(t.length() - 1) != '"') {
      return text;
    }
    String inner = t.substring(1, t.length() - 1);
    if (inner.indexOf('"') < 0) {
      return inner;
    }
    if (!inner.endsWith("\\") && inner.replace("\\\"", "").indexOf('"') < 0) {
      return inner.replace("\\\"", "\"");
    }
    return text;
  }

  private static boolean seenHas(CaptureState state, String partId) {
    List<Object> list = Json.arr(state.extra.get(SEEN));
    return list != null && list.contains(partId);
  }

  /** Whether the part was taken already; marks it taken (a bounded list, the oldest forgotten). */
  private static boolean seen(CaptureState state, String partId) {
    List<Object> list = Json.arr(state.extra.get(SEEN));
    List<Object> next = list == null ? new ArrayList<>() : new ArrayList<>(list);
    if (next.contains(partId)) {
      return true;
    }
    next.add(partId);
    while (next.size() > MAX_SEEN) {
      next.remove(0);
    }
    state.extra.put(SEEN, next);
    return false;
  }
}
