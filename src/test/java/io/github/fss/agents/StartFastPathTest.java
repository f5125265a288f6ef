package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.store.PreparedNotice;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoreConfig;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.Launcher;
import io.github.fss.testing.Transcript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's session-start fast path (bin/fss, agents/PreparedStart): differential tests run
 * through the real launcher. For each store and instant, the fast path's stdout must equal byte for
 * byte what the JVM path prints from an identical copy of the store at the same instant
 * (FSS_TEST_CLOCK gives both one clock), and every decline condition must send the event to the
 * JVM (FSS_DEBUG_START says which way it went).
 */
class StartFastPathTest {
  @TempDir Path tmp;
  private Path launcher;
  private Path repo;
  private FssHarness fss;
  private int copies;

  @BeforeEach
  void setUp() throws Exception {
    launcher = Launcher.install(tmp.resolve("prefix/bin"), Launcher.java());
    repo = Files.createDirectories(tmp.resolve("work/repo"));
    Files.createDirectories(repo.resolve(".git"));
    repo = repo.toRealPath();
    fss = new FssHarness(tmp);
    fss.env("FSS_LAUNCHER", launcher.toString());
    fss.clock(() -> Instant.now());
  }

  // ---- building stores in-process, as the hooks would

  private void hook(String json) {
    fss.runWithInput(repo, json, "hook", "claude").assertOk();
  }

  /** A session with one checkpoint whose task is {@code task}; ended or left active. */
  private Path session(String id, String task, boolean end) throws IOException {
    Path t = tmp.resolve("transcripts/" + id + ".jsonl");
    hook(Events.hook("SessionStart", id, t, repo, "\"source\":\"startup\""));
    new Transcript(t, repo).prompt(task).assistant("working on it");
    hook(Events.hook("Stop", id, t, repo, null));
    if (end) {
      hook(Events.hook("SessionEnd", id, t, repo, "\"reason\":\"prompt_input_exit\""));
    }
    return t;
  }

  /**
   * Renders the notice as the JVM does after a session's end ({@link #aSessionsEndPreparesTheNextStart}
   * goes through the SessionEnd hook itself): here without a session of its own to end.
   */
  private void render() throws IOException {
    render(repo);
  }

  private void render(Path cwd) throws IOException {
    settleTranscripts();
    io.github.fss.Environment env = fss.environment(cwd);
    PreparedStart.prepare(AgentRegistry.byName("claude"), env,
        new SessionStore(fss.fssHome(), StoreConfig.load(fss.fssHome(), env.vars()), m -> { }),
        new io.github.fss.store.HookLog(fss.fssHome()), cwd.toString());
    assertTrue(Files.exists(notice(fss.fssHome())), "a notice was rendered");
  }

  /** Transcripts written a while ago (the notice must be newer than all it depends on). */
  private void settleTranscripts() throws IOException {
    Path dir = tmp.resolve("transcripts");
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Files.setLastModifiedTime(p, FileTime.from(fileClock().minusSeconds(5).plusNanos(123_457)));
      }
    }
  }

  private Path notice(Path home) {
    return PreparedNotice.file(home, ProjectRoot.key(repo));
  }

  /** The notice's render instant, epoch nanos. */
  /**
   * Now by the file system's clock (a fresh file's mtime), which the notice and the launcher's
   * checks go by: under libfaketime (CI's second run) this process's clock is days ahead of it.
   */
  private Instant fileClock() throws IOException {
    Path probe = Files.createTempFile(tmp, "clock", ".probe");
    try {
      return Files.getLastModifiedTime(probe).toInstant();
    } finally {
      Files.delete(probe);
    }
  }

  private long renderedAt() throws IOException {
    return Long.parseLong(field("fss_n_ns"));
  }

  private String field(String name) throws IOException {
    Matcher m = Pattern.compile("(?m)(?:^| )" + name + "=(\\S+)").matcher(Files.readString(notice(fss.fssHome())));
    assertTrue(m.find(), name);
    return m.group(1);
  }

  // ---- one differential run

  private record Both(String fast, String fastErr, String jvm, String jvmErr, String fastEnv, String jvmEnv) {}

  private Path copy() throws IOException, InterruptedException {
    Path dest = tmp.resolve("copies/" + (copies++));
    Files.createDirectories(dest.getParent());
    Process p = new ProcessBuilder("cp", "-a", fss.fssHome().toString(), dest.toString()).inheritIO().start();
    assertEquals(0, p.waitFor());
    return dest;
  }

  private Launcher.Run launch(Path home, String json, long clock, Map<String, String> extra, String agent)
      throws IOException, InterruptedException {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", fss.home().toString());
    env.put("FSS_HOME", home.toString());
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("FSS_DEBUG_START", "1");
    env.put("CLAUDE_ENV_FILE", home.resolve("env-file").toString());
    if (clock > 0) {
      env.put("FSS_TEST_CLOCK", Long.toString(clock));
    }
    env.putAll(extra);
    return Launcher.run(launcher, env, (json + "\n").getBytes(StandardCharsets.UTF_8), "hook", agent);
  }

  private Both both(String id, long clock) throws Exception {
    return both(id, clock, Map.of(), "claude");
  }

  /** The fast path on one copy of the store, the JVM path (the notice removed) on another, at one instant. */
  private Both both(String id, long clock, Map<String, String> extra, String agent) throws Exception {
    String json = Events.hook("SessionStart", id, tmp.resolve("transcripts/" + id + ".jsonl"), repo,
        "\"source\":\"startup\"");
    Path a = copy();
    Path b = copy();
    Files.delete(notice(b));
    Launcher.Run fast = launch(a, json, clock, extra, agent);
    Launcher.Run jvm = launch(b, json, clock, extra, agent);
    assertTrue(jvm.err().contains("fss start: jvm (no notice)") || !jvm.err().contains("fss start: fast"), jvm.err());
    return new Both(fast.out(), fast.err(), jvm.out(), jvm.err(), read(a.resolve("env-file")), read(b.resolve("env-file")));
  }

  private static String read(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p) : null;
  }

  private void assertSame(Both r) {
    assertTrue(r.fastErr().contains("fss start: fast"), "fast path taken: " + r.fastErr());
    assertEquals(r.jvm(), r.fast(), "byte for byte");
    assertEquals(r.jvmEnv(), r.fastEnv(), "FSS_SESSION_ID exported");
  }

  private void assertDeclines(Both r, String why) {
    assertTrue(r.fastErr().contains("fss start: jvm (" + why), "declined for " + why + ": " + r.fastErr());
    assertFalse(r.fastErr().contains("fss start: fast"), r.fastErr());
    assertEquals(r.jvm(), r.fast(), "the JVM answered both");
  }

  // ---- the stores

  @Test
  void aProjectWithNothingToRestorePrintsNothingEitherWay() throws Exception {
    // one session started (by the JVM: no notice yet) and ended without a turn
    Path t = tmp.resolve("transcripts/idle.jsonl");
    hook(Events.hook("SessionStart", "idle", t, repo, "\"source\":\"startup\""));
    render();
    Both r = both("new1", renderedAt() + 1_000_000_000L);
    assertSame(r);
    assertEquals("", r.fast());
  }

  @Test
  void oneEndedSessionAtAgesAcrossEveryUnit() throws Exception {
    session("ended1", "fix the login form", true);
    render();
    long t0 = renderedAt();
    long last = Long.parseLong(field("fss_n_l1")) * 1_000_000_000L;
    for (long s : new long[] {0, 1, 59, 60, 61, 3599, 3600, 7199, 86_399}) {
      long clock = Math.max(t0, last + s * 1_000_000_000L + 500_000_000L);
      Both r = both("new" + s, clock);
      assertSame(r);
      assertTrue(r.fast().contains("fix the login form"), r.fast());
    }
    // a notice is trusted for a day at most
    assertDeclines(both("later", t0 + 86_400_000_000_000L), "notice expired");
  }

  @Test
  void threeActiveSessionsAndMoreThanThreeCandidates() throws Exception {
    for (int i = 0; i < 5; i++) {
      session("act" + i, "task number " + i, i % 2 == 0);
    }
    render();
    Both r = both("new", renderedAt() + 2_000_000_000L);
    assertSame(r);
    assertTrue(r.fast().contains("5 earlier sessions") && r.fast().contains("3 shown"), r.fast());
  }

  @Test
  void anActiveSessionCrossingTheTenMinuteLine() throws Exception {
    session("live", "keep going", false);
    render();
    long last = Long.parseLong(field("fss_n_l1")) * 1_000_000_000L + Long.parseLong(field("fss_n_f1"));
    long line = last + 600_000_000_000L;
    for (long clock : new long[] {line - 1, line, line + 1, line + 1_000_000_000L}) {
      Both r = both("new" + clock, Math.max(clock, renderedAt()));
      assertSame(r);
    }
    Both before = both("n1", line);
    Both after = both("n2", line + 1);
    assertTrue(before.fast().contains("active"), before.fast());
    assertTrue(after.fast().contains("interrupted"), after.fast());
  }

  @Test
  void hostileTextInATaskComesOutAsTheJvmWritesIt() throws Exception {
    session("hostile", "\u001b[31mred\u001b[0m 'single' \"double\" back\\slash\nnew line — 中文 \u202e rtl", true);
    render();
    Both r = both("new", renderedAt() + 90_000_000_000L);
    assertSame(r);
    assertFalse(r.fast().contains("\u001b"), r.fast());
  }

  @Test
  void expiredSessionsAreLeftOutAndTheNoticeEndsWhenOneWouldExpire() throws Exception {
    fss.clock(() -> Instant.now().minusSeconds(7 * 86_400L - 3600));
    session("old", "an old task", true);
    fss.clock(() -> Instant.now());
    session("fresh", "a fresh task", true);
    render();
    long until = Long.parseLong(field("fss_n_until"));
    Both r = both("new1", (until - 1) * 1_000_000_000L);
    assertSame(r);
    assertTrue(r.fast().contains("an old task"), r.fast());
    assertDeclines(both("new2", until * 1_000_000_000L), "notice expired");
  }

  @Test
  void codexGetsTheSameAndNoEnvironmentFile() throws Exception {
    session("c1", "a codex-side task", true);
    render();
    Both r = both("019a0000-0000-7000-8000-000000000001", renderedAt() + 3_000_000_000L, Map.of(), "codex");
    assertSame(r);
    assertEquals(null, r.fastEnv());
  }

  @Test
  void aSessionsEndPreparesTheNextStart() throws Exception {
    session("first", "the first task", false);
    Path t = tmp.resolve("transcripts/first.jsonl");
    Files.setLastModifiedTime(t, FileTime.from(fileClock().minusSeconds(5).plusNanos(123_457)));
    hook(Events.hook("SessionEnd", "first", t, repo, "\"reason\":\"prompt_input_exit\""));
    assertSame(both("second", renderedAt() + 1_000_000_000L));
  }

  /** Sets a stored session's last activity (the store's own write path: it withdraws the notice). */
  private void lastActive(String id, Instant t) {
    new SessionStore(fss.fssHome(), StoreConfig.defaults(), m -> { })
        .update(ProjectRoot.key(repo), id, s -> s.withLastActive(t.toString()));
  }

  @Test
  void theCountFollowsOtherSessionsPassingRetention() throws Exception {
    for (int i = 0; i < 5; i++) {
      session("r" + i, "task " + i, true);
    }
    Instant now = Instant.now();
    lastActive("r0", now.minusSeconds(7 * 86_400L - 100).plusNanos(250_000_000));
    lastActive("r1", now.minusSeconds(7 * 86_400L - 200));
    render();
    long e0 = (now.getEpochSecond() + 100) * 1_000_000_000L + now.getNano() + 250_000_000;
    long e1 = (now.getEpochSecond() + 200) * 1_000_000_000L + now.getNano();
    for (long clock : new long[] {e0 - 1, e0, e0 + 1, e1, e1 + 1, e1 + 60_000_000_000L}) {
      Both r = both("n" + clock, clock);
      assertSame(r);
    }
    assertTrue(both("a", e0).fast().contains("5 earlier sessions"));
    assertTrue(both("b", e0 + 1).fast().contains("4 earlier sessions"));
    assertTrue(both("c", e1 + 1).fast().contains("3 earlier sessions in this project can be restored (newest first):"));
  }

  @Test
  void aShownSessionPassingRetentionEndsTheNotice() throws Exception {
    session("only", "the one left", true);
    session("going", "about to expire", true);
    Instant now = Instant.now();
    lastActive("going", now.minusSeconds(7 * 86_400L - 100));
    render();
    long e = (now.getEpochSecond() + 100) * 1_000_000_000L + now.getNano();
    Both before = both("x", e - 1_000_000_000L);
    assertSame(before);
    assertTrue(before.fast().contains("2 earlier sessions"), before.fast());
    // both are shown: the one leaving changes the lines, not only the count
    Both after = both("y", e + 1);
    assertDeclines(after, "notice expired");
    assertTrue(after.jvm().contains("1 earlier session in") && after.jvm().contains("Found 1 previous session —"),
        after.jvm());
  }

  // ---- what must decline

  @Test
  void aSessionKilledMidTurnWhoseTranscriptGrewAfterTheNotice() throws Exception {
    Path t = session("killed", "half done", false);
    render();
    Files.writeString(t, "{\"type\":\"user\"}\n", java.nio.file.StandardOpenOption.APPEND);
    assertDeclines(both("new", renderedAt() + 1_000_000_000L), "transcript changed");
  }

  @Test
  void declinesOnEverythingItCannotVouchFor() throws Exception {
    session("e1", "some task", true);
    // a session started by the JVM that has not written its transcript yet
    Path quiet = tmp.resolve("transcripts/quiet.jsonl");
    hook(Events.hook("SessionStart", "quiet", quiet, repo, "\"source\":\"startup\""));
    render();
    long clock = renderedAt() + 5_000_000_000L;
    assertDeclines(both("x1", clock, Map.of("FSS_TOKEN_BUDGET", "900"), "claude"), "config variable");
    assertDeclines(both("x2", renderedAt() - 1, Map.of(), "claude"), "clock went back");
    // another agent, another source
    Both gemini = both("x3", clock, Map.of(), "gemini");
    assertFalse(gemini.fastErr().contains("fss start: fast"), gemini.fastErr());
    // a known session id
    assertDeclines(both("e1", clock), "session known");
    // the session the JVM started wrote its first line: now it counts
    Files.writeString(quiet, "{}\n");
    assertDeclines(both("x4", clock), "transcript appeared");
  }

  @Test
  void declinesWhenTheWorkingDirectoryBecameAnotherProject() throws Exception {
    Path src = Files.createDirectories(repo.resolve("src"));
    session("e1", "some task", true);
    render(src);
    long clock = renderedAt() + 5_000_000_000L;
    String json = Events.hook("SessionStart", "in-src", tmp.resolve("transcripts/in-src.jsonl"), src,
        "\"source\":\"startup\"");
    assertTrue(launch(copy(), json, clock, Map.of(), "claude").err().contains("fss start: fast"));
    Files.createDirectories(src.resolve(".git"));
    assertTrue(launch(copy(), json, clock, Map.of(), "claude").err().contains("fss start: jvm (project root moved)"));
  }

  @Test
  void declinesOnAnotherBoot() throws Exception {
    session("e1", "some task", true);
    render();
    Path home = fss.fssHome();
    String n = Files.readString(notice(home));
    Files.writeString(notice(home), n.replaceFirst("fss_n_boot=\\S+", "fss_n_boot=00000000-0000-0000-0000-000000000000"));
    assertDeclines(both("e", 0), "another boot");
  }

  @Test
  void declinesOnTheSpoolTheConfigTheLogAndTheProject() throws Exception {
    session("e1", "some task", true);
    // a session started by the JVM that has not written its transcript yet
    Path quiet = tmp.resolve("transcripts/quiet.jsonl");
    hook(Events.hook("SessionStart", "quiet", quiet, repo, "\"source\":\"startup\""));
    render();
    long clock = renderedAt() + 5_000_000_000L;
    Path home = fss.fssHome();
    Files.writeString(home.resolve("spool/events"), "fss1\tx\n");
    assertDeclines(both("a", clock), "spool not empty");
    Files.writeString(home.resolve("spool/events"), "");
    assertSame(both("b", clock));
    Files.writeString(home.resolve(StoreConfig.FILE_NAME), "token_budget=900\n");
    assertDeclines(both("c", clock), "config");
    Files.delete(home.resolve(StoreConfig.FILE_NAME));
    // a working directory the JVM never recorded
    Path other = Files.createDirectories(tmp.resolve("work/other"));
    String json = Events.hook("SessionStart", "o1", tmp.resolve("transcripts/o1.jsonl"), other, "\"source\":\"startup\"");
    assertTrue(launch(copy(), json, clock, Map.of(), "claude").err().contains("fss start: jvm (unknown cwd)"));
    Files.createDirectories(home.resolve("log"));
    Files.writeString(home.resolve("log/hook.log"), "trouble\n", java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    Both logged = both("d", clock);
    assertDeclines(logged, "hook log");
    assertTrue(logged.jvm().contains("logged problems"), logged.jvm());
  }

  @Test
  void theRealClockAgreesWithTheJvmsWhereNoAgeCanDiffer() throws Exception {
    session("e1", "some task", true);
    render();
    // no test clock: the launcher's now comes from /proc/uptime and the notice's render time
    String json = Events.hook("SessionStart", "real", tmp.resolve("transcripts/real.jsonl"), repo, "\"source\":\"startup\"");
    Path a = copy();
    Launcher.Run fast = launch(a, json, 0, Map.of(), "claude");
    assertTrue(fast.err().contains("fss start: fast"), fast.err());
    assertTrue(fast.out().contains(" ago · claude-code · ended · task: some task"), fast.out());
  }

  @Test
  void theSpooledStartRegistersTheSessionAsTheHookWould() throws Exception {
    session("e1", "some task", true);
    render();
    Path a = copy();
    Path b = copy();
    Files.delete(notice(b));
    String json = Events.hook("SessionStart", "reg", tmp.resolve("transcripts/reg.jsonl"), repo, "\"source\":\"startup\"");
    long clock = renderedAt() + 5_000_000_000L;
    assertTrue(launch(a, json, clock, Map.of(), "claude").err().contains("fss start: fast"));
    launch(b, json, clock, Map.of(), "claude");
    // the next JVM run drains the spooled start into the store
    Map<String, String> env = new HashMap<>(Map.of("HOME", fss.home().toString(), "FSS_HOME", a.toString(),
        "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "FSS_TEST_CLOCK", Long.toString(clock)));
    assertEquals(0, Launcher.run(launcher, env, new byte[0], "list").exit());
    String key = ProjectRoot.key(repo);
    String fast = Files.readString(a.resolve("projects/" + key + "/reg.json"));
    String jvm = Files.readString(b.resolve("projects/" + key + "/reg.json"));
    String stamp = "\"(start_time|last_active)\":\"[^\"]*\"";
    assertEquals(jvm.replaceAll(stamp, "T"), fast.replaceAll(stamp, "T"));
  }

  @Test
  void aFastStartThenSpooledTurnsAreOneSessionAfterTheDrain() throws Exception {
    session("e1", "some task", true);
    render();
    Path home = copy();
    Path t = tmp.resolve("transcripts/later.jsonl");
    String start = Events.hook("SessionStart", "later", t, repo, "\"source\":\"startup\"");
    assertTrue(launch(home, start, renderedAt() + 1_000_000_000L, Map.of(), "claude").err().contains("fss start: fast"));
    new Transcript(t, repo).prompt("the next piece of work").assistant("done");
    Files.writeString(t, "{\"type\":\"system\",\"subtype\":\"turn_duration\",\"durationMs\":6000,\"isSidechain\":false,"
        + "\"timestamp\":\"" + Instant.now().minusSeconds(30) + "\"}\n", java.nio.file.StandardOpenOption.APPEND);
    // the launcher's JVMs below run on the real clock (their environment is only what is given them):
    // the transcript's times are made the file system's, for a run under libfaketime (CI's second)
    Files.writeString(t, Files.readString(t).replaceAll("\"timestamp\":\"[^\"]*\"",
        "\"timestamp\":\"" + fileClock().minusSeconds(30) + "\""));
    // the turn end is spooled too (no JVM): the drain sees the session first in the spool
    Launcher.Run stop = launch(home, Events.hook("Stop", "later", t, repo, null), 0, Map.of(), "claude");
    assertEquals("", stop.out());
    assertTrue(Files.readString(home.resolve("spool/events")).contains("\tStop\tlater\t"));
    Map<String, String> env = new HashMap<>(Map.of("HOME", fss.home().toString(), "FSS_HOME", home.toString(),
        "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
    assertEquals(0, Launcher.run(launcher, env, new byte[0], "list").exit());
    String stored = Files.readString(home.resolve("projects/" + ProjectRoot.key(repo) + "/later.json"));
    assertTrue(stored.contains("the next piece of work") && stored.contains("\"status\":\"active\""), stored);
  }

  @Test
  void aWriteBetweenRenderAndPublishLeavesNoStaleNotice() throws Exception {
    session("racy", "racing", true);
    render();
    SessionStore store = new SessionStore(fss.fssHome(), StoreConfig.defaults(), m -> { });
    String key = ProjectRoot.key(repo);
    io.github.fss.Environment env = new io.github.fss.Environment(
        Map.of("HOME", fss.home().toString(), "FSS_HOME", fss.fssHome().toString(), "FSS_LAUNCHER", launcher.toString()),
        repo, Instant::now);
    Agent claude = AgentRegistry.byName("claude");
    io.github.fss.store.HookLog log = new io.github.fss.store.HookLog(fss.fssHome());
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    Thread renderer = new Thread(() -> {
      while (!stop.get()) {
        PreparedStart.prepare(claude, env, new SessionStore(fss.fssHome(), StoreConfig.defaults(), m -> { }), log,
            repo.toString());
      }
    });
    renderer.start();
    Instant base = Instant.now().minusSeconds(3600);
    int published = 0;
    try {
      for (int i = 0; i < 150; i++) {
        long sec = base.getEpochSecond() + i;
        store.update(key, "racy", s -> s.withLastActive(Instant.ofEpochSecond(sec).toString()));
        // any notice there now was rendered after this write: it shows this version
        try {
          String n = Files.readString(notice(fss.fssHome()));
          published++;
          assertTrue(n.contains("fss_n_l1=" + sec + " "), "stale notice after write " + i + ":\n" + n);
        } catch (java.nio.file.NoSuchFileException e) {
          // withdrawn, not yet rendered again
        }
        Thread.sleep(i % 7);
      }
    } finally {
      stop.set(true);
      renderer.join();
    }
    assertTrue(published >= 0);
  }
}
