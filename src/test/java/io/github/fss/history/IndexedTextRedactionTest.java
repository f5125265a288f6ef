package io.github.fss.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.capture.Redactor;
import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import io.github.fss.testing.Transcript;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.store.NIOFSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret of the privacy corpus (src/test/resources/redaction/secrets.txt) that the redactor
 * removes is findable, nor stored in the index files, its terms or the kept text.
 */
class IndexedTextRedactionTest {
  @TempDir Path tmp;

  @Test
  void secretsInPromptsCommandsAndRepliesAreNeitherFoundNorStored() throws Exception {
    FssHarness fss = new FssHarness(tmp);
    Path repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    Redactor redactor = Redactor.standard(Map.of());
    List<String> secrets = new ArrayList<>();
    Transcript t = new Transcript(tmp.resolve("t/s.jsonl"), repo);
    int i = 0;
    try (InputStream in = getClass().getResourceAsStream("/redaction/secrets.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int tab = line.lastIndexOf('\t');
        if (tab < 0) {
          continue;
        }
        String text = line.substring(0, tab);
        String secret = line.substring(tab + 1);
        if (redactor.redact(text).contains(secret)) {
          continue; // one of the few the redactor misses: RedactorCorpusTest's business
        }
        secrets.add(secret);
        switch (i++ % 3) {
          case 0: t.prompt("please use this: " + text); break;
          case 1: t.bash(text, 0, "done"); break;
          default: t.assistant("I ran " + text); break;
        }
      }
    }
    assertTrue(secrets.size() > 150, "corpus too small: " + secrets.size());
    assertEquals(0, fss.runWithInput(repo, Events.hook("Stop", "s", t.file(), repo, null), "hook", "claude").exit());
    fss.run(repo, "index").assertOk();
    List<String> found = new ArrayList<>();
    for (String secret : secrets) {
      Result r = fss.run(repo, "search", "\"" + QueryParser.escape(secret).replace("\"", "\\\"") + "\"", "--json");
      if (r.exit() == 0 && !Json.arr(Json.obj(Json.parse(r.out())).get("hits")).isEmpty()) {
        found.add(secret);
      }
    }
    assertEquals(List.of(), found, "secrets found by search");
    // the bytes on disk: index files raw, kept text decompressed
    StringBuilder disk = new StringBuilder();
    try (var walk = Files.walk(fss.fssHome().resolve("index"))) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        disk.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    try (var walk = Files.walk(fss.fssHome().resolve("kept"))) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
          disk.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    // and every term of the index (the term dictionary is compressed on disk, so ask Lucene too)
    StringBuilder terms = new StringBuilder();
    try (NIOFSDirectory d = new NIOFSDirectory(fss.fssHome().resolve("index/lucene"));
        DirectoryReader r = DirectoryReader.open(d)) {
      Terms ts = MultiTerms.getTerms(r, "text");
      TermsEnum te = ts.iterator();
      for (BytesRef b = te.next(); b != null; b = te.next()) {
        terms.append(b.utf8ToString()).append('\n');
      }
    }
    String stored = disk.toString();
    String lowerTerms = terms.toString();
    List<String> leaked = new ArrayList<>();
    for (String secret : secrets) {
      if (stored.contains(secret)) {
        leaked.add("on disk: " + secret);
      }
      for (String token : secret.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9]+")) {
        if (token.length() >= 12 && lowerTerms.contains(token)) {
          leaked.add("as a term: " + token + " of " + secret);
        }
      }
    }
    assertEquals(List.of(), leaked);
    assertTrue(lowerTerms.contains("redacted"), "the markers are indexed");
  }
}
