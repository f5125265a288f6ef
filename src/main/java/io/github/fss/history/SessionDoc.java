package io.github.fss.history;

import io.github.fss.model.Checkpoint;
import io.github.fss.model.CommandRun;
import io.github.fss.model.FileRef;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
import io.github.fss.model.Todo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * One Lucene document per session: every text of its conversation and checkpoints (each value a
 * field instance, so a phrase never spans two texts), its files reversed for suffix matches, and
 * the few stored fields a hit shows, with the texts packed in one stored value: a hit's snippet is
 * cut from them without reading the session file or its kept text (3-5 ms a hit in a cold JVM).
 */
final class SessionDoc {
  static final String ID = "id";
  static final String SESSION = "sid";
  static final String PROJECT = "project";
  static final String ROOT = "root";
  static final String AGENT = "agent";
  static final String LAST = "last";
  static final String FILE = "file";
  static final String TEXT = "text";
  /** The texts again, stored in one compressed value, so a hit's snippet needs no file read. */
  static final String TEXTS = "texts";
  /** The transcript's path, stored, for the "transcript deleted" note of a hit. */
  static final String TRANSCRIPT = "transcript";

  private SessionDoc() {}

  static String id(String projectKey, String sessionId) {
    return projectKey + "/" + sessionId;
  }

  /**
   * The searchable texts of a session, deduplicated: the kept entries newest first, then its
   * checkpoints' (a snippet prefers the first of equal texts: the conversation's own, the latest).
   */
  static List<Entry> texts(Session s, List<Entry> kept) {
    List<Entry> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = kept.size() - 1; i >= 0; i--) {
      Entry e = kept.get(i);
      if (seen.add(e.kind() + "\0" + e.display())) {
        out.add(e);
      }
    }
    if (s == null) {
      return out;
    }
    for (Checkpoint c : s.checkpoints()) {
      String at = c.timestamp();
      add(out, seen, "summary", c.summary(), at);
      add(out, seen, "task", c.currentTask(), at);
      for (String d : c.keyDecisions()) {
        add(out, seen, "decision", d, at);
      }
      for (String q : c.openQuestions()) {
        add(out, seen, "question", q, at);
      }
      for (Todo t : c.todos()) {
        add(out, seen, "todo", t.content(), at);
      }
      for (String p : c.lastPrompts()) {
        add(out, seen, "prompt", p, at);
      }
      add(out, seen, "assistant", c.lastAssistantMessage(), at);
      for (String n : c.compactionNotes()) {
        add(out, seen, "compaction", n, at);
      }
      Set<String> withCode = new HashSet<>();
      for (CommandRun r : c.commands()) {
        withCode.add(r.command());
        if (!r.command().isBlank() && seen.add("command\0" + r.command() + (r.exitCode() == null ? "" : " (exit " + r.exitCode() + ")"))) {
          out.add(new Entry("command", r.command(), r.at() != null ? r.at() : at, null, r.exitCode()));
        }
      }
      for (String r : c.recentCommands()) {
        if (!withCode.contains(r)) {
          add(out, seen, "command", r, at);
        }
      }
      for (FileRef f : c.files()) {
        add(out, seen, "file", f.path(), at);
        add(out, seen, "note", f.note(), at);
      }
    }
    return out;
  }

  private static void add(List<Entry> out, Set<String> seen, String kind, String text, String at) {
    if (text != null && !text.isBlank() && seen.add(kind + "\0" + text)) {
      out.add(new Entry(kind, text, at, null, null));
    }
  }

  /** When the session last did something: its last activity or its latest text, whichever is later. */
  static long last(Session s, List<Entry> texts) {
    Instant best = Timestamps.parse(s.lastActive());
    for (Entry e : texts) {
      Instant t = e.at() == null ? null : Timestamps.parse(e.at());
      if (t != null && (best == null || t.isAfter(best))) {
        best = t;
      }
    }
    return best == null ? 0 : best.toEpochMilli();
  }

  static Document build(String projectKey, Session s, List<Entry> kept, String transcript) {
    List<Entry> texts = texts(s, kept);
    Document d = new Document();
    d.add(new StringField(ID, id(projectKey, s.sessionId()), Field.Store.NO));
    d.add(new StringField(SESSION, s.sessionId(), Field.Store.YES));
    d.add(new StringField(PROJECT, projectKey, Field.Store.YES));
    d.add(new StoredField(ROOT, s.projectRoot() == null ? "" : s.projectRoot()));
    d.add(new StringField(AGENT, s.tool() == null ? "" : s.tool(), Field.Store.YES));
    long last = last(s, texts);
    d.add(new LongPoint(LAST, last));
    d.add(new StoredField(LAST, last));
    for (Entry e : texts) {
      if (e.kind().equals("file")) {
        d.add(new StringField(FILE, reversedPath(e.text()), Field.Store.NO));
      }
      d.add(new TextField(TEXT, e.display(), Field.Store.NO));
    }
    d.add(new StoredField(TEXTS, pack(texts)));
    if (transcript != null) {
      d.add(new StoredField(TRANSCRIPT, transcript));
    }
    return d;
  }

  /** Kind, time and displayed text of each entry, as (vint length, UTF-8 bytes) triples. */
  static BytesRef pack(List<Entry> texts) {
    ByteBuffersDataOutput out = new ByteBuffersDataOutput();
    try {
      out.writeVInt(texts.size());
      for (Entry e : texts) {
        out.writeString(e.kind());
        out.writeString(e.at() == null ? "" : e.at());
        out.writeString(e.display());
      }
    } catch (java.io.IOException impossible) {
      throw new java.io.UncheckedIOException(impossible);
    }
    return new BytesRef(out.toArrayCopy());
  }

  /** The entries {@link #pack} wrote (exit codes already in the text); empty for null. */
  static List<Entry> unpack(BytesRef packed) throws java.io.IOException {
    if (packed == null) {
      return List.of();
    }
    ByteArrayDataInput in = new ByteArrayDataInput(packed.bytes, packed.offset, packed.length);
    int n = in.readVInt();
    List<Entry> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String kind = in.readString();
      String at = in.readString();
      out.add(new Entry(kind, in.readString(), at.isEmpty() ? null : at, null, null));
    }
    return out;
  }

  /**
   * A path reversed, with a leading slash, so "ends with /src/cart.ts" is a prefix query: a file
   * is found by any tail of its path that starts at a folder boundary.
   */
  static String reversedPath(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    if (!p.startsWith("/")) {
      p = "/" + p;
    }
    return new StringBuilder(p).reverse().toString();
  }
}
