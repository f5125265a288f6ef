package io.github.fss.agents.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The {@code fss-handoff:} line and the commands that print it. */
class ClaudeHandoffMarkerTest {
  @Test
  void markerOnItsOwnLineGivesTheSessionId() {
    assertEquals("7f1c2a90-1111.a_b", HandoffMarker.find("go on\nfss-handoff: 7f1c2a90-1111.a_b\nthanks"));
    assertEquals("abc", HandoffMarker.find("fss-handoff:abc  "));
    assertEquals("last", HandoffMarker.find("fss-handoff: first\nmore\nfss-handoff: last\n"));
  }

  @Test
  void markerInsideASentenceOrWithOddCharactersIsIgnored() {
    assertNull(HandoffMarker.find("what does fss-handoff: abc mean?"));
    // recorded text is rendered indented or quoted: it never counts
    assertNull(HandoffMarker.find("  fss-handoff:abc  "));
    assertNull(HandoffMarker.find("> `fss-handoff: abc`"));
    assertNull(HandoffMarker.find("fss-handoff: abc def"));
    assertNull(HandoffMarker.find("fss-handoff: ../../etc"));
    assertNull(HandoffMarker.find("no marker"));
    assertNull(HandoffMarker.find(null));
  }

  @Test
  void restoreCommandsAreRecognised() {
    assertTrue(HandoffMarker.isRestoreCommand("fss restore --last"));
    assertTrue(HandoffMarker.isRestoreCommand("  ~/.local/bin/fss restore 7f1c"));
    assertTrue(HandoffMarker.isRestoreCommand("fss restore"));
    assertTrue(HandoffMarker.isRestoreCommand("java -jar ~/.fss/fss.jar restore --last"));
    assertTrue(HandoffMarker.isRestoreCommand("C:\\tools\\fss.exe restore"));
    assertFalse(HandoffMarker.isRestoreCommand("fss restored"));
    assertFalse(HandoffMarker.isRestoreCommand("echo fss restore"));
    assertFalse(HandoffMarker.isRestoreCommand("myfss restore"));
  }
}
