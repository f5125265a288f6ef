package io.github.fss.agents.gemini;

/**
 * The {@code <session_context>} message Gemini CLI starts each chat with: the only place in the
 * chat file that names the working directory (under "Workspace Directories").
 */
final class SessionContext {
  private static final String HEADING = "Workspace Directories:";

  private SessionContext() {}

  /** The first workspace directory listed, or null. */
  static String workspace(String text) {
    int at = text.indexOf(HEADING);
    if (at < 0) {
      return null;
    }
    int eol = text.indexOf('\n', at);
    while (eol >= 0) {
      int next = text.indexOf('\n', eol + 1);
      String line = (next < 0 ? text.substring(eol + 1) : text.substring(eol + 1, next)).strip();
      if (line.startsWith("- ") && !line.startsWith("- **")) {
        String dir = line.substring(2).strip();
        return dir.startsWith("/") || (dir.length() > 2 && dir.charAt(1) == ':') ? dir : null;
      }
      if (!line.isEmpty()) {
        return null;
      }
      eol = next;
    }
    return null;
  }
}
