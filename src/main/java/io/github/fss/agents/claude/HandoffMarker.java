package io.github.fss.agents.claude;

import io.github.fss.capture.Handoff;

/** Finds the {@code fss-handoff: <session-id>} line that {@code fss restore} prints (rules in {@link Handoff}). */
final class HandoffMarker {
  static final String KEY = Handoff.KEY;

  private HandoffMarker() {}

  /** The session id of the marker line in the text, or null (cheap when absent). */
  static String find(String text) {
    return Handoff.find(text);
  }

  /** Whether a shell command is {@code fss restore}, whose output may carry the marker. */
  static boolean isRestoreCommand(String command) {
    return Handoff.restoreTarget(command) != null;
  }
}
