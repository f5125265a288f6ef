package io.github.fss.agents.claude;

import io.github.fss.capture.CaptureState;
import io.github.fss.model.CommandRun;
import io.github.fss.model.Todo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The part of a capture state a golden file pins down, as a deterministic JSON tree. */
final class Projection {
  /** Characters of each compaction note kept in a projection. */
  static final int NOTE_HEAD = 200;

  private Projection() {}

  static Map<String, Object> of(CaptureState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lines", s.lines);
    m.put("skipped_lines", s.skippedLines);
    m.put("offset", s.offset);
    m.put("cwd", s.cwd);
    m.put("git_branch", s.gitBranch);
    m.put("model", s.model);
    m.put("first_event_at", s.firstEventAt);
    m.put("last_event_at", s.lastEventAt);
    m.put("turns", s.turns);
    m.put("restored_from", s.restoredFrom);
    m.put("prompts", s.prompts());
    m.put("last_assistant", s.lastAssistant);
    List<Object> todos = new ArrayList<>();
    for (Todo t : s.todos()) {
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("id", t.id());
      tm.put("content", t.content());
      tm.put("status", t.status());
      todos.add(tm);
    }
    m.put("todos", todos);
    m.put("files", new LinkedHashMap<>(s.files()));
    List<Object> commands = new ArrayList<>();
    for (CommandRun r : s.commands()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("command", r.command());
      c.put("exit_code", r.exitCode() == null ? "none" : r.exitCode());
      c.put("at", r.at());
      commands.add(c);
    }
    m.put("commands", commands);
    List<Object> notes = new ArrayList<>();
    for (String n : s.compactionNotes()) {
      notes.add(n.length() > NOTE_HEAD ? n.substring(0, NOTE_HEAD) : n);
    }
    m.put("compaction_notes", notes);
    Object pending = s.toTree().get("pending");
    m.put("pending", pending instanceof Map<?, ?> ? new ArrayList<>(((Map<?, ?>) pending).keySet()) : List.of());
    m.put("extra", new LinkedHashMap<>(s.extra));
    return m;
  }
}
