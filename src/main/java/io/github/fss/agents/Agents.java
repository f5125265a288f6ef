package io.github.fss.agents;

import io.github.fss.Environment;
import java.util.ArrayList;
import io.github.fss.FssException;
import java.util.List;

/** Maps an agent's name or {@code all} to the agents to set up, refusing combinations we cannot honour. */
public final class Agents {
  private Agents() {}

  /** The setups for {@code target} in {@code scope}. */
  public static List<AgentSetup> select(String target, Environment env, Scope scope) {
    List<String> choices = new ArrayList<>(AgentRegistry.names());
    choices.add("all");
    if (target == null) {
      throw FssException.usage("which agent? " + AgentRegistry.either(choices));
    }
    List<Agent> agents;
    if (target.equals("all")) {
      agents = AgentRegistry.all();
    } else if (AgentRegistry.byName(target) != null) {
      agents = List.of(AgentRegistry.byName(target));
    } else {
      throw FssException.usage("unknown agent '" + target + "': use " + AgentRegistry.either(choices));
    }
    List<String> perProject = new ArrayList<>();
    for (Agent a : AgentRegistry.all()) {
      if (a.projectScope()) {
        perProject.add(a.name());
      }
    }
    List<AgentSetup> out = new ArrayList<>();
    for (Agent a : agents) {
      if (scope == Scope.PROJECT && !a.projectScope()) {
        // e.g. Codex reads notify only from the user's config.toml, and trusts project hooks per project
        throw FssException.usage("--scope project is for " + AgentRegistry.either(perProject) + " only; "
            + a.label() + " is set up per user");
      }
      out.add(a.setup(env));
    }
    return List.copyOf(out);
  }
}
