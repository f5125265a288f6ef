package io.github.fss.agents.claude;

import io.github.fss.capture.CaptureState;
import io.github.fss.capture.TranscriptReader;
import io.github.fss.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Claude Code transcripts (~/.claude/projects/&lt;project&gt;/&lt;session&gt;.jsonl) one line
 * at a time, possibly across many runs: everything it must remember between lines lives in the
 * {@link CaptureState} (pending tool calls, the current assistant message id, the next task
 * number), so the reader itself holds no state.
 *
 * <p>What it takes, and from where:
 * <ul>
 *   <li>{@code timestamp} of any line; {@code cwd} and {@code gitBranch} (not "" nor "HEAD") of
 *       main-thread lines; {@code message.model} of main-thread assistant lines.
 *   <li>Prompts: main-thread {@code user} lines with string or text content, not meta, not a
 *       compact summary, not command output or injected context (see {@link PromptText}).
 *   <li>The last assistant text: text blocks of main-thread assistant lines; blocks of one
 *       message (one {@code message.id}, split over several lines) are joined.
 *   <li>Todos: TodoWrite, TaskCreate, TaskUpdate and the reminder attachments ({@link TodoTracker}).
 *   <li>Files: Write (created, or editing when the result says "update" or the file was seen),
 *       Edit, MultiEdit, NotebookEdit (editing), Read (reference), counted once the result
 *       arrives without error.
 *   <li>Commands: Bash / PowerShell / bash with the exit code of their result ({@link ToolResult}).
 *   <li>Compaction: the {@code isCompactSummary} user line after a {@code compact_boundary}
 *       ({@link CompactionSummary}). Legacy {@code summary} lines are ignored: they are one-line
 *       titles, and they leak in from other sessions (their {@code leafUuid} is elsewhere).
 *   <li>Handoff: a {@code fss-handoff: <id>} line in a prompt or in the output of
 *       {@code fss restore} sets {@code restoredFrom} (the first one wins).
 * </ul>
 *
 * <p>What it skips on purpose: attachments that carry hook output ({@code hook_additional_context},
 * {@code hook_success}: our own SessionStart context comes back this way after {@code /compact})
 * and harness context ({@code environment}, {@code skill_listing}, {@code prompt_snapshot}…);
 * the request log ({@code api-request}, {@code api-request-blob}: messages as sent to the model,
 * where injected context reads "SessionStart hook additional context: …"); bookkeeping lines
 * ({@code queue-operation}, {@code last-prompt}, {@code mode}, {@code atis-latch},
 * {@code cost-state}). So fss never takes its own injected context for the user's words or the
 * agent's. The {@code model} attachment gives the model before the first answer.
 *
 * <p>Subagent lines ({@code isSidechain}, {@code agentId}, {@code teamName}) never give prompts,
 * assistant text, todos, reads or commands; their Write/Edit calls do count, since they change the
 * same working tree.
 */
public final class ClaudeTranscriptReader implements TranscriptReader {
  /** Large or opaque members no extraction needs: skipped by the parser without being built. */
  private static final Set<String> SKIP = Set.of(
      "signature", "thinking", "originalFile", "structuredPatch", "oldString", "newString",
      "old_string", "new_string", "new_source", "edits", "data", "base64", "snapshot",
      "stdout", "stderr", "prompt", "normalizedMessages",
      // 2.1.3xx: the rendered text of attachments and the system prompt of each request (tens of KB)
      "rendered", "systemPrompt", "shape");

  /** {@code message.id} of the assistant message whose text is in {@code lastAssistant}. */
  static final String MESSAGE_ID = "claude.messageId";

  private static final String KIND_FILE = "file";
  private static final String KIND_COMMAND = "command";

  @Override
  public String format() {
    return "claude";
  }

  @Override
  public Set<String> skipKeys() {
    return SKIP;
  }

  @Override
  public void apply(Object line, CaptureState state) {
    Map<String, Object> m = Json.obj(line);
    if (m == null) {
      return;
    }
    String at = timestamp(m.get("timestamp"));
    if (at != null) {
      state.sawEventAt(at);
    }
    boolean side = sidechain(m);
    if (!side) {
      context(m, state); // a subagent may run in a worktree of its own
    }
    String type = Json.str(m.get("type"));
    if (type == null) {
      return;
    }
    switch (type) {
      case "user":
        user(m, side, state);
        break;
      case "assistant":
        assistant(m, side, at, state);
        break;
      case "attachment":
        if (!side) {
          attachment(Json.obj(m.get("attachment")), state);
        }
        break;
      case "tool_use": // an old or foreign layout: the block is the line itself
        toolUse(m, side, at, state);
        break;
      case "tool_result":
        toolResult(new ToolResult(m, m.get("toolUseResult")), state);
        break;
      case "queue-operation": // the prompt queue; an enqueued prompt is logged again as a user line
      case "last-prompt": // a copy of the last prompt (or of a queued /compact), for Claude Code's picker
      case "api-request": // what was sent to the model: parameters and hashes
      case "api-request-blob": // a message of that request (reminders, hook context, the prompt again)
      case "api-request-shape":
      case "mode":
      case "atis-latch":
      case "cost-state":
      case "tools-used": // names only; the calls themselves are in the assistant lines
        break;
      default:
        // system (compact_boundary carries no text: the summary follows as a user line), summary,
        // progress, file-history-snapshot and unknown types: nothing to take
        break;
    }
  }

  /**
   * The main thread's final answer ({@code stop_reason} end_turn and kin) and the {@code system}
   * lines Claude Code writes after it ({@code stop_hook_summary}, {@code turn_duration}).
   */
  @Override
  public boolean endsTurn(Object line) {
    Map<String, Object> m = Json.obj(line);
    if (m == null) {
      return false;
    }
    String type = Json.str(m.get("type"));
    if ("system".equals(type)) {
      String sub = Json.str(m.get("subtype"));
      return "turn_duration".equals(sub) || "stop_hook_summary".equals(sub);
    }
    if ("assistant".equals(type) && !sidechain(m)) {
      Map<String, Object> msg = Json.obj(m.get("message"));
      String stop = msg == null ? null : Json.str(msg.get("stop_reason"));
      return "end_turn".equals(stop) || "stop_sequence".equals(stop) || "max_tokens".equals(stop)
          || "refusal".equals(stop);
    }
    return false;
  }

  private static void context(Map<String, Object> m, CaptureState state) {
    String cwd = Json.str(m.get("cwd"));
    if (cwd != null && absolute(cwd)) {
      state.cwd = cwd;
    }
    String branch = Json.str(m.get("gitBranch"));
    if (branch != null && !branch.isBlank() && !"HEAD".equals(branch) && branch.indexOf(' ') < 0) {
      state.gitBranch = branch;
    }
  }

  /** Lines of a subagent (inline sidechain, subagent file, teammate): not the user's thread. */
  private static boolean sidechain(Map<String, Object> m) {
    return Json.isTrue(m.get("isSidechain")) || nonEmpty(m.get("agentId")) || nonEmpty(m.get("teamName"));
  }

  // ---- user lines: tool results, prompts, compaction summaries

  private static void user(Map<String, Object> m, boolean side, CaptureState state) {
    Object content = Json.at(m, "message", "content");
    boolean results = false;
    for (Object o : Json.arr(content)) {
      Map<String, Object> b = Json.obj(o);
      if (b != null && "tool_result".equals(Json.str(b.get("type")))) {
        results = true;
        toolResult(new ToolResult(b, m.get("toolUseResult")), state);
      }
    }
    if (results || side) {
      return;
    }
    if (Json.isTrue(m.get("isCompactSummary")) || startsWith(content, CompactionSummary.PREAMBLE)) {
      String text = content instanceof String ? (String) content : joinedText(content);
      state.addCompactionNote(CompactionSummary.note(text));
      return;
    }
    if (Json.isTrue(m.get("isMeta")) || Json.isTrue(m.get("isVisibleInTranscriptOnly")) || fromAnotherAgent(m)) {
      return;
    }
    String prompt = PromptText.of(content);
    if (prompt == null) {
      return;
    }
    state.addPrompt(prompt);
    handoff(prompt, state);
  }

  /** A message that another task or agent sent into the conversation (origin.kind and friends). */
  private static boolean fromAnotherAgent(Map<String, Object> m) {
    Map<String, Object> origin = Json.obj(m.get("origin"));
    if (origin == null) {
      return false;
    }
    return "task-notification".equals(Json.str(origin.get("kind"))) || origin.get("from") != null
        || origin.get("senderTaskId") != null;
  }

  private static void handoff(String text, CaptureState state) {
    if (state.restoredFrom == null) {
      String id = HandoffMarker.find(text);
      if (id != null) {
        state.restoredFrom = id;
      }
    }
  }

  // ---- assistant lines: model, text, tool calls

  private static void assistant(Map<String, Object> m, boolean side, String at, CaptureState state) {
    Map<String, Object> msg = Json.obj(m.get("message"));
    if (msg == null) {
      return;
    }
    String model = Json.str(msg.get("model"));
    // "<synthetic>" messages are Claude Code's own (API errors, "No response requested.")
    boolean own = side || "<synthetic>".equals(model) || Json.isTrue(m.get("isApiErrorMessage"));
    if (!own && model != null && !model.isBlank()) {
      state.model = model;
    }
    Object content = msg.get("content");
    String id = Json.str(msg.get("id"));
    if (content instanceof String) {
      if (!own) {
        assistantText(id, (String) content, state);
      }
      return;
    }
    for (Object o : Json.arr(content)) {
      Map<String, Object> b = Json.obj(o);
      if (b == null) {
        continue;
      }
      String type = Json.str(b.get("type"));
      if ("text".equals(type)) {
        if (!own) {
          assistantText(id, Json.str(b.get("text")), state);
        }
      } else if ("tool_use".equals(type)) {
        toolUse(b, side, at, state);
      }
    }
  }

  /** Keeps the latest text; blocks of the same message (split over lines) are joined. */
  private static void assistantText(String messageId, String text, CaptureState state) {
    if (text == null || text.isBlank()) {
      return;
    }
    String held = Json.str(state.extra.get(MESSAGE_ID));
    String last = state.lastAssistant;
    if (messageId != null && messageId.equals(held) && last != null) {
      String more = text.strip();
      if (last.length() < CaptureState.MAX_TEXT && !last.endsWith(more)) { // a re-logged block is not repeated
        state.setLastAssistant(last + "\n\n" + more);
      }
    } else {
      state.setLastAssistant(text);
    }
    if (messageId == null) {
      state.extra.remove(MESSAGE_ID);
    } else {
      state.extra.put(MESSAGE_ID, messageId);
    }
  }

  private static void toolUse(Map<String, Object> b, boolean side, String at, CaptureState state) {
    String name = Json.str(b.get("name"));
    if (name == null) {
      return;
    }
    String id = Json.str(b.get("id"));
    Map<String, Object> input = Json.obj(b.get("input"));
    if (input == null) {
      input = Map.of();
    }
    switch (name) {
      case "Write":
        pendFile(id, Json.str(input.get("file_path")), "write", state);
        break;
      case "Edit":
      case "MultiEdit":
        pendFile(id, Json.str(input.get("file_path")), "editing", state);
        break;
      case "NotebookEdit":
        pendFile(id, Json.str(input.get("notebook_path")), "editing", state);
        break;
      case "Read":
        if (!side) {
          pendFile(id, Json.str(input.get("file_path")), "reference", state);
        }
        break;
      case "Bash":
      case "bash":
      case "PowerShell":
        if (!side) {
          command(id, input, at, state);
        }
        break;
      case "TodoWrite":
        if (!side) {
          TodoTracker.todoWrite(input, state);
        }
        break;
      case "TaskCreate":
        if (!side) {
          TodoTracker.create(id, input, state);
        }
        break;
      case "TaskUpdate":
        if (!side) {
          TodoTracker.pendUpdate(id, input, state);
        }
        break;
      default:
        break;
    }
  }

  private static void command(String id, Map<String, Object> input, String at, CaptureState state) {
    String command = Json.str(input.get("command"));
    if (command == null) {
      return;
    }
    state.startCommand(id, command, at);
    Map<String, Object> p = state.peekPending(id);
    if (p != null && KIND_COMMAND.equals(p.get("kind"))) {
      if (Json.isTrue(input.get("run_in_background"))) {
        p.put("background", true);
      }
      String target = io.github.fss.capture.Handoff.restoreTarget(command);
      if (target != null) {
        p.put("restore", target);
      }
    }
  }

  private static void pendFile(String id, String path, String role, CaptureState state) {
    if (path == null || path.isBlank()) {
      return;
    }
    if (id == null) { // no result will ever be matched to it: take the call as done
      state.touchFile(path, fileRole(role, path, null, state));
      return;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("kind", KIND_FILE);
    p.put("path", path);
    p.put("role", role);
    state.putPending(id, p);
  }

  /** created / editing / reference; a Write is "created" unless it replaced a known file. */
  private static String fileRole(String role, String path, Object toolUseResult, CaptureState state) {
    if (!"write".equals(role)) {
      return role;
    }
    String type = Json.str(Json.at(toolUseResult, "type"));
    if ("create".equals(type)) {
      return "created";
    }
    if ("update".equals(type)) {
      return "editing";
    }
    return state.files().containsKey(path) ? "editing" : "created";
  }

  // ---- results, matched to their call by tool_use id

  private static void toolResult(ToolResult r, CaptureState state) {
    String id = r.toolUseId();
    Map<String, Object> p = state.peekPending(id);
    if (p == null) {
      return;
    }
    String kind = Json.str(p.get("kind"));
    if (KIND_COMMAND.equals(kind)) {
      Integer code = r.exitCode(Json.isTrue(p.get("background")));
      Object target = p.get("restore");
      if (target != null && !r.isError() && state.restoredFrom == null) {
        // a cursor saved by an older build holds true: a restore that named no session
        state.restoredFrom = io.github.fss.capture.Handoff.fromRestore(target instanceof String ? (String) target : "",
            r.text());
      }
      state.finishCommand(id, code);
    } else if (KIND_FILE.equals(kind)) {
      state.takePending(id);
      if (!r.isError()) {
        String path = Json.str(p.get("path"));
        state.touchFile(path, fileRole(Json.str(p.get("role")), path, r.toolUseResult(), state));
      }
    } else if (TodoTracker.KIND_CREATE.equals(kind)) {
      state.takePending(id);
      TodoTracker.created(p, r.isError(), r.toolUseResult(), r.text(), state);
    } else if (TodoTracker.KIND_UPDATE.equals(kind)) {
      state.takePending(id);
      TodoTracker.updated(p, r.isError(), state);
    }
  }

  private static void attachment(Map<String, Object> a, CaptureState state) {
    if (a == null) {
      return;
    }
    String type = Json.str(a.get("type"));
    if (type == null) {
      return;
    }
    switch (type) {
      case "task_reminder":
        TodoTracker.taskReminder(a.get("content"), state);
        break;
      case "todo_reminder":
        TodoTracker.todoReminder(a.get("content"), state);
        break;
      case "model": { // announced before the first answer: a session killed before one still has it
        String model = Json.str(Json.at(a, "identity", "modelId"));
        if (state.model == null && model != null && !model.isBlank()) {
          state.model = model;
        }
        break;
      }
      case "hook_additional_context": // hook output, ours included (SessionStart after /compact):
      case "hook_success": // never the user's words nor the agent's, whatever it says
      case "queued_command":
      case "environment":
      case "skill_listing":
      case "session_context":
      case "deferred_tools_delta":
      case "date":
      case "prompt_snapshot":
      case "file": // files Claude Code re-attaches after a compaction, not a fresh read
        break;
      default:
        break;
    }
  }

  // ---- small checks

  /** An ISO-8601 timestamp ("2026-08-10T09:00:00.000Z"), or null for anything else. */
  private static String timestamp(Object v) {
    String s = Json.str(v);
    if (s == null || s.length() < 10 || s.length() > 40) {
      return null;
    }
    for (int i = 0; i < 4; i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return null;
      }
    }
    return s.charAt(4) == '-' ? s : null;
  }

  private static boolean absolute(String path) {
    if (path.startsWith("/") || path.startsWith("\\\\")) {
      return true;
    }
    return path.length() >= 3 && Character.isLetter(path.charAt(0)) && path.charAt(1) == ':'
        && (path.charAt(2) == '\\' || path.charAt(2) == '/');
  }

  private static boolean nonEmpty(Object v) {
    return v instanceof String && !((String) v).isEmpty();
  }

  private static boolean startsWith(Object content, String prefix) {
    if (content instanceof String) {
      return ((String) content).stripLeading().startsWith(prefix);
    }
    List<Object> blocks = Json.arr(content);
    if (blocks.isEmpty()) {
      return false;
    }
    String first = Json.str(blocks.get(0), "text");
    return first != null && first.stripLeading().startsWith(prefix);
  }

  private static String joinedText(Object content) {
    StringBuilder sb = new StringBuilder();
    for (Object o : Json.arr(content)) {
      String t = Json.str(o, "text");
      if (t != null) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(t);
      }
    }
    return sb.toString();
  }
}
