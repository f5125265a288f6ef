package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.agents.AgentRegistry;
import io.github.fss.history.HistoryIndex;
import io.github.fss.json.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code fss index [--rebuild]}: brings the search index up to date (search does it too). */
final class Index implements Verb {
  /** How long to wait for another fss updating the index. */
  static final long WAIT_MILLIS = 10 * 60_000;

  @Override
  public String name() {
    return "index";
  }

  @Override
  public String summary() {
    return "bring the search index up to date (--rebuild: from scratch)";
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: fss index [--rebuild] [--json]",
        "",
        "Reads what every session's transcript gained since the last run, keeps its text (redacted) under",
        "$FSS_HOME/kept/ so it outlives the transcript, and updates the index in $FSS_HOME/index/.",
        "fss search does this by itself; hooks never do. An unreadable index is rebuilt on its own.",
        "  --rebuild   delete the index and build it again from the store",
        "  --json      {\"sessions\", \"indexed\", \"removed\", \"transcript_bytes\", \"seconds\"}");
  }

  @Override
  public int run(Context ctx, List<String> raw) {
    Args a = Args.parse(raw, Set.of("--json", "--rebuild"), Set.of());
    a.positional(0);
    long t0 = System.nanoTime();
    HistoryIndex.warmUp(); // while the store, the redactor and the readers are set up below
    HistoryIndex.Stats s;
    try {
      s = new HistoryIndex(ctx.store(), ctx.redactor(), AgentRegistry.readers(), ctx.err()::println).update(a.flag("--rebuild"), WAIT_MILLIS);
    } catch (HistoryIndex.Busy e) {
      throw FssException.failed(e.getMessage() + "; try again when it is done", e);
    } catch (IOException e) {
      throw FssException.failed("cannot update the search index " + ctx.store().home().resolve("index") + " ("
          + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    if (a.flag("--json")) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("sessions", s.sessions());
      m.put("indexed", s.indexed());
      m.put("removed", s.removed());
      m.put("transcript_bytes", s.transcriptBytes());
      m.put("seconds", Math.round(secs * 1000) / 1000.0);
      ctx.out().println(Json.write(m, true));
      return 0;
    }
    ctx.out().println(String.format("Index up to date: %d sessions, %d (re)indexed, %d removed, %.1f MB of transcript read in %.2f s.",
        s.sessions(), s.indexed(), s.removed(), s.transcriptBytes() / 1e6, secs));
    return 0;
  }
}
