package io.github.fss.searchd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.Launcher;
import io.github.fss.testing.SearchServers;
import io.github.fss.testing.Transcript;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fss search} through an installed launcher, answered by the search server from bash with no
 * JVM (bin/fss's shell client): its output and exit code are those of {@code --no-server} byte for
 * byte, whatever the arguments hold, and when it cannot be served it runs the JVM exactly as before.
 * Ages count from the real clock here (separate processes; the sessions are days old): a served
 * answer is compared with the in-process ones just before and after it, one of which it equals even
 * across a day's turn.
 */
class SearchShellClientTest {
  private static final Pattern BY = Pattern.compile(
      "fss search: served by the search server \\(pid (\\d+), search \\d+\\)( to the shell client)?\n");

  @TempDir Path tmp;
  FssHarness fss;
  Path shop;
  Path launcher;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    // sessions of three days ago: ages printed in days, the same in runs seconds apart
    java.time.Instant then = java.time.Instant.now().minus(java.time.Duration.ofDays(3));
    fss.clock(() -> then);
    shop = FssHarness.gitRepo(tmp.resolve("shop"), "main");
    for (String id : new String[] {"s1", "s2"}) {
      Transcript t = new Transcript(tmp.resolve("t").resolve(id + ".jsonl"), shop);
      fss.runWithInput(shop, Events.hook("SessionStart", id, t.file(), shop, "\"source\":\"startup\""), "hook", "claude");
      t.prompt("rotate the signing keys of " + id + " — ключи «ротация» ✓")
          .assistant("Rotated the signing keys; it's done, \"old ones\" expire tomorrow.\nSecond line\ttabbed.");
      assertEquals(0, fss.runWithInput(shop, Events.hook("Stop", id, t.file(), shop, null), "hook", "claude").exit());
    }
    launcher = Launcher.installWithLibraries(tmp.resolve("bin"), Launcher.java());
    env = new HashMap<>(Map.of("HOME", fss.home().toString(), "FSS_HOME", fss.fssHome().toString(),
        "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "FSS_SEARCH_IDLE_SECONDS", "120",
        "FSS_SEARCH_DEBUG", "1", "LANG", "C.UTF-8"));
  }

  @AfterEach
  void tearDown() throws Exception {
    SearchServers.stop(fss.fssHome(), false);
  }

  /** One launcher run in the project folder: exit, stdout, stderr (debug line included). */
  Launcher.Run run(Path which, Map<String, String> vars, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", shop.toString(),
        which.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(vars);
    Process p = pb.start();
    p.getOutputStream().close();
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    Thread o = new Thread(() -> copy(p.getInputStream(), out));
    Thread e = new Thread(() -> copy(p.getErrorStream(), err));
    o.start();
    e.start();
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "launcher did not finish: " + List.of(args));
    o.join();
    e.join();
    return new Launcher.Run(p.exitValue(), out.toString(java.nio.charset.StandardCharsets.UTF_8),
        err.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void copy(java.io.InputStream in, java.io.OutputStream to) {
    try {
      in.transferTo(to);
    } catch (java.io.IOException ignored) {
      // process gone
    }
  }

  Launcher.Run run(String... args) throws Exception {
    return run(launcher, env, args);
  }

  /** "shell", "java" or "" (in-process), from the debug line. */
  static String servedBy(Launcher.Run r) {
    Matcher m = BY.matcher(r.err());
    return !m.find() ? "" : m.group(2) != null ? "shell" : "java";
  }

  static long pid(Launcher.Run r) {
    Matcher m = BY.matcher(r.err());
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  static Launcher.Run plain(Launcher.Run r) {
    return new Launcher.Run(r.exit(), r.out(), BY.matcher(r.err()).replaceAll(""));
  }

  /** Searches until the shell client is answered (the first search runs in-process and starts the server). */
  Launcher.Run servedByShell(String... args) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    Launcher.Run r;
    do {
      r = run(args);
      if (servedBy(r).equals("shell")) {
        return r;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < end);
    throw new AssertionError("the shell client was never served; last stderr:\n" + r.err());
  }

  /** The served run equals --no-server's just before or just after it, byte for byte. */
  void sameAsInProcess(String... args) throws Exception {
    String[] local = java.util.Arrays.copyOf(args, args.length + 1);
    local[args.length] = "--no-server";
    Launcher.Run before = run(local);
    Launcher.Run served = run(args);
    Launcher.Run after = run(local);
    assertEquals("", servedBy(before), before.err());
    assertEquals("shell", servedBy(served), List.of(args) + ": " + served.err());
    Launcher.Run p = plain(served);
    assertTrue(p.equals(before) || p.equals(after), List.of(args) + "\nserved: " + p + "\nin-process: " + before);
  }

  @Test
  void theShellClientPrintsWhatTheInProcessSearchPrints() throws Exception {
    servedByShell("search", "signing");
    sameAsInProcess("search", "signing");
    sameAsInProcess("search", "signing", "--json");
    sameAsInProcess("search", "zebra"); // no hit
    sameAsInProcess("search", "zebra", "--all");
    sameAsInProcess("search"); // usage errors
    sameAsInProcess("search", "x", "--bogus");
    sameAsInProcess("search", "(unclosed OR");
    sameAsInProcess("search", "\"old ones\"", "--all", "--limit", "1");
    sameAsInProcess("search", "it's \"signing\"");
    sameAsInProcess("search", "signing\nkeys");
    sameAsInProcess("search", "ключи «ротация» ✓");
    sameAsInProcess("search", "  spaced   words  ", "--project", shop.toString());
    sameAsInProcess("search", "keys", "--project", "/no/such dir/ü");
    sameAsInProcess("search", "keys", "--since", "7d");
    Launcher.Run help = run("search", "--help");
    assertEquals("shell", servedBy(help));
    // the user's settings reach the server's search: bold marks as on a terminal
    env.put("FSS_COLOR", "always");
    Launcher.Run bold = run("search", "signing");
    assertEquals("shell", servedBy(bold), bold.err());
    assertTrue(bold.out().contains("\033[1msigning\033[0m"), bold.out());
  }

  @Test
  void aDeadServerFallsBackToTheJvmWithTheSameOutputAndIsReplaced() throws Exception {
    long pid = pid(servedByShell("search", "signing"));
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    assertTrue(SearchServers.awaitExit(pid));
    assertTrue(java.nio.file.Files.exists(fss.fssHome().resolve("run/search.addr")), "a stale address file is left");
    Launcher.Run before = run("search", "signing", "--no-server");
    Launcher.Run after = run("search", "signing");
    assertEquals("", servedBy(after), after.err());
    assertEquals(before, plain(after));
    long next = pid(servedByShell("search", "signing"));
    assertNotEquals(pid, next);
  }

  @Test
  void theJvmClientCanBeChosenAndAnotherInstallsLauncherNeverUsesTheShellClient() throws Exception {
    long pid = pid(servedByShell("search", "signing"));
    Map<String, String> java = new HashMap<>(env);
    java.put("FSS_SEARCH_CLIENT", "java");
    Launcher.Run forced = run(launcher, java, "search", "signing");
    assertEquals("java", servedBy(forced), forced.err());
    assertEquals(pid, pid(forced));
    // a launcher of another install (another FSS_BUILD) leaves this server to the JVM's client,
    // whose build (the same classes here) the server then checks itself
    Path other = Launcher.installWithLibraries(tmp.resolve("other-bin"), Launcher.java());
    Launcher.Run r = run(other, env, "search", "signing");
    assertEquals("java", servedBy(r), r.err());
    assertEquals(pid, pid(r));
    // --no-server and FSS_SEARCH_IDLE_SECONDS=0 are searched in-process without asking
    assertEquals("", servedBy(run("search", "signing", "--no-server")));
    Map<String, String> off = new HashMap<>(env);
    off.put("FSS_SEARCH_IDLE_SECONDS", "0");
    assertEquals("", servedBy(run(launcher, off, "search", "signing")));
  }

  @Test
  void aClientUnderAnotherTimeZoneMakesTheServerExitAndGetsTheSameOutput() throws Exception {
    long pid = pid(servedByShell("search", "signing"));
    Map<String, String> zoned = new HashMap<>(env);
    zoned.put("TZ", "Asia/Kolkata");
    Launcher.Run local = run(launcher, zoned, "search", "signing", "--no-server");
    Launcher.Run r = run(launcher, zoned, "search", "signing");
    assertEquals("", servedBy(r), r.err());
    assertEquals(local, plain(r));
    assertTrue(SearchServers.awaitExit(pid), "the server of another time zone still runs");
  }
}
