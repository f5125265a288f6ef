package io.github.fss.agents.gemini;

import io.github.fss.Environment;
import io.github.fss.agents.AgentSetup;
import io.github.fss.agents.HookSpec;
import io.github.fss.agents.HooksJsonEditor;
import io.github.fss.agents.InstallOptions;
import io.github.fss.agents.PlannedEdit;
import io.github.fss.agents.Scope;
import io.github.fss.agents.SkillFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gemini CLI: our hooks in {@code ~/.gemini/settings.json} (every other key kept) and the skill in
 * {@code ~/.agents/skills}, the user skills folder Gemini CLI reads besides its own. That is the
 * folder Codex's skill lives in: one file serves both, because a skill of the same name in
 * {@code ~/.gemini/skills} too would make Gemini CLI warn of a conflict at every start. So it is
 * removed only when neither agent's hooks are left ({@link SkillFile#uninstallShared}).
 */
public final class GeminiSetup implements AgentSetup {
  /** The word after {@code hook} in our command. */
  public static final String AGENT = "gemini";
  /** The handler name Gemini CLI shows (and keys hooks by, with the command). */
  static final String HANDLER_NAME = "fss";
  private static final HooksJsonEditor EDITOR = new HooksJsonEditor(AGENT, GeminiSetup::handler);

  private final Environment env;

  public GeminiSetup(Environment env) {
    this.env = env;
  }

  /**
   * Our hooks. AfterAgent is the turn end (Gemini's Stop). PreCompress is left out: it fires
   * before every model turn, not at a compression. Gemini CLI waits for each hook, so the
   * timeouts bound what a slow store could cost a turn.
   */
  public static List<HookSpec> specs() {
    return List.of(
        new HookSpec("SessionStart", "*", 10, false),
        new HookSpec("AfterAgent", "*", 30, false),
        new HookSpec("SessionEnd", "*", 10, false));
  }

  /** A handler as Gemini CLI has them: a name, and the timeout in milliseconds. */
  static Map<String, Object> handler(HookSpec spec, String command) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("name", HANDLER_NAME);
    h.put("type", "command");
    h.put("command", command);
    h.put("timeout", spec.timeoutSeconds() * 1000L);
    return h;
  }

  /** {@code <gemini home>/.gemini/settings.json}. */
  public Path settingsFile() {
    return GeminiHome.dir(env).resolve("settings.json");
  }

  /** {@code <gemini home>/.agents/skills/fireworks-sessions-saver/SKILL.md}. */
  @Override
  public Path skillFile() {
    return SkillFile.in(GeminiHome.home(env).resolve(".agents").resolve("skills"));
  }

  @Override
  public String name() {
    return AGENT;
  }

  @Override
  public List<PlannedEdit> install(InstallOptions o) {
    Path settings = settingsFile();
    return List.of(
        PlannedEdit.config(settings, cur -> EDITOR.install(cur, settings, o.launcher(), specs())),
        SkillFile.install(skillFile(), o.launcher()));
  }

  @Override
  public List<PlannedEdit> uninstall(Scope scope, String launcher) {
    Path settings = settingsFile();
    return List.of(
        PlannedEdit.config(settings, cur -> EDITOR.uninstall(cur, settings, launcher)),
        SkillFile.uninstallShared(skillFile(), AGENT, env));
  }

  @Override
  public List<String> afterInstall() {
    return List.of();
  }

  @Override
  public boolean hooked() {
    return EDITOR.installedIn(settingsFile());
  }
}
