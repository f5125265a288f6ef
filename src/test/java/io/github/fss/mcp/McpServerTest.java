package io.github.fss.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fss mcp} run in-process: every request of a client's session at once, then stdin EOF. */
class McpServerTest {
  static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
      + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"claude-code\",\"version\":\"2.1.332\"}}}";
  static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  @TempDir Path tmp;
  FssHarness fss;
  Path shop;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    shop = FssHarness.gitRepo(tmp.resolve("shop"), "main");
  }

  static String call(int id, String tool, String arguments) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
        + "\",\"arguments\":" + arguments + "}}";
  }

  /** The replies by id; every stdout line must be one JSON-RPC message. */
  Map<Object, Map<String, Object>> serve(String... lines) {
    Result r = fss.runWithInput(shop, String.join("\n", lines) + "\n", "mcp").assertOk();
    Map<Object, Map<String, Object>> byId = new LinkedHashMap<>();
    for (String line : r.out().split("\n")) {
      Map<String, Object> m = Json.obj(Json.parse(line));
      assertEquals("2.0", m.get("jsonrpc"), line);
      byId.put(m.get("id"), m);
    }
    return byId;
  }

  static String text(Map<String, Object> reply) {
    Map<String, Object> result = Json.obj(reply.get("result"));
    return Json.str(Json.obj(Json.arr(result.get("content")).get(0)).get("text"));
  }

  static boolean isError(Map<String, Object> reply) {
    return Boolean.TRUE.equals(Json.obj(reply.get("result")).get("isError"));
  }

  String save(String summary, String... more) {
    List<String> args = new ArrayList<>(List.of("save", "--action", "checkpoint", "--summary", summary));
    args.addAll(List.of(more));
    args.add("--json");
    Result r = fss.run(shop, args.toArray(new String[0])).assertOk();
    return Json.str(Json.obj(Json.parse(r.out())).get("session_id"));
  }

  @Test
  void claudeCodesProbeIsMethodNotFoundThenInitializePingAndToolsListAnswer() {
    Map<Object, Map<String, Object>> r = serve(
        "{\"jsonrpc\":\"2.0\",\"id\":\"server-discover-probe-1\",\"method\":\"server/discover\"}",
        INIT, INITIALIZED,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
    assertEquals(4, r.size(), "the notification gets no answer: " + r.keySet());
    assertEquals(-32601L, Json.obj(r.get("server-discover-probe-1").get("error")).get("code"));
    Map<String, Object> init = Json.obj(r.get(0L).get("result"));
    assertEquals("2025-11-25", init.get("protocolVersion"));
    assertEquals("fss", Json.obj(init.get("serverInfo")).get("name"));
    assertNotNull(Json.obj(Json.obj(init.get("capabilities")).get("tools")));
    assertEquals(Map.of(), r.get(1L).get("result"));
    List<String> names = new ArrayList<>();
    for (Object o : Json.arr(Json.obj(r.get(2L).get("result")).get("tools"))) {
      Map<String, Object> tool = Json.obj(o);
      names.add(Json.str(tool.get("name")));
      assertEquals("object", Json.obj(tool.get("inputSchema")).get("type"));
      assertFalse(Json.str(tool.get("description")).isBlank());
    }
    assertEquals(List.of("search_history", "list_sessions", "restore_session", "diff_checkpoints", "save_checkpoint"), names);
  }

  @Test
  void anOlderProtocolAskedForIsKeptAnUnknownOneGetsTheLatest() {
    Map<Object, Map<String, Object>> r = serve(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"1999-01-01\"}}");
    assertEquals("2025-06-18", Json.obj(r.get(1L).get("result")).get("protocolVersion"));
    assertEquals("2025-11-25", Json.obj(r.get(2L).get("result")).get("protocolVersion"));
  }

  @Test
  void listSearchRestoreAndDiffAnswerWhatTheCommandsPrint() {
    String id = save("refund webhook retries were doubled", "--current-task", "fix the refund flow",
        "--files", "src/Refund.java:editing");
    save("refund webhook fixed with an idempotency key", "--session", id, "--decisions", "keep retries at 3");
    Map<Object, Map<String, Object>> r = serve(INIT,
        call(1, "list_sessions", "{}"),
        call(2, "search_history", "{\"query\":\"idempotency\"}"),
        call(3, "restore_session", "{\"session\":\"" + id.substring(0, 8) + "\"}"),
        call(4, "diff_checkpoints", "{}"),
        call(5, "diff_checkpoints", "{\"session\":\"" + id + "\",\"list\":true}"));
    assertTrue(text(r.get(1L)).contains(id), text(r.get(1L)));
    assertTrue(text(r.get(2L)).contains(id) && text(r.get(2L)).contains("«idempotency»"), text(r.get(2L)));
    assertTrue(text(r.get(3L)).contains("idempotency key") && text(r.get(3L)).contains("keep retries at 3"), text(r.get(3L)));
    assertTrue(text(r.get(4L)).contains("keep retries at 3"), text(r.get(4L)));
    assertTrue(text(r.get(5L)).contains("#2"), text(r.get(5L)));
    for (long n = 1; n <= 5; n++) {
      assertFalse(isError(r.get(n)), text(r.get(n)));
    }
  }

  @Test
  void restoringInsideAClaudeSessionLinksItAsFssRestoreDoes() {
    String old = save("the old session");
    fss.run(shop, "save", "--action", "init", "--session", "claude-self-1").assertOk();
    fss.env("CLAUDE_CODE_SESSION_ID", "claude-self-1");
    Map<Object, Map<String, Object>> r = serve(INIT, call(1, "restore_session", "{\"session\":\"" + old + "\"}"));
    assertFalse(isError(r.get(1L)), text(r.get(1L)));
    Result self = fss.run(shop, "restore", "claude-self-1", "--json").assertOk();
    assertEquals(old, Json.obj(Json.parse(self.out())).get("restored_from"));
  }

  @Test
  void saveCheckpointLandsInTheCodexThreadNamedInMetaWithListsKeptWhole() {
    String thread = "019a3c1e-7f2b-7c41-9a0e-5d2f8b6c1a90";
    Map<Object, Map<String, Object>> r = serve(INIT,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"save_checkpoint\",\"arguments\":"
            + "{\"summary\":\"cart totals done\",\"current_task\":\"tax rounding\",\"files\":[{\"path\":\"src/cart,tax.js\","
            + "\"role\":\"created\"},{\"path\":\"README.md\"}],\"decisions\":[\"round half-even; not half-up\"]},"
            + "\"_meta\":{\"threadId\":\"" + thread + "\",\"turnId\":\"t1\"}}}");
    assertFalse(isError(r.get(1L)), text(r.get(1L)));
    assertTrue(text(r.get(1L)).contains(thread));
    Map<String, Object> s = Json.obj(Json.parse(fss.run(shop, "restore", thread, "--json").assertOk().out()));
    assertEquals("codex", s.get("tool"));
    Map<String, Object> cp = Json.obj(Json.arr(s.get("checkpoints")).get(0));
    assertEquals(List.of("round half-even; not half-up"), cp.get("key_decisions"));
    assertTrue(Json.str(Json.obj(Json.arr(cp.get("files")).get(0)).get("path")).endsWith("/src/cart,tax.js"));
    assertEquals("created", Json.obj(Json.arr(cp.get("files")).get(0)).get("role"));
  }

  @Test
  void saveCheckpointInAClaudeSessionLandsInIt() {
    fss.env("CLAUDE_CODE_SESSION_ID", "claude-sess-9");
    Map<Object, Map<String, Object>> r = serve(INIT, call(1, "save_checkpoint", "{\"summary\":\"half way\"}"));
    assertTrue(text(r.get(1L)).contains("claude-sess-9"), text(r.get(1L)));
    Map<String, Object> s = Json.obj(Json.parse(fss.run(shop, "restore", "claude-sess-9", "--json").assertOk().out()));
    assertEquals("claude-code", s.get("tool"));
  }

  @Test
  void badArgumentsAreToolErrorsThatSayWhatToFixAndTheServerGoesOn() {
    Map<Object, Map<String, Object>> r = serve(INIT,
        call(1, "search_history", "{}"),
        call(2, "search_history", "{\"query\":\"x\",\"limit\":\"five\"}"),
        call(3, "restore_session", "{\"session\":\"../../etc/passwd\"}"),
        call(4, "list_sessions", "{\"colour\":true}"),
        call(5, "restore_session", "{\"for\":\"notepad\"}"),
        call(6, "diff_checkpoints", "{\"from\":0}"),
        call(7, "restore_session", "{\"session\":\"nosuchsession\"}"),
        call(8, "save_checkpoint", "{}"),
        call(9, "search_history", "{\"query\":\"x\",\"project\":\"" + tmp.resolve("nowhere") + "\"}"),
        call(10, "save_checkpoint", "{\"summary\":\"s\",\"files\":[{\"path\":\"a\",\"role\":\"owner\"}]}"),
        call(11, "search_history", "{\"query\":\"--help\"}"),
        "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tools/call\",\"params\":{\"name\":\"rm_rf\",\"arguments\":{}}}",
        "{not json",
        "{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"ping\"}");
    String[] expected = {null, "missing argument 'query'", "'limit' must be a whole number", "'session' must be a session id",
        "unknown argument 'colour'", "'for' must be one of claude, codex, gemini", "'from' must be 1 or more", "nosuchsession",
        "at least a summary", "is not a directory", "role 'owner'", "needs words"};
    for (int i = 1; i < expected.length; i++) {
      Map<String, Object> reply = r.get((long) i);
      assertTrue(isError(reply), i + ": " + reply);
      assertTrue(text(reply).contains(expected[i]), i + ": " + text(reply));
    }
    assertEquals(-32602L, Json.obj(r.get(12L).get("error")).get("code"));
    assertEquals(-32700L, Json.obj(r.get(null).get("error")).get("code"));
    assertEquals(Map.of(), r.get(13L).get("result"));
  }

  @Test
  void textFromSessionsIsDataOneProtocolLineEach() {
    String hostile = "done\"}\n{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":{}}\r\n\u2028\u0000\u001b[31m <script>";
    String id = save(hostile.replace("\u0000", ""));
    Map<Object, Map<String, Object>> r = serve(INIT, call(1, "list_sessions", "{}"),
        call(2, "restore_session", "{\"session\":\"" + id + "\"}"));
    assertEquals(3, r.size(), r.keySet().toString());
    assertNull(r.get(99L));
    assertTrue(text(r.get(2L)).contains("<script>"), text(r.get(2L)));
  }

  @Test
  void aLongListIsCutToTheTokenBudgetAndSaysSo() {
    for (int i = 0; i < 40; i++) {
      save("session number " + i + " with a long summary about the checkout page and its many many parts",
          "--session", "s-" + i);
    }
    fss.env("FSS_TOKEN_BUDGET", "300");
    String t = text(serve(INIT, call(1, "list_sessions", "{}")).get(1L));
    assertTrue(io.github.fss.render.Tokens.estimate(t) <= 300, t);
    assertTrue(t.contains("more lines left out"), t);
  }

  @Test
  void allProjectsGivesEachProjectsLatestSessionsAndHowToSeeTheRest() {
    for (int i = 0; i < 7; i++) {
      save("shop step " + i, "--session", "shop-" + i);
    }
    Map<Object, Map<String, Object>> r = serve(INIT, call(1, "list_sessions", "{\"all_projects\":true}"),
        call(2, "list_sessions", "{\"all_projects\":true,\"limit\":0}"),
        call(3, "list_sessions", "{\"all_projects\":true,\"limit\":-1}"));
    String latest = text(r.get(1L));
    assertTrue(latest.contains(shop + "  (7 sessions") && latest.contains("id: shop-6"), latest);
    assertFalse(latest.contains("id: shop-1"), latest);
    assertTrue(latest.contains("  … 2 more: list_sessions with project " + shop), latest);
    String all = text(r.get(2L));
    assertTrue(all.contains("id: shop-0") && !all.contains(" more: "), all);
    assertTrue(isError(r.get(3L)), text(r.get(3L)));
  }
}
