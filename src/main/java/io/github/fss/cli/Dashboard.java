package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.json.Json;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
import io.github.fss.render.SessionLine;
import io.github.fss.store.AtomicFile;
import io.github.fss.store.StoredSession;
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

/** {@code fss dashboard}: every project's sessions, the most recently active project first. */
final class Dashboard implements Verb {
  @Override
  public String name() {
    return "dashboard";
  }

  @Override
  public String summary() {
    return "every project's sessions, newest first";
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: fss dashboard [--all] [--json | --html FILE]",
        "",
        "Every project in the store, the most recently active first, with its recoverable sessions.",
        "  --all    also expired sessions and sessions continued elsewhere",
        "  --html FILE  write the overview of fss ui (timelines, branches, open questions) to FILE: one",
        "           self-contained page, nothing loaded from anywhere, no script",
        "  --json   {\"projects\": [{project_root, last_active, sessions: [<as in fss list --json>]}]}");
  }

  @Override
  public int run(Context ctx, List<String> raw) {
    Args a = Args.parse(raw, Set.of("--json", "--all"), Set.of("--html"));
    a.positional(0);
    Instant now = ctx.now();
    if (a.option("--html") != null) {
      if (a.flag("--json")) {
        throw FssException.usage("--html and --json exclude each other");
      }
      return html(ctx, ctx.env().resolve(a.option("--html")), a.flag("--all"), now);
    }
    Map<String, List<StoredSession>> byProject = new LinkedHashMap<>();
    // the projects' summaries: a lean copy of each session holds all a dashboard shows (bench/RESULTS.md, "Scale")
    List<StoredSession> shown = new ArrayList<>();
    List<SummaryRow> rows = SessionArg.recoverableRows(ctx, ctx.store().summaryAll(), a.flag("--all"));
    // every shown row's lean copy is parsed: on every core, before the rows are printed in order
    rows.parallelStream().forEach(SummaryRow::session);
    for (SummaryRow r : rows) {
      shown.add(r.stored(ctx.store().file(r)));
    }
    for (StoredSession s : shown) {
      byProject.computeIfAbsent(s.projectKey(), k -> new ArrayList<>()).add(s);
    }
    if (a.flag("--json")) {
      List<Object> projects = new ArrayList<>();
      for (List<StoredSession> list : byProject.values()) {
        Map<String, Object> p = new LinkedHashMap<>();
        Session first = list.get(0).session();
        p.put("project_root", first.projectRoot());
        p.put("last_active", first.lastActive());
        List<Object> items = new ArrayList<>();
        for (StoredSession s : list) {
          items.add(SessionLine.json(s.session(), now));
        }
        p.put("sessions", items);
        projects.add(p);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("projects", projects);
      ctx.out().println(Json.write(m, true));
      return 0;
    }
    if (byProject.isEmpty()) {
      ctx.out().println("No sessions in " + ctx.store().home() + (a.flag("--all") ? "." : " (--all includes expired ones)."));
      return 0;
    }
    for (List<StoredSession> list : byProject.values()) {
      Session first = list.get(0).session();
      ctx.out().println(first.projectRoot() + "  (" + list.size() + " session" + (list.size() == 1 ? "" : "s")
          + ", last active " + Timestamps.age(Timestamps.parse(first.lastActive()), now) + " ago)");
      int n = 1;
      for (StoredSession s : list) {
        for (String line : SessionLine.text(n++, s.session(), now)) {
          ctx.out().println("  " + line);
        }
      }
      ctx.out().println();
    }
    return 0;
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
