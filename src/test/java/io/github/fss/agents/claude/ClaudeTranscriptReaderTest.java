package io.github.fss.agents.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.capture.CaptureState;
import io.github.fss.json.Json;
import io.github.fss.model.Todo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour of the reader on single lines: odd shapes, bounds, the parser's skipped members. */
class ClaudeTranscriptReaderTest {
  private final ClaudeTranscriptReader reader = new ClaudeTranscriptReader();

  @Test
  void everyMemberOfEveryGoldenLineReplacedByAWrongShapeIsTolerated() throws IOException {
    // Arrange: each member of each line, in turn, becomes null, a string, a number, a list, an object, a boolean
    List<Object> wrong = new ArrayList<>();
    wrong.add(null);
    wrong.add("x");
    wrong.add(7L);
    wrong.add(new ArrayList<>());
    wrong.add(new LinkedHashMap<>());
    wrong.add(true);
    int variants = 0;

    for (String name : ClaudeGoldenTest.cases()) {
      // the state the file has built so far, so that results meet their pending calls
      CaptureState before = Feed.fresh(name);
      for (String text : Files.readAllLines(ClaudeGoldenTest.DIR.resolve(name + ".jsonl"), StandardCharsets.ISO_8859_1)) {
        Object line;
        try {
          line = Json.parse(text);
        } catch (RuntimeException notJson) {
          continue;
        }
        List<List<Object>> paths = new ArrayList<>();
        collectPaths(line, new ArrayList<>(), paths);
        Map<String, Object> stored = before.toTree();
        for (List<Object> path : paths) {
          for (Object value : wrong) {
            Object variant = replaced(copy(line), path, value);

            // Act + Assert: no exception escapes
            reader.apply(variant, Feed.restored(stored));
            variants++;
          }
        }
        reader.apply(line, before);
      }
    }
    assertTrue(variants > 10_000, "exercised " + variants + " variants");
  }

  @Test
  void nonObjectLinesAreIgnored() {
    CaptureState state = Feed.fresh("s");

    for (Object line : new Object[] {null, "text", 1L, 2.5, true, List.of(1L), List.of(Map.of("type", "user"))}) {
      reader.apply(line, state);
    }

    assertEquals(Feed.fresh("s").toTree(), state.toTree());
  }

  @Test
  void aRunawayTaskListKeepsAtMostFiftyDroppingCompletedOnesFirst() {
    // Arrange: 10 tasks completed, then 60 more created
    CaptureState state = Feed.fresh("s");
    for (int i = 1; i <= 70; i++) {
      reader.apply(assistantToolUse("toolu_c" + i, "TaskCreate", Map.of("subject", "task " + i)), state);
      reader.apply(toolResult("toolu_c" + i, "Task #" + i + " created successfully: task " + i), state);
      if (i <= 10) {
        reader.apply(assistantToolUse("toolu_u" + i, "TaskUpdate", Map.of("taskId", "" + i, "status", "completed")), state);
        reader.apply(toolResult("toolu_u" + i, "Updated task #" + i + " status"), state);
      }
    }

    // Assert
    List<Todo> todos = state.todos();
    assertEquals(TodoTracker.MAX_TODOS, todos.size());
    assertEquals("21", todos.get(0).id(), "the 10 completed went first, then the oldest open ones");
    assertEquals("70", todos.get(todos.size() - 1).id());
  }

  @Test
  void aSubagentInItsOwnWorktreeDoesNotMoveTheSessionsCwdOrBranch() {
    CaptureState state = Feed.fresh("s");
    Map<String, Object> main = new LinkedHashMap<>(assistantText("msg_1", "main says hi"));
    main.put("cwd", "/repo");
    main.put("gitBranch", "main");
    Map<String, Object> sub = new LinkedHashMap<>(assistantText("msg_2", "subagent says hi"));
    sub.put("isSidechain", true);
    sub.put("cwd", "/repo/.claude/worktrees/agent-a1");
    sub.put("gitBranch", "worktree-agent-a1");

    reader.apply(main, state);
    reader.apply(sub, state);

    assertEquals("/repo", state.cwd);
    assertEquals("main", state.gitBranch);
    assertEquals("main says hi", state.lastAssistant);
  }

  @Test
  void textBlocksOfOneMessageAreJoinedButARepeatedBlockIsNotRepeated() {
    CaptureState state = Feed.fresh("s");

    reader.apply(assistantText("msg_1", "First part."), state);
    reader.apply(assistantText("msg_1", "Second part."), state);
    reader.apply(assistantText("msg_1", "Second part."), state);

    assertEquals("First part.\n\nSecond part.", state.lastAssistant);

    reader.apply(assistantText("msg_2", "A new message."), state);

    assertEquals("A new message.", state.lastAssistant);
  }

  @Test
  void skippedMembersAreNeverOnesTheReaderReads() {
    for (String needed : List.of("type", "message", "content", "text", "input", "command", "file_path",
        "notebook_path", "todos", "subject", "status", "taskId", "toolUseResult", "task", "id", "is_error",
        "tool_use_id", "interrupted", "backgroundTaskId", "timestamp", "cwd", "gitBranch", "model", "attachment",
        "isSidechain", "isMeta", "isCompactSummary", "origin", "agentId", "teamName", "run_in_background")) {
      assertFalse(reader.skipKeys().contains(needed), needed);
    }
  }

  // ---- line builders

  private static Map<String, Object> assistantToolUse(String id, String name, Map<String, Object> input) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("type", "tool_use");
    block.put("id", id);
    block.put("name", name);
    block.put("input", new LinkedHashMap<>(input));
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("id", "msg_" + id);
    msg.put("role", "assistant");
    msg.put("content", List.of(block));
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("type", "assistant");
    line.put("message", msg);
    return line;
  }

  private static Map<String, Object> assistantText(String messageId, String text) {
    Map<String, Object> msg = new LinkedHashMap<>();
    msg.put("id", messageId);
    msg.put("role", "assistant");
    msg.put("model", "claude-opus-4-8");
    msg.put("content", List.of(Map.of("type", "text", "text", text)));
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("type", "assistant");
    line.put("message", msg);
    return line;
  }

  private static Map<String, Object> toolResult(String id, String text) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("type", "tool_result");
    block.put("tool_use_id", id);
    block.put("content", text);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("type", "user");
    line.put("message", Map.of("role", "user", "content", List.of(block)));
    return line;
  }

  // ---- tree surgery

  private static void collectPaths(Object node, List<Object> prefix, List<List<Object>> out) {
    if (prefix.size() > 6) {
      return;
    }
    if (node instanceof Map<?, ?>) {
      for (Object k : ((Map<?, ?>) node).keySet()) {
        List<Object> p = new ArrayList<>(prefix);
        p.add(k);
        out.add(p);
        collectPaths(((Map<?, ?>) node).get(k), p, out);
      }
    } else if (node instanceof List<?>) {
      List<?> list = (List<?>) node;
      for (int i = 0; i < list.size(); i++) {
        List<Object> p = new ArrayList<>(prefix);
        p.add(i);
        out.add(p);
        collectPaths(list.get(i), p, out);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Object replaced(Object root, List<Object> path, Object value) {
    Object node = root;
    for (int i = 0; i < path.size() - 1; i++) {
      Object step = path.get(i);
      node = step instanceof Integer ? ((List<Object>) node).get((Integer) step) : ((Map<String, Object>) node).get(step);
    }
    Object last = path.get(path.size() - 1);
    if (last instanceof Integer) {
      ((List<Object>) node).set((Integer) last, value);
    } else {
      ((Map<String, Object>) node).put((String) last, value);
    }
    return root;
  }

  private static Object copy(Object node) {
    if (node instanceof Map<?, ?>) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
        m.put((String) e.getKey(), copy(e.getValue()));
      }
      return m;
    }
    if (node instanceof List<?>) {
      List<Object> l = new ArrayList<>();
      for (Object o : (List<?>) node) {
        l.add(copy(o));
      }
      return l;
    }
    return node;
  }
}
