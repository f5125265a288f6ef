package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.json.Json;
import io.github.fss.sync.AutoSync;
import io.github.fss.sync.SessionSync;
import io.github.fss.sync.SyncException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code fss sync [--init URL]}: carry sessions between machines through a git repository. */
final class Sync implements Verb {
  @Override
  public String name() {
    return "sync";
  }

  @Override
  public String summary() {
    return "carry sessions between machines over a git repository you own";
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: fss sync [--init URL] [--accept-remote] [--json]",
        "",
        "Sends this machine's sessions to a private git repository and brings back the other machines'.",
        "Runs your own git (your ssh keys and credential helpers) on a clone in $FSS_HOME/sync/repo,",
        "never in your projects. A project is its git remote plus the path inside the repository, so",
        "checkouts at different paths on different machines are one project; paths are mapped to the",
        "checkout here. Transcript cursors stay here; text that still holds a secret stops the sync.",
        "  --init URL        set up once per machine (ssh, https, a local path), then sync",
        "  --accept-remote   carry on after the remote was rewritten (this machine's copy is merged back in)",
        "  --json            {machine, remote, sent, received, without_remote, pushed}",
        "The machine's name: FSS_MACHINE, else sync.machine in config.properties, else the host name.");
  }

  /** The sync for this store. The one place sync meets the redactor: what leaves is checked with its rules. */
  static SessionSync open(Context ctx) {
    return new SessionSync(ctx.store(), ctx.env().vars(), ctx.env().cwd(), ctx.redactor()::redact, ctx.now());
  }

  /**
   * Before list, restore and dashboard: a sync when {@code sync.auto} says one is due. A failure
   * is one warning line (doctor has the details); the command itself goes on.
   */
  static void autoSync(Context ctx) {
    if (!AutoSync.due(ctx.store().home(), ctx.env().vars(), ctx.now())) {
      return;
    }
    try {
      open(ctx).run(false);
    } catch (SessionSync.Busy e) {
      // another command is syncing right now: that is the automatic sync this one wanted
    } catch (SyncException e) {
      ctx.err().println("warning: automatic fss sync failed: " + e.getMessage());
    }
  }

  @Override
  public int run(Context ctx, List<String> raw) {
    Args a = Args.parse(raw, Set.of("--json", "--accept-remote"), Set.of("--init"));
    a.positional(0);
    SessionSync sync = open(ctx);
    SessionSync.Report r;
    try {
      r = a.option("--init") != null ? sync.init(a.option("--init")) : sync.run(a.flag("--accept-remote"));
    } catch (SyncException e) {
      throw FssException.failed(e.getMessage(), e);
    }
    if (a.flag("--json")) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("machine", r.machine());
      m.put("remote", r.remote());
      m.put("sent", r.sent());
      m.put("received", r.received());
      m.put("without_remote", r.withoutRemote());
      m.put("pushed", r.pushed());
      ctx.out().println(Json.write(m, true));
      return 0;
    }
    ctx.out().println("synced " + r.machine() + " with " + r.remote() + ": " + r.sent() + " session(s) sent, "
        + r.received() + " received" + (r.pushed() ? "" : " (nothing new to push)"));
    for (String s : r.notPlaced()) {
      ctx.err().println("warning: a received session could not be placed in the store: " + s);
    }
    if (r.withoutRemote() > 0) {
      ctx.out().println(r.withoutRemote() + " session(s) stay here: their project has no git remote to name it by");
    }
    return 0;
  }
}
