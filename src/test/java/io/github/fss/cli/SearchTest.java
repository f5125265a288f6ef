package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import io.github.fss.testing.Transcript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fss search} over sessions captured by hooks and saved by hand, as a user runs it. */
class SearchTest {
  @TempDir Path tmp;
  FssHarness fss;
  Path shop;
  Path blog;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    shop = FssHarness.gitRepo(tmp.resolve("shop"), "main");
    blog = FssHarness.gitRepo(tmp.resolve("blog"), "main");
  }

  /** A Claude Code session in {@code repo}: started, one turn written, stopped. */
  Transcript claude(Path repo, String id) throws Exception {
    Transcript t = new Transcript(tmp.resolve("t").resolve(id + ".jsonl"), repo);
    fss.runWithInput(repo, Events.hook("SessionStart", id, t.file(), repo, "\"source\":\"startup\""), "hook", "claude");
    return t;
  }

  void stop(Path repo, String id, Transcript t) {
    assertEquals(0, fss.runWithInput(repo, Events.hook("Stop", id, t.file(), repo, null), "hook", "claude").exit());
  }

  List<String> ids(Result r) {
    List<String> out = new ArrayList<>();
    for (Object o : Json.arr(Json.obj(Json.parse(r.out())).get("hits"))) {
      out.add(Json.str(Json.obj(o).get("session_id")));
    }
    return out;
  }

  Result search(Path cwd, String... args) {
    List<String> a = new ArrayList<>(List.of("search"));
    a.addAll(List.of(args));
    a.add("--json");
    return fss.run(cwd, a.toArray(new String[0])).assertOk();
  }

  @Test
  void theOneSessionWithARarePhraseComesFirst() throws Exception {
    for (int i = 0; i < 6; i++) {
      Transcript t = claude(shop, "common" + i).prompt("refund the order and check the refund webhook " + i)
          .assistant("The refund webhook retries three times; refund logic lives in payments.");
      stop(shop, "common" + i, t);
    }
    Transcript t = claude(shop, "rare").prompt("refund flow again")
        .assistant("Found it: an idempotency key collision made the second refund a no-op.");
    stop(shop, "rare", t);
    assertEquals("rare", ids(search(shop, "\"idempotency key collision\"")).get(0));
    assertEquals("rare", ids(search(shop, "refund idempotency")).get(0));
    assertEquals(7, ids(search(shop, "refund")).size());
  }

  @Test
  void aHitShowsItsSessionAgentSnippetAndRestoreCommand() throws Exception {
    Transcript t = claude(shop, "s1").prompt("make the checkout page load faster")
        .bash("npm run lighthouse", 3, "Performance score 41 SECRET-LOOKING-OUTPUT");
    stop(shop, "s1", t);
    Result r = fss.run(shop, "search", "lighthouse").assertOk();
    assertTrue(r.out().contains("1. s1  claude-code  "), r.out());
    assertTrue(r.out().contains(shop.toRealPath().toString()), r.out());
    assertTrue(r.out().contains("command: npm run «lighthouse» (exit 3)"), r.out());
    assertTrue(r.out().contains("fss restore s1"), r.out());
    // tool output is never indexed
    assertTrue(ids(search(shop, "SECRET-LOOKING-OUTPUT")).isEmpty());
    Map<String, Object> hit = Json.obj(Json.arr(Json.obj(Json.parse(search(shop, "checkout").out())).get("hits")).get(0));
    assertEquals("prompt", hit.get("kind"));
    assertEquals("make the «checkout» page load faster", hit.get("snippet"));
    assertEquals("fss restore s1", hit.get("restore"));
  }

  @Test
  void matchesAreBoldOnlyWhenAskedForATerminal() throws Exception {
    stop(shop, "s1", claude(shop, "s1").prompt("rotate the signing keys"));
    assertTrue(fss.run(shop, "search", "signing").assertOk().out().contains("«signing»"));
    fss.env("FSS_COLOR", "always");
    assertTrue(fss.run(shop, "search", "signing").assertOk().out().contains("\033[1msigning\033[0m"));
  }

  @Test
  void controlCharactersFromTranscriptsAreEscaped() throws Exception {
    stop(shop, "s1", claude(shop, "s1").prompt("look at \033]0;pwned\007 this \033[31mred\033[0m text \u202Eevil"));
    Result r = fss.run(shop, "search", "look").assertOk();
    assertFalse(r.out().contains("\033"), r.out());
    assertFalse(r.out().contains("\u202E"), r.out());
    assertTrue(r.out().contains("«look» at \\x1b]0;pwned\\x07 this \\x1b[31mred\\x1b[0m text \\u202eevil"), r.out());
  }

  @Test
  void phrasesPrefixesAndBooleans() throws Exception {
    stop(shop, "a", claude(shop, "a").prompt("refund the duplicate charge"));
    stop(shop, "b", claude(shop, "b").prompt("charge the card twice"));
    stop(shop, "c", claude(shop, "c").prompt("refunds are slow on weekends"));
    assertEquals(List.of("a"), ids(search(shop, "refund AND charge")));
    assertEquals(List.of("b"), ids(search(shop, "charge NOT refund")));
    assertEquals(List.of("b"), ids(search(shop, "NOT refund*")));
    assertEquals(Set("a", "c"), Set(ids(search(shop, "refund*"))));
    assertEquals(Set("a", "b", "c"), Set(ids(search(shop, "duplicate OR card OR weekends"))));
    assertEquals(List.of("b"), ids(search(shop, "\"charge the card\"")));
    assertEquals(List.of(), ids(search(shop, "\"card the charge\"")));
  }

  @Test
  void pathsColonsAndBracketsAreSearchedAsWritten() throws Exception {
    stop(shop, "a", claude(shop, "a").prompt("TODO: fix src/cart/total.ts where items[0] is null"));
    stop(shop, "b", claude(shop, "b").prompt("the total of the cart in src is wrong"));
    assertEquals(List.of("a"), ids(search(shop, "src/cart/total.ts")));
    assertEquals(List.of("a"), ids(search(shop, "TODO: fix")));
    assertEquals(List.of("a"), ids(search(shop, "items[0]")));
    assertEquals(Set("a", "b"), Set(ids(search(shop, "cart AND total"))));
    stop(shop, "c", claude(shop, "c").bash("pytest tests/test_refund_webhook.py", 1, "F"));
    assertEquals(List.of("c"), ids(search(shop, "refund")));
    assertEquals(List.of("c"), ids(search(shop, "test_refund_webhook.py")));
    assertEquals(List.of("c"), ids(search(shop, "webhook.py")));
  }

  @Test
  void aPhraseNeverSpansTwoTexts() throws Exception {
    stop(shop, "a", claude(shop, "a").prompt("first ends with alpha").prompt("beta starts the second"));
    assertEquals(List.of(), ids(search(shop, "\"alpha beta\"")));
  }

  @Test
  void aBadQueryIsOneLineAndNoStackTrace() throws Exception {
    stop(shop, "a", claude(shop, "a").prompt("anything"));
    for (String q : new String[] {"\"unclosed", "(a OR", "*leading", "AND"}) {
      Result r = fss.run(shop, "search", q);
      assertEquals(1, r.exit(), q);
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("fss search: cannot read the query"), r.err());
    }
    assertEquals(2, fss.run(shop, "search").exit());
  }

  @Test
  void theProjectFilterDefaultsToTheCurrentProject() throws Exception {
    stop(shop, "s", claude(shop, "s").prompt("deploy the shop"));
    stop(blog, "b", claude(blog, "b").prompt("deploy the blog"));
    assertEquals(List.of("s"), ids(search(shop.resolve("."), "deploy")));
    assertEquals(List.of("b"), ids(search(shop, "deploy", "--project", blog.toString())));
    assertEquals(Set("s", "b"), Set(ids(search(shop, "deploy", "--all"))));
    assertEquals(Set("s", "b"), Set(ids(search(tmp, "deploy", "--all"))));
  }

  @Test
  void filtersByAgentTimeAndFile() throws Exception {
    stop(shop, "cl", claude(shop, "cl").prompt("fix the cart total"));
    fss.run(shop, "save", "--action", "checkpoint", "--tool", "codex", "--summary", "cart total rounding",
        "--files", "src/cart/total.ts:editing", "--decisions", "round half even").assertOk();
    Instant old = Instant.now().minus(Duration.ofDays(20));
    fss.clock(() -> old);
    fss.run(blog, "save", "--action", "checkpoint", "--tool", "codex", "--summary", "cart total in the old blog shop")
        .assertOk();
    fss.clock(Instant::now);
    List<String> codex = ids(search(shop, "cart", "--agent", "codex"));
    assertEquals(1, codex.size());
    assertFalse(codex.contains("cl"));
    assertEquals(List.of("cl"), ids(search(shop, "cart", "--agent", "claude")));
    assertEquals(3, ids(search(shop, "cart", "--all")).size());
    assertEquals(2, ids(search(shop, "cart", "--all", "--since", "7d")).size());
    assertEquals(codex, ids(search(shop, "cart", "--file", "src/cart/total.ts")));
    assertEquals(codex, ids(search(shop, "cart", "--file", "total.ts")));
    assertEquals(codex, ids(search(shop, "cart", "--file", shop.resolve("src/cart/total.ts").toString())));
    assertEquals(List.of(), ids(search(shop, "cart", "--file", "otal.ts")));
    assertEquals(codex, ids(search(shop, "\"half even\"")));
    assertEquals(List.of("cl"), ids(search(shop, "cart", "--limit", "1", "--agent", "claude-code")));
    assertEquals(1, ids(search(shop, "cart", "--limit", "1")).size());
    assertEquals(2, fss.run(shop, "search", "cart", "--since", "yesterday").exit());
  }

  @Test
  void aTranscriptDeletedByTheAgentStaysSearchableAndRestorable() throws Exception {
    Transcript t = claude(shop, "gone").prompt("migrate the invoices table to bigint ids");
    stop(shop, "gone", t);
    assertEquals(List.of("gone"), ids(search(shop, "invoices")));
    t.prompt("also backfill the ledger");
    Files.delete(t.file()); // Claude Code's cleanupPeriodDays: the last prompt was never read
    Result r = fss.run(shop, "search", "invoices").assertOk();
    assertTrue(r.out().contains("transcript deleted; text kept"), r.out());
    // even an index rebuilt from scratch keeps it: the text is kept in the store, not only in the index
    fss.run(shop, "index", "--rebuild").assertOk();
    assertEquals(List.of("gone"), ids(search(shop, "\"bigint ids\"")));
    Result restore = fss.run(shop, "restore", "gone").assertOk();
    assertTrue(restore.out().contains("migrate the invoices table"), restore.out());
    assertTrue(restore.out().contains("transcript is gone"), restore.out());
  }

  @Test
  void aSessionTheStoreExpiresLeavesTheIndexWithItsKeptText() throws Exception {
    stop(shop, "old", claude(shop, "old").prompt("the walrus migration"));
    assertEquals(List.of("old"), ids(search(shop, "walrus")));
    Path kept = fss.fssHome().resolve("kept");
    try (var walk = Files.walk(kept)) {
      assertEquals(1, walk.filter(p -> p.toString().endsWith("old.jsonl.gz")).count());
    }
    fss.clock(() -> Instant.now().plus(Duration.ofDays(30)));
    fss.run(shop, "save", "--action", "cleanup", "--working-dir", shop.toString()).assertOk();
    fss.clock(Instant::now);
    assertEquals(List.of(), ids(search(shop, "walrus", "--all")));
    try (var walk = Files.walk(kept)) {
      assertEquals(0, walk.filter(p -> p.toString().endsWith("old.jsonl.gz")).count());
    }
  }

  @Test
  void codexRolloutsAreSearchedToo() throws Exception {
    Path day = Files.createDirectories(fss.home().resolve(".codex/sessions/2026/09/14"));
    String[] fixtures = {"compaction", "shell_command"};
    for (int i = 0; i < fixtures.length; i++) {
      Path rollout = day.resolve("rollout-2026-09-14T08-15-0" + i + "-019a3c1e-aaaa-7bbb-8ccc-00000000000" + i + ".jsonl");
      try (var in = getClass().getResourceAsStream("/fixtures/codex/" + fixtures[i] + ".jsonl")) {
        Files.write(rollout, in.readAllBytes());
      }
      FssHarness.touchNow(rollout);
    }
    fss.run(shop, "import", "codex").assertOk();
    Map<String, Object> hit = Json.obj(Json.arr(Json.obj(Json.parse(
        search(shop, "\"broken image links\"", "--all", "--agent", "codex").out())).get("hits")).get(0));
    assertEquals("019a3c1e-aaaa-7bbb-8ccc-000000000000", hit.get("session_id"));
    assertEquals("compaction", hit.get("kind"));
    assertEquals(List.of("019a3c1e-aaaa-7bbb-8ccc-000000000000"), ids(search(shop, "RSS", "--all")));
  }

  static <T> java.util.Set<T> Set(List<T> l) {
    return new java.util.HashSet<>(l);
  }

  @SafeVarargs
  static <T> java.util.Set<T> Set(T... l) {
    return new java.util.HashSet<>(List.of(l));
  }
}
