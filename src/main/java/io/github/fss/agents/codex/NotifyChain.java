package io.github.fss.agents.codex;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the user's own notify program after ours, the way Codex would have: the original argv plus
 * the turn's JSON as the last argument, stdin/stdout/stderr discarded, not waited for. Codex accepts
 * a single notify program, so {@code fss hook codex-notify … --then <original argv>} calls this to
 * keep the user's notifier working.
 */
public final class NotifyChain {
  private NotifyChain() {}

  /**
   * Starts {@code originalArgv + [json]} detached and returns at once; empty when there is nothing
   * to run. The caller must not wait: Codex does not wait for notify either, and our hook should
   * exit in milliseconds.
   */
  public static Optional<Process> run(List<String> originalArgv, String json) throws IOException {
    if (originalArgv == null || originalArgv.isEmpty()) {
      return Optional.empty();
    }
    List<String> cmd = new ArrayList<>(originalArgv);
    cmd.add(json);
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    // Closing our end of its stdin gives the program an immediate EOF, as Codex's null stdin does.
    p.getOutputStream().close();
    return Optional.of(p);
  }
}
