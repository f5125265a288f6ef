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
    // the first index added the session's document (there was none); this one replaced it
    assertEquals(List.of("s"), hits(fss, repo, "canary"));
    assertEquals(List.of(), hits(fss, repo, "pelican"));

    Files.writeString(t.file(), " done\"},\"timestamp\":\"" + Events.recently() + "\",\"uuid\":\"x\"}\n",
        StandardOpenOption.APPEND);
    assertEquals(List.of("s"), hits(fss, repo, "pelican"));

    String kept = kept(fss.fssHome());
    assertEquals(1, count(kept, "\"t\":\"first words\""), kept);
    assertEquals(1, count(kept, "\"t\":\"second words with flamingo\""), kept);
  }

  @Test
  void aSearchLeavesAQuietTranscriptUnstattedAndIndexChecksEveryOne() throws Exception {
    FssHarness fss = new FssHarness(tmp);
    Path repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    Transcript t = new Transcript(tmp.resolve("t/s.jsonl"), repo).prompt("old words");
    assertEquals(0, fss.runWithInput(repo, Events.hook("Stop", "s", t.file(), repo, null), "hook", "claude").exit());
    // three days quiet, by the file system's own clock (the suite also runs under faketime)
    java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(
        Files.getLastModifiedTime(t.file()).toMillis() - 3L * 24 * 3600 * 1000);
    Files.setLastModifiedTime(t.file(), old);
    fss.run(repo, "index").assertOk();
    t.prompt("woken without a hook");
    Files.setLastModifiedTime(t.file(), old);
    assertEquals(List.of(), hits(fss, repo, "woken"), "a search does not stat a quiet transcript");
    fss.run(repo, "index").assertOk();
    assertEquals(List.of("s"), hits(fss, repo, "woken"));
  }

  @Test
  void aQuietProjectFolderIsNotListedAndANewSessionInItStillIs() throws Exception {
    FssHarness fss = new FssHarness(tmp);
    Path repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    Transcript t = new Transcript(tmp.resolve("t/a.jsonl"), repo).prompt("the aardvark");
    assertEquals(0, fss.runWithInput(repo, Events.hook("Stop", "a", t.file(), repo, null), "hook", "claude").exit());
    Path folder;
    try (var dirs = Files.list(fss.fssHome().resolve("projects"))) {
      folder = dirs.findFirst().orElseThrow();
    }
    java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(
        Files.getLastModifiedTime(t.file()).toMillis() - 3L * 24 * 3600 * 1000);
    Files.setLastModifiedTime(folder, old);
    fss.run(repo, "index").assertOk();
    assertEquals(List.of("a"), hits(fss, repo, "aardvark"), "carried over from the manifest");
    assertEquals(List.of("a"), hits(fss, repo, "aardvark"));
    Transcript b = new Transcript(tmp.resolve("t/b.jsonl"), repo).prompt("the bandicoot");
    assertEquals(0, fss.runWithInput(repo, Events.hook("Stop", "b", b.file(), repo, null), "hook", "claude").exit());
    assertEquals(List.of("b"), hits(fss, repo, "bandicoot"), "a write renames into the folder: it is listed again");
    assertEquals(List.of("a"), hits(fss, repo, "aardvark"));
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
