package io.github.fss.agents.opencode;

import io.github.fss.Environment;
import java.nio.file.Path;

/** Where OpenCode keeps its config and its sessions, resolved as OpenCode does (xdg-basedir). */
public final class OpenCodePaths {
  private OpenCodePaths() {}

  /**
   * The config folder whose {@code plugins/} OpenCode loads: {@code $OPENCODE_CONFIG_DIR} when set
   * (OpenCode loads it as well as the global one: the user chose it), else
   * {@code $XDG_CONFIG_HOME/opencode}, else {@code ~/.config/opencode}.
   */
  public static Path configDir(Environment env) {
    String dir = absolute(env.get("OPENCODE_CONFIG_DIR"));
    if (dir != null) {
      return Path.of(dir);
    }
    String xdg = absolute(env.get("XDG_CONFIG_HOME"));
    return (xdg != null ? Path.of(xdg) : env.home().resolve(".config")).resolve("opencode");
  }

  /** {@code $XDG_DATA_HOME/opencode/opencode.db}, else {@code ~/.local/share/opencode/opencode.db}. */
  public static Path database(Environment env) {
    String xdg = absolute(env.get("XDG_DATA_HOME"));
    return (xdg != null ? Path.of(xdg) : env.home().resolve(".local").resolve("share"))
        .resolve("opencode").resolve("opencode.db");
  }

  /** XDG variables count only when absolute (the XDG spec says to ignore relative ones). */
  private static String absolute(String value) {
    return value != null && !value.isBlank() && value.startsWith("/") ? value : null;
  }
}
