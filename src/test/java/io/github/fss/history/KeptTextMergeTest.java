package io.github.fss.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
}
