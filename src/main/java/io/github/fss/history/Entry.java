package io.github.fss.history;

/**
 * One redacted text of a session's conversation, as kept and indexed: a prompt, an assistant
 * message, a command with its exit code, a file path, a todo, a compaction summary. {@code id}
 * names a command started before its outcome was known, so the outcome replaces it.
 */
public record Entry(String kind, String text, String at, String id, Integer exitCode) {
  public Entry {
    if (kind == null || text == null) {
      throw new IllegalArgumentException("an entry needs a kind and a text");
    }
  }

  /** The text as searched and shown: a command carries its exit code. */
  public String display() {
    return exitCode == null ? text : text + " (exit " + exitCode + ")";
  }
}
