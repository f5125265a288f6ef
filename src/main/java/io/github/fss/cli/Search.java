package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.agents.AgentRegistry;
import io.github.fss.history.HistoryIndex;
import io.github.fss.history.Hit;
import io.github.fss.history.SearchRequest;
import io.github.fss.json.Json;
import io.github.fss.model.Timestamps;
import io.github.fss.store.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code fss search QUERY}: sessions whose conversation or checkpoints hold the words, best first. */
final class Search implements Verb {
  /** How long a search waits for another fss updating the index. */
  static final long WAIT_MILLIS = 60_000;

  @Override
  public String name() {
    return "search";
  }

  @Override
  public String summary() {
    return "find sessions by what was said, run or touched in them (full text)";
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: fss search QUERY [--project DIR | --all] [--agent NAME] [--since 7d|DATE] [--file PATH]",
        "                  [--limit N] [--json] [--no-server]",
        "",
        "Searches every session's prompts, assistant messages, commands (with exit codes), file paths,",
        "todos and plans, decisions, open questions and compaction summaries: the checkpoints and the",
        "conversation text kept from the transcripts (redacted; never file contents or tool output).",
        "The index is brought up to date first. Best match first: a rare phrase ranks its session first.",
        "QUERY: words (all must match), \"exact phrases\", prefix*, AND / OR / NOT, (groups).",
        "  --project DIR   that directory's project (default: the current one)",
        "  --all           every project",
        "  --agent NAME    claude (or claude-code), codex, …",
        "  --since T       active since: 7d, 12h, 2w, or a date (2026-11-30) or timestamp",
        "  --file PATH     sessions that touched PATH (any path ending with it, at a folder boundary)",
        "  --limit N       at most N sessions (default 10)",
        "  --json          {\"query\", \"hits\": [{session_id, project_root, agent, last_active, score, kind, at,",
        "                   snippet (matches between « and »), transcript_gone, restore}]}",
        "  --no-server     search in this process, not in the search server",
        "A search server (fss search-server) answers from a warm process: the first search starts it (and",
        "runs here), and it exits after 10 idle minutes (FSS_SEARCH_IDLE_SECONDS=N; 0 never starts one).",
        "Matches are bold on a terminal and between « » otherwise.");
  }

  @Override
  public int run(Context ctx, List<String> raw) {
    Args a = Args.parse(raw, Set.of("--json", "--all", "--no-server"),
        Set.of("--project", "--agent", "--since", "--file", "--limit"));
    if (a.positionals().isEmpty() || String.join(" ", a.positionals()).isBlank()) {
      throw FssException.usage("give a query, e.g. fss search 'refund webhook' or fss search '\"exact phrase\"'");
    }
    String query = String.join(" ", a.positionals());
    if (a.flag("--all") && a.option("--project") != null) {
      throw FssException.usage("--all and --project exclude each other");
    }
    String key = null;
    if (!a.flag("--all")) {
      Path dir = a.option("--project") == null ? ctx.env().cwd() : ctx.env().resolve(a.option("--project"));
      if (!Files.isDirectory(dir)) {
        throw FssException.invalid(dir + " is not a directory");
      }
      key = ProjectRoot.key(ProjectRoot.of(dir));
    }
    Integer limit = a.intOption("--limit");
    if (limit != null && limit < 1) {
      throw FssException.usage("--limit must be 1 or more");
    }
    String agent = a.option("--agent");
    if (AgentRegistry.byName(agent) != null) {
      agent = AgentRegistry.byName(agent).tool(); // typed name to stored tool: claude → claude-code
    }
    SearchRequest req = new SearchRequest(query, key, agent, since(a.option("--since"), ctx.now()),
        files(ctx, a.option("--file")), limit == null ? 10 : limit);
    List<Hit> hits;
    try {
      hits = new HistoryIndex(ctx.store(), ctx.redactor(), AgentRegistry.readers(), ctx.err()::println).search(req, WAIT_MILLIS);
    } catch (HistoryIndex.BadQuery e) {
      throw FssException.invalid(e.getMessage()); // exit 1: one line, no usage hint after it
    } catch (HistoryIndex.Busy e) {
      throw FssException.failed(e.getMessage() + "; try again in a moment", e);
    } catch (IOException e) {
      throw FssException.failed("cannot use the search index " + ctx.store().home().resolve("index") + " ("
          + e.getClass().getSimpleName() + "); 'fss index --rebuild' builds it again", e);
    }
    if (a.flag("--json")) {
      ctx.out().println(Json.write(json(query, hits), true));
      return 0;
    }
    print(ctx, query, hits, key == null, Terminal.bold(ctx.env()));
    return 0;
  }

  /**
   * A path as given, and (when it is absolute, or ./-relative, inside the current project) relative
   * to the project root too: sessions record paths both ways (agents absolute, saves as typed).
   */
  static List<String> files(Context ctx, String file) {
    if (file == null) {
      return null;
    }
    if (file.isBlank()) {
      throw FssException.usage("--file needs a path");
    }
    List<String> out = new ArrayList<>(List.of(file));
    Path root = ProjectRoot.of(ctx.env().cwd());
    Path abs = ctx.env().resolve(file);
    if ((file.startsWith("/") || file.startsWith("./") || file.startsWith("../")) && abs.startsWith(root)
        && !abs.equals(root)) {
      out.add(root.relativize(abs).toString());
      out.add(abs.toString());
    }
    return out;
  }

  /** 7d, 12h, 30m, 2w; a date (local midnight) or an ISO timestamp. */
  static Long since(String text, Instant now) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    if (t.matches("\\d+[mhdw]")) {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      Duration d;
      switch (t.charAt(t.length() - 1)) {
        case 'm': d = Duration.ofMinutes(n); break;
        case 'h': d = Duration.ofHours(n); break;
        case 'w': d = Duration.ofDays(7 * n); break;
        default: d = Duration.ofDays(n); break;
      }
      return now.minus(d).toEpochMilli();
    }
    if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
      try {
        return LocalDate.parse(t).atStartOfDay(ZoneId.systemDefault()).toInstant().toEpochMilli();
      } catch (java.time.DateTimeException e) {
        throw FssException.usage("--since: no such date '" + t + "'");
      }
    }
    Instant at = Timestamps.parse(t);
    if (at == null) {
      throw FssException.usage("--since takes 7d, 12h, 2w, a date (2026-11-30) or a timestamp, not '"
          + SessionArg.printable(t) + "'");
    }
    return at.toEpochMilli();
  }

  private static Map<String, Object> json(String query, List<Hit> hits) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("query", query);
    List<Object> list = new ArrayList<>();
    for (Hit h : hits) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("session_id", h.sessionId());
      o.put("project_root", h.projectRoot());
      o.put("agent", h.agent());
      o.put("last_active", h.lastMillis() == 0 ? null : Timestamps.format(Instant.ofEpochMilli(h.lastMillis())));
      o.put("score", (double) h.score());
      o.put("kind", h.snippet() == null ? null : h.snippet().kind());
      o.put("at", h.snippet() == null ? null : h.snippet().at());
      o.put("snippet", h.snippet() == null ? null : h.snippet().render("«", "»", s -> s));
      o.put("transcript_gone", h.transcriptGone());
      o.put("restore", "fss restore " + h.sessionId());
      list.add(o);
    }
    m.put("hits", list);
    return m;
  }

  private static void print(Context ctx, String query, List<Hit> hits, boolean all, boolean bold) {
    // bold needs its own escape codes past the output edge: every recorded text here is escaped first
    java.io.PrintStream out = bold ? ctx.styledOut() : ctx.out();
    if (hits.isEmpty()) {
      out.println("No session matches " + Terminal.escape(query) + (all ? "." : " in this project (--all searches every project)."));
      return;
    }
    int n = 1;
    for (Hit h : hits) {
      String age = h.lastMillis() == 0 ? "?" : Timestamps.age(Instant.ofEpochMilli(h.lastMillis()), ctx.now()) + " ago";
      out.println(n++ + ". " + Terminal.escape(h.sessionId()) + "  " + Terminal.escape(h.agent()) + "  " + age
          + "  " + Terminal.escape(h.projectRoot()) + (h.transcriptGone() ? "  (transcript deleted; text kept)" : ""));
      if (h.snippet() != null) {
        String open = bold ? "\033[1m" : "«";
        String close = bold ? "\033[0m" : "»";
        out.println("   " + h.snippet().kind() + ": " + h.snippet().render(open, close, Terminal::escape));
      }
      out.println("   fss restore " + Terminal.escape(h.sessionId()));
    }
  }
}
