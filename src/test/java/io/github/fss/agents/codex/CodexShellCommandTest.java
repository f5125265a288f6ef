package io.github.fss.agents.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line recorded for each shape of shell call. */
class CodexShellCommandTest {

  @Test
  void aShellWrapperIsReducedToItsScript() {
    assertEquals("npm test", ShellCommand.of(List.of("bash", "-lc", "npm test")));
    assertEquals("ls -la", ShellCommand.of(List.of("/bin/zsh", "-lc", "ls -la")));
    assertEquals("echo hi", ShellCommand.of(List.of("sh", "-c", "echo hi")));
    assertEquals("Get-ChildItem", ShellCommand.of(List.of("powershell.exe", "-NoProfile", "-Command", "Get-ChildItem")));
  }

  @Test
  void anArgvIsJoinedWithQuotesWhereNeeded() {
    assertEquals("rg -n 'foo bar' src", ShellCommand.of(List.of("rg", "-n", "foo bar", "src")));
    assertEquals("echo 'it'\\''s'", ShellCommand.of(List.of("echo", "it's")));
    assertEquals("printf ''", ShellCommand.of(List.of("printf", "")));
  }

  @Test
  void aStringIsTakenAsIs() {
    assertEquals("git status --short", ShellCommand.of("  git status --short\n"));
  }

  @Test
  void otherShapesGiveNoCommand() {
    assertNull(ShellCommand.of(null));
    assertNull(ShellCommand.of(""));
    assertNull(ShellCommand.of(List.of()));
    assertNull(ShellCommand.of(List.of("ls", 3L)));
    assertNull(ShellCommand.of(Map.of("cmd", "ls")));
  }
}
