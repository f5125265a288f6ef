package io.github.fss.agents.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.agents.codex.ApplyPatch.Change;
import io.github.fss.agents.codex.ApplyPatch.Op;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The apply_patch grammar: file sections, moves, CRLF, heredocs, and garbage that yields nothing. */
class ApplyPatchTest {

  @Test
  void readsEveryFileSectionOfAPatchInOrder() {
    String patch = String.join("\n",
        "*** Begin Patch",
        "*** Add File: src/new.ts",
        "+export const x = 1;",
        "+*** Update File: not/a/header.ts",
        "*** Update File: src/cart.ts",
        "@@ function total()",
        " const a = 1;",
        "-const b = 2;",
        "+const b = 3;",
        " *** Delete File: context/line/is/not/a/header",
        "*** Delete File: old/legacy.ts",
        "*** End Patch",
        "");

    assertEquals(List.of(
        new Change("src/new.ts", Op.ADD, null),
        new Change("src/cart.ts", Op.UPDATE, null),
        new Change("old/legacy.ts", Op.DELETE, null)), ApplyPatch.parse(patch));
  }

  @Test
  void aMoveIsAnUpdateWithItsNewPath() {
    String patch = "*** Begin Patch\n*** Update File: a/Old.java\n*** Move to: b/New.java\n@@\n-x\n+y\n*** End Patch";

    assertEquals(List.of(new Change("a/Old.java", Op.UPDATE, "b/New.java")), ApplyPatch.parse(patch));
  }

  @Test
  void endOfFileMarkersAndCrlfLineEndsAreFine() {
    String patch = "*** Begin Patch\r\n*** Update File: README.md\r\n@@\r\n-old\r\n+new\r\n*** End of File\r\n"
        + "*** Add File: docs/a b.md  \r\n+hi\r\n*** End Patch\r\n";

    assertEquals(List.of(new Change("README.md", Op.UPDATE, null), new Change("docs/a b.md", Op.ADD, null)),
        ApplyPatch.parse(patch));
  }

  @Test
  void findsPatchesInsideAHeredocAndSeveralEnvelopes() {
    String cmd = "cd /repo && apply_patch <<'EOF'\n  *** Begin Patch\n*** Add File: one.txt\n+1\n  *** End Patch\nEOF\n"
        + "apply_patch <<'EOF'\n*** Begin Patch\n*** Delete File: two.txt\n*** End Patch\nEOF";

    assertEquals(List.of(new Change("one.txt", Op.ADD, null), new Change("two.txt", Op.DELETE, null)),
        ApplyPatch.parse(cmd));
  }

  @Test
  void findsAPatchGivenAsAQuotedArgument() {
    String cmd = "apply_patch '*** Begin Patch\n*** Update File: src/users.ts\n@@\n-a\n+b\n*** End Patch'";

    assertEquals(List.of(new Change("src/users.ts", Op.UPDATE, null)), ApplyPatch.parse(cmd));
  }

  @Test
  void aTruncatedPatchKeepsWhatWasRead() {
    assertEquals(List.of(new Change("x.py", Op.UPDATE, null)),
        ApplyPatch.parse("*** Begin Patch\n*** Update File: x.py\n@@\n-a\n+b"));
  }

  @Test
  void textThatIsNotAPatchGivesNothing() {
    assertEquals(List.of(), ApplyPatch.parse(null));
    assertEquals(List.of(), ApplyPatch.parse(""));
    assertEquals(List.of(), ApplyPatch.parse("*** Update File: outside/an/envelope.txt"));
    assertEquals(List.of(), ApplyPatch.parse("*** Begin Patch\n*** Add File:   \n*** Move to: x\n*** End Patch"));
    assertEquals(List.of(), ApplyPatch.parse("*** Begin Patch"));
  }

  @Test
  void randomGarbageNeverThrows() {
    Random r = new Random(42);
    String[] pieces = {"*** Begin Patch", "*** End Patch", "*** Add File: ", "*** Move to: ", "*** Update File:",
        "*** Delete File: a", "\n", "\r\n", "@@", "+", "-", " ", "x", "\u0000", "é"};
    for (int i = 0; i < 2000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(30);
      for (int j = 0; j < n; j++) {
        sb.append(pieces[r.nextInt(pieces.length)]);
      }
      List<Change> changes = ApplyPatch.parse(sb.toString());
      assertTrue(changes.size() <= ApplyPatch.MAX_CHANGES);
      changes.forEach(c -> assertTrue(!c.path().isBlank()));
    }
  }

  @Test
  void aHugePatchIsCappedAtMaxChanges() {
    StringBuilder sb = new StringBuilder("*** Begin Patch\n");
    for (int i = 0; i < ApplyPatch.MAX_CHANGES + 50; i++) {
      sb.append("*** Add File: f").append(i).append("\n+x\n");
    }
    sb.append("*** End Patch\n");

    assertEquals(ApplyPatch.MAX_CHANGES, ApplyPatch.parse(sb.toString()).size());
  }
}
