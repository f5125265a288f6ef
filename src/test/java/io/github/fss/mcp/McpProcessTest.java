package io.github.fss.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.FssHarness;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fss mcp} as a real process, as an agent starts it: stdin closed early, two servers at once. */
class McpProcessTest {
  @TempDir Path tmp;
  Path home;
  Path shop;

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(tmp.resolve("home"));
    shop = FssHarness.gitRepo(tmp.resolve("shop"), "main");
  }

  Process start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
        "io.github.fss.Main", "mcp").directory(shop.toFile());
    pb.environment().put("HOME", home.toString());
    pb.environment().put("FSS_HOME", home.resolve(".fireworks-sessions").toString());
    pb.environment().remove("CLAUDE_CODE_SESSION_ID");
    pb.environment().remove("FSS_SESSION_ID");
    pb.environment().remove("CODEX_THREAD_ID");
    return pb.redirectError(tmp.resolve("stderr-" + System.nanoTime()).toFile()).start();
  }

  static String save(int id, String thread, String summary) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"save_checkpoint\","
        + "\"arguments\":{\"summary\":\"" + summary + "\"},\"_meta\":{\"threadId\":\"" + thread + "\"}}}";
  }

  /** Writes every line and closes stdin at once; returns the replies by id after the process exits. */
  static Map<Object, Map<String, Object>> talk(Process p, List<String> lines) throws Exception {
    try (OutputStream in = p.getOutputStream()) {
      in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the server exits after stdin ends");
    assertEquals(0, p.exitValue());
    Map<Object, Map<String, Object>> byId = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      Map<String, Object> m = Json.obj(Json.parse(line));
      byId.put(m.get("id"), m);
    }
    return byId;
  }

  static List<String> session(String thread, int first, int n) {
    List<String> lines = new ArrayList<>(List.of(McpServerTest.INIT, McpServerTest.INITIALIZED));
    for (int i = 0; i < n; i++) {
      lines.add(save(first + i, thread, "step " + i + " of " + thread));
      lines.add(McpServerTest.call(first + 100 + i, "search_history", "{\"query\":\"step\",\"all_projects\":true}"));
    }
    lines.add(McpServerTest.call(first + 200, "list_sessions", "{}"));
    return lines;
  }

  @Test
  void everyRequestReadBeforeStdinEndsIsAnswered() throws Exception {
    Map<Object, Map<String, Object>> replies = talk(start(), session("thread-a", 1, 4));
    assertEquals(1 + 4 + 4 + 1, replies.size(), replies.keySet().toString());
    for (Map.Entry<Object, Map<String, Object>> e : replies.entrySet()) {
      Map<String, Object> result = Json.obj(e.getValue().get("result"));
      assertFalse(result == null || Boolean.TRUE.equals(result.get("isError")), e.toString());
    }
    assertTrue(McpServerTest.text(replies.get(201L)).contains("thread-a"));
  }

  @Test
  void twoServersOnOneStoreWorkSideBySide() throws Exception {
    Process a = start();
    Process b = start();
    Map<Object, Map<String, Object>>[] replies = new Map[2];
    Thread other = new Thread(() -> {
      try {
        replies[1] = talk(b, session("thread-b", 1, 5));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    other.start();
    replies[0] = talk(a, session("thread-a", 1, 5));
    other.join(120_000);
    for (Map<Object, Map<String, Object>> r : replies) {
      assertEquals(1 + 5 + 5 + 1, r.size(), r.keySet().toString());
      for (Map.Entry<Object, Map<String, Object>> e : r.entrySet()) {
        assertFalse(Boolean.TRUE.equals(Json.obj(e.getValue().get("result")).get("isError")), e.toString());
      }
    }
    String list = McpServerTest.text(replies[0].get(201L)) + McpServerTest.text(replies[1].get(201L));
    assertTrue(list.contains("thread-a") && list.contains("thread-b"), list);
    assertTrue(McpServerTest.text(replies[0].get(5L)).startsWith("Checkpoint 5 saved in session thread-a"));
    assertTrue(McpServerTest.text(replies[1].get(5L)).startsWith("Checkpoint 5 saved in session thread-b"));
  }
}
