package io.github.fss.store;

import io.github.fss.json.Json;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.CheckpointKind;
import io.github.fss.model.CommandRun;
import io.github.fss.model.FileRef;
import io.github.fss.model.Goal;
import io.github.fss.model.Session;
import io.github.fss.model.SessionStatus;
import io.github.fss.model.Todo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Session records to JSON trees and back, in the stored format: the original tool's field names
 * (snake_case) plus our additions. Reading is lenient: a field of the wrong type is ignored, so the
 * original tool's files and older versions of ours stay readable.
 */
public final class SessionCodec {
  private SessionCodec() {}

  public static Map<String, Object> toTree(Session s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema_version", s.schemaVersion());
    m.put("session_id", s.sessionId());
    m.put("tool", s.tool());
    m.put("working_dir", s.workingDir());
    m.put("project_root", s.projectRoot());
    m.put("start_time", s.startTime());
    m.put("last_active", s.lastActive());
    m.put("status", s.status().json());
    m.put("end_reason", s.endReason());
    m.put("restored_from", s.restoredFrom());
    m.put("transferred_to", s.transferredTo());
    List<Object> cps = new ArrayList<>();
    for (Checkpoint c : s.checkpoints()) {
      cps.add(toTree(c));
    }
    m.put("checkpoints", cps);
    m.put("capture", s.capture());
    if (s.machine() != null) { // only for a session synced from another machine
      m.put("machine", s.machine());
    }
    return m;
  }

  public static Map<String, Object> toTree(Checkpoint c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("timestamp", c.timestamp());
    m.put("kind", c.kind().json());
    m.put("summary", c.summary());
    m.put("current_task", c.currentTask());
    m.put("git_branch", c.gitBranch());
    m.put("git_head", c.gitHead());
    m.put("git_dirty", c.gitDirty());
    m.put("git_recent_commits", c.gitRecentCommits());
    List<Object> files = new ArrayList<>();
    for (FileRef f : c.files()) {
      Map<String, Object> fm = new LinkedHashMap<>();
      fm.put("path", f.path());
      fm.put("last_modified", f.lastModified());
      fm.put("role", f.role());
      fm.put("note", f.note());
      files.add(fm);
    }
    m.put("files", files);
    m.put("key_decisions", c.keyDecisions());
    m.put("open_questions", c.openQuestions());
    m.put("recent_commands", c.recentCommands());
    List<Object> cmds = new ArrayList<>();
    for (CommandRun r : c.commands()) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("command", r.command());
      rm.put("exit_code", r.exitCode());
      rm.put("at", r.at());
      cmds.add(rm);
    }
    m.put("commands", cmds);
    m.put("log_refs", c.logRefs());
    List<Object> todos = new ArrayList<>();
    for (Todo t : c.todos()) {
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("id", t.id());
      tm.put("content", t.content());
      tm.put("status", t.status());
      todos.add(tm);
    }
    m.put("todos", todos);
    m.put("last_prompts", c.lastPrompts());
    m.put("last_assistant_message", c.lastAssistantMessage());
    m.put("compaction_notes", c.compactionNotes());
    if (c.goal() != null) { // only when there is one: older files and readers never see the field
      m.put("goal", goal(c.goal()));
    }
    return m;
  }

  /** {@code {"objective": …, "status": …}}, the stored and documented shape of a goal. */
  public static Map<String, Object> goal(Goal g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("objective", g.objective());
    m.put("status", g.status());
    return m;
  }

  /** A goal tree back, or null when it is absent or has no objective. */
  static Goal goal(Object tree) {
    Map<String, Object> m = Json.obj(tree);
    String objective = m == null ? null : Json.str(m.get("objective"));
    return objective == null || objective.isBlank() ? null : new Goal(objective, Json.str(m.get("status")));
  }

  /** Reads a session tree; throws {@link IllegalArgumentException} when it is not a session at all. */
  public static Session fromTree(Object tree) {
    Map<String, Object> m = Json.obj(tree);
    if (m == null) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String id = Json.str(m.get("session_id"));
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("no session_id");
    }
    Long version = Json.num(m.get("schema_version"));
    List<Checkpoint> cps = new ArrayList<>();
    for (Object o : Json.arr(m.get("checkpoints"))) {
      Checkpoint c = checkpoint(o);
      if (c != null) {
        cps.add(c);
      }
    }
    String workingDir = Json.str(m.get("working_dir"));
    String root = Json.str(m.get("project_root"));
    return new Session(
        version == null ? 1 : version.intValue(),
        id,
        orDefault(Json.str(m.get("tool")), "unknown"),
        workingDir,
        root != null ? root : workingDir,
        Json.str(m.get("start_time")),
        orDefault(Json.str(m.get("last_active")), Json.str(m.get("start_time"))),
        SessionStatus.parse(Json.str(m.get("status"))),
        Json.str(m.get("end_reason")),
        Json.str(m.get("restored_from")),
        Json.str(m.get("transferred_to")),
        Json.obj(m.get("capture")),
        cps,
        Json.str(m.get("machine")));
  }

  static Checkpoint checkpoint(Object tree) {
    Map<String, Object> m = Json.obj(tree);
    if (m == null) {
      return null;
    }
    List<FileRef> files = new ArrayList<>();
    for (Object o : Json.arr(m.get("files"))) {
      Map<String, Object> f = Json.obj(o);
      if (f != null && Json.str(f.get("path")) != null && !Json.str(f.get("path")).isBlank()) {
        files.add(new FileRef(Json.str(f.get("path")), Json.str(f.get("last_modified")),
            Json.str(f.get("role")), Json.str(f.get("note"))));
      } else if (o instanceof String && !((String) o).isBlank()) {
        files.add(new FileRef((String) o, null, null, null));
      }
    }
    List<CommandRun> cmds = new ArrayList<>();
    for (Object o : Json.arr(m.get("commands"))) {
      Map<String, Object> r = Json.obj(o);
      if (r != null && Json.str(r.get("command")) != null) {
        Long code = Json.num(r.get("exit_code"));
        cmds.add(new CommandRun(Json.str(r.get("command")), code == null ? null : code.intValue(),
            Json.str(r.get("at"))));
      }
    }
    List<Todo> todos = new ArrayList<>();
    for (Object o : Json.arr(m.get("todos"))) {
      Map<String, Object> t = Json.obj(o);
      if (t != null) {
        todos.add(new Todo(Json.str(t.get("id")), Json.str(t.get("content")), Json.str(t.get("status"))));
      }
    }
    Object dirty = m.get("git_dirty");
    return Checkpoint.builder()
        .timestamp(Json.str(m.get("timestamp")))
        .kind(CheckpointKind.parse(Json.str(m.get("kind"))))
        .summary(Json.str(m.get("summary")))
        .currentTask(Json.str(m.get("current_task")))
        .gitBranch(Json.str(m.get("git_branch")))
        .gitHead(Json.str(m.get("git_head")))
        .gitDirty(dirty instanceof Boolean ? (Boolean) dirty : null)
        .gitRecentCommits(strings(m.get("git_recent_commits")))
        .files(files)
        .keyDecisions(strings(m.get("key_decisions")))
        .openQuestions(strings(m.get("open_questions")))
        .recentCommands(strings(m.get("recent_commands")))
        .commands(cmds)
        .logRefs(strings(m.get("log_refs")))
        .todos(todos)
        .lastPrompts(strings(m.get("last_prompts")))
        .lastAssistantMessage(Json.str(m.get("last_assistant_message")))
        .compactionNotes(strings(m.get("compaction_notes")))
        .goal(goal(m.get("goal")))
        .build();
  }

  /** A list of strings from an array (non-strings dropped) or from a single string. */
  static List<String> strings(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof String) {
      if (!((String) v).isBlank()) {
        out.add((String) v);
      }
      return out;
    }
    for (Object o : Json.arr(v)) {
      if (o instanceof String && !((String) o).isBlank()) {
        out.add((String) o);
      } else if (o instanceof Map<?, ?>) {
        // git commits stored as objects by some versions: keep their one-line form
        Object msg = ((Map<?, ?>) o).get("message");
        Object hash = ((Map<?, ?>) o).get("hash");
        if (msg instanceof String) {
          out.add((hash instanceof String ? hash + " " : "") + msg);
        }
      }
    }
    return out;
  }

  private static String orDefault(String v, String d) {
    return v == null || v.isBlank() ? d : v;
  }
}
