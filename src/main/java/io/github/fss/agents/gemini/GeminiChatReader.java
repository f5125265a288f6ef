package io.github.fss.agents.gemini;

import io.github.fss.capture.CaptureState;
import io.github.fss.capture.Handoff;
import io.github.fss.capture.TranscriptReader;
import io.github.fss.json.Json;
import io.github.fss.model.Todo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Gemini CLI chat files ({@code ~/.gemini/tmp/<slug>/chats/session-*.jsonl}) one line at a
 * time, across runs. The file is an update log, not a message list (shared/reference/gemini-cli.md):
 *
 * <ul>
 *   <li>a message line ({@code id}, {@code type}) adds a message, and the same id appended again
 *       replaces it: a model message comes back with its tool calls, then with their results, so
 *       a call is taken once, when it has its outcome;
 *   <li>{@code $set.messages} replaces the whole list: at start (the {@code <session_context>}),
 *       on resume (the history again) and at every compression (its {@code <state_snapshot>} is
 *       the summary, and the kept messages come back under new ids). Such a list is a replay of
 *       what was read already: only a snapshot is new, except while no prompt was seen yet;
 *   <li>{@code $rewindTo} drops that message and all after it: their prompts are forgotten.
 * </ul>
 *
 * <p>The ids of the current tail of the list (and which of them were prompts) are kept in the
 * capture state's {@code extra}, bounded, so each hook reads only the bytes appended since.
 */
public final class GeminiChatReader implements TranscriptReader {
  /** File contents, diffs and thinking: never needed, possibly large. */
  private static final Set<String> SKIP = Set.of(
      "thoughts", "fileDiff", "originalContent", "newContent", "diffStat", "memoryScratchpad", "inlineData",
      "fileData", "tokens");

  /** {@code [[id, prompt?], …]}: the tail of the message list as read, oldest first. */
  static final String RECENT = "gemini.recent";
  /** Ids of tool calls already taken with their outcome. */
  static final String DONE_CALLS = "gemini.done_calls";
  /** Id and text of the model message whose text is in {@code lastAssistant}. */
  static final String ASSISTANT_ID = "gemini.assistant_id";
  static final int MAX_RECENT = 200;
  static final int MAX_DONE_CALLS = 200;

  static final String HOOK_CONTEXT_OPEN = "<hook_context>";
  static final String HOOK_CONTEXT_CLOSE = "</hook_context>";
  static final String SESSION_CONTEXT_OPEN = "<session_context>";
  static final String SESSION_CONTEXT_CLOSE = "</session_context>";
  static final String SNAPSHOT_OPEN = "<state_snapshot>";
  static final String SNAPSHOT_CLOSE = "</state_snapshot>";

  /** Statuses of a tool call that has not finished yet. */
  private static final Set<String> RUNNING = Set.of("scheduled", "validating", "awaiting_approval", "executing");

  @Override
  public String format() {
    return "gemini";
  }

  @Override
  public Set<String> skipKeys() {
    return SKIP;
  }

  /**
   * A model message with text and no tool calls: the turn's answer. (The same message may come
   * back with tool calls, but then it is stamped as before, so the turn end is still the last such
   * line up to the spooled AfterAgent.)
   */
  @Override
  public boolean endsTurn(Object line) {
    Map<String, Object> m = Json.obj(line);
    if (m == null || !"gemini".equals(Json.str(m.get("type"))) || m.get("id") == null) {
      return false;
    }
    return Json.arr(m.get("toolCalls")).isEmpty() && !blank(text(m.get("content")));
  }

  @Override
  public void apply(Object line, CaptureState state) {
    Map<String, Object> m = Json.obj(line);
    if (m == null) {
      return;
    }
    if (m.containsKey("$set")) {
      set(Json.obj(m.get("$set")), state);
      return;
    }
    if (m.containsKey("$rewindTo")) {
      rewind(Json.str(m.get("$rewindTo")), state);
      return;
    }
    String id = Json.str(m.get("id"));
    String type = Json.str(m.get("type"));
    if (id == null || type == null) {
      // the metadata line (sessionId, projectHash, startTime…), written again by each resumed run
      String start = timestamp(m.get("startTime"));
      if (start != null) {
        state.sawEventAt(start);
      }
      return;
    }
    message(m, id, type, state, true);
  }

  // ---- records

  private void set(Map<String, Object> set, CaptureState state) {
    if (set == null || !(set.get("messages") instanceof List<?>)) {
      return; // lastUpdated, summary (a title), sessionId, memoryScratchpad: nothing to take
    }
    List<Object> messages = Json.arr(set.get("messages"));
    boolean replay = state.turns > 0 || compression(messages);
    List<Object> recent = new ArrayList<>();
    List<Object> old = Json.arr(state.extra.get(RECENT));
    for (Object o : messages) {
      Map<String, Object> msg = Json.obj(o);
      String id = msg == null ? null : Json.str(msg.get("id"));
      String type = msg == null ? null : Json.str(msg.get("type"));
      if (id == null || type == null) {
        continue;
      }
      boolean prompt;
      if (!replay) {
        prompt = message(msg, id, type, state, false);
      } else {
        String snapshot = "user".equals(type) ? snapshot(text(msg.get("content"))) : null;
        if (snapshot != null && !contains(old, id)) {
          state.addCompactionNote(snapshot);
        }
        prompt = "user".equals(type) && promptWords(text(msg.get("content"))) != null;
      }
      recent.add(List.of(id, prompt));
    }
    state.extra.put(RECENT, tail(recent, MAX_RECENT));
  }

  private static void rewind(String id, CaptureState state) {
    List<Object> recent = new ArrayList<>(Json.arr(state.extra.get(RECENT)));
    int at = indexOf(recent, id);
    if (at < 0) {
      return; // older than we remember: nothing we still hold is known to be gone
    }
    int prompts = 0;
    for (Object o : recent.subList(at, recent.size())) {
      if (Json.isTrue(Json.arr(o).size() == 2 ? Json.arr(o).get(1) : null)) {
        prompts++;
      }
    }
    state.forgetLastPrompts(prompts);
    state.extra.put(RECENT, new ArrayList<>(recent.subList(0, at)));
  }

  /**
   * One message, appended ({@code track}: its id joins the recent list) or from a first
   * {@code $set}. Returns whether it was a prompt.
   */
  private boolean message(Map<String, Object> m, String id, String type, CaptureState state, boolean track) {
    String at = timestamp(m.get("timestamp"));
    if (at != null) {
      state.sawEventAt(at);
    }
    List<Object> recent = Json.arr(state.extra.get(RECENT));
    boolean seen = contains(recent, id);
    boolean prompt = false;
    switch (type) {
      case "user":
        if (!seen) {
          prompt = user(m, state);
        } else {
          prompt = isPrompt(recent, id);
        }
        break;
      case "gemini":
        gemini(m, id, at, state);
        break;
      default:
        break; // info, error, warning: Gemini CLI's own notes
    }
    if (track && !seen) {
      List<Object> next = new ArrayList<>(recent);
      next.add(List.of(id, prompt));
      state.extra.put(RECENT, tail(next, MAX_RECENT));
    }
    return prompt;
  }

  private static boolean user(Map<String, Object> m, CaptureState state) {
    Object content = m.get("content");
    for (Object part : Json.arr(content)) {
      Map<String, Object> response = Json.obj(Json.obj(part) == null ? null : Json.obj(part).get("functionResponse"));
      if (response != null) {
        String callId = Json.str(response.get("id"));
        if (state.peekPending(callId) != null) {
          finish(callId, Json.str(Json.at(response, "response", "output")), null, state);
        }
      }
    }
    String text = text(content);
    if (text == null) {
      return false;
    }
    String stripped = text.stripLeading();
    if (stripped.startsWith(SESSION_CONTEXT_OPEN)) {
      if (state.cwd == null) {
        state.cwd = SessionContext.workspace(stripped);
      }
      int end = stripped.indexOf(SESSION_CONTEXT_CLOSE);
      stripped = end < 0 ? "" : stripped.substring(end + SESSION_CONTEXT_CLOSE.length());
    }
    String snapshot = snapshot(stripped);
    if (snapshot != null) {
      state.addCompactionNote(snapshot);
      return false;
    }
    String words = promptWords(stripped);
    if (words == null) {
      return false;
    }
    String handoff = Handoff.find(words);
    if (handoff != null && state.restoredFrom == null) {
      state.restoredFrom = handoff;
    }
    state.addPrompt(words);
    return true;
  }

  private void gemini(Map<String, Object> m, String id, String at, CaptureState state) {
    String model = Json.str(m.get("model"));
    if (model != null && !model.isBlank()) {
      state.model = model;
    }
    String text = text(m.get("content"));
    if (!blank(text)) {
      Object held = state.extra.get(ASSISTANT_ID);
      // the same message appended again (with its tool calls) is not new text
      if (!id.equals(held) || !text.strip().equals(state.lastAssistant)) {
        state.setLastAssistant(text);
        state.extra.put(ASSISTANT_ID, id);
      }
    }
    for (Object o : Json.arr(m.get("toolCalls"))) {
      Map<String, Object> call = Json.obj(o);
      if (call != null) {
        toolCall(call, at, state);
      }
    }
  }

  // ---- tool calls

  private static void toolCall(Map<String, Object> call, String messageAt, CaptureState state) {
    String callId = Json.str(call.get("id"));
    String name = Json.str(call.get("name"));
    if (callId == null || name == null) {
      return;
    }
    List<Object> done = Json.arr(state.extra.get(DONE_CALLS));
    if (done.contains(callId)) {
      return;
    }
    String status = Json.str(call.get("status"));
    boolean finished = status != null && !RUNNING.contains(status);
    Map<String, Object> args = Json.obj(call.get("args"));
    if (args == null) {
      args = Map.of();
    }
    String at = timestamp(call.get("timestamp"));
    at = at != null ? at : messageAt;
    String output = output(call);
    boolean ok = "success".equals(status);
    switch (name) {
      case "run_shell_command": {
        String command = Json.str(args.get("command"));
        if (command == null) {
          break;
        }
        if (state.peekPending(callId) == null) {
          state.startCommand(callId, command, at);
        }
        if (finished) {
          Object display = call.get("resultDisplay");
          finish(callId, output, display instanceof String ? (String) display : null, state);
          if (Json.isTrue(args.get("is_background"))) {
            state.takePending(callId);
          }
        }
        break;
      }
      case "write_file":
        if (finished && ok) {
          String path = Json.str(args.get("file_path"));
          boolean created = output != null ? output.contains("created and wrote to new file")
              : !state.files().containsKey(path);
          state.touchFile(path, created ? "created" : "editing");
        }
        break;
      case "replace":
      case "edit":
        if (finished && ok) {
          state.touchFile(Json.str(args.get("file_path")), "editing");
        }
        break;
      case "read_file":
        if (finished && ok) {
          String path = Json.str(args.get("file_path"));
          state.touchFile(path != null ? path : Json.str(args.get("absolute_path")), "reference");
        }
        break;
      case "write_todos":
        if (finished && ok) {
          todos(args.get("todos"), state);
        }
        break;
      default:
        break;
    }
    if (finished) {
      List<Object> next = new ArrayList<>(done);
      next.add(callId);
      state.extra.put(DONE_CALLS, tail(next, MAX_DONE_CALLS));
    }
  }

  /** Finishes a pending shell command from its output (or, failing that, its display text). */
  private static void finish(String callId, String output, String display, CaptureState state) {
    if (state.peekPending(callId) == null) {
      return;
    }
    Integer code = ShellOutcome.exitCode(output);
    if (code == null) {
      code = ShellOutcome.exitCode(display);
    }
    state.finishCommand(callId, code);
  }

  /** The function response's text: {@code result[].functionResponse.response.output}. */
  private static String output(Map<String, Object> call) {
    for (Object r : Json.arr(call.get("result"))) {
      String out = Json.str(Json.at(r, "functionResponse", "response", "output"));
      if (out != null) {
        return out;
      }
      String error = Json.str(Json.at(r, "functionResponse", "response", "error"));
      if (error != null) {
        return error;
      }
    }
    return null;
  }

  /**
   * write_todos replaces the whole list. Gemini's statuses go beyond ours: a blocked item is still
   * to do; a cancelled one is not, and is left out.
   */
  private static void todos(Object list, CaptureState state) {
    List<Todo> out = new ArrayList<>();
    int n = 0;
    for (Object o : Json.arr(list)) {
      Map<String, Object> t = Json.obj(o);
      String description = t == null ? null : Json.str(t.get("description"));
      n++;
      if (blank(description)) {
        continue;
      }
      String status = Json.str(t.get("status"));
      if ("cancelled".equals(status)) {
        continue;
      }
      out.add(new Todo(String.valueOf(n), description, "blocked".equals(status) ? "pending" : status));
    }
    state.setTodos(out);
  }

  // ---- text

  /** A message's text parts joined (content is a string or a list of parts); null when none. */
  static String text(Object content) {
    if (content instanceof String) {
      return (String) content;
    }
    StringBuilder sb = new StringBuilder();
    boolean any = false;
    for (Object part : Json.arr(content)) {
      String t = Json.str(part, "text");
      if (t != null && !Json.isTrue(Json.at(part, "thought"))) {
        sb.append(t);
        any = true;
      }
    }
    return any ? sb.toString() : null;
  }

  /** The user's own words: without our {@code <hook_context>} prefix; null when nothing is left. */
  static String promptWords(String text) {
    if (text == null) {
      return null;
    }
    String t = text.stripLeading();
    if (t.startsWith(SESSION_CONTEXT_OPEN) || t.startsWith(SNAPSHOT_OPEN)) {
      return null;
    }
    while (t.startsWith(HOOK_CONTEXT_OPEN)) {
      int end = t.indexOf(HOOK_CONTEXT_CLOSE);
      t = end < 0 ? "" : t.substring(end + HOOK_CONTEXT_CLOSE.length()).stripLeading();
    }
    return t.isBlank() ? null : t;
  }

  /** The summary inside a {@code <state_snapshot>}, or null when the text is not one. */
  static String snapshot(String text) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (!t.startsWith(SNAPSHOT_OPEN)) {
      return null;
    }
    int end = t.lastIndexOf(SNAPSHOT_CLOSE);
    String inner = end < 0 ? t.substring(SNAPSHOT_OPEN.length()) : t.substring(SNAPSHOT_OPEN.length(), end);
    return inner.isBlank() ? null : inner.strip();
  }

  private static boolean compression(List<Object> messages) {
    for (Object o : messages) {
      if ("user".equals(Json.str(o, "type")) && snapshot(text(Json.at(o, "content"))) != null) {
        return true;
      }
    }
    return false;
  }

  // ---- small helpers

  private static String timestamp(Object v) {
    String s = Json.str(v);
    return s != null && s.length() >= 10 && s.length() <= 40 && Character.isDigit(s.charAt(0)) && s.charAt(4) == '-'
        ? s : null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static int indexOf(List<Object> recent, String id) {
    for (int i = 0; i < recent.size(); i++) {
      List<Object> e = Json.arr(recent.get(i));
      if (!e.isEmpty() && e.get(0) instanceof String && e.get(0).equals(id)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(List<Object> recent, String id) {
    return indexOf(recent, id) >= 0;
  }

  private static boolean isPrompt(List<Object> recent, String id) {
    int i = indexOf(recent, id);
    List<Object> e = i < 0 ? List.of() : Json.arr(recent.get(i));
    return e.size() == 2 && Json.isTrue(e.get(1));
  }

  private static List<Object> tail(List<Object> list, int max) {
    return list.size() <= max ? list : new ArrayList<>(list.subList(list.size() - max, list.size()));
  }
}
