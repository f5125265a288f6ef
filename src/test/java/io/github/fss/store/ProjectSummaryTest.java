package io.github.fss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.FssHarness;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project summary is derived data: list, restore and dashboard say the same with it, without
 * it, and with it damaged or stale, whoever changed the files behind its back.
 */
class ProjectSummaryTest {
  @TempDir Path tmp;

  private FssHarness h;
  private Path repo;

  private void store(int sessions) throws Exception {
    h = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    for (int i = 0; i < sessions; i++) {
      h.run(repo, "save", "--session", "s" + i, "--summary", "summary " + i, "--current-task", "task " + i,
          "--files", "src/F" + i + ".java:editing,README.md:reference", "--open-questions", "q" + i + ";other")
          .assertOk();
    }
    h.run(repo, "save", "--action", "init", "--session", "empty").assertOk();
    h.run(repo, "save", "--action", "cleanup", "--session", "s" + sessions, "--summary", "successor",
        "--archive-file", "s0").assertOk();
    Instant fixed = Instant.now().plusSeconds(120);
    h.clock(() -> fixed); // the same ages in every output compared
  }

  private Path summaryFile() {
    return h.fssHome().resolve("summary").resolve(ProjectRoot.key(repo) + ".tsv");
  }

  private Path projectDir() {
    return h.fssHome().resolve("projects").resolve(ProjectRoot.key(repo));
  }

  /** What the verbs print, in every form compared. */
  private List<String> outputs() {
    return outputs(false);
  }

  /** As {@link #outputs()}; {@code fresh}: each verb reads the summary from its file, as a new process does. */
  private List<String> outputs(boolean fresh) {
    List<String> out = new ArrayList<>();
    for (String[] args : new String[][] {{"list"}, {"list", "--json"}, {"list", "--all", "--limit", "0"},
        {"list", "--limit", "2", "--page", "2"}, {"restore"}, {"restore", "--json"}, {"dashboard"},
        {"dashboard", "--json"}, {"dashboard", "--all"}, {"dashboard", "--limit", "2"}, {"dashboard", "--limit", "0"},
        {"dashboard", "--json", "--limit", "1"}}) {
      if (fresh) {
        SessionStore.forgetRows();
      }
      FssHarness.Result r = h.run(repo, args).assertOk();
      out.add(String.join(" ", args) + "\n" + r.out());
    }
    return out;
  }

  /** Lets the folder's mtime age past the racy window, so that a reader saves what it rebuilt. */
  private static void settle() throws InterruptedException {
    Thread.sleep(ProjectSummary.RACY_NANOS / 1_000_000 + 30);
  }

  @Test
  void theVerbsSayTheSameWithTheSummaryWithoutItAndWithItDamaged() throws Exception {
    store(6);
    settle();
    List<String> first = outputs(); // builds the summary
    assertTrue(Files.isRegularFile(summaryFile()), "a reader saved the summary");
    assertEquals(first, outputs(), "read from the summary");
    assertEquals(first, outputs(true), "read from the summary's file by each verb");
    String text = Files.readString(summaryFile());
    assertTrue(text.startsWith(ProjectSummary.HEADER + " ") && text.contains("\ns3\t"), text);
    Path details = ProjectSummary.detailsFile(h.fssHome(), ProjectRoot.key(repo));
    byte[] detailsBytes = Files.readAllBytes(details);

    Files.delete(details);
    assertEquals(first, outputs(), "details deleted");
    Files.write(details, java.util.Arrays.copyOf(detailsBytes, detailsBytes.length / 3));
    Files.writeString(summaryFile(), text);
    assertEquals(first, outputs(), "details truncated under a current index");
    byte[] shifted = detailsBytes.clone();
    java.util.Arrays.fill(shifted, 40, shifted.length - 1, (byte) 'x');
    Files.write(details, shifted);
    Files.writeString(summaryFile(), text);
    assertEquals(first, outputs(), "details overwritten under a current index");

    Files.delete(summaryFile());
    assertEquals(first, outputs(), "summary deleted");

    Files.writeString(summaryFile(), text.substring(0, text.length() / 2));
    assertEquals(first, outputs(), "summary truncated");

    Files.writeString(summaryFile(), "garbage\n\u0000\u0001{not json\n");
    assertEquals(first, outputs(), "summary corrupt");

    Files.writeString(summaryFile(), text.substring(0, text.lastIndexOf("@\t")) + "@\tnot the folder's state\n");
    assertEquals(first, outputs(), "summary stale");

    // size, mtime, start, JSON offset and length are read only for the rows that need them, after the
    // summary was trusted: damaged, they make the row distrusted, never shown as they read
    for (int field : new int[] {6, 7, 8, 9, 10}) {
      Files.writeString(summaryFile(), damaged(text, field));
      assertEquals(first, outputs(true), "field " + field + " of every row damaged under a current index");
    }
  }

  /** The index {@code text} with field {@code field} of every session's line not a number (of the same length). */
  private static String damaged(String text, int field) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String[] f = line.split("\t", -1);
      if (f.length > field + 1 && !f[0].equals("@") && !f[0].equals("-")) {
        f[field] = "x" + f[field].substring(1);
        line = String.join("\t", f);
      }
      sb.append(line).append('\n');
    }
    return sb.substring(0, sb.length() - 1);
  }

  @Test
  void aSaveKeepsTheSummaryCurrentAndTheNextListReadsNoFileItDoesNotShow() throws Exception {
    store(3);
    settle();
    h.run(repo, "list").assertOk();
    String before = Files.readString(summaryFile());
    h.run(repo, "save", "--session", "late", "--summary", "the late one").assertOk();
    String after = Files.readString(summaryFile());
    assertTrue(after.startsWith(before.substring(0, before.lastIndexOf("@\t"))), "appended, not rewritten");
    assertTrue(after.contains("\nlate\t"), after);
    String last = after.substring(after.lastIndexOf("@\t") + 2, after.length() - 1);
    assertEquals(ProjectSummary.state(projectDir()), last, "the summary vouches for the folder as it is");
    assertTrue(h.run(repo, "list").assertOk().out().contains("the late one"));
    h.run(repo, "save", "--session", "s1", "--summary", "summary 1 again").assertOk();
    List<String> appended = outputs();
    assertEquals(appended, outputs(true), "read from a summary a writer appended to, as a new process does");
  }

  @Test
  void filesChangedBehindItsBackAreSeen() throws Exception {
    store(4);
    settle();
    List<String> first = outputs();
    assertTrue(Files.isRegularFile(summaryFile()));

    // an older fss (or anything else) writes a new session with temp + rename, not telling the summary
    Path template = projectDir().resolve("s2.json");
    String json = Files.readString(template).replace("\"s2\"", "\"foreign\"").replace("summary 2", "written elsewhere");
    Path tmpFile = projectDir().resolve(".foreign.json.tmp");
    Files.writeString(tmpFile, json);
    Files.move(tmpFile, projectDir().resolve("foreign.json"), StandardCopyOption.ATOMIC_MOVE);
    String list = h.run(repo, "list", "--limit", "0").assertOk().out();
    assertTrue(list.contains("written elsewhere") && list.contains("id: foreign"), list);
    assertTrue(h.run(repo, "dashboard").assertOk().out().contains("written elsewhere"));

    // deleted by hand: gone from every verb
    Files.delete(projectDir().resolve("foreign.json"));
    Files.delete(projectDir().resolve("s3.json"));
    list = h.run(repo, "list", "--limit", "0").assertOk().out();
    assertFalse(list.contains("foreign") || list.contains("id: s3"), list);
    assertFalse(h.run(repo, "dashboard").assertOk().out().contains("id: s3"));
    assertFalse(h.run(repo, "restore").assertOk().out().contains("summary 3"));

    // rewritten in place (the folder's mtime does not move): the shown session is read from its file
    settle();
    h.run(repo, "list").assertOk();
    Path s1 = projectDir().resolve("s1.json");
    Files.writeString(s1, Files.readString(s1).replace("summary 1", "edited in place"));
    list = h.run(repo, "list", "--limit", "0").assertOk().out();
    assertTrue(list.contains("edited in place"), list);
    assertFalse(first.isEmpty());
  }

  private Process writer(String key, String name, int count) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), SummaryWriter.class.getName(),
        h.fssHome().toString(), key, repo.toString(), name, Integer.toString(count));
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return pb.start();
  }

  private Set<String> listed() {
    FssHarness.Result r = h.run(repo, "list", "--limit", "0", "--json").assertOk();
    Set<String> ids = new TreeSet<>();
    for (Object o : Json.arr(Json.obj(Json.parse(r.out())).get("sessions"))) {
      ids.add((String) ((Map<?, ?>) o).get("session_id"));
    }
    return ids;
  }

  private Set<String> onDisk() throws IOException {
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> s = Files.list(projectDir())) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
          .forEach(n -> ids.add(n.substring(0, n.length() - 5)));
    }
    return ids;
  }

  /** What list must offer, from the files themselves: a checkpoint, not continued elsewhere. */
  private Set<String> offered() throws IOException {
    Set<String> ids = new TreeSet<>();
    for (String id : onDisk()) {
      io.github.fss.model.Session s = SessionCodec.fromTree(Json.parse(Files.readString(projectDir().resolve(id + ".json"))));
      if (s.latest() != null && s.recoverable()) {
        ids.add(s.sessionId());
      }
    }
    return ids;
  }

  @Test
  void eightWritersRacingAReaderLoseNoAcknowledgedSession() throws Exception {
    store(1);
    h.clock(Instant::now);
    String key = ProjectRoot.key(repo);
    h.run(repo, "list").assertOk();
    List<Process> procs = new ArrayList<>();
    for (int p = 0; p < 8; p++) {
      procs.add(writer(key, "w" + p, 25));
    }
    Set<String> acked = new HashSet<>();
    List<Thread> readers = new ArrayList<>();
    for (Process p : procs) {
      Thread t = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            if (line.startsWith("ack ")) {
              synchronized (acked) {
                acked.add(line.substring(4));
              }
            }
          }
        } catch (IOException e) {
          // ended
        }
      });
      t.start();
      readers.add(t);
    }
    // lists while they write: each may rebuild and save the summary in the middle of the race
    while (procs.stream().anyMatch(Process::isAlive)) {
      h.run(repo, "list", "--limit", "3").assertOk();
    }
    for (Process p : procs) {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue());
    }
    for (Thread t : readers) {
      t.join(10_000);
    }
    assertEquals(8 * 25, acked.size());
    Set<String> shown = listed();
    Set<String> missing = new TreeSet<>(acked);
    missing.removeAll(shown);
    assertTrue(missing.isEmpty(), "acknowledged but not listed: " + missing);
    assertEquals(offered(), shown, "every session with a checkpoint, none invented");
    settle();
    assertEquals(shown, listed(), "the same from the saved summary");
  }

  @Test
  void writersKilledMidWriteLeaveNoSummaryThatHidesOrResurrectsASession() throws Exception {
    store(1);
    h.clock(Instant::now);
    String key = ProjectRoot.key(repo);
    settle();
    h.run(repo, "list").assertOk();
    java.util.Random random = new java.util.Random(7);
    for (int k = 0; k < 6; k++) {
      Process p = writer(key, "k" + k, 0);
      BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("ready", r.readLine());
      Thread.sleep(60 + random.nextInt(200));
      new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
      p.waitFor(10, TimeUnit.SECONDS);
      if (k % 2 == 1) {
        Files.deleteIfExists(projectDir().resolve("k" + (k - 1) + "-0.json")); // and one deleted by hand
      }
      Set<String> withCheckpoint = offered();
      Set<String> shown = listed();
      assertEquals(withCheckpoint, shown, "after kill " + k);
    }
  }

  @Test
  void aLeanCopyKeepsWhatRefreshOnReadDecidesBy() {
    Map<String, Object> cursor = new java.util.LinkedHashMap<>();
    cursor.put("transcript_path", "/home/u/.local/share/opencode/opencode.db");
    cursor.put("offset", 120L);
    cursor.put("format", "opencode");
    cursor.put("pending", "a partial line, not needed to decide");
    cursor.put("extra", Map.of("history_stamp", "12:34", "todos", List.of("a", "b")));
    io.github.fss.model.Session lean = SummaryRow.lean(
        io.github.fss.model.Session.start("s1", "opencode", "/w", "/w", io.github.fss.model.Timestamps.format(Instant.now()))
            .withCapture(cursor));
    assertEquals(Map.of("transcript_path", "/home/u/.local/share/opencode/opencode.db", "offset", 120L, "format",
        "opencode", "extra", Map.of("history_stamp", "12:34")), lean.capture());
    // and through the summary's JSON, as list and SessionStart read it
    io.github.fss.model.Session read = SessionCodec.fromTree(Json.parse(Json.write(SessionCodec.toTree(lean), false)));
    assertEquals("12:34", Json.str(Json.obj(read.capture().get("extra")).get("history_stamp")));
    assertEquals("opencode", read.capture().get("format"));
  }
}
