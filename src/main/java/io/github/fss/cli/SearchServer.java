package io.github.fss.cli;

import io.github.fss.searchd.SearchDaemon;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * {@code fss search-server} (hidden): the resident server {@code fss search} starts and talks to.
 * Each request runs {@link Cli#run} in this JVM, so a served search is the in-process one.
 */
final class SearchServer implements Verb {
  @Override
  public String name() {
    return "search-server";
  }

  @Override
  public String summary() {
    return "serve fss search from a warm process (fss search starts it)";
  }

  @Override
  public boolean listed() {
    return false;
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: fss search-server",
        "",
        "Started by fss search, detached: keeps the search index's code and files warm and answers",
        "searches on a port of 127.0.0.1 that it names, with the secrets its clients and it prove",
        "themselves with, in $FSS_HOME/run/search.addr (mode 0600, in a 0700 folder). It exits after",
        "FSS_SEARCH_IDLE_SECONDS idle (default 600; 0 turns the server off), when an fss of another",
        "build asks, or when that file is removed. It prints nothing; it notes starts and stops in",
        "$FSS_HOME/log/hook.log.");
  }

  @Override
  public int run(Context ctx, List<String> args) {
    if (!args.isEmpty()) {
      throw io.github.fss.FssException.usage("search-server takes no arguments");
    }
    // the reader stays open between searches, reopened only where a newer commit changed it
    io.github.fss.history.HistoryIndex.keepReaderOpen();
    return SearchDaemon.serve(ctx.env(), Cli.VERSION,
        (env, out, err, argv) -> Cli.run(new ByteArrayInputStream(new byte[0]), out, err, env, argv));
  }
}
