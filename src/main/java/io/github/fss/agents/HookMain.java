package io.github.fss.agents;

import io.github.fss.Environment;
import io.github.fss.store.HookLog;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fss hook AGENT} (claude, codex, codex-notify, …; see {@link Agent#hooks}): called by the agents. Always exits 0 and prints only
 * valid hook output (or nothing): a hook must never break the agent. Failures go to
 * {@code $FSS_HOME/log/hook.log}, which {@code fss doctor} and the next session start report.
 */
public final class HookMain {
  private HookMain() {}

  /** The first frames of our own code, so a bug report from the log points somewhere. */
  static String where(Throwable t) {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getClassName().startsWith("io.github.fss") && n++ < 3) {
        sb.append(n == 1 ? " at " : " < ").append(e.getClassName().substring(14)).append(':').append(e.getLineNumber());
      }
    }
    return sb.toString();
  }

  public static int run(InputStream in, PrintStream out, Environment env, String[] args) {
    HookLog log = new HookLog(env.fssHome());
    String which = args.length > 1 ? args[1] : "";
    try {
      String output = null;
      Agent agent = AgentRegistry.byHook(which);
      if (agent != null) {
        output = agent.hook(which, args, in, env, log);
      } else {
        List<String> hooks = new ArrayList<>();
        AgentRegistry.all().forEach(a -> hooks.addAll(a.hooks()));
        log.write("hook", "unknown hook '" + which + "'; expected " + AgentRegistry.either(hooks));
      }
      if (output != null) {
        out.print(output);
        out.flush();
      }
    } catch (Throwable t) {
      // fail open: the agent carries on, the reason is in the log
      log.write("hook " + which, "failed: " + t + where(t));
    }
    return 0;
  }
}
