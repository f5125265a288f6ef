package io.github.fss.model;

import java.util.List;

/**
 * One saved state of a session. A superset of the original tool's checkpoint: its fields keep their
 * names in JSON, and the additions (kind, todos, prompts, commands with exit codes, git head, the
 * agent's goal…) are optional.
 */
public record Checkpoint(
    String timestamp,
    CheckpointKind kind,
    String summary,
    String currentTask,
    String gitBranch,
    String gitHead,
    Boolean gitDirty,
    List<String> gitRecentCommits,
    List<FileRef> files,
    List<String> keyDecisions,
    List<String> openQuestions,
    List<String> recentCommands,
    List<CommandRun> commands,
    List<String> logRefs,
    List<Todo> todos,
    List<String> lastPrompts,
    String lastAssistantMessage,
    List<String> compactionNotes,
    Goal goal) {

  public Checkpoint {
    kind = kind == null ? CheckpointKind.MANUAL : kind;
    gitRecentCommits = copy(gitRecentCommits);
    files = copy(files);
    keyDecisions = copy(keyDecisions);
    openQuestions = copy(openQuestions);
    recentCommands = copy(recentCommands);
    commands = copy(commands);
    logRefs = copy(logRefs);
    todos = copy(todos);
    lastPrompts = copy(lastPrompts);
    compactionNotes = copy(compactionNotes);
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  public boolean isAuto() {
    return kind == CheckpointKind.AUTO;
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds checkpoints field by field: most fields are optional. */
  public static final class Builder {
    private String timestamp;
    private CheckpointKind kind = CheckpointKind.MANUAL;
    private String summary;
    private String currentTask;
    private String gitBranch;
    private String gitHead;
    private Boolean gitDirty;
    private List<String> gitRecentCommits;
    private List<FileRef> files;
    private List<String> keyDecisions;
    private List<String> openQuestions;
    private List<String> recentCommands;
    private List<CommandRun> commands;
    private List<String> logRefs;
    private List<Todo> todos;
    private List<String> lastPrompts;
    private String lastAssistantMessage;
    private List<String> compactionNotes;
    private Goal goal;

    private Builder() {}

    private Builder(Checkpoint c) {
      timestamp = c.timestamp;
      kind = c.kind;
      summary = c.summary;
      currentTask = c.currentTask;
      gitBranch = c.gitBranch;
      gitHead = c.gitHead;
      gitDirty = c.gitDirty;
      gitRecentCommits = c.gitRecentCommits;
      files = c.files;
      keyDecisions = c.keyDecisions;
      openQuestions = c.openQuestions;
      recentCommands = c.recentCommands;
      commands = c.commands;
      logRefs = c.logRefs;
      todos = c.todos;
      lastPrompts = c.lastPrompts;
      lastAssistantMessage = c.lastAssistantMessage;
      compactionNotes = c.compactionNotes;
      goal = c.goal;
    }

    public Builder timestamp(String v) { timestamp = v; return this; }
    public Builder kind(CheckpointKind v) { kind = v; return this; }
    public Builder summary(String v) { summary = v; return this; }
    public Builder currentTask(String v) { currentTask = v; return this; }
    public Builder gitBranch(String v) { gitBranch = v; return this; }
    public Builder gitHead(String v) { gitHead = v; return this; }
    public Builder gitDirty(Boolean v) { gitDirty = v; return this; }
    public Builder gitRecentCommits(List<String> v) { gitRecentCommits = v; return this; }
    public Builder files(List<FileRef> v) { files = v; return this; }
    public Builder keyDecisions(List<String> v) { keyDecisions = v; return this; }
    public Builder openQuestions(List<String> v) { openQuestions = v; return this; }
    public Builder recentCommands(List<String> v) { recentCommands = v; return this; }
    public Builder commands(List<CommandRun> v) { commands = v; return this; }
    public Builder logRefs(List<String> v) { logRefs = v; return this; }
    public Builder todos(List<Todo> v) { todos = v; return this; }
    public Builder lastPrompts(List<String> v) { lastPrompts = v; return this; }
    public Builder lastAssistantMessage(String v) { lastAssistantMessage = v; return this; }
    public Builder compactionNotes(List<String> v) { compactionNotes = v; return this; }
    public Builder goal(Goal v) { goal = v; return this; }

    public Checkpoint build() {
      return new Checkpoint(timestamp, kind, summary, currentTask, gitBranch, gitHead, gitDirty,
          gitRecentCommits, files, keyDecisions, openQuestions, recentCommands, commands, logRefs,
          todos, lastPrompts, lastAssistantMessage, compactionNotes, goal);
    }
  }
}
