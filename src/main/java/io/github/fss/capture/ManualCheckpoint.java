package io.github.fss.capture;

import io.github.fss.redact.Redactor;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.CheckpointKind;
import io.github.fss.model.FileRef;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A checkpoint someone asked for ({@code fss save --action checkpoint}): the given summary, task,
 * files, decisions and questions, on top of whatever the transcript already told us, plus git
 * branch, head, the last five commits and file mtimes, recorded by itself.
 */
public final class ManualCheckpoint {
  /** What the user (or the agent through the skill) wrote. Null or empty fields are left out. */
  public record Fields(String summary, String currentTask, List<FileRef> files, List<String> decisions,
      List<String> openQuestions, List<String> commands, List<String> logRefs) {}

  private final SessionStore store;
  private final Redactor redactor;
  private final Instant now;
  private final Readers readers;

  public ManualCheckpoint(SessionStore store, Redactor redactor, Instant now, Readers readers) {
    this.store = store;
    this.redactor = redactor;
    this.now = now;
    this.readers = readers;
  }

  /** Records the checkpoint in session {@code id} (created if new); returns the stored session. */
  public Session save(String tool, String id, Path workingDir, Fields fields) throws IOException {
    Path root = ProjectRoot.of(workingDir);
    String key = ProjectRoot.key(root);
    SessionCapture capture = new SessionCapture(store, redactor, now, readers);
    Session existing = store.read(key, id);
    if (existing != null && SessionCapture.needsRefresh(existing)) {
      capture.refresh(key, id, false);
    }
    GitProbe git = GitProbe.find(workingDir);
    String branch = git == null ? null : git.branch();
    String head = git == null ? null : git.head();
    List<String> commits = git == null ? null : git.recentCommits(5);
    Boolean dirty = git == null ? null : git.dirty();
    String stamp = Timestamps.format(now);
    String[] restoredFrom = new String[1];
    Session after = store.update(key, id, s -> {
      Session base = s != null ? s
          : Session.start(id, tool, ProjectRoot.canonical(workingDir).toString(), root.toString(), stamp);
      Checkpoint auto = base.capture() == null ? null
          : CheckpointBuilder.auto(CaptureState.fromTree(base.capture(), redactor), now);
      Checkpoint.Builder b = auto == null ? Checkpoint.builder() : auto.toBuilder();
      b.kind(CheckpointKind.MANUAL).timestamp(stamp);
      if (fields.summary() != null) {
        b.summary(redactor.redact(fields.summary()));
      }
      if (fields.currentTask() != null) {
        b.currentTask(redactor.redact(fields.currentTask()));
      }
      b.files(mergeFiles(fields.files(), auto == null ? List.of() : auto.files(), workingDir));
      b.keyDecisions(redactAll(fields.decisions()));
      b.openQuestions(redactAll(fields.openQuestions()));
      List<String> cmds = new ArrayList<>(redactAll(fields.commands()));
      if (auto != null) {
        cmds.addAll(auto.recentCommands());
      }
      b.recentCommands(dedupe(cmds));
      List<String> logs = new ArrayList<>(fields.logRefs() == null ? List.of() : fields.logRefs());
      if (auto != null) {
        logs.addAll(auto.logRefs());
      }
      b.logRefs(dedupe(logs));
      if (branch != null) {
        b.gitBranch(branch);
      }
      if (head != null) {
        b.gitHead(head);
      }
      b.gitRecentCommits(commits == null ? List.of() : redactAll(commits));
      b.gitDirty(dirty);
      Session next = base.withCheckpoint(b.build(), store.config().maxCheckpoints()).withLastActive(stamp);
      if (!tool.equals(next.tool()) && "unknown".equals(next.tool())) {
        next = next.withTool(tool);
      }
      restoredFrom[0] = next.restoredFrom();
      return next;
    });
    if (restoredFrom[0] != null) {
      capture.markTransferred(restoredFrom[0], id);
    }
    return after;
  }

  private List<String> redactAll(List<String> items) {
    List<String> out = new ArrayList<>();
    if (items != null) {
      for (String i : items) {
        String r = redactor.redact(i);
        if (r != null && !r.isBlank()) {
          out.add(r.strip());
        }
      }
    }
    return out;
  }

  private static List<String> dedupe(List<String> items) {
    return new ArrayList<>(new LinkedHashSet<>(items));
  }

  /** The user's files first (with their mtimes), then the captured ones not already named. */
  private static List<FileRef> mergeFiles(List<FileRef> manual, List<FileRef> captured, Path workingDir) {
    List<FileRef> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    if (manual != null) {
      for (FileRef f : manual) {
        Path p = workingDir.resolve(f.path()).normalize();
        out.add(new FileRef(p.toString(), mtime(p), f.role(), f.note()));
        seen.add(p.toString());
      }
    }
    for (FileRef f : captured) {
      if (seen.add(f.path())) {
        out.add(f);
      }
    }
    return out;
  }

  private static String mtime(Path p) {
    try {
      return Timestamps.format(Files.getLastModifiedTime(p).toInstant());
    } catch (IOException e) {
      return null;
    }
  }
}
