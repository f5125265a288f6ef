package io.github.fss.testing;

import io.github.fss.json.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whole turns of a Claude Code transcript: a prompt, an Edit and a Bash call with their results,
 * the final answer ({@code stop_reason} end_turn) and the {@code turn_duration} line after it.
 */
public final class Turns {
  private Turns() {}

  /** Turn {@code n} starting at {@code at}; its lines are a second apart. */
  public static List<String> claude(Path cwd, String session, int n, Instant at) {
    List<String> l = new ArrayList<>(head(cwd, session, n, at));
    l.add(line(cwd, session, "assistant", Map.of("id", "msg_" + n + "b", "role", "assistant", "stop_reason", "end_turn",
        "content", List.of(Map.of("type", "text", "text", "Turn " + n + " is done: tests pass."))), "b" + n, at.plusSeconds(5)));
    l.add(Json.write(Map.of("type", "system", "subtype", "turn_duration", "durationMs", 6000, "isSidechain", false,
        "uuid", "d" + n, "timestamp", at.plusSeconds(6).toString()), false));
    return l;
  }

  /** The first lines of turn {@code n}: a turn still being written (no final answer yet). */
  public static List<String> head(Path cwd, String session, int n, Instant at) {
    List<String> l = new ArrayList<>();
    l.add(line(cwd, session, "user", Map.of("role", "user", "content", "task " + n + ": make the tests pass"), "u" + n, at));
    String file = cwd.resolve("src/f" + n + ".txt").toString();
    l.add(line(cwd, session, "assistant", Map.of("id", "msg_" + n + "a", "role", "assistant", "stop_reason", "tool_use",
        "content", List.of(Map.of("type", "tool_use", "id", "toolu_" + n + "e", "name", "Edit",
            "input", Map.of("file_path", file, "old_string", "a", "new_string", "b")))), "a" + n, at.plusSeconds(1)));
    l.add(withResult(line(cwd, session, "user", Map.of("role", "user", "content", List.of(Map.of("type", "tool_result",
        "tool_use_id", "toolu_" + n + "e", "content", "updated"))), "r" + n, at.plusSeconds(2)),
        Map.of("filePath", file, "oldString", "a", "newString", "b")));
    l.add(line(cwd, session, "assistant", Map.of("id", "msg_" + n + "c", "role", "assistant", "stop_reason", "tool_use",
        "content", List.of(Map.of("type", "tool_use", "id", "toolu_" + n + "b", "name", "Bash",
            "input", Map.of("command", "make test-" + n)))), "c" + n, at.plusSeconds(3)));
    l.add(withResult(line(cwd, session, "user", Map.of("role", "user", "content", List.of(Map.of("type", "tool_result",
        "tool_use_id", "toolu_" + n + "b", "content", "ok"))), "s" + n, at.plusSeconds(4)),
        Map.of("stdout", "ok", "stderr", "", "interrupted", false)));
    return l;
  }

  private static String line(Path cwd, String session, String type, Map<String, Object> message, String uuid, Instant at) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("isSidechain", false);
    m.put("type", type);
    m.put("cwd", cwd.toString());
    m.put("sessionId", session);
    m.put("message", message);
    m.put("uuid", uuid);
    m.put("timestamp", at.toString());
    return Json.write(m, false);
  }

  @SuppressWarnings("unchecked")
  private static String withResult(String line, Map<String, Object> result) {
    Map<String, Object> m = new java.util.LinkedHashMap<>((Map<String, Object>) Json.parse(line));
    m.put("toolUseResult", result);
    return Json.write(m, false);
  }
}
