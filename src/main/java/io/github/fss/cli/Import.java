package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.capture.TranscriptImport;
import io.github.fss.model.Session;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionIds;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** {@code fss import seed|claude|codex|opencode}: brings existing sessions and transcripts into the store. */
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
    return String.join("\n",
        "usage: fss import seed [DIR] | claude [--days N] | codex [--days N] | opencode [--days N]",
        "",
        "  seed     the original tool's ~/.claude/sessions/active_*.json and archive_*.json (or DIR's);",
        "           they are left untouched, and re-running adds nothing twice",
        "  claude   Claude Code transcripts under $CLAUDE_CONFIG_DIR/projects changed in the last N days (7)",
        "  codex    Codex rollouts under $CODEX_HOME/sessions and archived_sessions, last N days (7)",
        "  opencode OpenCode sessions in $XDG_DATA_HOME/opencode/opencode.db (read-only), last N days (7)");
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
    if ("claude".equals(what)) {
      return transcripts(ctx, "claude-code", "claude", TranscriptFiles.claude(ctx.env().claudeDir(), age, ctx.now()));
    }
    if ("codex".equals(what)) {
      return transcripts(ctx, "codex", "codex", TranscriptFiles.codex(ctx.env().codexHome(), age, ctx.now()));
    }
    if ("opencode".equals(what)) {
      return transcripts(ctx, "opencode", "opencode", openCode(ctx, age));
    }
    throw FssException.usage("say what to import: seed, claude, codex or opencode");
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

  private static int transcripts(Context ctx, String tool, String format, List<TranscriptFiles.Found> found)
      throws IOException {
    TranscriptImport importer = new TranscriptImport(ctx.store(), ctx.redactor(), ctx.now());
    int[] counts = new int[TranscriptImport.Outcome.values().length];
    // transcripts are independent and each session has its own lock: use every core
    int threads = Math.max(1, Math.min(found.size(), Runtime.getRuntime().availableProcessors()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<TranscriptImport.Outcome>> results = new ArrayList<>();
      for (TranscriptFiles.Found f : found) {
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

  /** The OpenCode sessions updated within {@code age}, each read from the one database. */
  private static List<TranscriptFiles.Found> openCode(Context ctx, Duration age) throws IOException {
    Path db = io.github.fss.agents.opencode.OpenCodePaths.database(ctx.env());
    if (!Files.isRegularFile(db)) {
      throw FssException.notFound("no OpenCode database at " + db);
    }
    List<TranscriptFiles.Found> found = new ArrayList<>();
    for (String id : io.github.fss.agents.opencode.OpenCodeSessions.updatedSince(db, ctx.now().minus(age))) {
      found.add(new TranscriptFiles.Found(id, db));
    }
    return found;
  }

  static boolean recent(Path p, Duration age, Instant now) {
    try {
      return Files.getLastModifiedTime(p).toInstant().isAfter(now.minus(age));
    } catch (IOException e) {
      return false;
    }
  }
}
