package io.github.fss.agents.claude;

import io.github.fss.Environment;
import io.github.fss.agents.AgentSetup;
import io.github.fss.agents.HookSpec;
import io.github.fss.agents.HooksJsonEditor;
import io.github.fss.agents.InstallOptions;
import io.github.fss.agents.PlannedEdit;
import io.github.fss.agents.Scope;
import io.github.fss.agents.SkillFile;
import io.github.fss.store.ProjectRoot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Claude Code: our hooks in settings.json (the user's, or the project's with --scope project) and
 * the skill in the user's skills folder. The skill is per user in both scopes: it names an absolute
 * launcher path, which has no place in a file a project commits.
 */
public final class ClaudeSetup implements AgentSetup {
  /** The word after {@code hook} in our command. */
  public static final String AGENT = "claude";
  private static final HooksJsonEditor EDITOR = new HooksJsonEditor(AGENT);

  /** The launcher a project-scope hook names: whatever {@code fss} each teammate has on PATH. */
  public static final String SHARED_COMMAND = "fss";

  private final Environment env;

  public ClaudeSetup(Environment env) {
    this.env = env;
  }

  /**
   * Our hooks. SessionEnd gets an explicit timeout because its default budget is a shared 1.5 s, too
   * short for a JVM; Stop and PostToolUse only observe, so they run async and never slow a turn.
   */
  public static List<HookSpec> specs(boolean everyCall) {
    List<HookSpec> specs = new ArrayList<>(List.of(
        new HookSpec("SessionStart", "startup|resume|clear|compact", 10, false),
        new HookSpec("Stop", null, 60, true),
        new HookSpec("PreCompact", null, 30, false),
        new HookSpec("SessionEnd", null, 10, false)));
    if (everyCall) {
      specs.add(new HookSpec("PostToolUse", "Write|Edit|NotebookEdit|Bash", 60, true));
    }
    return specs;
  }

  /** {@code <claudeDir>/settings.json}, or {@code <project>/.claude/settings.json}. */
  public Path settingsFile(Scope scope) {
    if (scope == Scope.PROJECT) {
      return ProjectRoot.of(env.cwd()).resolve(".claude").resolve("settings.json");
    }
    return env.claudeDir().resolve("settings.json");
  }

  /** Where backups of this project's shared settings go: {@code $FSS_HOME/backups/<project key>/}. */
  Path projectBackups() {
    return env.fssHome().resolve("backups").resolve(ProjectRoot.key(ProjectRoot.of(env.cwd())));
  }

  /**
   * Claude Code's own state file, where user-scope MCP servers live: {@code $CLAUDE_CONFIG_DIR/.claude.json}
   * when that is set, else {@code ~/.claude.json}.
   */
  public Path stateFile() {
    String dir = env.get("CLAUDE_CONFIG_DIR");
    return dir != null ? Path.of(dir).resolve(".claude.json") : env.home().resolve(".claude.json");
  }

  /** {@code <claudeDir>/skills/fireworks-sessions-saver/SKILL.md}. */
  public Path skillFile() {
    return SkillFile.in(env.claudeDir().resolve("skills"));
  }

  @Override
  public String name() {
    return AGENT;
  }

  @Override
  public List<PlannedEdit> install(InstallOptions o) {
    Path settings = settingsFile(o.scope());
    List<HookSpec> specs = specs(o.everyCall());
    if (o.scope() == Scope.PROJECT) {
      // a file the team commits: a command that works for everyone with fss on PATH, not this
      // user's launcher path; and the backup goes to this user's store, not into the repository
      return List.of(
          PlannedEdit.shared(settings, projectBackups(), cur -> EDITOR.install(cur, settings, SHARED_COMMAND, specs)),
          SkillFile.install(skillFile(), o.launcher()));
    }
    List<PlannedEdit> edits = new ArrayList<>(List.of(
        PlannedEdit.config(settings, cur -> EDITOR.install(cur, settings, o.launcher(), specs)),
        SkillFile.install(skillFile(), o.launcher())));
    if (o.mcp() && o.scope() == Scope.USER) {
      // user scope only: a project's .mcp.json is committed, and an absolute launcher path has no place there
      Path state = stateFile();
      edits.add(PlannedEdit.config(state, cur -> ClaudeMcpConfig.install(cur, state, o.launcher())));
    }
    return edits;
  }

  @Override
  public List<PlannedEdit> uninstall(Scope scope, String launcher) {
    Path settings = settingsFile(scope);
    PlannedEdit hooks = scope == Scope.PROJECT
        ? PlannedEdit.shared(settings, projectBackups(), cur -> EDITOR.uninstall(cur, settings, launcher))
        : PlannedEdit.config(settings, cur -> EDITOR.uninstall(cur, settings, launcher));
    // A project-scope uninstall leaves the per-user skill to the user-scope hooks that may still use it.
    if (scope == Scope.PROJECT) {
      return List.of(hooks);
    }
    Path state = stateFile();
    return List.of(hooks, SkillFile.uninstall(skillFile()),
        PlannedEdit.config(state, cur -> ClaudeMcpConfig.uninstall(cur, state, launcher)));
  }

  @Override
  public List<String> afterInstall() {
    return List.of();
  }
}
