package io.github.fss.cli;

import io.github.fss.json.Json;
import io.github.fss.model.Checkpoint;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
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
        "JVM start-up path (AOT cache, CDS archive or plain), user redaction patterns that do not",
        "compile (config.properties), and the last hook errors from the log.",
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
    boolean writable = Files.isDirectory(home) ? Files.isWritable(home) : Files.isWritable(nearestExisting(home));
    r.put("store_writable", writable);
    if (!writable) {
      problems.add("the store " + home + " is not writable: hooks cannot save anything");
    }
    for (String bad : io.github.fss.capture.Redactor.invalidPatterns(ctx.config().extraRedactions())) {
      problems.add("config.properties " + bad);
    }
    List<StoredSession> all = ctx.store().all();
    r.put("sessions", all.size());
    r.put("quarantined_files", count(ctx.store().corruptDir()));
    r.put("last_auto_checkpoint", lastAuto(all));
    r.put("claude_hooks_installed", contains(ctx.env().claudeDir().resolve("settings.json"), " hook claude"));
    r.put("codex_hooks_installed", contains(ctx.env().codexHome().resolve("hooks.json"), " hook codex"));
    r.put("codex_notify_installed", contains(ctx.env().codexHome().resolve("config.toml"), "codex-notify"));
    r.put("last_sync", lastSync(ctx, problems));
    r.put("startup", StartupPath.describe(ctx.env()));
    r.put("java", System.getProperty("java.runtime.version"));
    List<String> errors = lastLines(ctx.store().logDir().resolve("hook.log"), 5);
    r.put("recent_hook_errors", errors);
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
      return Files.readString(file, StandardCharsets.UTF_8).contains(needle);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static List<String> lastLines(Path file, int n) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return new ArrayList<>(lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException | RuntimeException e) {
      return new ArrayList<>();
    }
  }
}
