package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Building our hook command and finding it again after the launcher moved. */
class HookCommandTest {
  @Test
  void recognisesOurCommandWhereverTheLauncherLives() {
    assertTrue(HookCommand.isOurs("/opt/fss/bin/fss hook claude", "claude", null));
    assertTrue(HookCommand.isOurs("/home/u/old/fss hook claude", "claude", "/opt/fss/bin/fss"));
    assertTrue(HookCommand.isOurs("fss hook codex", "codex", null));
    assertTrue(HookCommand.isOurs("'/Users/me/My Tools/fss' hook claude", "claude", null));
    assertTrue(HookCommand.isOurs("\"/Users/me/My Tools/fss\" hook claude  ", "claude", null));
    assertTrue(HookCommand.isOurs("/Users/me/My\\ Tools/fss hook claude", "claude", null));
  }

  @Test
  void recognisesALauncherWithAnotherNameOnlyWhenItIsTheOneGiven() {
    assertFalse(HookCommand.isOurs("/opt/tools/fss.sh hook claude", "claude", null));
    assertTrue(HookCommand.isOurs("/opt/tools/fss.sh hook claude", "claude", "/opt/tools/fss.sh"));
  }

  @Test
  void leavesEveryoneElsesCommandsAlone() {
    assertFalse(HookCommand.isOurs("/usr/bin/other hook claude", "claude", null));
    assertFalse(HookCommand.isOurs("/opt/fss/bin/fss hook codex", "claude", null));
    assertFalse(HookCommand.isOurs("/opt/fss/bin/fss hook claude --x", "claude", null));
    assertFalse(HookCommand.isOurs("/opt/fss/bin/fssx hook claude", "claude", null));
    assertFalse(HookCommand.isOurs("echo 'unterminated hook claude", "claude", null));
  }

  @Test
  void quotesOnlyWhatTheShellWouldSplit() {
    assertEquals("/opt/fss/bin/fss hook claude", HookCommand.build("/opt/fss/bin/fss", "claude"));
    assertEquals("'/a b/it'\\''s/fss' hook codex", HookCommand.build("/a b/it's/fss", "codex"));
    assertEquals("/a b/it's/fss", HookCommand.firstWord(HookCommand.build("/a b/it's/fss", "codex")));
  }
}
