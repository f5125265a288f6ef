package io.github.fss.history;

import io.github.fss.json.Json;
import io.github.fss.json.JsonException;
import io.github.fss.store.AtomicFile;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The conversation text fss keeps of a session, redacted, so it outlives the transcript (Claude
 * Code deletes transcripts after {@code cleanupPeriodDays}) and the index (which is derived and
 * rebuilt from it). One gzip file per session, {@code $FSS_HOME/kept/<project>/<id>.jsonl.gz}: a
 * gzip member per read of the transcript, each a header line ({@code from}, {@code to},
 * {@code path}: which transcript bytes it covers, and the reader's {@code state} to go on from)
 * then one line per {@link Entry}. The header of the last member is the indexing cursor.
 */
public final class KeptText {
  /** What a kept file holds: its entries, oldest first, and where reading stopped in each transcript. */
  public record Contents(List<Entry> entries, Map<String, Long> offsets, Map<String, Map<String, Object>> states) {
    static Contents empty() {
      return new Contents(new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    }
  }

  private KeptText() {}

  /** {@code $FSS_HOME/kept}. */
  public static Path dir(Path fssHome) {
    return fssHome.resolve("kept");
  }

  public static Path file(Path fssHome, String projectKey, String sessionId) {
    return dir(fssHome).resolve(projectKey).resolve(sessionId + ".jsonl.gz");
  }

  /** Reads a kept file; absent is empty, and a damaged tail is dropped (what precedes it stands). */
  public static Contents read(Path file) throws IOException {
    Contents c = Contents.empty();
    Map<String, Integer> byId = new java.util.HashMap<>();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return c;
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(new java.io.ByteArrayInputStream(bytes), 1 << 16), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        Map<String, Object> m = Json.obj(Json.parse(line));
        if (m == null) {
          continue;
        }
        if (m.containsKey("to")) {
          String path = Json.str(m.get("path"));
          Long to = Json.num(m.get("to"));
          if (path != null && to != null) {
            c.offsets().put(path, to);
            Map<String, Object> state = Json.obj(m.get("state"));
            if (state == null) {
              c.states().remove(path);
            } else {
              c.states().put(path, state);
            }
          }
          continue;
        }
        String kind = Json.str(m.get("k"));
        String text = Json.str(m.get("t"));
        if (kind != null && text != null) {
          Long x = Json.num(m.get("x"));
          Entry e = new Entry(kind, text, Json.str(m.get("at")), Json.str(m.get("id")), x == null ? null : x.intValue());
          Integer at = e.id() == null ? null : byId.get(e.id());
          if (at != null) {
            c.entries().set(at, e); // a command's outcome replaces its start
          } else {
            if (e.id() != null) {
              byId.put(e.id(), c.entries().size());
            }
            c.entries().add(e);
          }
        }
      }
    } catch (EOFException | ZipException | JsonException e) {
      // a torn or damaged tail: keep what came before it
    }
    return c;
  }

  /**
   * Adds to {@code kept} (entries as {@link #read} gives them) the entries of one member appended
   * after them, as {@link #read} would then give them: each text as written and read back (UTF-8,
   * so an unpaired surrogate becomes '?'), a command's outcome replacing its start.
   */
  static void merge(List<Entry> kept, List<Entry> member) {
    Map<String, Integer> byId = new java.util.HashMap<>();
    for (int i = 0; i < kept.size(); i++) {
      if (kept.get(i).id() != null) {
        byId.put(kept.get(i).id(), i);
      }
    }
    for (Entry m : member) {
      Entry e = new Entry(asWritten(m.kind()), asWritten(m.text()), asWritten(m.at()), asWritten(m.id()), m.exitCode());
      Integer at = e.id() == null ? null : byId.get(e.id());
      if (at != null) {
        kept.set(at, e);
      } else {
        if (e.id() != null) {
          byId.put(e.id(), kept.size());
        }
        kept.add(e);
      }
    }
  }

  /** A string as it reads back from the UTF-8 file: unpaired surrogates are written as '?'. */
  private static String asWritten(String s) {
    if (s == null) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      }
    }
    return s;
  }

  /**
   * Appends one member (what was read of {@code path}, from {@code from} to {@code to}, and the
   * reader state to go on from) by rewriting the file through {@link AtomicFile}: a crash leaves
   * the old file or the new one, never half a member.
   */
  public static void append(Path file, String path, long from, long to, Map<String, Object> state,
      List<Entry> entries) throws IOException {
    append(file, path, from, to, state, entries, null);
  }

  /**
   * As {@link #append(Path, String, long, long, Map, List)}; with {@code unsynced}, a new file (no
   * old text to lose) is renamed into place without its two fsyncs and added there, for the caller
   * to make durable with {@link KeptSyncs#await} before it commits anything that counts on it. A first index
   * writes thousands of new files: their fsyncs, ~0.6 ms each here, were a fifth of its wall time.
   */
  static void append(Path file, String path, long from, long to, Map<String, Object> state,
      List<Entry> entries, KeptSyncs unsynced) throws IOException {
    append(file, path, from, to, state, entries, unsynced, null, false);
  }

  /**
   * As above; {@code privateDirs} (if not null) holds the folders this caller already made private,
   * so a first index of thousands of sessions in one project checks its three folders once, not
   * once a session; {@code absent}: the caller knows there is no file yet (not even looked for:
   * a missing file's exception costs more than the write).
   */
  static void append(Path file, String path, long from, long to, Map<String, Object> state,
      List<Entry> entries, KeptSyncs unsynced, Set<Path> privateDirs, boolean absent) throws IOException {
    byte[] old = new byte[0];
    try {
      if (!absent) {
        old = Files.readAllBytes(file);
      }
    } catch (NoSuchFileException e) {
      // a first member
    }
    if (old.length > 0 && (old.length < 2 || old[0] != (byte) 0x1f || old[1] != (byte) 0x8b)) {
      // not gzip at all (damaged from outside): moved aside, never built upon
      Files.move(file, file.resolveSibling(file.getFileName() + ".damaged-" + System.currentTimeMillis()));
      old = new byte[0];
    }
    byte[] member = Gzip.member(text(path, from, to, state, entries).getBytes(StandardCharsets.UTF_8));
    byte[] data = old.length == 0 ? member : concat(old, member);
    Path parent = file.getParent();
    if (privateDirs == null || !privateDirs.contains(parent)) {
      AtomicFile.privateDir(parent.getParent().getParent());
      AtomicFile.privateDir(parent.getParent());
      AtomicFile.privateDir(parent);
      if (privateDirs != null) {
        privateDirs.add(parent);
      }
    }
    if (unsynced != null && old.length == 0 && renamedIn(file, data)) {
      unsynced.add(file);
      return;
    }
    AtomicFile.write(file, data);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * One member's text: the header line, then a line per entry, each the bytes {@link Json#write}
   * writes for the entry's map. The entries are written here by hand (the escaping of Gson's
   * JsonWriter, {@link #quote}), into one builder: a JsonWriter an entry over a synchronised
   * StringWriter was 2.4% of a first fss index's CPU, most of it the writer's own bookkeeping
   * (KeptTextMergeTest compares the bytes with Gson's).
   */
  static String text(String path, long from, long to, Map<String, Object> state, List<Entry> entries) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("path", path);
    h.put("from", from);
    h.put("to", to);
    h.put("state", state);
    java.io.StringWriter header = new java.io.StringWriter(1024);
    Json.write(h, header, false);
    StringBuilder out = new StringBuilder(header.getBuffer().length() + 1 + entries.size() * 128);
    out.append(header.getBuffer()).append('\n');
    for (Entry e : entries) {
      out.append("{\"k\":");
      quote(out, e.kind());
      out.append(",\"t\":");
      quote(out, e.text());
      if (e.at() != null) {
        out.append(",\"at\":");
        quote(out, e.at());
      }
      if (e.id() != null) {
        out.append(",\"id\":");
        quote(out, e.id());
      }
      if (e.exitCode() != null) {
        out.append(",\"x\":").append(e.exitCode().intValue());
      }
      out.append("}\n");
    }
    return out.toString();
  }

  /** How Gson's JsonWriter (not HTML-safe) writes each ASCII character in a string; null: as it is. */
  private static final String[] ESCAPES = new String[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ESCAPES[c] = String.format("\\u%04x", c);
    }
    ESCAPES['"'] = "\\\"";
    ESCAPES['\\'] = "\\\\";
    ESCAPES['\t'] = "\\t";
    ESCAPES['\b'] = "\\b";
    ESCAPES['\n'] = "\\n";
    ESCAPES['\r'] = "\\r";
    ESCAPES['\f'] = "\\f";
  }

  /** {@code s} as a JSON string, escaped as Gson's JsonWriter escapes it (U+2028 and U+2029 too). */
  static void quote(StringBuilder out, String s) {
    out.append('"');
    int last = 0;
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      String escape;
      if (c < 128) {
        escape = ESCAPES[c];
        if (escape == null) {
          continue;
        }
      } else if (c == '\u2028') {
        escape = "\\u2028";
      } else if (c == '\u2029') {
        escape = "\\u2029";
      } else {
        continue;
      }
      if (last < i) {
        out.append(s, last, i);
      }
      out.append(escape);
      last = i + 1;
    }
    if (last < len) {
      out.append(s, last, len);
    }
    out.append('"');
  }

  /**
   * Writes a new file under a temporary name and renames it into place, unsynced: a kill leaves
   * no file or the whole one. False (nothing written) where private modes cannot be set.
   */
  private static boolean renamedIn(Path file, byte[] data) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(AtomicFile.PRIVATE_FILE))) {
      ByteBuffer b = ByteBuffer.wrap(data);
      while (b.hasRemaining()) {
        ch.write(b);
      }
    } catch (UnsupportedOperationException e) {
      return false;
    } catch (IOException e) {
      Files.deleteIfExists(tmp); // a full disk leaves no temp file behind
      throw e;
    }
    boolean moved = false;
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
      return true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp); // renamed, it is gone: no unlink that fails once a file
      }
    }
  }

  /** Whether a transcript path is gone from disk (nor its compressed twin): the agent deleted it. */
  public static boolean gone(String transcriptPath) {
    try {
      return transcriptPath != null && TranscriptDelta.existing(transcriptPath) == null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The number of entries kept, for restore's note on a deleted transcript; -1 when unreadable. */
  public static int count(Path file) {
    try {
      return read(file).entries().size();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

}
