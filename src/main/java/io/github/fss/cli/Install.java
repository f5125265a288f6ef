package io.github.fss.cli;

import io.github.fss.agents.AgentRegistry;
import io.github.fss.agents.AgentSetup;
import io.github.fss.agents.Agents;
import io.github.fss.agents.Change;
import io.github.fss.agents.ConfigFile;
import io.github.fss.agents.InstallOptions;
import io.github.fss.agents.Launcher;
import io.github.fss.agents.PlannedEdit;
import io.github.fss.agents.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code fss install}: hooks fss into Claude Code and/or Codex (hooks, notify, skill). */
public final class Install implements Verb {
  public Install() {}

  @Override
  public String name() {
    return "install";
  }

  @Override
  public String summary() {
    return "Register fss's hooks and skill with Claude Code and/or Codex";
  }

  @Override
  public String help() {
    return "usage: fss install " + String.join("|", AgentRegistry.names()) + "|all [--scope user|project] [--every-call] [--no-mcp] [--launcher PATH]\n"
        + "\n"
        + "Connects an agent: hooks in Claude Code's settings.json, Codex's hooks.json and config.toml\n"
        + "(notify) or Gemini CLI's settings.json, with the fireworks-sessions-saver skill; a plugin in\n"
        + "OpenCode's plugins/ folder. `all`: Claude Code and Codex, plus Gemini CLI and OpenCode where\n"
        + "they are installed. Other settings are kept; each file\n"
        + "is backed up as <name>.fss-backup-<yyyyMMdd-HHmmss> (UTC) before it changes. Running it again\n"
        + "changes nothing.\n"
        + "\n"
        + "  --scope user|project  claude and opencode (.opencode/plugins/); claude: ~/.claude/settings.json\n"
        + "                        (default) or the project's\n"
        + "                        .claude/settings.json (project = git top-level of the current dir);\n"
        + "                        there the hooks run `fss hook claude` (fss on each teammate's PATH)\n"
        + "                        and the backup goes to $FSS_HOME/backups/, not into the repository\n"
        + "  --every-call          also record after every tool call (PostToolUse); install again\n"
        + "                        without it to turn that off\n"
        + "  --no-mcp              do not register the fss MCP server (`fss mcp`); by default it goes\n"
        + "                        into ~/.claude.json (mcpServers.fss, user scope) and config.toml\n"
        + "                        ([mcp_servers.fss])\n"
        + "  --launcher PATH       the fss launcher the hooks run (default: $FSS_LAUNCHER, set by bin/fss)\n";
  }

  @Override
  public int run(Context ctx, List<String> args) {
    Args a = Args.parse(args, Set.of("--every-call", "--no-mcp"), Set.of("--scope", "--launcher"));
    if (a.flag("--help")) {
      ctx.out().print(help());
      return 0;
    }
    Scope scope = Scope.parse(a.option("--scope"));
    List<AgentSetup> agents = Agents.select(a.positional(1), ctx.env(), scope);
    String launcher = Launcher.require(ctx.env(), a.option("--launcher"));
    InstallOptions options = new InstallOptions(launcher, scope, a.flag("--every-call"), !a.flag("--no-mcp"));
    List<PlannedEdit> plan = new ArrayList<>();
    for (AgentSetup agent : agents) {
      plan.addAll(agent.install(options));
    }
    String warning = Launcher.warning(launcher);
    if (warning != null) {
      ctx.err().println(warning);
    }
    for (Change c : ConfigFile.applyAll(plan, ctx.env().fssHome(), ctx.now())) {
      ctx.out().println(c.line());
    }
    for (AgentSetup agent : agents) {
      agent.afterInstall().forEach(ctx.out()::println);
    }
    return 0;
  }
}
