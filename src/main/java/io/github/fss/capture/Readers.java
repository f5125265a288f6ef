package io.github.fss.capture;

/**
 * The transcript reader for a format, or null for sessions without a transcript. The agents know
 * their formats; the front ends pass their lookup down, so capture names no agent.
 */
@FunctionalInterface
public interface Readers {
  /** A new reader for {@code format} (readers keep no state between calls, but need not be shared). */
  TranscriptReader of(String format);
}
