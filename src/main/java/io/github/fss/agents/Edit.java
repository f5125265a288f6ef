package io.github.fss.agents;

/**
 * What a planner decided for one file: leave it, write new text, or delete it; plus the status word
 * printed for it. Planners are pure functions of the file's current text, so the same planner can
 * run once as a dry run (to refuse malformed input before anything is written) and once for real.
 */
public record Edit(Action action, String text, String status) {
  /** The three things a planner can ask for. */
  public enum Action { KEEP, WRITE, DELETE }

  /** Leave the file as it is. */
  public static Edit keep(String status) {
    return new Edit(Action.KEEP, null, status);
  }

  /** Replace (or create) the file with {@code text}. */
  public static Edit write(String text, String status) {
    return new Edit(Action.WRITE, text, status);
  }

  /** Remove the file. */
  public static Edit delete(String status) {
    return new Edit(Action.DELETE, null, status);
  }

  /** Whether this edit touches the disk. */
  public boolean changes() {
    return action != Action.KEEP;
  }
}
