package io.github.fss.render;

import io.github.fss.json.Json;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.FileRef;
import io.github.fss.model.Todo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What changed between two checkpoints: task, summary, branch, goal, files, decisions, questions, todos. */
public final class DiffView {

  private DiffView() {}

  public static Map<String, Object> compute(Checkpoint a, Checkpoint b, int fromN, int toN) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", fromN);
    m.put("to", toN);
    m.put("from_timestamp", a.timestamp());
    m.put("to_timestamp", b.timestamp());
    List<Object> changed = new ArrayList<>();
    scalar(changed, "current_task", a.currentTask(), b.currentTask());
    scalar(changed, "summary", a.summary(), b.summary());
    scalar(changed, "git_branch", a.gitBranch(), b.gitBranch());
    scalar(changed, "goal", goal(a), goal(b));
    m.put("changed", changed);
    Map<String, String> fa = roles(a.files());
    Map<String, String> fb = roles(b.files());
    List<Object> added = new ArrayList<>();
    List<Object> removed = new ArrayList<>();
    List<Object> roleChanged = new ArrayList<>();
    for (Map.Entry<String, String> e : fb.entrySet()) {
      if (!fa.containsKey(e.getKey())) {
        added.add(fileJson(e.getKey(), e.getValue(), null));
      } else if (!fa.get(e.getKey()).equals(e.getValue())) {
        roleChanged.add(fileJson(e.getKey(), e.getValue(), fa.get(e.getKey())));
      }
    }
    for (Map.Entry<String, String> e : fa.entrySet()) {
      if (!fb.containsKey(e.getKey())) {
        removed.add(fileJson(e.getKey(), e.getValue(), null));
      }
    }
    Map<String, Object> files = new LinkedHashMap<>();
    files.put("added", added);
    files.put("removed", removed);
    files.put("role_changed", roleChanged);
    m.put("files", files);
    m.put("key_decisions", listDiff(a.keyDecisions(), b.keyDecisions()));
    m.put("open_questions", listDiff(a.openQuestions(), b.openQuestions()));
    m.put("todos", listDiff(todoLines(a.todos()), todoLines(b.todos())));
    return m;
  }

  public static String json(Map<String, Object> diff) {
    return Json.write(diff, true);
  }

  public static String text(Map<String, Object> d, String root) {
    StringBuilder sb = new StringBuilder();
    sb.append("Checkpoint #").append(d.get("from")).append(" (").append(d.get("from_timestamp"))
        .append(") → #").append(d.get("to")).append(" (").append(d.get("to_timestamp")).append(")\n");
    boolean any = false;
    for (Object o : Json.arr(d.get("changed"))) {
      Map<String, Object> c = Json.obj(o);
      sb.append(label(Json.str(c.get("field")))).append(":\n  - ").append(orNone(Json.str(c.get("from"))))
          .append("\n  + ").append(orNone(Json.str(c.get("to")))).append('\n');
      any = true;
    }
    Map<String, Object> files = Json.obj(d.get("files"));
    any |= fileLines(sb, "Files added", Json.arr(files.get("added")), "+", root);
    any |= fileLines(sb, "Files removed", Json.arr(files.get("removed")), "-", root);
    any |= fileLines(sb, "Files with a new role", Json.arr(files.get("role_changed")), "~", root);
    any |= listLines(sb, "Key decisions", Json.obj(d.get("key_decisions")));
    any |= listLines(sb, "Open questions", Json.obj(d.get("open_questions")));
    any |= listLines(sb, "Todos", Json.obj(d.get("todos")));
    if (!any) {
      sb.append("No changes in task, summary, branch, files, decisions, open questions or todos.\n");
    }
    return sb.toString().stripTrailing();
  }

  private static boolean fileLines(StringBuilder sb, String title, List<Object> items, String sign, String root) {
    if (items.isEmpty()) {
      return false;
    }
    sb.append(title).append(":\n");
    for (Object o : items) {
      Map<String, Object> f = Json.obj(o);
      String was = Json.str(f.get("was"));
      sb.append("  ").append(sign).append(' ').append(Paths.shown(Json.str(f.get("path")), root)).append(" (")
          .append(was == null ? "" : RestoreView.flat(was) + " → ").append(RestoreView.flat(Json.str(f.get("role"))))
          .append(")\n");
    }
    return true;
  }

  private static boolean listLines(StringBuilder sb, String title, Map<String, Object> diff) {
    List<Object> added = Json.arr(diff.get("added"));
    List<Object> removed = Json.arr(diff.get("removed"));
    if (added.isEmpty() && removed.isEmpty()) {
      return false;
    }
    sb.append(title).append(":\n");
    for (Object o : added) {
      sb.append("  + ").append(RestoreView.flat(String.valueOf(o))).append('\n');
    }
    for (Object o : removed) {
      sb.append("  - ").append(RestoreView.flat(String.valueOf(o))).append('\n');
    }
    return true;
  }

  private static String label(String field) {
    switch (field) {
      case "current_task":
        return "Task";
      case "summary":
        return "Summary";
      case "goal":
        return "Goal";
      default:
        return "Branch";
    }
  }

  /** "status: objective", so a status change and a new objective both show. */
  private static String goal(Checkpoint c) {
    return c.goal() == null ? null : c.goal().status() + ": " + c.goal().objective();
  }

  private static String orNone(String s) {
    return s == null ? "(none)" : RestoreView.flat(s);
  }

  private static void scalar(List<Object> out, String field, String a, String b) {
    if (!Objects.equals(a, b)) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("field", field);
      c.put("from", a);
      c.put("to", b);
      out.add(c);
    }
  }

  private static Map<String, String> roles(List<FileRef> files) {
    Map<String, String> m = new LinkedHashMap<>();
    for (FileRef f : files) {
      m.put(f.path(), f.role());
    }
    return m;
  }

  private static Map<String, Object> fileJson(String path, String role, String was) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("role", role);
    m.put("was", was);
    return m;
  }

  private static List<String> todoLines(List<Todo> todos) {
    List<String> out = new ArrayList<>();
    for (Todo t : todos) {
      out.add("[" + RestoreView.todoMark(t.status()) + "] " + t.content());
    }
    return out;
  }

  private static Map<String, Object> listDiff(List<String> a, List<String> b) {
    List<Object> added = new ArrayList<>();
    List<Object> removed = new ArrayList<>();
    for (String s : b) {
      if (!a.contains(s)) {
        added.add(s);
      }
    }
    for (String s : a) {
      if (!b.contains(s)) {
        removed.add(s);
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("added", added);
    m.put("removed", removed);
    return m;
  }
}
