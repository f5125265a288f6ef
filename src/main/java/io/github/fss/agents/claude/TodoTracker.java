package io.github.fss.agents.claude;

import io.github.fss.capture.CaptureState;
import io.github.fss.json.Json;
import io.github.fss.model.Todo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the session's todo list from Claude Code's two planning tool families: the legacy
 * {@code TodoWrite} (the whole list each time) and {@code TaskCreate}/{@code TaskUpdate} (one task
 * at a time, numbered 1, 2, 3… in creation order), plus the {@code task_reminder} and
 * {@code todo_reminder} attachments that repeat the current list.
 *
 * <p>A created task is listed at once under the number Claude Code will give it (the next in
 * sequence, kept in {@code state.extra}); its tool result confirms or corrects the number, or
 * withdraws the task if the call failed. An update is applied when its result arrives without
 * error.
 */
final class TodoTracker {
  /** Next task number, as Claude Code numbers them. */
  static final String NEXT_ID = "claude.nextTaskId";
  static final String KIND_CREATE = "task";
  static final String KIND_UPDATE = "task_update";
  /** Longest list kept: a runaway plan must not grow the stored state without bound. */
  static final int MAX_TODOS = 50;
  private static final Pattern CREATED = Pattern.compile("Task #(\\d+)");

  private TodoTracker() {}

  /** {@code TodoWrite {todos:[{content,status,activeForm}]}}: the list is replaced. */
  static void todoWrite(Map<String, Object> input, CaptureState state) {
    Object todos = input.get("todos");
    if (!(todos instanceof List<?>)) {
      return;
    }
    List<Todo> out = new ArrayList<>();
    for (Object o : Json.arr(todos)) {
      Map<String, Object> t = Json.obj(o);
      String content = t == null ? null : text(t.get("content"));
      if (content != null && out.size() < MAX_TODOS) {
        String status = status(t.get("status"));
        if (status != null) {
          out.add(new Todo(null, content, status));
        }
      }
    }
    state.setTodos(out);
  }

  /** {@code TaskCreate {subject, description, activeForm}}: listed as pending under its number. */
  static void create(String callId, Map<String, Object> input, CaptureState state) {
    String subject = text(input.get("subject"));
    if (subject == null) {
      subject = text(input.get("description"));
    }
    if (subject == null) {
      return;
    }
    long n = nextId(state);
    String id = Long.toString(n);
    List<Todo> todos = state.todos();
    todos.removeIf(t -> id.equals(t.id()));
    todos.add(new Todo(id, subject, "pending"));
    state.setTodos(bounded(todos));
    state.extra.put(NEXT_ID, n + 1);
    if (callId != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("kind", KIND_CREATE);
      p.put("task", id);
      state.putPending(callId, p);
    }
  }

  /** The result of a TaskCreate: confirms, renumbers or withdraws the task. */
  static void created(Map<String, Object> pending, boolean error, Object toolUseResult, String resultText,
      CaptureState state) {
    String provisional = Json.str(pending.get("task"));
    if (provisional == null) {
      return;
    }
    List<Todo> todos = state.todos();
    if (error) {
      todos.removeIf(t -> provisional.equals(t.id()));
      state.setTodos(todos);
      Long next = Json.num(state.extra.get(NEXT_ID));
      Long prov = Json.num(provisional);
      if (next != null && prov != null && next == prov + 1) {
        state.extra.put(NEXT_ID, prov);
      }
      return;
    }
    String real = id(Json.at(toolUseResult, "task", "id"));
    if (real == null && resultText != null) {
      Matcher m = CREATED.matcher(resultText);
      real = m.find() ? m.group(1) : null;
    }
    if (real == null || real.equals(provisional)) {
      return;
    }
    String confirmed = real;
    Todo mine = null;
    for (Todo t : todos) {
      if (provisional.equals(t.id())) {
        mine = t;
      }
    }
    if (mine == null) {
      return;
    }
    List<Todo> out = new ArrayList<>();
    for (Todo t : todos) {
      if (t == mine) {
        out.add(new Todo(confirmed, t.content(), t.status()));
      } else if (!confirmed.equals(t.id())) {
        out.add(t);
      }
    }
    state.setTodos(out);
    raiseNextId(state, confirmed);
  }

  /** {@code TaskUpdate {taskId, status, subject?}}: remembered until its result arrives. */
  static void pendUpdate(String callId, Map<String, Object> input, CaptureState state) {
    String taskId = id(input.get("taskId"));
    if (taskId == null) {
      return;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("kind", KIND_UPDATE);
    p.put("task", taskId);
    p.put("status", Json.str(input.get("status")));
    p.put("subject", text(input.get("subject")));
    if (callId == null) {
      updated(p, false, state);
    } else {
      state.putPending(callId, p);
    }
  }

  /** The result of a TaskUpdate: a failed one changes nothing; "deleted" removes the task. */
  static void updated(Map<String, Object> pending, boolean error, CaptureState state) {
    String id = Json.str(pending.get("task"));
    if (error || id == null) {
      return;
    }
    String rawStatus = Json.str(pending.get("status"));
    String subject = Json.str(pending.get("subject"));
    List<Todo> todos = state.todos();
    boolean found = false;
    List<Todo> out = new ArrayList<>();
    for (Todo t : todos) {
      if (!id.equals(t.id())) {
        out.add(t);
        continue;
      }
      found = true;
      if ("deleted".equals(rawStatus)) {
        continue;
      }
      String status = rawStatus == null ? t.status() : status(rawStatus);
      out.add(new Todo(id, subject != null ? subject : t.content(), status == null ? t.status() : status));
    }
    if (!found && subject != null && !"deleted".equals(rawStatus)) {
      String status = status(rawStatus);
      out.add(new Todo(id, subject, status == null ? "pending" : status));
      raiseNextId(state, id);
    }
    state.setTodos(bounded(out));
  }

  /** A {@code task_reminder} attachment: the current task list {@code [{id,subject,status}]}. */
  static void taskReminder(Object content, CaptureState state) {
    List<Todo> out = new ArrayList<>();
    for (Object o : Json.arr(content)) {
      Map<String, Object> t = Json.obj(o);
      String subject = t == null ? null : text(t.get("subject"));
      String status = t == null ? null : status(t.get("status"));
      if (subject != null && status != null && out.size() < MAX_TODOS) {
        String id = id(t.get("id"));
        out.add(new Todo(id, subject, status));
        raiseNextId(state, id);
      }
    }
    if (!out.isEmpty()) {
      state.setTodos(out);
    }
  }

  /** A {@code todo_reminder} attachment: the current TodoWrite list {@code [{content,status}]}. */
  static void todoReminder(Object content, CaptureState state) {
    List<Todo> out = new ArrayList<>();
    for (Object o : Json.arr(content)) {
      Map<String, Object> t = Json.obj(o);
      String text = t == null ? null : text(t.get("content"));
      String status = t == null ? null : status(t.get("status"));
      if (text != null && status != null && out.size() < MAX_TODOS) {
        out.add(new Todo(null, text, status));
      }
    }
    if (!out.isEmpty()) {
      state.setTodos(out);
    }
  }

  /**
   * pending, in_progress or completed; null for "deleted"; any other value (a newer or trimmed
   * status) counts as pending.
   */
  static String status(Object raw) {
    String s = Json.str(raw);
    if (s == null) {
      return "pending";
    }
    switch (s) {
      case "in_progress":
      case "completed":
      case "pending":
        return s;
      case "deleted":
        return null;
      default:
        return "pending";
    }
  }

  private static long nextId(CaptureState state) {
    Long n = Json.num(state.extra.get(NEXT_ID));
    return n == null || n < 1 ? 1 : n;
  }

  private static void raiseNextId(CaptureState state, String id) {
    Long n = Json.num(id);
    if (n != null && n >= nextId(state)) {
      state.extra.put(NEXT_ID, n + 1);
    }
  }

  /** Drops the oldest completed tasks, then the oldest ones, beyond {@link #MAX_TODOS}. */
  private static List<Todo> bounded(List<Todo> todos) {
    while (todos.size() > MAX_TODOS) {
      int victim = 0;
      for (int i = 0; i < todos.size(); i++) {
        if ("completed".equals(todos.get(i).status())) {
          victim = i;
          break;
        }
      }
      todos.remove(victim);
    }
    return todos;
  }

  /** A task id given as a string or a number. */
  private static String id(Object v) {
    if (v instanceof String) {
      String s = ((String) v).strip();
      if (s.startsWith("#")) {
        s = s.substring(1);
      }
      return s.isEmpty() ? null : s;
    }
    if (v instanceof Long) {
      return v.toString();
    }
    if (v instanceof Double) {
      return Long.toString(((Double) v).longValue());
    }
    return null;
  }

  private static String text(Object v) {
    String s = Json.str(v);
    return s == null || s.isBlank() ? null : s.strip();
  }
}
