package io.github.fss.agents.codex;

import io.github.fss.Environment;
import io.github.fss.agents.AgentSetup;
import io.github.fss.agents.Edit;
import io.github.fss.agents.HookSpec;
import io.github.fss.agents.HooksJsonEditor;
import io.github.fss.agents.InstallOptions;
import io.github.fss.agents.PlannedEdit;
import io.github.fss.agents.Scope;
import io.github.fss.agents.SkillFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Codex: lifecycle hooks in {@code $CODEX_HOME/hooks.json}, {@code notify} in config.toml (it works
 * before the user trusts the hooks, and catches every turn), and the skill in {@code ~/.agents/skills}.
 */
public final class CodexSetup implements AgentSetup {
  /** The word after {@code hook} in our hooks.json command. */
  public static final String AGENT = "codex";
  private static final HooksJsonEditor EDITOR = new HooksJsonEditor(AGENT);

  private final Environment env;

  public CodexSetup(Environment env) {
    this.env = env;
  }

  /** Our hooks; PostToolUse (every Bash and apply_patch call) only with --every-call. */
  public static List<HookSpec> specs(boolean everyCall) {
    List<HookSpec> specs = new ArrayList<>(List.of(
        new HookSpec("SessionStart", "startup|resume|clear|compact", 10, false),
        new HookSpec("Stop", null, 30, false),
        new HookSpec("PreCompact", null, 30, false),
        new HookSpec("SessionEnd", null, 10, false)));
    if (everyCall) {
      specs.add(new HookSpec("PostToolUse", "Bash|apply_patch", 30, false));
    }
    return specs;
  }

  /** {@code <codexHome>/hooks.json}. */
  public Path hooksFile() {
    return env.codexHome().resolve("hooks.json");
  }

  /** {@code <codexHome>/config.toml}. */
  public Path configFile() {
    return env.codexHome().resolve("config.toml");
  }

  /** {@code <home>/.agents/skills/fireworks-sessions-saver/SKILL.md}. */
  @Override
  public Path skillFile() {
    return SkillFile.in(env.home().resolve(".agents").resolve("skills"));
  }

  @Override
  public String name() {
    return AGENT;
  }

  @Override
  public List<PlannedEdit> install(InstallOptions o) {
    Path hooks = hooksFile();
    Path config = configFile();
    List<HookSpec> specs = specs(o.everyCall());
    Function<String, Edit> notify = cur -> CodexNotifyConfig.install(cur, config, o.launcher());
    return List.of(
        PlannedEdit.config(hooks, cur -> EDITOR.install(cur, hooks, o.launcher(), specs)),
        PlannedEdit.config(config, !o.mcp() ? notify
            : both(notify, cur -> CodexMcpConfig.install(cur, config, o.launcher()))),
        SkillFile.install(skillFile(), o.launcher()));
  }

  @Override
  public List<PlannedEdit> uninstall(Scope scope, String launcher) {
    Path hooks = hooksFile();
    Path config = configFile();
    return List.of(
        PlannedEdit.config(hooks, cur -> EDITOR.uninstall(cur, hooks, launcher)),
        PlannedEdit.config(config, both(cur -> CodexNotifyConfig.uninstall(cur, config),
            cur -> CodexMcpConfig.uninstall(cur, config))),
        SkillFile.uninstallShared(skillFile(), AGENT, env));
  }

  /** Two edits of config.toml as one (one backup, one line of output): the second sees the first's text. */
  static Function<String, Edit> both(Function<String, Edit> first, Function<String, Edit> second) {
    return cur -> {
      Edit a = first.apply(cur);
      String mid = a.changes() ? a.text() : cur;
      Edit b = second.apply(mid);
      if (!a.changes() && !b.changes()) {
        return Edit.keep(a.status() + "; " + b.status());
      }
      return Edit.write(b.changes() ? b.text() : mid, a.status() + "; " + b.status());
    };
  }

  @Override
  public boolean hooked() {
    return EDITOR.installedIn(hooksFile());
  }

  @Override
  public List<String> afterInstall() {
    return List.of("Codex asks you to approve new hooks once: open /hooks in Codex and trust the fss entries;"
        + " until then `notify` keeps tracking each turn.");
  }
}
