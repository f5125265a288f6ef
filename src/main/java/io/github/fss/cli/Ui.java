package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.agents.AgentRegistry;
import io.github.fss.history.HistoryIndex;
import io.github.fss.store.SessionStore;
import io.github.fss.ui.UiServer;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code fss ui [--port N] [--open]}: the local, read-only web page, until Ctrl-C. */
final class Ui implements Verb {
  @Override
  public String name() {
    return "ui";
  }

  @Override
  public String summary() {
    return "a local web page: every project's sessions on a timeline, sessions, search";
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: fss ui [--port N] [--open]",
        "",
        "Serves a read-only page on 127.0.0.1 (never another interface) until Ctrl-C: all projects with a",
        "timeline of their sessions, each session (restore summary, files now, todos, commands, a diff",
        "between any two checkpoints, commands to copy), and search. The printed address holds a secret",
        "made for this run; requests without it get 403. fss dashboard --html FILE writes the overview",
        "as one file instead.",
        "  --port N   listen on port N (default: a free port)",
        "  --open     open the address in the default browser");
  }

  @Override
  public int run(Context ctx, List<String> raw) {
    Args a = Args.parse(raw, Set.of("--open"), Set.of("--port"));
    a.positional(0);
    Integer port = a.intOption("--port");
    if (port != null && (port < 0 || port > 65535)) {
      throw FssException.usage("--port must be 0..65535");
    }
    SessionStore first = ctx.store(); // config read once, before serving
    UiServer server = new UiServer(new UiServer.Sources(
        () -> new SessionStore(first.home(), first.config(), ctx.err()::println),
        (store, request) -> new HistoryIndex(store, ctx.redactor(), AgentRegistry.readers(), ctx.err()::println).search(request, Search.WAIT_MILLIS),
        ctx.env().clock(),
        ctx.config().tokenBudget(), ctx.err()::println));
    try {
      server.start(port == null ? 0 : port);
    } catch (IOException e) {
      throw FssException.failed("cannot listen on 127.0.0.1:" + (port == null ? 0 : port) + " (" + e.getMessage()
          + "); choose another --port", e);
    }
    ctx.out().println("fss ui: " + server.url());
    ctx.out().println("Read-only; the address holds this run's secret, keep it to yourself. Ctrl-C stops it.");
    ctx.out().flush();
    if (a.flag("--open")) {
      open(ctx, server.url());
    }
    try {
      new CountDownLatch(1).await(); // until the process ends, or (in tests) the thread is interrupted
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.stop();
    }
    return 0;
  }

  /** The desktop's opener; when there is none the printed address is enough. */
  private static void open(Context ctx, String url) {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String opener = os.contains("mac") ? "open" : "xdg-open";
    try {
      new ProcessBuilder(opener, url).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      ctx.err().println("fss ui: could not start " + opener + "; open the address above yourself");
    }
  }
}
