package io.github.fss.agents;

/** The agents whose hooks we serve: their tool name in the store and their transcript format. */
public enum Agent {
  CLAUDE("claude-code", "claude"),
  CODEX("codex", "codex");

  private final String tool;
  private final String format;

  Agent(String tool, String format) {
    this.tool = tool;
    this.format = format;
  }

  public String tool() {
    return tool;
  }

  public String format() {
    return format;
  }
}
