package io.github.fss.agents.gemini;

import io.github.fss.Environment;
import java.nio.file.Path;

/**
 * Where Gemini CLI keeps its files. Its idea of the home directory is {@code $GEMINI_CLI_HOME} when
 * set, else the user's home; {@code .gemini} (settings.json, tmp/…/chats, projects.json) and
 * {@code .agents/skills} hang off it.
 */
public final class GeminiHome {
  private GeminiHome() {}

  /** Gemini CLI's home directory. */
  public static Path home(Environment env) {
    String h = env.get("GEMINI_CLI_HOME");
    return h != null && !h.isBlank() ? Path.of(h) : env.home();
  }

  /** {@code <home>/.gemini}. */
  public static Path dir(Environment env) {
    return home(env).resolve(".gemini");
  }
}
