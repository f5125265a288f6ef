package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fss dashboard: each project's latest sessions, its total, and the command that lists the rest. */
class DashboardTest {
  @TempDir Path tmp;
  FssHarness fss;
  /** A project whose root needs quoting in a shell: a space and a quote. */
  Path shop;
  Path api;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    shop = FssHarness.gitRepo(tmp.resolve("my shop's app"), "main");
    api = FssHarness.gitRepo(tmp.resolve("api"), "main");
    for (int i = 1; i <= 7; i++) {
      fss.run(shop, "save", "--session", "shop-" + i, "--summary", "shop step " + i, "--current-task", "task " + i)
          .assertOk();
    }
    fss.run(api, "save", "--session", "api-1", "--summary", "API work", "--current-task", "Rate limits").assertOk();
    Instant fixed = Instant.now().plusSeconds(120);
    fss.clock(() -> fixed);
  }

  @Test
  void showsTheLatestFiveOfEachProjectWithItsTotalAndTheCommandForTheRest() throws Exception {
    String out = fss.run(tmp, "dashboard").assertOk().out();
    assertTrue(out.indexOf(api.toString()) < out.indexOf(shop.toString()), "the most recently active first:\n" + out);
    assertTrue(out.contains(shop + "  (7 sessions, last active"), out);
    assertTrue(out.contains(api + "  (1 session, last active"), out);
    for (int i = 3; i <= 7; i++) {
      assertTrue(out.contains("id: shop-" + i), out);
    }
    assertFalse(out.contains("id: shop-2") || out.contains("id: shop-1"), "older than the latest five:\n" + out);
    assertTrue(out.indexOf("id: shop-7") < out.indexOf("id: shop-3"), "newest first:\n" + out);
    String hint = out.lines().filter(l -> l.startsWith("  … ")).findFirst().orElseThrow();
    assertEquals(1, out.lines().filter(l -> l.startsWith("  … ")).count(),
        "no hint where nothing is hidden:\n" + out);
    assertTrue(hint.startsWith("  … 2 more: fss list '"), hint);
    // the path the hint names is the project's root, whatever a shell makes of its quotes
    String quoted = hint.substring("  … 2 more: fss list ".length());
    Process sh = new ProcessBuilder("sh", "-c", "printf %s " + quoted).redirectErrorStream(true).start();
    assertEquals(shop.toString(), new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(0, sh.waitFor());
    String listed = fss.run(shop, "list").assertOk().out();
    assertTrue(listed.contains("id: shop-1") && listed.contains("id: shop-2"), "fss list shows the rest:\n" + listed);
  }

  @Test
  void limitChoosesHowManyPerProjectAndZeroShowsThemAll() {
    String two = fss.run(tmp, "dashboard", "--limit", "2").assertOk().out();
    assertTrue(two.contains("id: shop-7") && two.contains("id: shop-6") && !two.contains("id: shop-5"), two);
    assertTrue(two.contains(" 2. ") && !two.contains(" 3. "), "numbered within each project:\n" + two);
    assertTrue(two.contains("  … 5 more: fss list '"), two);
    assertTrue(two.contains("id: api-1"), two);

    String all = fss.run(tmp, "dashboard", "--limit", "0").assertOk().out();
    for (int i = 1; i <= 7; i++) {
      assertTrue(all.contains("id: shop-" + i), all);
    }
    assertFalse(all.contains(" more: "), all);
    assertTrue(all.contains(shop + "  (7 sessions"), all);
  }

  @Test
  void withAllTheHintListsAllToo() {
    String out = fss.run(tmp, "dashboard", "--all", "--limit", "3").assertOk().out();
    assertTrue(out.contains("  … 4 more: fss list --all '"), out);
  }

  @Test
  void jsonHasEachProjectsTotalBesideItsLatestSessions() {
    List<Object> projects = Json.arr(Json.obj(Json.parse(fss.run(tmp, "dashboard", "--json").assertOk().out()))
        .get("projects"));
    assertEquals(2, projects.size());
    Map<String, Object> first = Json.obj(projects.get(0));
    assertEquals(api.toString(), first.get("project_root"));
    assertEquals(1L, first.get("total"));
    Map<String, Object> s = Json.obj(projects.get(1));
    assertEquals(shop.toString(), s.get("project_root"));
    assertEquals(7L, s.get("total"));
    List<Object> sessions = Json.arr(s.get("sessions"));
    assertEquals(5, sessions.size());
    assertEquals("shop-7", Json.str(sessions.get(0), "session_id"));
    assertEquals(s.get("last_active"), Json.str(sessions.get(0), "last_active"));

    Map<String, Object> all = Json.obj(Json.arr(Json.obj(Json.parse(
        fss.run(tmp, "dashboard", "--json", "--limit", "0").assertOk().out())).get("projects")).get(1));
    assertEquals(7L, all.get("total"));
    assertEquals(7, Json.arr(all.get("sessions")).size());
  }

  @Test
  void aBadLimitIsAOneLineUsageError() {
    for (String bad : new String[] {"-1", "five", "", "2.5"}) {
      Result r = fss.run(tmp, "dashboard", "--limit", bad);
      assertEquals(2, r.exit(), bad + ": " + r.err());
      // the error's one line, then the usage pointer every verb prints; no stack trace
      List<String> lines = r.err().strip().lines().toList();
      assertTrue(lines.get(0).startsWith("fss dashboard: ") && lines.get(0).contains("--limit"), r.err());
      assertEquals(List.of("run 'fss dashboard --help' for usage"), lines.subList(1, lines.size()), r.err());
      assertEquals("", r.out());
    }
    Result missing = fss.run(tmp, "dashboard", "--limit");
    assertEquals(2, missing.exit(), missing.err());
    Result html = fss.run(tmp, "dashboard", "--html", tmp.resolve("o.html").toString(), "--limit", "2");
    assertEquals(2, html.exit(), html.err());
    assertTrue(html.err().contains("--limit"), html.err());
  }
}
