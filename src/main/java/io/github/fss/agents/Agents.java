package io.github.fss.agents;

import io.github.fss.Environment;
import io.github.fss.agents.claude.ClaudeSetup;
import io.github.fss.agents.codex.CodexSetup;
import io.github.fss.FssException;
import java.util.List;

/** Maps {@code claude|codex|all} to the agents to set up, refusing combinations we cannot honour. */
public final class Agents {
  private Agents() {}

  /** The setups for {@code target} in {@code scope}. */
  public static List<AgentSetup> select(String target, Environment env, Scope scope) {
    if (target == null) {
      throw FssException.usage("which agent? claude, codex, opencode or all");
    }
    List<AgentSetup> out;
    switch (target) {
      case "claude":
        out = List.of(new ClaudeSetup(env));
        break;
      case "codex":
        out = List.of(new CodexSetup(env));
        break;
      case "opencode":
        out = List.of(new io.github.fss.agents.opencode.OpenCodeSetup(env));
        break;
      case "all":
        out = List.of(new ClaudeSetup(env), new CodexSetup(env));
        break;
      default:
        throw FssException.usage("unknown agent '" + target + "': use claude, codex, opencode or all");
    }
    if (scope == Scope.PROJECT && !target.equals("claude") && !target.equals("opencode")) {
      // Codex reads notify only from the user's config.toml, and trusts project hooks per project
      throw FssException.usage("--scope project is for claude only; Codex is set up per user");
    }
    return out;
  }
}
