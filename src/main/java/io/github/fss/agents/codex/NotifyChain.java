package io.github.fss.agents.codex;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs the user's own Codex notify program after ours, with the same JSON argument, detached. */
public final class NotifyChain {
  private NotifyChain() {}

  public static void run(List<String> originalArgv, String json) {
    List<String> cmd = new ArrayList<>(originalArgv);
    cmd.add(json);
    try {
      new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      // the user's program is theirs to fix; ours has done its work
    }
  }
}
