package io.github.fss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written check of a project folder's name says what its pattern says, for any string. */
class ProjectKeyTest {
  private static final String PATTERN = "[A-Za-z0-9_][A-Za-z0-9._-]{0,48}-[0-9a-f]{8}";

  @Test
  void agreesWithThePattern() {
    Random random = new Random(12);
    String alphabet = "aZ09_.-fgé/ \n";
    for (String s : new String[] {"", "p000-7d76aed1", "_-00000000", ".p-00000000", "-p-00000000", "p-0000000",
        "p-0000000g", "p-0000000A", "a".repeat(48) + "-00000000", "a".repeat(49) + "-00000000", "p--00000000",
        "p.x-abcdef01", "p/x-abcdef01"}) {
      assertEquals(s.matches(PATTERN), ProjectRoot.isValidKey(s), s);
    }
    for (int i = 0; i < 200_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(14);
      for (int j = 0; j < n; j++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      if (random.nextBoolean()) {
        sb.append('-').append(Integer.toHexString(random.nextInt() | 1 << 28));
      }
      String s = sb.toString();
      assertEquals(s.matches(PATTERN), ProjectRoot.isValidKey(s), s);
    }
  }
}
