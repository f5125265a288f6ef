package io.github.fss.agents.opencode;

import io.github.fss.Environment;
import io.github.fss.agents.AgentSetup;
import io.github.fss.agents.InstallOptions;
import io.github.fss.agents.PlannedEdit;
import io.github.fss.agents.Scope;
import io.github.fss.store.ProjectRoot;
import java.nio.file.Path;
import java.util.List;

/**
 * OpenCode: no command hooks, so {@code fss install opencode} writes a small plugin into the
 * {@code plugins/} folder OpenCode loads at start ({@link OpenCodePlugin}); uninstall deletes it if
 * it is still ours. With {@code --scope project} it goes into the project's
 * {@code .opencode/plugins/} and calls the {@code fss} on PATH: a committed file names no user's
 * launcher path.
 */
public final class OpenCodeSetup implements AgentSetup {
  public static final String AGENT = "opencode";
  /** The launcher a project-scope plugin names. */
  public static final String SHARED_COMMAND = "fss";

  private final Environment env;

  public OpenCodeSetup(Environment env) {
    this.env = env;
  }

  /** The plugin file for a scope. */
  public Path pluginFile(Scope scope) {
    Path dir = scope == Scope.PROJECT ? ProjectRoot.of(env.cwd()).resolve(".opencode")
        : OpenCodePaths.configDir(env);
    return dir.resolve("plugins").resolve(OpenCodePlugin.FILE);
  }

  @Override
  public String name() {
    return AGENT;
  }

  @Override
  public List<PlannedEdit> install(InstallOptions o) {
    String launcher = o.scope() == Scope.PROJECT ? SHARED_COMMAND : o.launcher();
    return List.of(OpenCodePlugin.install(pluginFile(o.scope()), launcher));
  }

  @Override
  public List<PlannedEdit> uninstall(Scope scope, String launcher) {
    return List.of(OpenCodePlugin.uninstall(pluginFile(scope)));
  }

  @Override
  public List<String> afterInstall() {
    return List.of("OpenCode loads the plugin when it starts: restart any OpenCode that is running.");
  }
}
