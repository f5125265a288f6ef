package io.github.fss.capture;

import io.github.fss.redact.Redactor;
import io.github.fss.json.Json;
import io.github.fss.model.CommandRun;
import io.github.fss.model.Goal;
import io.github.fss.model.Todo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a transcript reader has learnt about a session so far, plus where it stopped reading. It is
 * stored with the session (as its {@code capture} object) so the next hook reads only the bytes
 * appended since, and its size is bounded whatever the transcript's length. Every text that enters
 * goes through the {@link Redactor} first.
 */
public final class CaptureState {
  public static final int MAX_PROMPTS = 5;
  public static final int MAX_COMMANDS = 20;
  public static final int MAX_FILES = 100;
  public static final int MAX_PENDING = 200;
  public static final int MAX_NOTES = 3;
  /** Characters kept of a prompt or an assistant message. */
  public static final int MAX_TEXT = 2000;
  /** Characters kept of a compaction summary. */
  public static final int MAX_NOTE_TEXT = 4000;
  /** Characters kept of a command line. */
  public static final int MAX_COMMAND = 500;

  private final Redactor redactor;

  /** "claude" or "codex": which reader understands the transcript. */
  public String format;
  public String transcriptPath;
  /** Bytes of the transcript consumed: always the end of a complete line. */
  public long offset;
  /** For a compressed transcript: its size on disk when last read to the end (offset counts decompressed bytes). */
  public long compressedSize;
  public String cwd;
  public String gitBranch;
  public String gitHead;
  public String model;
  public String firstEventAt;
  public String lastEventAt;
  public String lastAssistant;
  public String restoredFrom;
  /** The agent's own goal for the session (Codex goals), or null. */
  private Goal goal;
  public long lines;
  public long skippedLines;
  public long turns;
  private final ArrayDeque<String> prompts = new ArrayDeque<>();
  private List<Todo> todos = new ArrayList<>();
  private final LinkedHashMap<String, String> files = new LinkedHashMap<>();
  private final ArrayDeque<CommandRun> commands = new ArrayDeque<>();
  private final LinkedHashMap<String, Map<String, Object>> pending = new LinkedHashMap<>();
  private final ArrayDeque<String> compactionNotes = new ArrayDeque<>();
  /** Reader-private state (for example task ids), kept small by the reader. */
  public final Map<String, Object> extra = new LinkedHashMap<>();
  /** Sees every text as it is read, unbounded by the windows above; null (the hooks) costs nothing. */
  private TextSink sink;

  public CaptureState(Redactor redactor, String format, String transcriptPath) {
    this.redactor = redactor;
    this.format = format;
    this.transcriptPath = transcriptPath;
  }

  public Redactor redactor() {
    return redactor;
  }

  /**
   * Every text a reader finds, in order, for the history index. Texts arrive raw (as the
   * transcript has them) and the sink redacts them itself: the windows kept here are cut to a few
   * thousand characters, an index wants more of a long message.
   */
  public interface TextSink {
    /** One text of a kind (prompt, assistant, todo, file, compaction) at a time (may be null). */
    void text(String kind, String text, String at);

    /** A command, when it starts (exit null, {@code callId} to finish it by) or with its outcome. */
    void command(String callId, String command, Integer exitCode, String at);
  }

  /** Sends every text read from now on to {@code value} as well. */
  public void observe(TextSink value) {
    sink = value;
  }

  // ---- what readers call

  /** A real prompt of the user's (readers drop meta lines, command output and injected context). */
  public void addPrompt(String text) {
    if (sink != null) {
      sink.text("prompt", text, lastEventAt);
    }
    String t = clean(text, MAX_TEXT);
    if (t == null) {
      return;
    }
    prompts.addLast(t);
    while (prompts.size() > MAX_PROMPTS) {
      prompts.removeFirst();
    }
    turns++;
  }

  /**
   * Forgets the last {@code n} prompts (the agent rewound its history past them): they are no
   * longer what the session is about. The history index keeps what it already saw.
   */
  public void forgetLastPrompts(int n) {
    for (int i = 0; i < n && !prompts.isEmpty(); i++) {
      prompts.removeLast();
      turns = Math.max(0, turns - 1);
    }
  }

  public void setLastAssistant(String text) {
    if (sink != null && text != null) {
      // readers join the blocks of one message: only the new block is new text
      boolean joined = lastAssistant != null && text.startsWith(lastAssistant);
      sink.text("assistant", joined ? text.substring(lastAssistant.length()) : text, lastEventAt);
    }
    String t = clean(text, MAX_TEXT);
    if (t != null) {
      lastAssistant = t;
    }
  }

  /**
   * Records a file the session touched. Roles only go up: reference &lt; editing &lt; created, and
   * deleted replaces any; a later touch moves the file to the most recent end.
   */
  public void touchFile(String path, String role) {
    if (path == null || path.isBlank() || path.indexOf('\0') >= 0) {
      return;
    }
    String old = files.remove(path);
    if (sink != null && old == null) {
      sink.text("file", path, lastEventAt);
    }
    files.put(path, strongerRole(old, role));
    while (files.size() > MAX_FILES) {
      evictOneFile();
    }
  }

  private void evictOneFile() {
    Iterator<Map.Entry<String, String>> it = files.entrySet().iterator();
    while (it.hasNext()) {
      if ("reference".equals(it.next().getValue())) {
        it.remove();
        return;
      }
    }
    it = files.entrySet().iterator();
    it.next();
    it.remove();
  }

  static String strongerRole(String old, String role) {
    if (old == null || "deleted".equals(role)) {
      return role;
    }
    if ("deleted".equals(old)) {
      return "reference".equals(role) ? old : role;
    }
    return rank(role) > rank(old) ? role : old;
  }

  private static int rank(String role) {
    switch (role == null ? "" : role) {
      case "created":
        return 3;
      case "editing":
        return 2;
      default:
        return 1;
    }
  }

  /** A command whose result is not known yet; finished by {@link #finishCommand}. */
  public void startCommand(String callId, String command, String at) {
    String c = clean(command, MAX_COMMAND);
    if (c == null) {
      return;
    }
    if (sink != null) {
      sink.command(callId, command, null, at);
    }
    if (callId == null) {
      add(c, null, at);
      return;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("kind", "command");
    p.put("command", c);
    p.put("at", at);
    putPending(callId, p);
    add(c, null, at);
  }

  /** Sets the exit code of a command started with {@link #startCommand}; unknown ids are ignored. */
  public void finishCommand(String callId, Integer exitCode) {
    Map<String, Object> p = callId == null ? null : pending.remove(callId);
    if (p == null || !"command".equals(p.get("kind"))) {
      if (p != null) {
        pending.put(callId, p);
      }
      return;
    }
    String command = Json.str(p.get("command"));
    String at = Json.str(p.get("at"));
    if (sink != null) {
      sink.command(callId, command, exitCode, at);
    }
    // replace the open entry (newest first, since results follow their calls closely)
    List<CommandRun> list = new ArrayList<>(commands);
    for (int i = list.size() - 1; i >= 0; i--) {
      CommandRun r = list.get(i);
      if (r.exitCode() == null && r.command().equals(command) && eq(r.at(), at)) {
        list.set(i, new CommandRun(command, exitCode, at));
        commands.clear();
        commands.addAll(list);
        return;
      }
    }
  }

  /** A command with a known outcome (or null when none will come). */
  public void addCommand(String command, Integer exitCode, String at) {
    String c = clean(command, MAX_COMMAND);
    if (c == null) {
      return;
    }
    if (sink != null) {
      sink.command(null, command, exitCode, at);
    }
    add(c, exitCode, at);
  }

  private void add(String c, Integer exitCode, String at) {
    commands.addLast(new CommandRun(c, exitCode, at));
    while (commands.size() > MAX_COMMANDS) {
      commands.removeFirst();
    }
  }

  /** Remembers a tool call until its result arrives (bounded: the oldest are forgotten). */
  public void putPending(String callId, Map<String, Object> info) {
    pending.remove(callId);
    pending.put(callId, info);
    while (pending.size() > MAX_PENDING) {
      Iterator<String> it = pending.keySet().iterator();
      it.next();
      it.remove();
    }
  }

  public Map<String, Object> takePending(String callId) {
    return callId == null ? null : pending.remove(callId);
  }

  public Map<String, Object> peekPending(String callId) {
    return callId == null ? null : pending.get(callId);
  }

  /** Replaces the whole todo list / plan (texts are redacted). */
  public void setTodos(List<Todo> list) {
    if (sink != null) {
      java.util.Set<String> known = new java.util.HashSet<>();
      for (Todo t : todos) {
        known.add(t.content());
      }
      for (Todo t : list) {
        String c = t.content().strip();
        // stored contents are redacted, these are not: a todo holding a secret may come twice
        if (!c.isEmpty() && !known.contains(c) && !known.contains(clean(c, 300))) {
          sink.text("todo", c, lastEventAt);
        }
      }
    }
    List<Todo> out = new ArrayList<>();
    for (Todo t : list) {
      String c = clean(t.content(), 300);
      if (c != null) {
        out.add(new Todo(t.id(), c, t.status()));
      }
    }
    todos = out;
  }

  public List<Todo> todos() {
    return new ArrayList<>(todos);
  }

  /**
   * Sets the session's goal: a new objective (redacted) replaces the old one; a null objective
   * keeps the current one and changes only its status; a status alone with no goal yet is ignored.
   */
  public void setGoal(String objective, String status) {
    String o = clean(objective, MAX_TEXT);
    if (o == null) {
      if (goal != null && status != null && !status.isBlank()) {
        goal = goal.withStatus(status);
      }
      return;
    }
    goal = new Goal(o, status != null && !status.isBlank() ? status : goal != null ? goal.status() : null);
  }

  public Goal goal() {
    return goal;
  }

  public void addCompactionNote(String text) {
    if (sink != null) {
      sink.text("compaction", text, lastEventAt);
    }
    String t = clean(text, MAX_NOTE_TEXT);
    if (t == null) {
      return;
    }
    compactionNotes.addLast(t);
    while (compactionNotes.size() > MAX_NOTES) {
      compactionNotes.removeFirst();
    }
  }

  /** Notes an event time: the first and the latest seen. */
  public void sawEventAt(String timestamp) {
    if (timestamp == null || timestamp.isBlank()) {
      return;
    }
    if (firstEventAt == null) {
      firstEventAt = timestamp;
    }
    lastEventAt = timestamp;
  }

  public List<String> prompts() {
    return new ArrayList<>(prompts);
  }

  public Map<String, String> files() {
    return new LinkedHashMap<>(files);
  }

  public List<CommandRun> commands() {
    return new ArrayList<>(commands);
  }

  public List<String> compactionNotes() {
    return new ArrayList<>(compactionNotes);
  }

  /** Forgets everything read (the transcript was replaced or truncated): it will be read again. */
  public void reset() {
    offset = 0;
    lines = 0;
    skippedLines = 0;
    turns = 0;
    lastAssistant = null;
    prompts.clear();
    todos = new ArrayList<>();
    files.clear();
    commands.clear();
    pending.clear();
    compactionNotes.clear();
    goal = null;
    extra.clear();
  }

  private String clean(String text, int max) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    if (t.isEmpty()) {
      return null;
    }
    // truncate before redacting (bounded cost), then again: a redaction marker may lengthen it.
    // The first cut goes back to a space, so no half a secret, too short to match, survives it.
    if (t.length() > max * 2) {
      t = t.substring(0, max * 2);
      int space = lastSpace(t);
      t = space > max ? t.substring(0, space) : t;
    }
    t = redactor == null ? t : redactor.redact(t);
    t = t.strip();
    if (t.isEmpty()) {
      return null;
    }
    return t.length() > max ? t.substring(0, max) + "…" : t;
  }

  private static int lastSpace(String t) {
    for (int i = t.length() - 1; i >= 0; i--) {
      if (Character.isWhitespace(t.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean eq(String a, String b) {
    return a == null ? b == null : a.equals(b);
  }

  // ---- persistence

  public Map<String, Object> toTree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", format);
    m.put("transcript_path", transcriptPath);
    m.put("offset", offset);
    if (compressedSize > 0) {
      m.put("compressed_size", compressedSize);
    }
    m.put("cwd", cwd);
    m.put("git_branch", gitBranch);
    m.put("git_head", gitHead);
    m.put("model", model);
    m.put("first_event_at", firstEventAt);
    m.put("last_event_at", lastEventAt);
    m.put("lines", lines);
    m.put("skipped_lines", skippedLines);
    m.put("turns", turns);
    m.put("restored_from", restoredFrom);
    m.put("prompts", new ArrayList<>(prompts));
    m.put("last_assistant", lastAssistant);
    List<Object> t = new ArrayList<>();
    for (Todo todo : todos) {
      Map<String, Object> tm = new LinkedHashMap<>();
      tm.put("id", todo.id());
      tm.put("content", todo.content());
      tm.put("status", todo.status());
      t.add(tm);
    }
    m.put("todos", t);
    List<Object> f = new ArrayList<>();
    for (Map.Entry<String, String> e : files.entrySet()) {
      List<Object> pair = new ArrayList<>();
      pair.add(e.getKey());
      pair.add(e.getValue());
      f.add(pair);
    }
    m.put("files", f);
    List<Object> c = new ArrayList<>();
    for (CommandRun r : commands) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("command", r.command());
      rm.put("exit_code", r.exitCode());
      rm.put("at", r.at());
      c.add(rm);
    }
    m.put("commands", c);
    Map<String, Object> p = new LinkedHashMap<>();
    p.putAll(pending);
    m.put("pending", p);
    m.put("compaction_notes", new ArrayList<>(compactionNotes));
    if (goal != null) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("objective", goal.objective());
      g.put("status", goal.status());
      m.put("goal", g);
    }
    m.put("extra", new LinkedHashMap<>(extra));
    return m;
  }

  /** Reads a stored state back; a missing or odd field starts empty rather than failing. */
  public static CaptureState fromTree(Map<String, Object> m, Redactor redactor) {
    CaptureState s = new CaptureState(redactor, Json.str(m.get("format")), Json.str(m.get("transcript_path")));
    s.offset = orZero(Json.num(m.get("offset")));
    s.compressedSize = orZero(Json.num(m.get("compressed_size")));
    s.cwd = Json.str(m.get("cwd"));
    s.gitBranch = Json.str(m.get("git_branch"));
    s.gitHead = Json.str(m.get("git_head"));
    s.model = Json.str(m.get("model"));
    s.firstEventAt = Json.str(m.get("first_event_at"));
    s.lastEventAt = Json.str(m.get("last_event_at"));
    s.lines = orZero(Json.num(m.get("lines")));
    s.skippedLines = orZero(Json.num(m.get("skipped_lines")));
    s.turns = orZero(Json.num(m.get("turns")));
    s.restoredFrom = Json.str(m.get("restored_from"));
    for (Object o : Json.arr(m.get("prompts"))) {
      if (o instanceof String) {
        s.prompts.addLast((String) o);
      }
    }
    s.lastAssistant = Json.str(m.get("last_assistant"));
    for (Object o : Json.arr(m.get("todos"))) {
      Map<String, Object> t = Json.obj(o);
      if (t != null) {
        s.todos.add(new Todo(Json.str(t.get("id")), Json.str(t.get("content")), Json.str(t.get("status"))));
      }
    }
    for (Object o : Json.arr(m.get("files"))) {
      List<Object> pair = Json.arr(o);
      if (pair.size() == 2 && pair.get(0) instanceof String && pair.get(1) instanceof String) {
        s.files.put((String) pair.get(0), (String) pair.get(1));
      }
    }
    for (Object o : Json.arr(m.get("commands"))) {
      Map<String, Object> r = Json.obj(o);
      if (r != null && Json.str(r.get("command")) != null) {
        Long code = Json.num(r.get("exit_code"));
        s.commands.addLast(new CommandRun(Json.str(r.get("command")), code == null ? null : code.intValue(),
            Json.str(r.get("at"))));
      }
    }
    Map<String, Object> p = Json.obj(m.get("pending"));
    if (p != null) {
      for (Map.Entry<String, Object> e : p.entrySet()) {
        Map<String, Object> info = Json.obj(e.getValue());
        if (info != null) {
          s.pending.put(e.getKey(), new LinkedHashMap<>(info));
        }
      }
    }
    for (Object o : Json.arr(m.get("compaction_notes"))) {
      if (o instanceof String) {
        s.compactionNotes.addLast((String) o);
      }
    }
    Map<String, Object> g = Json.obj(m.get("goal"));
    String objective = g == null ? null : Json.str(g.get("objective"));
    if (objective != null && !objective.isBlank()) {
      s.goal = new Goal(objective, Json.str(g.get("status")));
    }
    Map<String, Object> extra = Json.obj(m.get("extra"));
    if (extra != null) {
      // deep copy: readers change nested maps, and the stored session must not change under them
      s.extra.putAll(Json.obj(Json.parse(Json.write(extra, false))));
    }
    return s;
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }
}
