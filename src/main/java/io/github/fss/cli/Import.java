package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.agents.Agent;
import io.github.fss.agents.AgentRegistry;
import io.github.fss.capture.TranscriptImport;
import io.github.fss.model.Session;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionIds;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** {@code fss import seed|AGENT}: brings existing sessions and transcripts into the store. */
final class Import implements Verb {
  @Override
  public String name() {
    return "import";
  }

  @Override
  public String summary() {
    return "bring in the original tool's sessions, or recent Claude Code / Codex transcripts";
  }

  @Override
  public String help() {
    StringBuilder usage = new StringBuilder("usage: fss import seed [DIR]");
    StringBuilder what = new StringBuilder();
    for (Agent agent : importable()) {
      usage.append(" | ").append(agent.name()).append(" [--days N]");
      what.append('\n').append(String.format("  %-8s %s", agent.name(), agent.history()));
    }
    return usage + "\n\n"
        + "  seed     the original tool's ~/.claude/sessions/active_*.json and archive_*.json (or DIR's);\n"
        + "           they are left untouched, and re-running adds nothing twice" + what;
  }

  @Override
  public int run(Context ctx, List<String> raw) throws IOException {
    Args a = Args.parse(raw, Set.of(), Set.of("--days"));
    String what = a.positionals().isEmpty() ? null : a.positionals().get(0);
    Integer days = a.intOption("--days");
    Duration age = Duration.ofDays(days == null ? ctx.config().retentionDays() : days);
    if ("seed".equals(what)) {
      Path dir = a.positionals().size() > 1 ? ctx.env().resolve(a.positionals().get(1))
          : ctx.env().claudeDir().resolve("sessions");
      return seed(ctx, dir);
    }
    for (Agent agent : importable()) {
      if (agent.name().equals(what)) {
        return transcripts(ctx, agent.tool(), agent.format(), agent.transcripts(ctx.env(), age, ctx.now()));
      }
    }
    List<String> choices = new ArrayList<>(List.of("seed"));
    importable().forEach(agent -> choices.add(agent.name()));
    throw FssException.usage("say what to import: " + AgentRegistry.either(choices));
  }

  private static int seed(Context ctx, Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw FssException.notFound("no original sessions folder at " + dir);
    }
    int added = 0;
    int present = 0;
    int unreadable = 0;
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "{active,archive}_*.json")) {
      ds.forEach(files::add);
    }
    for (Path f : files) {
      Session s = ctx.store().readFile(f, false);
      if (s == null || !SessionIds.isValid(s.sessionId())) {
        unreadable++;
        continue;
      }
      Path wd = Path.of(s.workingDir() == null ? "/" : s.workingDir());
      Path root = ProjectRoot.of(wd);
      boolean[] isNew = new boolean[1];
      Session imported = new Session(Session.SCHEMA_VERSION, s.sessionId(), s.tool(), s.workingDir(),
          root.toString(), s.startTime(), s.lastActive(), s.status(), s.endReason(), null, null, null, s.checkpoints());
      ctx.store().update(ProjectRoot.key(root), s.sessionId(), old -> {
        isNew[0] = old == null;
        return old != null ? old : imported;
      });
      if (isNew[0]) {
        added++;
      } else {
        present++;
      }
    }
    ctx.out().println("import seed: " + added + " session(s) added, " + present + " already present"
        + (unreadable > 0 ? ", " + unreadable + " unreadable file(s) skipped" : "") + " (from " + dir + ")");
    return 0;
  }

  /** The agents whose transcripts can be found on disk. */
  private static List<Agent> importable() {
    List<Agent> out = new ArrayList<>();
    for (Agent agent : AgentRegistry.all()) {
      if (agent.history() != null) {
        out.add(agent);
      }
    }
    return out;
  }

  private static int transcripts(Context ctx, String tool, String format, List<Agent.Transcript> found)
      throws IOException {
    TranscriptImport importer = new TranscriptImport(ctx.store(), ctx.redactor(), ctx.now(), AgentRegistry.readers());
    int[] counts = new int[TranscriptImport.Outcome.values().length];
    // transcripts are independent and each session has its own lock: use every core
    int threads = Math.max(1, Math.min(found.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<TranscriptImport.Outcome>> results = new ArrayList<>();
      for (Agent.Transcript f : found) {
        results.add(pool.submit(() -> importer.importFile(tool, format, f.sessionId(), f.path())));
      }
      for (int i = 0; i < results.size(); i++) {
        TranscriptImport.Outcome outcome;
        try {
          outcome = results.get(i).get();
        } catch (ExecutionException e) {
          ctx.err().println("warning: " + found.get(i).path() + ": " + e.getCause().getMessage());
          outcome = TranscriptImport.Outcome.SKIPPED;
        }
        counts[outcome.ordinal()]++;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FssException.failed("import interrupted", e);
    } finally {
      pool.shutdownNow();
    }
    ctx.out().println("import " + format + ": " + counts[0] + " imported, " + counts[1] + " updated, "
        + counts[2] + " unchanged, " + counts[3] + " skipped (of " + found.size() + " transcripts)");
    return 0;
  }
}
