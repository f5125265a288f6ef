package io.github.fss.capture;

import io.github.fss.model.Checkpoint;
import io.github.fss.model.CheckpointKind;
import io.github.fss.model.CommandRun;
import io.github.fss.model.FileRef;
import io.github.fss.model.Timestamps;
import io.github.fss.model.Todo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns what a reader captured into an automatic checkpoint: paths and mtimes, never contents. */
public final class CheckpointBuilder {
  private CheckpointBuilder() {}

  public static Checkpoint auto(CaptureState s, Instant now) {
    List<FileRef> files = new ArrayList<>();
    List<Map.Entry<String, String>> entries = new ArrayList<>(s.files().entrySet());
    // most recent first: that is what a restore shows first
    for (int i = entries.size() - 1; i >= 0; i--) {
      Map.Entry<String, String> e = entries.get(i);
      files.add(new FileRef(e.getKey(), mtime(e.getKey(), s.cwd), e.getValue(), null));
    }
    List<String> recent = new ArrayList<>();
    for (CommandRun r : s.commands()) {
      recent.add(r.command());
    }
    List<String> logRefs = new ArrayList<>();
    if (s.transcriptPath != null) {
      logRefs.add(s.transcriptPath);
    }
    GitProbe git = s.cwd == null ? null : GitProbe.find(Path.of(s.cwd));
    String branch = s.gitBranch;
    String head = s.gitHead;
    if (git != null) {
      String live = git.branch();
      branch = live != null ? live : branch;
      String liveHead = git.head();
      head = liveHead != null ? liveHead : head;
    }
    return Checkpoint.builder()
        .timestamp(Timestamps.format(now))
        .kind(CheckpointKind.AUTO)
        .summary(summary(s))
        .currentTask(currentTask(s))
        .gitBranch(branch)
        .gitHead(head)
        .files(files)
        .recentCommands(recent)
        .commands(s.commands())
        .logRefs(logRefs)
        .todos(s.todos())
        .lastPrompts(s.prompts())
        .lastAssistantMessage(s.lastAssistant)
        .compactionNotes(s.compactionNotes())
        .goal(s.goal())
        .build();
  }

  /**
   * Carries what only a person can say — decisions, open questions, files named by hand, notes on
   * them — from the last manual checkpoint into a new automatic one: they stay true until someone
   * saves new ones, and the newest checkpoint is what a restore shows.
   */
  public static Checkpoint carryOver(Checkpoint auto, java.util.List<Checkpoint> history) {
    Checkpoint manual = null;
    for (int i = history.size() - 1; i >= 0 && manual == null; i--) {
      if (!history.get(i).isAuto()) {
        manual = history.get(i);
      }
    }
    if (manual == null) {
      return auto;
    }
    java.util.List<FileRef> files = new ArrayList<>(auto.files());
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (FileRef f : files) {
      seen.add(f.path());
    }
    for (FileRef f : manual.files()) {
      if (seen.add(f.path())) {
        files.add(f);
      }
    }
    return auto.toBuilder()
        .keyDecisions(manual.keyDecisions())
        .openQuestions(manual.openQuestions())
        .gitRecentCommits(manual.gitRecentCommits())
        .summary(auto.summary() != null ? auto.summary() : manual.summary())
        .files(files)
        .build();
  }

  /**
   * The agent's goal while it is not complete (it is what every turn works toward), else the todo
   * in progress, else the latest prompt's first line — or, for a handoff prompt, the task it hands
   * over.
   */
  static String currentTask(CaptureState s) {
    if (s.goal() != null && !s.goal().isComplete()) {
      return firstLine(s.goal().objective(), 200);
    }
    for (Todo t : s.todos()) {
      if (t.inProgress()) {
        return t.content();
      }
    }
    List<String> prompts = s.prompts();
    if (!prompts.isEmpty()) {
      String last = prompts.get(prompts.size() - 1);
      String handedOver = HandoffPrompt.task(last);
      return firstLine(handedOver != null ? handedOver : last, 200);
    }
    return null;
  }

  /** The first paragraph of the last assistant message, shortened. */
  static String summary(CaptureState s) {
    return s.lastAssistant == null ? null : firstLine(s.lastAssistant, 300);
  }

  static String firstLine(String text, int max) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    if (nl > 0) {
      t = t.substring(0, nl).strip();
    }
    return t.length() > max ? t.substring(0, max) + "…" : t;
  }

  private static String mtime(String path, String cwd) {
    try {
      Path p = Path.of(path);
      if (!p.isAbsolute() && cwd != null) {
        p = Path.of(cwd).resolve(p);
      }
      return Timestamps.format(Files.getLastModifiedTime(p).toInstant());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
