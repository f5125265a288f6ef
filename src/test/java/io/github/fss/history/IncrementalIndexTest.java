package io.github.fss.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.Transcript;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index reads only what a transcript gained, from where it stopped, with the reader's state. */
class IncrementalIndexTest {
  @TempDir Path tmp;

  @Test
  void aGrowingTranscriptIsReadOnceAndACommandKeepsItsLaterExitCode() throws Exception {
    FssHarness fss = new FssHarness(tmp);
    Path repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    Transcript t = new Transcript(tmp.resolve("t/s.jsonl"), repo).prompt("first words");
    String call = t.call("make deploy-canary");
    assertEquals(0, fss.runWithInput(repo, Events.hook("Stop", "s", t.file(), repo, null), "hook", "claude").exit());
    Map<String, Object> first = Json.obj(Json.parse(fss.run(repo, "index", "--json").assertOk().out()));
    assertEquals(Files.size(t.file()), Json.num(first.get("transcript_bytes")));
    assertEquals("make deploy-«canary»", snippet(fss, repo, "canary"));

    long before = Files.size(t.file());
    t.result(call, 7, "canary failed").prompt("second words with flamingo");
    long grown = Files.size(t.file()) - before;
    // a line the agent is still writing: no newline yet
    Files.writeString(t.file(), "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"half pelican",
        StandardOpenOption.APPEND);
    // no hook ran (the agent was killed): search reads the transcript itself
    Map<String, Object> second = Json.obj(Json.parse(fss.run(repo, "index", "--json").assertOk().out()));
    assertEquals(grown, Json.num(second.get("transcript_bytes")), "only the complete lines it gained");
    assertEquals("second words with «flamingo»", snippet(fss, repo, "flamingo"));
    assertEquals("make deploy-«canary» (exit 7)", snippet(fss, repo, "canary"));
    assertEquals(List.of(), hits(fss, repo, "pelican"));

    Files.writeString(t.file(), " done\"},\"timestamp\":\"" + Events.recently() + "\",\"uuid\":\"x\"}\n",
        StandardOpenOption.APPEND);
    assertEquals(List.of("s"), hits(fss, repo, "pelican"));

    String kept = kept(fss.fssHome());
    assertEquals(1, count(kept, "\"t\":\"first words\""), kept);
    assertEquals(1, count(kept, "\"t\":\"second words with flamingo\""), kept);
  }

  static String snippet(FssHarness fss, Path repo, String q) {
    Object hits = Json.obj(Json.parse(fss.run(repo, "search", q, "--json").assertOk().out())).get("hits");
    return Json.str(Json.obj(Json.arr(hits).get(0)).get("snippet"));
  }

  static List<Object> hits(FssHarness fss, Path repo, String q) {
    List<Object> out = new java.util.ArrayList<>();
    for (Object h : Json.arr(Json.obj(Json.parse(fss.run(repo, "search", q, "--json").assertOk().out())).get("hits"))) {
      out.add(Json.obj(h).get("session_id"));
    }
    return out;
  }

  static String kept(Path fssHome) throws Exception {
    StringBuilder sb = new StringBuilder();
    try (var walk = Files.walk(fssHome.resolve("kept"))) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
          sb.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return sb.toString();
  }

  static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
