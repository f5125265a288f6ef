package io.github.fss.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fss.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session kept for the first time is indexed from the entries it appended, not from the file
 * read back: they must be what {@link KeptText#read} gives, on random members with repeated
 * command ids, unpaired surrogates, control characters and non-ASCII text.
 */
class KeptTextMergeTest {
  @TempDir Path tmp;

  private static final String[] TEXTS = {
    "plain", "naïve café 日本", "\uD83D\uDE00 pair", "lone \uD83D high", "lone \uDE00 low", "end \uD83D",
    "\uDE00\uD83D swapped", "ctrl \u0000\u0001\t\r\n", "quote \" back \\ slash", "\u2028\u2029 seps", "",
    "more ctrl \b\f\u000b\u001f\u007f\u0085 </script> &amp; 'q' = x",
  };

  private static String text(Random rnd) {
    return TEXTS[rnd.nextInt(TEXTS.length)] + rnd.nextInt(3);
  }

  @Test
  void theMergedEntriesAreWhatTheFileReadsBack() throws Exception {
    Random rnd = new Random(3);
    for (int t = 0; t < 200; t++) {
      Path file = KeptText.file(tmp, "p", "s" + t);
      List<Entry> merged = new ArrayList<>();
      int members = 1 + rnd.nextInt(4);
      long from = 0;
      for (int m = 0; m < members; m++) {
        List<Entry> member = new ArrayList<>();
        int n = rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
          String id = rnd.nextInt(3) == 0 ? "call" + rnd.nextInt(3) + (rnd.nextBoolean() ? "\uD800" : "") : null;
          Integer exit = rnd.nextBoolean() ? null : rnd.nextInt(3) - 1;
          member.add(new Entry(rnd.nextBoolean() ? "prompt" : "command", text(rnd),
              rnd.nextBoolean() ? null : "at" + text(rnd), id, exit));
        }
        long to = from + rnd.nextInt(1000);
        KeptText.append(file, "/t.jsonl", from, to, Map.of("k", "v"), member);
        KeptText.merge(merged, member);
        from = to;
      }
      assertEquals(KeptText.read(file).entries(), merged, "case " + t);
    }
  }

  /**
   * A member is written byte for byte as the writer before (one JSON map a line through
   * {@link Json#write}, an OutputStreamWriter into a GZIPOutputStream), kept here as the reference.
   */
  @Test
  void aMemberIsTheBytesTheStreamWriterWrote() throws Exception {
    Random rnd = new Random(5);
    for (int t = 0; t < 200; t++) {
      List<Entry> member = new ArrayList<>();
      int n = rnd.nextInt(t % 20 == 0 ? 3000 : 10);
      for (int i = 0; i < n; i++) {
        member.add(new Entry(rnd.nextBoolean() ? "prompt" : "command", text(rnd).repeat(1 + rnd.nextInt(50)),
            rnd.nextBoolean() ? null : "at" + text(rnd), rnd.nextBoolean() ? null : "id" + text(rnd),
            rnd.nextBoolean() ? null : rnd.nextInt(300) - 150));
      }
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("k", text(rnd));
      state.put("n", (long) rnd.nextInt());
      Path file = KeptText.file(tmp, "b", "s" + t);
      KeptText.append(file, "/t\u2028.jsonl", 7, 9000, state, member);
      byte[] first = Files.readAllBytes(file);
      assertArrayEquals(reference("/t\u2028.jsonl", 7, 9000, state, member), first, "case " + t);
      KeptText.append(file, "/t.jsonl", 9000, 9100, null, member.subList(0, n / 2));
      ByteArrayOutputStream both = new ByteArrayOutputStream();
      both.write(first);
      both.write(reference("/t.jsonl", 9000, 9100, null, member.subList(0, n / 2)));
      assertArrayEquals(both.toByteArray(), Files.readAllBytes(file), "case " + t + ", appended");
    }
  }

  private static byte[] reference(String path, long from, long to, Map<String, Object> state, List<Entry> entries)
      throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (Writer w = new OutputStreamWriter(new GZIPOutputStream(buf, 1 << 16), StandardCharsets.UTF_8)) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("path", path);
      h.put("from", from);
      h.put("to", to);
      h.put("state", state);
      w.write(Json.write(h, false));
      w.write('\n');
      for (Entry e : entries) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", e.kind());
        m.put("t", e.text());
        if (e.at() != null) {
          m.put("at", e.at());
        }
        if (e.id() != null) {
          m.put("id", e.id());
        }
        if (e.exitCode() != null) {
          m.put("x", e.exitCode());
        }
        w.write(Json.write(m, false));
        w.write('\n');
      }
    }
    return buf.toByteArray();
  }
}
