package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expired sessions go away by themselves, at most daily; list shows a bounded page. */
class AutoPruneTest {
  @TempDir Path tmp;
  FssHarness fss;
  Path repo;
  Instant now;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    now = Instant.now();
  }

  long sessionFiles() throws Exception {
    try (Stream<Path> all = Files.walk(fss.fssHome().resolve("projects"))) {
      return all.filter(p -> p.toString().endsWith(".json")).count();
    }
  }

  void sessions(int n, String prefix, Instant at) {
    fss.clock(() -> at);
    for (int i = 0; i < n; i++) {
      fss.run(repo, "save", "--action", "checkpoint", "--session", prefix + i, "--summary", "work " + i).assertOk();
    }
    fss.clock(() -> now);
  }

  @Test
  void sessionEndPrunesExpiredSessionsAtMostOnceADay() throws Exception {
    sessions(30, "old", now.minus(30, ChronoUnit.DAYS));
    Path t = tmp.resolve("live.jsonl");
    Files.writeString(t, Events.userLine(repo, "hi") + "\n");
    fss.runWithInput(repo, Events.hook("SessionStart", "live", t, repo, "\"source\":\"startup\""), "hook", "claude");
    assertEquals(31, sessionFiles());
    Result end = fss.runWithInput(repo, Events.hook("SessionEnd", "live", t, repo, "\"reason\":\"exit\""), "hook", "claude");
    assertEquals(0, end.exit());
    assertEquals("", end.out());
    assertEquals(1, sessionFiles(), "only the live session is left");

    // within the day, a new batch of expired sessions is left for the next day's purge
    sessions(3, "older", now.minus(40, ChronoUnit.DAYS));
    fss.runWithInput(repo, Events.hook("SessionEnd", "live", t, repo, "\"reason\":\"exit\""), "hook", "claude");
    assertEquals(4, sessionFiles());
    fss.clock(() -> now.plus(25, ChronoUnit.HOURS));
    fss.runWithInput(repo, Events.hook("SessionEnd", "live", t, repo, "\"reason\":\"exit\""), "hook", "claude");
    assertEquals(1, sessionFiles());
  }

  @Test
  void listShowsABoundedPagedView() throws Exception {
    sessions(25, "s", now.minus(1, ChronoUnit.HOURS));
    Result r = fss.run(repo, "list").assertOk();
    assertEquals(ListSessions.DEFAULT_LIMIT, r.out().lines().filter(l -> l.startsWith("      id: ")).count(), r.out());
    assertTrue(r.out().contains("Sessions 1–20 of 25; next: fss list --page 2"), r.out());
    Result page2 = fss.run(repo, "list", "--limit", "10", "--page", "3").assertOk();
    assertEquals(5, page2.out().lines().filter(l -> l.startsWith("      id: ")).count(), page2.out());
    assertTrue(page2.out().contains("21. "), page2.out());
    Result every = fss.run(repo, "list", "--limit", "0").assertOk();
    assertEquals(25, every.out().lines().filter(l -> l.startsWith("      id: ")).count());
    Object json = Json.parse(fss.run(repo, "list", "--json", "--limit", "3").assertOk().out());
    assertEquals(25L, Json.num(Json.obj(json).get("total")));
    assertEquals(3, Json.arr(Json.obj(json).get("sessions")).size());
    assertEquals(2, fss.run(repo, "list", "--limit", "-1").exit());
  }
}
