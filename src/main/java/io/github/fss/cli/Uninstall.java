package io.github.fss.cli;

import io.github.fss.agents.AgentRegistry;
import io.github.fss.agents.AgentSetup;
import io.github.fss.agents.Agents;
import io.github.fss.agents.Change;
import io.github.fss.agents.ConfigFile;
import io.github.fss.agents.Launcher;
import io.github.fss.agents.PlannedEdit;
import io.github.fss.agents.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code fss uninstall}: takes out exactly what {@code fss install} added. */
public final class Uninstall implements Verb {
  public Uninstall() {}

  @Override
  public String name() {
    return "uninstall";
  }

  @Override
  public String summary() {
    return "Remove fss's hooks and skill from Claude Code and/or Codex";
  }

  @Override
  public String help() {
    return "usage: fss uninstall " + String.join("|", AgentRegistry.names()) + "|all [--scope user|project] [--launcher PATH]\n"
        + "\n"
        + "Removes fss's hooks (any launcher path), restores a Codex notify that fss chained to, and\n"
        + "deletes the fireworks-sessions-saver skill unless you edited it. Everything else in the files\n"
        + "stays; each file is backed up as <name>.fss-backup-<yyyyMMdd-HHmmss> (UTC) before it changes.\n"
        + "\n"
        + "  --scope user|project  claude only: which settings.json to clean (default user; the skill\n"
        + "                        is removed with the user scope only)\n"
        + "  --launcher PATH       also recognise hooks that run this launcher (one not named fss)\n";
  }

  @Override
  public int run(Context ctx, List<String> args) {
    Args a = Args.parse(args, Set.of(), Set.of("--scope", "--launcher"));
    if (a.flag("--help")) {
      ctx.out().print(help());
      return 0;
    }
    Scope scope = Scope.parse(a.option("--scope"));
    List<AgentSetup> agents = Agents.select(a.positional(1), ctx.env(), scope);
    String launcher = Launcher.find(ctx.env(), a.option("--launcher"));
    List<PlannedEdit> plan = new ArrayList<>();
    for (AgentSetup agent : agents) {
      plan.addAll(agent.uninstall(scope, launcher));
    }
    for (Change c : ConfigFile.applyAll(plan, ctx.env().fssHome(), ctx.now())) {
      ctx.out().println(c.line());
    }
    return 0;
  }
}
