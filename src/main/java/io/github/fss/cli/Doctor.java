package io.github.fss.cli;

import io.github.fss.json.Json;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
import io.github.fss.store.AtomicFile;
import io.github.fss.store.RegularFiles;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoredSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code fss doctor}: is capture alive, which start-up path is active, what is broken. */
final class Doctor implements Verb {
  @Override
  public String name() {
    return "doctor";
  }

  @Override
  public String summary() {
    return "check the store, the agent hooks, the start-up archive and recent hook errors";
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: fss doctor [--json]",
        "",
        "Reports: the store and whether it is writable, session and quarantined-file counts, whether the",
        "Claude Code and Codex hooks are installed, when each agent last checkpointed automatically, the",
        "JVM start-up path (AOT cache, CDS archive or plain) and the state of the search verbs' archive,",
        "which path turn ends take (the launcher's spool without a JVM, or a JVM per event), user",
        "redaction patterns that do not compile (config.properties), the last hook errors from the log,",
        "the size of the search index and of the kept conversation text, and warns when Claude Code",
        "deletes transcripts (cleanupPeriodDays in ~/.claude/settings.json, 30 by default) sooner than",
        "fss's retention_days.",
        "Exit 1 when something needs fixing.");
  }

  @Override
  public int run(Context ctx, List<String> raw) throws IOException {
    Args a = Args.parse(raw, Set.of("--json"), Set.of());
    a.positional(0);
    Map<String, Object> r = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    Path home = ctx.store().home();
    r.put("store", home.toString());
    String cannot = probeWrite(home);
    r.put("store_writable", cannot == null);
    if (cannot != null) {
      problems.add("the store " + home + " is not writable (" + cannot + "): hooks cannot save anything");
    }
    for (String bad : io.github.fss.redact.Redactor.invalidPatterns(ctx.config().extraRedactions())) {
      problems.add("config.properties " + bad);
    }
    List<StoredSession> all = ctx.store().all();
    r.put("sessions", all.size());
    r.put("quarantined_files", count(ctx.store().corruptDir()));
    r.put("last_auto_checkpoint", lastAuto(all));
    r.put("claude_hooks_installed", contains(ctx.env().claudeDir().resolve("settings.json"), " hook claude"));
    r.put("codex_hooks_installed", contains(ctx.env().codexHome().resolve("hooks.json"), " hook codex"));
    r.put("codex_notify_installed", contains(ctx.env().codexHome().resolve("config.toml"), "codex-notify"));
    r.put("gemini_hooks_installed", io.github.fss.agents.AgentRegistry.byName("gemini").setup(ctx.env()).hooked());
    r.put("last_sync", lastSync(ctx, problems));
    r.put("startup", StartupPath.describe(ctx.env()));
    String history = StartupPath.describeSibling(StartupPath.Sibling.HISTORY);
    if (history != null) {
      r.put("startup_history", history);
    }
    String read = StartupPath.describeSibling(StartupPath.Sibling.READ);
    if (read != null) {
      r.put("startup_read", read);
    }
    r.put("turn_ends", TurnEnds.describe(ctx.env(), new io.github.fss.store.Spool(home, ctx.now(), m -> { })));
    r.put("java", System.getProperty("java.runtime.version"));
    List<String> errors = lastLines(ctx.store().logDir().resolve("hook.log"), 5);
    r.put("recent_hook_errors", errors);
    r.put("search_index_bytes", size(home.resolve("index")));
    r.put("kept_text_bytes", size(home.resolve("kept")));
    List<String> warnings = new ArrayList<>();
    Integer cleanup = claudeCleanupDays(ctx.env().claudeDir().resolve("settings.json"));
    int retention = ctx.config().retentionDays();
    r.put("claude_cleanup_period_days", cleanup);
    r.put("retention_days", retention);
    if (cleanup != null && cleanup < retention) {
      warnings.add("Claude Code deletes transcripts after " + cleanup + " days (cleanupPeriodDays), before fss lets go of"
          + " a session (" + retention + " days): set \"cleanupPeriodDays\": " + retention + " or more in "
          + ctx.env().claudeDir().resolve("settings.json") + ", or retention_days=" + cleanup + " in "
          + home.resolve(io.github.fss.store.StoreConfig.FILE_NAME) + " (fss keeps the text it indexed either way:"
          + " run fss index before it goes)");
    }
    r.put("warnings", warnings);
    r.put("problems", problems);
    if (a.flag("--json")) {
      ctx.out().println(Json.write(r, true));
    } else {
      for (Map.Entry<String, Object> e : r.entrySet()) {
        if (e.getValue() instanceof List<?>) {
          List<?> l = (List<?>) e.getValue();
          ctx.out().println(e.getKey().replace('_', ' ') + ": " + (l.isEmpty() ? "none" : ""));
          for (Object o : l) {
            ctx.out().println("  " + o);
          }
        } else {
          ctx.out().println(e.getKey().replace('_', ' ') + ": " + e.getValue());
        }
      }
    }
    return problems.isEmpty() ? 0 : 1;
  }

  /** Claude Code's cleanupPeriodDays (30 when unset); null when there is no settings file to read. */
  static Integer claudeCleanupDays(Path settings) {
    if (!Files.isRegularFile(settings)) {
      return Files.isDirectory(settings.getParent()) ? 30 : null;
    }
    try {
      Object v = Json.obj(Json.parse(Files.readString(settings, StandardCharsets.UTF_8))).get("cleanupPeriodDays");
      Long days = Json.num(v);
      return days == null ? 30 : (int) Math.max(0, Math.min(Integer.MAX_VALUE, days));
    } catch (IOException | RuntimeException e) {
      return 30;
    }
  }

  private static long size(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  /** "not set up", or when the last fss sync ran and what came of it; a failure is a problem. */
  private static String lastSync(Context ctx, List<String> problems) {
    Path home = ctx.store().home();
    if (!io.github.fss.sync.SessionSync.configured(home)) {
      return "not set up";
    }
    Map<String, Object> last = io.github.fss.sync.SessionSync.lastResult(home);
    if (last == null) {
      return "never";
    }
    String line = Json.str(last.get("at")) + " " + Json.str(last.get("message"));
    if (!Json.isTrue(last.get("ok"))) {
      problems.add("the last fss sync failed: " + Json.str(last.get("message")));
    }
    return line;
  }

  private static Path nearestExisting(Path p) {
    Path cur = p.toAbsolutePath();
    while (cur != null && !Files.exists(cur)) {
      cur = cur.getParent();
    }
    return cur == null ? Path.of("/") : cur;
  }

  /**
   * Writes, syncs and deletes a small file in the store, as a checkpoint would: a permission bit
   * says nothing of a full disk. Null when it worked, else why not.
   */
  private static String probeWrite(Path home) {
    if (!Files.isDirectory(home)) {
      // no store yet: doctor does not make one; the first hook will, where the user may write
      return Files.isWritable(nearestExisting(home)) ? null : "permission denied";
    }
    Path probe = home.resolve(".doctor-probe-" + ProcessHandle.current().pid());
    try {
      AtomicFile.write(probe, new byte[4096]);
      return null;
    } catch (IOException e) {
      return SessionStore.cause(e);
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException e) {
        // reported by the next doctor
      }
    }
  }

  private static String lastAuto(List<StoredSession> all) {
    Instant best = null;
    String where = null;
    for (StoredSession s : all) {
      Session ses = s.session();
      for (Checkpoint c : ses.checkpoints()) {
        Instant t = Timestamps.parse(c.timestamp());
        if (c.isAuto() && t != null && (best == null || t.isAfter(best))) {
          best = t;
          where = ses.tool() + " session " + ses.sessionId();
        }
      }
    }
    return best == null ? "never" : Timestamps.format(best) + " (" + where + ")";
  }

  private static int count(Path dir) {
    int n = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path ignored : ds) {
        n++;
      }
    } catch (IOException e) {
      return 0;
    }
    return n;
  }

  private static boolean contains(Path file, String needle) {
    try {
      return new String(RegularFiles.read(file, 16 << 20), StandardCharsets.UTF_8).contains(needle);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static List<String> lastLines(Path file, int n) {
    try {
      List<String> lines = List.of(new String(RegularFiles.read(file, 1 << 20), StandardCharsets.UTF_8).split("\n"));
      return new ArrayList<>(lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException | RuntimeException e) {
      return new ArrayList<>();
    }
  }
}
