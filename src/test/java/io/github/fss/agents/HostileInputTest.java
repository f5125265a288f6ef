package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transcripts and hook runs an attacker or a bug could produce: the agent and the store survive. */
class HostileInputTest {
  @TempDir Path tmp;
  FssHarness fss;
  Path repo;
  Path transcript;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    transcript = tmp.resolve("s1.jsonl");
  }

  Result hook(String event) {
    return fss.runWithInput(repo, Events.hook(event, "s1", transcript, repo, "\"source\":\"startup\""), "hook", "claude");
  }

  void appendLine(String line) throws IOException {
    Files.writeString(transcript, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void fuzzedTranscriptLinesNeverBreakTheHookOrTheStore() throws Exception {
    hook("SessionStart");
    appendLine(Events.userLine(repo, "keep this request"));
    Random random = new Random(11);
    try (OutputStream out = Files.newOutputStream(transcript, StandardOpenOption.APPEND)) {
      for (int i = 0; i < 300; i++) {
        byte[] junk = new byte[random.nextInt(400)];
        random.nextBytes(junk);
        out.write(junk);
        if (random.nextBoolean()) {
          out.write('\n');
        }
        // truncated real lines and odd shapes
        String real = Events.userLine(repo, "r" + i);
        out.write(real.substring(0, random.nextInt(real.length())).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        out.write("{\"type\":\"user\",\"message\":{\"content\":[[[{}]]]},\"toolUseResult\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
      }
      out.write(("[".repeat(50_000) + "\n").getBytes(StandardCharsets.UTF_8));
      out.write(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '"', 't', '"', ':', (byte) 0xc3, '}', '\n'});
    }
    appendLine(Events.userLine(repo, "still read after the junk"));
    Result r = fss.runWithInput(repo, Events.hook("Stop", "s1", transcript, repo, null), "hook", "claude");
    assertEquals(0, r.exit());
    assertEquals("", r.out());
    Object s = Json.parse(fss.run(repo, "restore", "s1", "--json").assertOk().out());
    List<Object> prompts = Json.arr(Json.obj(Json.arr(Json.obj(s).get("checkpoints")).get(0)).get("last_prompts"));
    assertTrue(prompts.contains("still read after the junk"), prompts.toString());
  }

  @Test
  void aFiftyMegabyteLineIsSkippedAndTheLinesAfterItAreRead() throws Exception {
    hook("SessionStart");
    try (OutputStream out = Files.newOutputStream(transcript, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.write("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"".getBytes(StandardCharsets.UTF_8));
      byte[] block = "A".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 50; i++) {
        out.write(block);
      }
      out.write("\"}}\n".getBytes(StandardCharsets.UTF_8));
    }
    appendLine(Events.userLine(repo, "after the huge line"));
    Result r = fss.runWithInput(repo, Events.hook("Stop", "s1", transcript, repo, null), "hook", "claude");
    assertEquals(0, r.exit());
    Object s = Json.parse(fss.run(repo, "restore", "s1", "--json").assertOk().out());
    Object cp = Json.arr(Json.obj(s).get("checkpoints")).get(0);
    assertEquals(List.of("after the huge line"), Json.arr(Json.obj(cp).get("last_prompts")));
  }

  @Test
  void hostileIdsAndPathsNeverEscapeTheStore() throws Exception {
    for (String id : new String[] {"../../x", "/etc/passwd", "a/b", "..", ".hidden", "x".repeat(500), "a\u0000b", "-rf"}) {
      Result r = fss.runWithInput(repo, "{\"hook_event_name\":\"Stop\",\"session_id\":" + Json.write(id, false)
          + ",\"cwd\":\"" + repo + "\"}", "hook", "claude");
      assertEquals(0, r.exit());
      Result cli = fss.run(repo, "save", "--action", "checkpoint", "--session", id, "--summary", "x");
      assertEquals(1, cli.exit(), id);
      assertEquals(1, fss.run(repo, "restore", "--", id).exit(), id);
    }
    try (Stream<Path> all = Files.walk(tmp)) {
      assertTrue(all.noneMatch(p -> p.getFileName().toString().equals("x.json")));
    }
    assertTrue(!Files.exists(fss.fssHome().resolve("projects")) || Files.list(fss.fssHome().resolve("projects")).count() == 0);
  }

  @Test
  void filesCreatedByHooksArePrivateEvenUnderAPermissiveUmask() throws Exception {
    Files.writeString(transcript, Events.userLine(repo, "hello") + "\n");
    Path input = Files.writeString(tmp.resolve("event.json"), Events.hook("Stop", "s1", transcript, repo, null));
    Path fssHome = tmp.resolve("umask-store");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cmd = "umask 000; exec '" + java + "' -cp '" + System.getProperty("java.class.path")
        + "' io.github.fss.Main hook claude < '" + input + "'";
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", cmd);
    pb.environment().put("FSS_HOME", fssHome.toString());
    pb.environment().put("HOME", fss.home().toString());
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals("", out);
    // a garbage event too, so the log file exists
    ProcessBuilder bad = new ProcessBuilder("/bin/sh", "-c", "umask 000; echo nope | exec '" + java + "' -cp '"
        + System.getProperty("java.class.path") + "' io.github.fss.Main hook claude");
    bad.environment().put("FSS_HOME", fssHome.toString());
    bad.start().waitFor(60, TimeUnit.SECONDS);
    Set<PosixFilePermission> dirMode = PosixFilePermissions.fromString("rwx------");
    Set<PosixFilePermission> fileMode = PosixFilePermissions.fromString("rw-------");
    int files = 0;
    try (Stream<Path> all = Files.walk(fssHome)) {
      for (Path f : (Iterable<Path>) all::iterator) {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(f);
        if (Files.isDirectory(f)) {
          assertEquals(dirMode, mode, f.toString());
        } else {
          assertEquals(fileMode, mode, f.toString());
          files++;
        }
      }
    }
    assertTrue(files >= 3, "session, lock and log files were checked: " + files);
  }
}
