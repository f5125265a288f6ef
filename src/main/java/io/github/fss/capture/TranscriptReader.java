package io.github.fss.capture;

import java.util.Set;

/** Understands one agent's transcript format: applies each parsed JSONL line to a capture state. */
public interface TranscriptReader {
  /** The value of {@link CaptureState#format} this reader handles ("claude", "codex"). */
  String format();

  /**
   * Member names whose values are never needed (file contents, signatures, encrypted blobs): the
   * parser skips them without building them, which keeps memory flat on huge lines.
   */
  Set<String> skipKeys();

  /** Applies one line (a parsed JSON tree, usually an object); must tolerate any shape. */
  void apply(Object line, CaptureState state);

  /**
   * Whether this line is the last of a turn (the agent answered and waits for the user): a spooled
   * turn end is checkpointed up to such a line, never into a turn still being written.
   */
  default boolean endsTurn(Object line) {
    return false;
  }
}
