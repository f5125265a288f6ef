package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.Transcript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hooks run inside every agent turn: they never index, never keep text and never load Lucene. */
class HookPathTest {
  @TempDir Path tmp;

  @Test
  void hooksNeverTouchTheIndexNorTheKeptText() throws Exception {
    FssHarness fss = new FssHarness(tmp);
    Path repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    Transcript t = new Transcript(tmp.resolve("t/s.jsonl"), repo).prompt("index me not").bash("make", 2, "x");
    for (String event : new String[] {"SessionStart", "Stop", "PreCompact", "SessionEnd"}) {
      String extra = event.equals("SessionStart") ? "\"source\":\"startup\"" : null;
      assertEquals(0, fss.runWithInput(repo, Events.hook(event, "s", t.file(), repo, extra), "hook", "claude").exit());
    }
    assertTrue(Files.isDirectory(fss.fssHome().resolve("projects")));
    assertFalse(Files.exists(fss.fssHome().resolve("index")));
    assertFalse(Files.exists(fss.fssHome().resolve("kept")));
  }

  @Test
  void aHookLoadsNoLuceneNoHistoryClassAndNoOtherAgent() throws Exception {
    Path repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    Transcript t = new Transcript(tmp.resolve("t/s.jsonl"), repo).prompt("what loads?").bash("ls", 0, "x");
    List<String> loaded = new ArrayList<>();
    for (String event : new String[] {"SessionStart", "Stop"}) {
      String extra = event.equals("SessionStart") ? "\"source\":\"startup\"" : null;
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xshare:auto", "-verbose:class", "-cp", System.getProperty("java.class.path"), "io.github.fss.Main",
          "hook", "claude");
      pb.environment().put("HOME", tmp.resolve("home").toString());
      pb.environment().put("FSS_HOME", tmp.resolve("home/.fss").toString());
      pb.directory(repo.toFile());
      pb.redirectErrorStream(true);
      Process p = pb.start();
      p.getOutputStream().write(Events.hook(event, "s", t.file(), repo, extra).getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.contains("io.github.fss.agents.HookMain"), "no class log? " + out.substring(0, Math.min(500, out.length())));
      for (String line : out.split("\n")) {
        // the registry names every agent, but a Claude hook loads nothing else of Codex's (no reader, no setup)
        boolean otherAgent = line.contains("io.github.fss.agents.codex.") && !line.contains("io.github.fss.agents.codex.Codex ");
        if (line.contains("org.apache.lucene") || line.contains("org.sqlite") || line.contains("io.github.fss.history") || line.contains("io.github.fss.cli.")
            || otherAgent || line.contains("io.github.fss.agents.claude.ClaudeSetup")) {
          loaded.add(event + ": " + line);
        }
      }
    }
    assertEquals(List.of(), loaded);
  }
}
