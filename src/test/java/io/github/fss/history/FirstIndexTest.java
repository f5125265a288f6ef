package io.github.fss.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import io.github.fss.testing.Transcript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first index of more sessions than {@link KeptSyncs#SYNCFS_FROM}, from the outside: its new kept
 * files are made durable together (one syncfs where it can be had) and the result is the one an
 * fsync each gave: every session found, a kept file each, no temporary file left, nothing to redo.
 */
class FirstIndexTest {
  @TempDir Path tmp;

  @Test
  void aFirstIndexOfManySessionsKeepsAndFindsEachOne() throws Exception {
    FssHarness fss = new FssHarness(tmp);
    Path repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    int n = KeptSyncs.SYNCFS_FROM + 8;
    for (int i = 0; i < n; i++) {
      String id = "s" + i;
      Transcript t = new Transcript(tmp.resolve("t").resolve(id + ".jsonl"), repo)
          .prompt("task " + i + " about the okapi" + i + " rollout").bash("make check" + i, 0, "ok");
      assertEquals(0, fss.runWithInput(repo, Events.hook("Stop", id, t.file(), repo, null), "hook", "claude").exit());
    }

    Result first = fss.run(repo, "index");
    first.assertOk();
    assertTrue(first.out().contains(n + " (re)indexed"), first.out());

    List<Path> kept;
    try (var walk = Files.walk(fss.fssHome().resolve("kept"))) {
      kept = walk.filter(Files::isRegularFile).collect(Collectors.toList());
    }
    assertEquals(n, kept.size(), kept.toString());
    for (Path p : kept) {
      assertTrue(p.getFileName().toString().endsWith(".jsonl.gz"), "no temporary file left: " + p);
    }
    for (int i = 0; i < n; i += 7) {
      Result r = fss.run(repo, "search", "okapi" + i, "--json");
      assertEquals(0, r.exit(), r.err());
      assertEquals(1, Json.arr(Json.obj(Json.parse(r.out())).get("hits")).size(), "okapi" + i + ": " + r.out());
    }

    Result again = fss.run(repo, "index");
    again.assertOk();
    assertTrue(again.out().contains(" 0 (re)indexed"), again.out());
  }
}
