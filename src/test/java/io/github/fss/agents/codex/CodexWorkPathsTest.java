package io.github.fss.agents.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Patch paths made absolute against the call's working directory, as text. */
class CodexWorkPathsTest {

  @Test
  void relativePathsResolveAgainstTheBase() {
    assertEquals("/repo/src/a.ts", WorkPaths.resolve("/repo", "src/a.ts"));
    assertEquals("/repo/shared/x.yaml", WorkPaths.resolve("/repo/api/", "./../shared/x.yaml"));
    assertEquals("/x", WorkPaths.resolve("/", "../../x"));
  }

  @Test
  void absolutePathsStayButAreTidied() {
    assertEquals("/etc/hosts", WorkPaths.resolve("/repo", "/etc//./hosts"));
    assertEquals("C:\\work\\b.cs", WorkPaths.resolve("D:\\other", "C:\\work\\sub\\..\\b.cs"));
  }

  @Test
  void windowsBasesKeepBackslashes() {
    assertEquals("C:\\repo\\src\\a.cs", WorkPaths.resolve("C:\\repo", "src\\a.cs"));
  }

  @Test
  void withoutAnAbsoluteBaseAPathStaysAsWritten() {
    assertEquals("src/a.ts", WorkPaths.resolve(null, "src/a.ts"));
    assertEquals("src/a.ts", WorkPaths.resolve("[trimmed]", "src/a.ts"));
    assertEquals("~/notes.md", WorkPaths.resolve("/repo", "~/notes.md"));
    assertNull(WorkPaths.resolve("/repo", "  "));
  }
}
