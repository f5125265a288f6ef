package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.agents.HookCommand;
import io.github.fss.json.Json;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
import io.github.fss.render.SessionLine;
import io.github.fss.store.AtomicFile;
import io.github.fss.store.SummaryRow;
import io.github.fss.ui.Frame;
import io.github.fss.ui.OverviewPage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code fss dashboard}: every project, the most recently active first, with its latest few
 * recoverable sessions and how many it has in all.
 */
final class Dashboard implements Verb {
  /**
   * Sessions shown per project. Five: a project's parallel or recent work (a day's sessions) at a
   * glance, where all of them made 200 projects of 100 sessions print 7,000 lines that nobody reads;
   * {@code fss list DIR} pages through one project (bench/RESULTS.md, "Dashboard limit; list and SessionStart").
   */
  static final int DEFAULT_LIMIT = 5;

  @Override
  public String name() {
    return "dashboard";
  }

  @Override
  public String summary() {
    return "every project's latest sessions, newest first";
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: fss dashboard [--all] [--limit N] [--json | --html FILE]",
        "",
        "Every project in the store, the most recently active first, with its latest recoverable sessions",
        "and how many it has; fss list DIR shows the rest of one project.",
        "  --all      also expired sessions and sessions continued elsewhere",
        "  --limit N  show at most N sessions per project (default " + DEFAULT_LIMIT + "; 0 = all of them)",
        "  --html FILE  write the overview of fss ui (timelines, branches, open questions) to FILE: one",
        "           self-contained page of every session, nothing loaded from anywhere, no script",
        "  --json   {\"projects\": [{project_root, last_active, total, sessions: [<as in fss list --json>]}]}:",
        "           total counts the project's sessions, sessions holds the latest N of them");
  }

  @Override
  public int run(Context ctx, List<String> raw) {
    Args a = Args.parse(raw, Set.of("--json", "--all"), Set.of("--html", "--limit"));
    a.positional(0);
    Integer limitArg = a.intOption("--limit");
    if (limitArg != null && limitArg < 0) {
      throw FssException.usage("--limit must be 0 or more (0 = every session of each project)");
    }
    int limit = limitArg == null ? DEFAULT_LIMIT : limitArg == 0 ? Integer.MAX_VALUE : limitArg;
    Instant now = ctx.now();
    boolean all = a.flag("--all");
    if (a.option("--html") != null) {
      if (a.flag("--json")) {
        throw FssException.usage("--html and --json exclude each other");
      }
      if (limitArg != null) {
        throw FssException.usage("--limit is for the text and --json views; --html writes every session's timeline");
      }
      return html(ctx, ctx.env().resolve(a.option("--html")), all, now);
    }
    List<Project> projects = projects(ctx, all, limit);
    if (a.flag("--json")) {
      List<Object> out = new ArrayList<>();
      for (Project p : projects) {
        Map<String, Object> m = new LinkedHashMap<>();
        Session first = p.shown().get(0).session();
        m.put("project_root", first.projectRoot());
        m.put("last_active", first.lastActive());
        m.put("total", p.total());
        List<Object> items = new ArrayList<>();
        for (SummaryRow r : p.shown()) {
          items.add(SessionLine.json(r.session(), now));
        }
        m.put("sessions", items);
        out.add(m);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("projects", out);
      ctx.out().println(Json.write(m, true));
      return 0;
    }
    if (projects.isEmpty()) {
      ctx.out().println("No sessions in " + ctx.store().home() + (all ? "." : " (--all includes expired ones)."));
      return 0;
    }
    StringBuilder sb = new StringBuilder(8192);
    for (Project p : projects) {
      Session first = p.shown().get(0).session();
      sb.append(first.projectRoot()).append("  (").append(p.total()).append(" session")
          .append(p.total() == 1 ? "" : "s").append(", last active ")
          .append(Timestamps.age(Timestamps.parse(first.lastActive()), now)).append(" ago)\n");
      int n = 1;
      for (SummaryRow r : p.shown()) {
        for (String line : SessionLine.text(n++, r.session(), now)) {
          sb.append("  ").append(line).append('\n');
        }
      }
      int hidden = p.total() - p.shown().size();
      if (hidden > 0) {
        sb.append("  … ").append(hidden).append(" more");
        if (first.projectRoot() != null) {
          sb.append(": ").append(listCommand(first.projectRoot(), all));
        }
        sb.append('\n');
      }
      sb.append('\n');
    }
    ctx.out().print(sb);
    ctx.out().flush();
    return 0;
  }

  /** One project's latest {@code limit} rows, newest first, and how many recoverable rows it has. */
  record Project(List<SummaryRow> shown, int total) {}

  /**
   * The projects with recoverable sessions, the most recently active first. Each project's latest
   * rows are a partial selection of its rows, and only theirs are parsed (on every core): the
   * rest is counted, never read (bench/RESULTS.md, "Dashboard limit; list and SessionStart").
   */
  static List<Project> projects(Context ctx, boolean all, int limit) {
    Map<String, List<SummaryRow>> byKey = new LinkedHashMap<>();
    for (SummaryRow r : SessionArg.recoverableOnly(ctx, ctx.store().summaryAll(), all)) {
      byKey.computeIfAbsent(r.projectKey(), k -> new ArrayList<>()).add(r);
    }
    List<Project> projects = new ArrayList<>(byKey.size());
    List<SummaryRow> parsed = new ArrayList<>();
    for (List<SummaryRow> rows : byKey.values()) {
      List<SummaryRow> shown = SummaryRow.first(rows, limit, SummaryRow.NEWEST_FIRST);
      projects.add(new Project(shown, rows.size()));
      parsed.addAll(shown);
    }
    projects.sort((x, y) -> SummaryRow.NEWEST_FIRST.compare(x.shown().get(0), y.shown().get(0)));
    parsed.parallelStream().forEach(SummaryRow::session);
    return projects;
  }

  /** The command that lists one project in full, its root quoted for a POSIX shell. */
  static String listCommand(String root, boolean all) {
    return "fss list " + (all ? "--all " : "") + (root.startsWith("-") ? "-- " : "") + HookCommand.shellQuote(root);
  }

  /** The overview page of fss ui as one file, written atomically (private to the user, like the store). */
  private static int html(Context ctx, Path file, boolean all, Instant now) {
    if (Files.isDirectory(file)) {
      throw FssException.invalid(file + " is a directory; give a file name such as fss.html");
    }
    String page = OverviewPage.render(OverviewPage.shown(ctx.store(), now, all), now, Frame.standalone(),
        ctx.store().home().toString());
    try {
      AtomicFile.write(file, page.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw FssException.failed("cannot write " + file + " (" + e.getMessage() + ")", e);
    }
    ctx.out().println("Wrote " + file);
    return 0;
  }
}
