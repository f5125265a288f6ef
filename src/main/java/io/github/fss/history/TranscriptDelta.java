package io.github.fss.history;

import io.github.fss.capture.CaptureState;
import io.github.fss.capture.HistoryReader;
import io.github.fss.capture.JsonlTail;
import io.github.fss.redact.Redactor;
import io.github.fss.capture.Readers;
import io.github.fss.capture.TranscriptReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a transcript gained since the kept cursor with the agent's own reader (the one
 * capture uses), collecting every text it finds, redacted, through {@link CaptureState.TextSink}.
 * Never file contents nor tool output: the readers skip those, and the sink sees only prompts,
 * assistant text, commands, paths, todos and compaction summaries.
 */
final class TranscriptDelta {
  /** Longest text indexed of one message; longer ones are cut at a space. */
  static final int MAX_TEXT = 32_000;

  /** What one read found; {@code reset}: the file is shorter than the cursor (it was replaced). */
  record Result(String path, long from, long to, Map<String, Object> state, List<Entry> entries, boolean more,
      boolean reset) {}

  private TranscriptDelta() {}

  /** The transcript as it is on disk now: the path, or its .zst twin (Codex compresses in place); null if gone. */
  static Path existing(String path) {
    Path p = Path.of(path);
    if (Files.exists(p)) {
      return p;
    }
    if (path.endsWith(".jsonl") && Files.exists(Path.of(path + ".zst"))) {
      return Path.of(path + ".zst");
    }
    if (path.endsWith(".zst") && Files.exists(Path.of(path.substring(0, path.length() - 4)))) {
      return Path.of(path.substring(0, path.length() - 4));
    }
    return null;
  }

  /**
   * Reads up to about {@code maxBytes} from {@code offset}. {@code stateTree} is the reader state
   * kept at that offset (null: start fresh). Null when the format has no reader or the file is gone.
   */
  static Result read(Readers readers, String path, String format, long offset, Map<String, Object> stateTree, Redactor redactor,
      long maxBytes) throws IOException {
    return read(readers, null, path, format, offset, stateTree, redactor, maxBytes);
  }

  /** Rows of a {@link HistoryReader} read in one step. */
  static final long STEP_ROWS = 20_000;

  /**
   * As above; a {@link HistoryReader} (rows, not lines) needs {@code sessionId}, keeps its own
   * cursor in the state, and counts rows where a file counts bytes.
   */
  static Result read(Readers readers, String sessionId, String path, String format, long offset,
      Map<String, Object> stateTree, Redactor redactor, long maxBytes) throws IOException {
    TranscriptReader reader = format == null ? null : readers.of(format);
    Path file = existing(path);
    if (reader == null || file == null) {
      return null;
    }
    // The reader's own windows are not redacted as they fill (the sink redacts every text once, and
    // the state is redacted whole before it is kept): redacting both would cost twice.
    CaptureState state = stateTree == null || offset == 0 ? new CaptureState(null, format, path)
        : CaptureState.fromTree(stateTree, null);
    Collector sink = new Collector(redactor);
    // the state holds many of the texts the sink redacted (prompts, the answer, commands): each once
    java.util.function.UnaryOperator<String> once = sink::redact;
    state.observe(sink);
    java.util.function.Consumer<Object> apply = line -> {
      try {
        reader.apply(line, state);
      } catch (RuntimeException e) {
        state.skippedLines++;
      }
    };
    if (reader instanceof HistoryReader) {
      if (sessionId == null) {
        return null;
      }
      boolean[] more = new boolean[1];
      long rows = ((HistoryReader) reader).readNew(sessionId, state, STEP_ROWS, more);
      state.observe(null);
      return new Result(path, offset, offset + rows, redacted(state.toTree(), once), sink.entries, more[0], false);
    }
    JsonlTail.Result r = JsonlTail.read(file, offset, reader.skipKeys(), apply, maxBytes);
    if (r.reset()) {
      return new Result(path, offset, 0, null, List.of(), false, true);
    }
    state.offset = r.offset();
    state.observe(null);
    return new Result(path, offset, r.offset(), redacted(state.toTree(), once), sink.entries, r.more(), false);
  }

  /** Every string in a tree redacted, keys included (a pending call's id is a key). */
  @SuppressWarnings("unchecked")
  private static <T> T redacted(T tree, java.util.function.UnaryOperator<String> redact) {
    if (tree instanceof String) {
      return (T) redact.apply((String) tree);
    }
    if (tree instanceof Map) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) tree).entrySet()) {
        out.put(redact.apply(e.getKey()), redacted(e.getValue(), redact));
      }
      return (T) out;
    }
    if (tree instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object o : (List<Object>) tree) {
        out.add(redacted(o, redact));
      }
      return (T) out;
    }
    return tree;
  }

  /** Redacts and collects; a command's outcome replaces its start within one read. */
  private static final class Collector implements CaptureState.TextSink {
    final List<Entry> entries = new ArrayList<>();
    private final Map<String, Integer> started = new HashMap<>();
    private final Map<String, String> done = new HashMap<>();
    private final Redactor redactor;

    Collector(Redactor redactor) {
      this.redactor = redactor;
    }

    @Override
    public void text(String kind, String text, String at) {
      String t = clean(text);
      if (t != null) {
        entries.add(new Entry(kind, t, at, null, null));
      }
    }

    @Override
    public void command(String callId, String command, Integer exitCode, String at) {
      String t = clean(command);
      if (t == null) {
        return;
      }
      Entry e = new Entry("command", t, at, callId, exitCode);
      Integer i = callId == null ? null : started.get(callId);
      if (i != null) {
        entries.set(i, e);
      } else {
        if (callId != null) {
          started.put(callId, entries.size());
        }
        entries.add(e);
      }
    }

    private String clean(String text) {
      if (text == null) {
        return null;
      }
      String t = text.strip();
      if (t.length() > MAX_TEXT) {
        // cut back to a space first, so no half a secret, too short to match a rule, survives
        t = t.substring(0, MAX_TEXT);
        int space = Math.max(t.lastIndexOf(' '), t.lastIndexOf('\n'));
        t = space > MAX_TEXT / 2 ? t.substring(0, space) : t;
      }
      t = redact(t).strip();
      return t.isEmpty() ? null : t;
    }

    /** The redacted text, remembered for this read: the same text is often met again in the state. */
    String redact(String text) {
      String r = done.get(text);
      if (r == null) {
        r = redactor.redact(text);
        done.put(text, r);
      }
      return r;
    }
  }
}
