package io.github.fss.testing;

import io.github.fss.capture.CaptureState;
import io.github.fss.capture.JsonlTail;
import io.github.fss.capture.TranscriptReader;
import io.github.fss.json.Json;
import io.github.fss.model.CommandRun;
import io.github.fss.model.Todo;
import io.github.fss.redact.Redactor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a JSONL history with one agent's reader into a fresh capture state, as a hook would, and
 * projects that state to deterministic JSON: what the agents' golden files record.
 */
public final class ReaderProjection {
  private final Supplier<TranscriptReader> reader;
  private final String format;

  public ReaderProjection(Supplier<TranscriptReader> reader, String format) {
    this.reader = reader;
    this.format = format;
  }

  public CaptureState freshState(Path file) {
    return new CaptureState(Redactor.standard(Map.of()), format, file.toString());
  }

  /** Reads the file from the state's offset to its last complete line, as a hook would. */
  public void readMore(Path file, CaptureState state) throws IOException {
    TranscriptReader r = reader.get();
    JsonlTail.Result got = JsonlTail.read(file, state.offset, r.skipKeys(), line -> r.apply(line, state));
    state.offset = got.offset();
    state.lines += got.lines();
    state.skippedLines += got.skipped();
  }

  public CaptureState read(Path file) throws IOException {
    CaptureState state = freshState(file);
    readMore(file, state);
    return state;
  }

  /** What a golden file records: everything the summary uses, in a stable order. */
  public static Map<String, Object> of(CaptureState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cwd", s.cwd);
    m.put("git_branch", s.gitBranch);
    m.put("git_head", s.gitHead);
    m.put("model", s.model);
    m.put("restored_from", s.restoredFrom);
    m.put("prompts", s.prompts());
    m.put("last_assistant", s.lastAssistant);
    List<Object> todos = new ArrayList<>();
    for (Todo t : s.todos()) {
      todos.add(t.id() + " " + t.status() + ": " + t.content());
    }
    m.put("todos", todos);
    List<Object> files = new ArrayList<>();
    s.files().forEach((path, role) -> files.add(role + " " + path));
    m.put("files", files);
    List<Object> commands = new ArrayList<>();
    for (CommandRun r : s.commands()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("command", r.command());
      c.put("exit_code", r.exitCode() == null ? "unknown" : (Object) r.exitCode().longValue());
      c.put("at", r.at());
      commands.add(c);
    }
    m.put("commands", commands);
    List<Object> notes = new ArrayList<>();
    for (String n : s.compactionNotes()) {
      notes.add(n.length() > 200 ? n.substring(0, 200) : n);
    }
    m.put("compaction_notes", notes);
    if (s.goal() != null) { // only when set: the older goldens stay as they were
      m.put("goal", s.goal().status() + ": " + s.goal().objective());
    }
    m.put("lines", s.lines);
    m.put("skipped_lines", s.skippedLines);
    return m;
  }

  public static String json(CaptureState s) {
    return Json.write(of(s), true) + "\n";
  }
}
