package io.github.fss.agents.codex;

import io.github.fss.capture.CaptureState;
import io.github.fss.capture.TranscriptReader;
import io.github.fss.json.Json;
import io.github.fss.json.JsonException;
import io.github.fss.model.Goal;
import io.github.fss.model.Todo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Codex rollouts ($CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl[.zst]) one line at a time,
 * across runs: what must outlive a line (open tool calls, unified-exec sessions, an unconfirmed
 * prompt) lives in the capture state's pending calls and {@code extra}, both bounded.
 *
 * <p>Rollouts are not a versioned contract, so every field is optional and unknown types are
 * ignored. See shared/reference/codex.md §2 for the shapes.
 */
public final class CodexRolloutReader implements TranscriptReader {
  /**
   * Members never read: instructions and injected context, encrypted blobs, compaction history,
   * images, and command/patch bodies the reader does not need (they can be megabytes per line).
   */
  private static final Set<String> SKIP = Set.of(
      "encrypted_content", "base_instructions", "replacement_history", "instructions",
      "developer_instructions", "user_instructions", "image_url", "images", "local_images",
      "aggregated_output", "formatted_output", "unified_diff", "parsed_cmd", "stdout", "stderr",
      "dynamic_tools", "rate_limits", "text_elements", "memory_citation", "ghost_commit", "agents_md",
      "host_skills", "revised_prompt", "result", "results", "tools", "data");

  // keys of state.extra
  private static final String META_SEEN = "meta_seen";
  private static final String USER_EVENTS = "user_events";
  private static final String CANDIDATE = "prompt_candidate";
  private static final String JUST_COMPACTED = "just_compacted";
  private static final String SESSIONS = "exec_sessions";
  private static final String OPEN_PATCHES = "open_patches";
  /** Unified-exec processes remembered (session id → call id) while they run. */
  static final int MAX_SESSIONS = 32;
  /** Patch calls remembered while their outcome is unknown. */
  static final int MAX_OPEN_PATCHES = 64;

  private static final Pattern PLAN_ITEM =
      Pattern.compile("(?m)^[ \\t]*(?:[-*+]|\\d{1,3}[.)])[ \\t]+(?:\\[([ xX])\\][ \\t]+)?(\\S.*?)[ \\t\\r]*$");

  @Override
  public String format() {
    return "codex";
  }

  @Override
  public Set<String> skipKeys() {
    return SKIP;
  }

  /** {@code task_complete} (alias {@code turn_complete}) or {@code turn_aborted}. */
  @Override
  public boolean endsTurn(Object line) {
    Map<String, Object> m = Json.obj(line);
    if (m == null || !"event_msg".equals(Json.str(m.get("type")))) {
      return false;
    }
    Map<String, Object> p = Json.obj(m.get("payload"));
    String t = p == null ? null : Json.str(p.get("type"));
    return "task_complete".equals(t) || "turn_complete".equals(t) || "turn_aborted".equals(t);
  }

  @Override
  public void apply(Object line, CaptureState state) {
    Map<String, Object> m = Json.obj(line);
    if (m == null) {
      return;
    }
    String ts = Json.str(m.get("timestamp"));
    if (ts == null || ts.isEmpty() || !Character.isDigit(ts.charAt(0))) {
      ts = null; // trimmed or garbage: keep the event times clean
    } else {
      state.sawEventAt(ts);
    }
    boolean afterCompacted = state.extra.remove(JUST_COMPACTED) != null;
    Map<String, Object> payload = Json.obj(m.get("payload"));
    String type = Json.str(m.get("type"));
    if (payload == null || type == null) {
      return;
    }
    switch (type) {
      case "session_meta":
        sessionMeta(payload, state);
        break;
      case "turn_context":
        turnContext(payload, state);
        break;
      case "response_item":
        responseItem(payload, state, ts);
        break;
      case "event_msg":
        event(payload, state, ts, afterCompacted);
        break;
      case "compacted":
        String message = Json.str(payload.get("message"));
        state.addCompactionNote(message != null && !message.isBlank() ? message : compactedAt(ts));
        state.extra.put(JUST_COMPACTED, Boolean.TRUE);
        break;
      default:
        break;
    }
  }

  // ---- line types

  private static void sessionMeta(Map<String, Object> p, CaptureState state) {
    if (state.extra.containsKey(META_SEEN)) {
      return; // a fork repeats its parent's meta: the first one is this thread's
    }
    state.extra.put(META_SEEN, Boolean.TRUE);
    String cwd = Json.str(p.get("cwd"));
    if (WorkPaths.isAbsolute(cwd)) {
      state.cwd = cwd;
    }
    String branch = Json.str(p, "git", "branch");
    if (branch != null && !branch.isBlank()) {
      state.gitBranch = branch;
    }
    String head = Json.str(p, "git", "commit_hash");
    if (head != null && !head.isBlank()) {
      state.gitHead = head;
    }
  }

  private static void turnContext(Map<String, Object> p, CaptureState state) {
    String cwd = Json.str(p.get("cwd"));
    if (WorkPaths.isAbsolute(cwd)) {
      state.cwd = cwd;
    }
    String model = Json.str(p.get("model"));
    if (model != null && !model.isBlank()) {
      state.model = model;
    }
  }

  private void responseItem(Map<String, Object> p, CaptureState state, String ts) {
    String type = Json.str(p.get("type"));
    if (type == null) {
      return;
    }
    if (type.equals("message")) {
      String role = Json.str(p.get("role"));
      if ("user".equals(role)) {
        userItem(p.get("content"), state);
      } else if ("assistant".equals(role)) {
        promoteCandidate(state);
        state.setLastAssistant(joinText(p.get("content"), "output_text"));
      }
      return; // developer and system messages are harness text
    }
    promoteCandidate(state);
    String callId = Json.str(p.get("call_id"));
    switch (type) {
      case "function_call":
        toolCall(Json.str(p.get("name")), p.get("arguments"), callId, state, ts);
        break;
      case "custom_tool_call":
        String name = Json.str(p.get("name"));
        if ("apply_patch".equals(name)) {
          startPatch(callId, Json.str(p.get("input")), null, state);
        } else {
          toolCall(name, p.get("input"), callId, state, ts);
        }
        break;
      case "local_shell_call":
        Map<String, Object> action = Json.obj(p.get("action"));
        if (action != null) {
          String id = callId != null ? callId : Json.str(p.get("id"));
          startShell(id, ShellCommand.of(action.get("command")), Json.str(action.get("working_directory")), state, ts);
        }
        break;
      case "function_call_output":
      case "custom_tool_call_output":
        if (callId == null && "goal_objective".equals(Json.str(p.get("name")))) {
          goalObjective(Json.str(p.get("output")), state);
        } else {
          callOutput(callId, p.get("output"), state);
        }
        break;
      default:
        break;
    }
  }

  private void event(Map<String, Object> p, CaptureState state, String ts, boolean afterCompacted) {
    String type = Json.str(p.get("type"));
    if (type == null) {
      return;
    }
    switch (type) {
      case "user_message":
        userEvent(Json.str(p.get("message")), Json.str(p.get("kind")), state);
        break;
      case "agent_message":
        promoteCandidate(state);
        state.setLastAssistant(Json.str(p.get("message")));
        break;
      case "agent_reasoning":
        promoteCandidate(state);
        break;
      case "task_complete":
      case "turn_complete":
        promoteCandidate(state);
        state.setLastAssistant(Json.str(p.get("last_agent_message")));
        settleOpenPatches(state);
        break;
      case "turn_aborted":
        promoteCandidate(state);
        settleOpenPatches(state);
        break;
      case "context_compacted":
        if (!afterCompacted) { // the `compacted` line just before already noted this one
          state.addCompactionNote(compactedAt(ts));
        }
        break;
      case "exec_command_end":
        Long code = Json.num(p.get("exit_code"));
        if (code != null) {
          finishShell(Json.str(p.get("call_id")), code.intValue(), null, state);
        }
        break;
      case "patch_apply_end":
        patchEnd(Json.str(p.get("call_id")), outcome(p), p.get("changes"), state);
        break;
      case "item_completed":
        itemCompleted(Json.obj(p.get("item")), state);
        break;
      case "task_started":
      case "turn_started":
        if ("goal".equals(Json.str(p, "turn_attribution", "turn_trigger")) && state.goal() != null) {
          state.setGoal(null, Goal.ACTIVE); // Codex continues only an active goal
        }
        break;
      case "thread_goal_updated":
        goalTree(p.get("goal"), state);
        break;
      default:
        break;
    }
  }

  /** Paginated threads persist items instead of user_message/agent_message events. */
  private void itemCompleted(Map<String, Object> item, CaptureState state) {
    if (item == null) {
      return;
    }
    String type = Json.str(item.get("type"));
    if (type == null) {
      return;
    }
    switch (type) {
      case "UserMessage":
        userEvent(joinText(item.get("content"), null), null, state);
        break;
      case "AgentMessage":
        promoteCandidate(state);
        state.setLastAssistant(joinText(item.get("content"), null));
        break;
      case "Plan":
        planText(Json.str(item.get("text")), state);
        break;
      case "CommandExecution":
        Long code = Json.num(item.get("exit_code"));
        if (code != null) {
          finishShell(Json.str(item.get("id")), code.intValue(), null, state);
        }
        break;
      case "FileChange":
        patchEnd(Json.str(item.get("id")), outcome(item), item.get("changes"), state);
        break;
      default:
        break;
    }
  }

  // ---- prompts

  /**
   * A prompt event (user_message or a UserMessage item). Once one is seen, the rollout is known to
   * carry them, and response_item user messages (which duplicate them) are ignored for good.
   */
  private static void userEvent(String text, String kind, CaptureState state) {
    state.extra.put(USER_EVENTS, Boolean.TRUE);
    state.extra.remove(CANDIDATE);
    if (kind != null && !kind.equalsIgnoreCase("plain")) {
      return; // old versions tagged injected context with a kind
    }
    addPrompt(PromptText.userWords(text), text, state);
  }

  /**
   * A response_item user message: held back as a candidate, because in most versions the
   * user_message event that duplicates it follows on the next line. It becomes a prompt when the
   * turn moves on (assistant text, a tool call, turn end) without such an event.
   */
  private static void userItem(Object content, CaptureState state) {
    if (state.extra.containsKey(USER_EVENTS)) {
      return;
    }
    StringBuilder words = new StringBuilder();
    for (Object part : Json.arr(content)) {
      String t = Json.str(part, "text");
      String type = Json.str(part, "type");
      if (t == null || (type != null && !type.equals("input_text") && !type.equals("text"))) {
        continue;
      }
      String w = PromptText.userWords(t);
      if (w != null && !w.isBlank()) {
        if (words.length() > 0) {
          words.append("\n\n");
        }
        words.append(w.strip());
      }
    }
    if (content instanceof String) {
      String w = PromptText.userWords((String) content);
      if (w != null) {
        words.append(w.strip());
      }
    }
    if (words.length() == 0) {
      return;
    }
    String before = Json.str(state.extra.get(CANDIDATE));
    String joined = before == null ? words.toString() : before + "\n\n" + words;
    int max = CaptureState.MAX_TEXT * 2;
    state.extra.put(CANDIDATE, joined.length() > max ? joined.substring(0, max) : joined);
  }

  private static void promoteCandidate(CaptureState state) {
    Object c = state.extra.remove(CANDIDATE);
    if (c instanceof String && !state.extra.containsKey(USER_EVENTS)) {
      addPrompt((String) c, (String) c, state);
    }
  }

  /** Records the user's words; a handoff marker counts anywhere in the raw prompt (IDE context too). */
  private static void addPrompt(String words, String raw, CaptureState state) {
    if (words == null || words.isBlank()) {
      return;
    }
    noteHandoff(raw, state);
    state.addPrompt(words);
  }

  private static void noteHandoff(String text, CaptureState state) {
    String id = PromptText.handoff(text);
    if (id != null && state.restoredFrom == null) {
      state.restoredFrom = id;
    }
  }

  // ---- tool calls

  private void toolCall(String name, Object rawArgs, String callId, CaptureState state, String ts) {
    if (name == null) {
      return;
    }
    Map<String, Object> args = arguments(rawArgs);
    String workdir = args == null ? null : Json.str(args.get("workdir"));
    switch (name) {
      case "exec_command":
        if (args != null) {
          startShell(callId, ShellCommand.of(args.get("cmd")), workdir, state, ts);
        }
        break;
      case "shell":
      case "shell_command":
      case "container.exec":
      case "local_shell":
        if (args != null) {
          startShell(callId, ShellCommand.of(args.get("command")), workdir, state, ts);
        }
        break;
      case "write_stdin":
        String session = args == null ? null : idText(args.get("session_id"));
        if (callId != null && session != null) {
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("kind", "stdin");
          p.put("session", session);
          state.putPending(callId, p);
        }
        break;
      case "apply_patch":
        String patch = args == null ? Json.str(rawArgs) : firstString(args, "input", "patch");
        startPatch(callId, patch, workdir, state);
        break;
      case "update_plan":
        if (args != null) {
          plan(args.get("plan"), state);
        }
        break;
      case "create_goal":
      case "update_goal":
      case "get_goal":
        if (callId != null) { // the goal changes only when its output confirms it
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("kind", "goal");
          state.putPending(callId, p);
        }
        break;
      default:
        break; // MCP and other tools: not commands, not files
    }
  }

  /** Tool arguments: a JSON string (usually), an object, or null when neither. */
  private static Map<String, Object> arguments(Object raw) {
    if (raw instanceof Map) {
      return Json.obj(raw);
    }
    String s = Json.str(raw);
    if (s == null || s.isEmpty() || s.charAt(0) != '{') {
      return null;
    }
    try {
      return Json.obj(Json.parse(s));
    } catch (JsonException e) {
      return null;
    }
  }

  /** Records a shell command, remembering a patch its text carries and whether it is a restore. */
  private static void startShell(String callId, String cmd, String workdir, CaptureState state, String ts) {
    if (cmd == null) {
      return;
    }
    String base = base(workdir, state);
    String shown = cmd;
    List<Object> files = null;
    if (ApplyPatch.mentions(cmd)) {
      files = files(ApplyPatch.parse(cmd), base);
      shown = patchCommandLabel(cmd);
    }
    state.startCommand(callId, shown, ts);
    Map<String, Object> p = callId == null ? null : state.takePending(callId);
    if (p == null) {
      if (files != null) {
        touch(files, state); // no call id to learn the outcome from: count it
      }
      return;
    }
    if (files != null && !files.isEmpty()) {
      p.put("patch", files);
      openPatch(callId, state);
    }
    String target = io.github.fss.capture.Handoff.restoreTarget(cmd);
    if (target != null) {
      p.put("restore", target);
    }
    state.putPending(callId, p);
  }

  /** Where a call's relative paths start: its workdir (itself maybe relative), else the turn's cwd. */
  private static String base(String workdir, CaptureState state) {
    return workdir == null || workdir.isBlank() ? state.cwd : WorkPaths.resolve(state.cwd, workdir);
  }

  /** "apply_patch <<'EOF' …" rather than the whole patch body in the command list. */
  private static String patchCommandLabel(String cmd) {
    String head = cmd.substring(0, cmd.indexOf(ApplyPatch.BEGIN)).strip();
    // drop the quote that opens a patch given as an argument: `apply_patch '*** Begin Patch…`
    for (char q : new char[] {'\'', '"'}) {
      if (head.endsWith(String.valueOf(q)) && head.chars().filter(c -> c == q).count() % 2 == 1) {
        head = head.substring(0, head.length() - 1).strip();
      }
    }
    if (head.endsWith("$")) {
      head = head.substring(0, head.length() - 1).strip();
    }
    return head.isEmpty() ? "apply_patch …" : head + " …";
  }

  private static void startPatch(String callId, String patch, String workdir, CaptureState state) {
    if (!ApplyPatch.mentions(patch)) {
      return;
    }
    List<Object> files = files(ApplyPatch.parse(patch), base(workdir, state));
    if (files.isEmpty()) {
      return;
    }
    if (callId == null) {
      touch(files, state);
      return;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("kind", "patch");
    p.put("files", files);
    state.putPending(callId, p);
    openPatch(callId, state);
  }

  private void callOutput(String callId, Object output, CaptureState state) {
    Map<String, Object> p = state.peekPending(callId);
    if (p == null) {
      return;
    }
    String kind = Json.str(p.get("kind"));
    ToolOutput out = ToolOutput.of(output);
    if ("command".equals(kind)) {
      if (out.exitCode() == null && out.runningSession() != null) {
        rememberSession(out.runningSession(), callId, state);
        scanRestore(p, out.text(), state);
        return; // still running: write_stdin polls or exec_command_end will tell
      }
      finishShell(callId, out.exitCode(), out.text(), state);
    } else if ("stdin".equals(kind)) {
      state.takePending(callId);
      String session = Json.str(p.get("session"));
      String execCall = session == null ? null : Json.str(sessions(state).get(session));
      if (execCall == null) {
        return;
      }
      Map<String, Object> exec = state.peekPending(execCall);
      if (out.exitCode() != null) {
        finishShell(execCall, out.exitCode(), out.text(), state);
      } else if (exec != null) {
        scanRestore(exec, out.text(), state);
      }
    } else if ("patch".equals(kind)) {
      state.takePending(callId);
      closePatch(callId, state);
      if (out.patchApplied() != Boolean.FALSE) {
        touch(Json.arr(p.get("files")), state);
      }
    } else if ("goal".equals(kind)) {
      state.takePending(callId);
      goalOutput(output, state);
    }
  }

  // ---- goals

  /**
   * A goal tool's output, {@code {"goal":{"objective","status",…},…}}: the goal as Codex now holds
   * it. Anything else (an error, "no goal") changes nothing.
   */
  private static void goalOutput(Object output, CaptureState state) {
    Object tree = output;
    String text = Json.str(output);
    if (text != null) {
      String t = text.strip();
      if (!t.startsWith("{")) {
        return;
      }
      try {
        tree = Json.parse(t);
      } catch (JsonException e) {
        return;
      }
    }
    goalTree(Json.obj(tree) == null ? null : Json.obj(tree).get("goal"), state);
  }

  private static void goalTree(Object goal, CaptureState state) {
    Map<String, Object> g = Json.obj(goal);
    if (g != null) {
      state.setGoal(Json.str(g.get("objective")), Json.str(g.get("status")));
    }
  }

  /** The objective Codex puts before a goal turn (and after create_goal): the goal is active. */
  private static void goalObjective(String objective, CaptureState state) {
    if (objective == null || objective.isBlank()) {
      return;
    }
    Goal g = state.goal();
    if (g == null) {
      state.setGoal(objective, Goal.ACTIVE);
    } else if (!objective.strip().equals(g.objective())) {
      state.setGoal(objective, g.status()); // replaced, or a redacted copy: the newest wins
    }
  }

  /**
   * Ends a shell command: its exit code (null = unknown), the files of a patch it carried (kept
   * unless the command failed), and a handoff marker in a restore's output.
   */
  private static void finishShell(String callId, Integer exitCode, String text, CaptureState state) {
    Map<String, Object> p = state.peekPending(callId);
    if (p == null || !"command".equals(Json.str(p.get("kind")))) {
      return;
    }
    scanRestore(p, text, state);
    Object files = p.get("patch");
    if (files != null && (exitCode == null || exitCode == 0)) {
      touch(Json.arr(files), state);
    }
    closePatch(callId, state);
    state.finishCommand(callId, exitCode);
    Map<String, Object> sessions = sessions(state);
    if (sessions.values().removeIf(callId::equals)) {
      putOrDrop(SESSIONS, sessions, state);
    }
  }

  private static void scanRestore(Map<String, Object> pending, String text, CaptureState state) {
    Object target = pending.get("restore");
    if (text != null && target != null && state.restoredFrom == null) {
      // a cursor saved by an older build holds true: a restore that named no session
      state.restoredFrom = io.github.fss.capture.Handoff.fromRestore(target instanceof String ? (String) target : "", text);
    }
  }

  /**
   * patch_apply_end or a FileChange item: on success its {@code changes} (absolute paths) are
   * authoritative; else the files parsed from the call, if any. A failure drops them.
   */
  private static void patchEnd(String callId, Boolean ok, Object changes, CaptureState state) {
    Map<String, Object> p = state.peekPending(callId);
    List<Object> parsed = null;
    if (p != null) {
      String kind = Json.str(p.get("kind"));
      if ("patch".equals(kind)) {
        state.takePending(callId);
        parsed = Json.arr(p.get("files"));
      } else if ("command".equals(kind) && p.containsKey("patch")) {
        Map<String, Object> copy = state.takePending(callId);
        parsed = Json.arr(copy.remove("patch"));
        state.putPending(callId, copy);
      }
      closePatch(callId, state);
    }
    if (ok == Boolean.FALSE) {
      return;
    }
    List<Object> reported = changedFiles(changes);
    if (!reported.isEmpty()) {
      touch(reported, state);
    } else if (parsed != null) {
      touch(parsed, state); // success, or outcome unknown: count it
    }
  }

  /** success flag, else status completed/failed/declined; null when neither tells. */
  private static Boolean outcome(Map<String, Object> p) {
    Object s = p.get("success");
    if (s instanceof Boolean) {
      return (Boolean) s;
    }
    String status = Json.str(p.get("status"));
    if (status == null) {
      return null;
    }
    switch (status) {
      case "completed":
        return Boolean.TRUE;
      case "failed":
      case "declined":
      case "rejected":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  /** The files of a {@code changes} map: {path: {type:add|delete|update, move_path}} or {path: {add:{…}}}. */
  private static List<Object> changedFiles(Object changes) {
    List<Object> out = new ArrayList<>();
    Map<String, Object> m = Json.obj(changes);
    if (m == null) {
      return out;
    }
    for (Map.Entry<String, Object> e : m.entrySet()) {
      Map<String, Object> c = Json.obj(e.getValue());
      String type = c == null ? null : Json.str(c.get("type"));
      Map<String, Object> body = c;
      if (type == null && c != null) {
        for (String k : new String[] {"add", "delete", "update"}) {
          if (c.containsKey(k)) {
            type = k;
            body = Json.obj(c.get(k));
            break;
          }
        }
      }
      String moved = body == null ? null : Json.str(body.get("move_path"));
      if ("add".equals(type)) {
        out.add(pair(e.getKey(), "created"));
      } else if ("delete".equals(type)) {
        out.add(pair(e.getKey(), "deleted"));
      } else if (moved != null && !moved.isBlank()) {
        out.add(pair(e.getKey(), "deleted"));
        out.add(pair(moved, "editing"));
      } else {
        out.add(pair(e.getKey(), "editing"));
      }
    }
    return out;
  }

  /** Patch sections as (absolute path, role) pairs; a move is the old path deleted, the new edited. */
  private static List<Object> files(List<ApplyPatch.Change> changes, String base) {
    List<Object> out = new ArrayList<>();
    for (ApplyPatch.Change c : changes) {
      String path = WorkPaths.resolve(base, c.path());
      if (path == null) {
        continue;
      }
      switch (c.op()) {
        case ADD:
          out.add(pair(path, "created"));
          break;
        case DELETE:
          out.add(pair(path, "deleted"));
          break;
        default:
          String to = WorkPaths.resolve(base, c.movedTo());
          if (to != null) {
            out.add(pair(path, "deleted"));
            out.add(pair(to, "editing"));
          } else {
            out.add(pair(path, "editing"));
          }
      }
    }
    return out;
  }

  private static List<Object> pair(String path, String role) {
    List<Object> p = new ArrayList<>(2);
    p.add(path);
    p.add(role);
    return p;
  }

  private static void touch(List<Object> files, CaptureState state) {
    for (Object o : files) {
      List<Object> pair = Json.arr(o);
      if (pair.size() == 2) {
        String path = Json.str(pair.get(0));
        String role = Json.str(pair.get(1));
        if (path != null && role != null) {
          state.touchFile(path, role);
        }
      }
    }
  }

  // ---- bounded memory in state.extra, copied on write: the maps may be shared with a stored tree

  private static Map<String, Object> sessions(CaptureState state) {
    Map<String, Object> m = Json.obj(state.extra.get(SESSIONS));
    return m == null ? new LinkedHashMap<>() : new LinkedHashMap<>(m);
  }

  private static void rememberSession(String session, String callId, CaptureState state) {
    Map<String, Object> sessions = sessions(state);
    sessions.remove(session);
    sessions.put(session, callId);
    Iterator<String> it = sessions.keySet().iterator();
    while (sessions.size() > MAX_SESSIONS && it.hasNext()) {
      it.next();
      it.remove();
    }
    state.extra.put(SESSIONS, sessions);
  }

  private static List<Object> openPatches(CaptureState state) {
    return new ArrayList<>(Json.arr(state.extra.get(OPEN_PATCHES)));
  }

  private static void openPatch(String callId, CaptureState state) {
    List<Object> open = openPatches(state);
    open.remove(callId);
    open.add(callId);
    List<Object> evicted = new ArrayList<>();
    while (open.size() > MAX_OPEN_PATCHES) {
      evicted.add(open.remove(0));
    }
    state.extra.put(OPEN_PATCHES, open);
    for (Object id : evicted) {
      settle(Json.str(id), state);
    }
  }

  private static void closePatch(String callId, CaptureState state) {
    List<Object> open = openPatches(state);
    if (open.remove(callId)) {
      putOrDrop(OPEN_PATCHES, open, state);
    }
  }

  private static void putOrDrop(String key, Object value, CaptureState state) {
    boolean empty = value instanceof Map ? ((Map<?, ?>) value).isEmpty() : ((List<?>) value).isEmpty();
    if (empty) {
      state.extra.remove(key);
    } else {
      state.extra.put(key, value);
    }
  }

  /** At a turn's end, patches whose outcome never showed are counted: most patches apply. */
  private static void settleOpenPatches(CaptureState state) {
    Object open = state.extra.remove(OPEN_PATCHES);
    for (Object id : Json.arr(open)) {
      settle(Json.str(id), state);
    }
  }

  private static void settle(String callId, CaptureState state) {
    Map<String, Object> p = state.peekPending(callId);
    if (p == null) {
      return;
    }
    if ("patch".equals(Json.str(p.get("kind")))) {
      state.takePending(callId);
      touch(Json.arr(p.get("files")), state);
    } else if (p.containsKey("patch")) {
      Map<String, Object> copy = state.takePending(callId);
      touch(Json.arr(copy.remove("patch")), state);
      state.putPending(callId, copy);
    }
  }

  // ---- plans

  /** update_plan: {plan:[{step, status}]} replaces the todo list; ids are 1-based positions. */
  private static void plan(Object plan, CaptureState state) {
    if (!(plan instanceof List)) {
      return;
    }
    List<Todo> todos = new ArrayList<>();
    for (Object o : Json.arr(plan)) {
      String step = Json.str(o, "step");
      if (step != null && !step.isBlank()) {
        todos.add(new Todo(String.valueOf(todos.size() + 1), step, status(Json.str(o, "status"))));
      }
    }
    state.setTodos(todos);
  }

  /**
   * A plan-mode Plan item (markdown) becomes the todo list: its list items in order, checked boxes
   * completed; a plan without list items becomes one todo, its first line.
   */
  private static void planText(String text, CaptureState state) {
    if (text == null || text.isBlank()) {
      return;
    }
    List<Todo> todos = new ArrayList<>();
    Matcher m = PLAN_ITEM.matcher(text);
    while (m.find() && todos.size() < 50) {
      String done = m.group(1);
      todos.add(new Todo(String.valueOf(todos.size() + 1), m.group(2),
          done != null && !done.isBlank() ? "completed" : "pending"));
    }
    if (todos.isEmpty()) {
      for (String l : text.split("\n")) {
        String s = l.replaceFirst("^[#\\s]+", "").strip();
        if (!s.isEmpty()) {
          todos.add(new Todo("1", s, "pending"));
          break;
        }
      }
    }
    state.setTodos(todos);
  }

  private static String status(String s) {
    if (s == null) {
      return "pending";
    }
    switch (s.toLowerCase(java.util.Locale.ROOT).replace('-', '_')) {
      case "in_progress":
      case "inprogress":
        return "in_progress";
      case "completed":
      case "done":
        return "completed";
      default:
        return "pending";
    }
  }

  // ---- small readers

  /** The texts of a content array (parts of {@code partType}, or any part with text), joined. */
  private static String joinText(Object content, String partType) {
    if (content instanceof String) {
      return (String) content;
    }
    StringBuilder sb = new StringBuilder();
    for (Object part : Json.arr(content)) {
      String t = Json.str(part, "text");
      if (t == null || (partType != null && !partType.equals(Json.str(part, "type")))) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append("\n\n");
      }
      sb.append(t);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  private static String firstString(Map<String, Object> m, String... keys) {
    for (String k : keys) {
      String s = Json.str(m.get(k));
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** A session id given as a number or a string. */
  private static String idText(Object v) {
    Long n = Json.num(v);
    return n != null ? String.valueOf(n) : null;
  }

  private static String compactedAt(String ts) {
    return ts == null ? "context compacted" : "context compacted at " + ts;
  }
}
