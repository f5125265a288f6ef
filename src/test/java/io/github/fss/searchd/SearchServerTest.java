package io.github.fss.searchd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import io.github.fss.testing.SearchServers;
import io.github.fss.testing.Transcript;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search server from the outside: searches run as a user runs them (FSS_SEARCH_DEBUG=1 makes a
 * served one say which server answered), the server a separate process started by the first.
 */
class SearchServerTest {
  @TempDir Path tmp;
  FssHarness fss;
  Path shop;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp).env("FSS_SEARCH_IDLE_SECONDS", "120").env("FSS_SEARCH_DEBUG", "1");
    shop = FssHarness.gitRepo(tmp.resolve("shop"), "main");
    for (String id : new String[] {"s1", "s2"}) {
      Transcript t = new Transcript(tmp.resolve("t").resolve(id + ".jsonl"), shop);
      fss.runWithInput(shop, Events.hook("SessionStart", id, t.file(), shop, "\"source\":\"startup\""), "hook", "claude");
      t.prompt("rotate the signing keys of " + id).assistant("Rotated the signing keys; the old ones expire tomorrow.");
      assertEquals(0, fss.runWithInput(shop, Events.hook("Stop", id, t.file(), shop, null), "hook", "claude").exit());
    }
    // one clock for every search from here: two runs compared byte for byte print the same ages
    java.time.Instant at = java.time.Instant.now().plusSeconds(30);
    fss.clock(() -> at);
  }

  @AfterEach
  void tearDown() throws Exception {
    SearchServers.stop(fss.fssHome(), false);
  }

  Path run() {
    return fss.fssHome().resolve("run");
  }

  /** Searches until a server answers (the first search may have run in-process while one started). */
  Result served(String... args) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    Result r;
    do {
      r = fss.run(shop, args);
      if (SearchServers.pid(r) > 0) {
        return r;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < end);
    throw new AssertionError("no search server answered; last stderr:\n" + r.err() + "\nlog:\n" + log());
  }

  String log() throws Exception {
    Path log = fss.fssHome().resolve("log/hook.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Test
  void aSecondSearchIsServedByTheSameServerWithTheInProcessBytes() throws Exception {
    Result first = served("search", "signing");
    long pid = SearchServers.pid(first);
    Result second = fss.run(shop, "search", "signing");
    assertEquals(pid, SearchServers.pid(second), second.err());
    assertTrue(SearchServers.number(second) > SearchServers.number(first), second.err());
    assertEquals(pid, SearchServers.pidFile(fss.fssHome()));
    String[][] cases = {
        {"search", "signing"}, {"search", "signing", "--json"}, {"search", "\"old ones\"", "--all", "--limit", "1"},
        {"search", "(unclosed OR"}, {"search"}, {"search", "x", "--bogus"}, {"search", "--help"},
        {"search", "keys", "--since", "someday"}, {"search", "keys", "--project", "/no/such/dir"}};
    for (String[] c : cases) {
      Result local = fss.run(shop, with(c, "--no-server"));
      assertEquals(-1, SearchServers.pid(local), local.err());
      Result remote = fss.run(shop, c);
      assertEquals(pid, SearchServers.pid(remote), String.join(" ", c) + ": " + remote.err());
      assertEquals(local, SearchServers.plain(remote), String.join(" ", c));
    }
    // bold marks as on a terminal: the client's settings reach the server's search
    fss.env("FSS_COLOR", "always");
    Result bold = fss.run(shop, "search", "signing");
    assertEquals(pid, SearchServers.pid(bold));
    assertTrue(bold.out().contains("\033[1msigning\033[0m"), bold.out());
    assertEquals(fss.run(shop, "search", "signing", "--no-server"), SearchServers.plain(bold));
  }

  @Test
  void aServedSearchSeesSessionsIndexedAfterItsReaderWasOpened() throws Exception {
    long pid = SearchServers.pid(served("search", "signing"));
    Result none = fss.run(shop, "search", "pelican");
    assertEquals(pid, SearchServers.pid(none), none.err());
    assertFalse(none.out().contains("s3"), none.out());
    Transcript t = new Transcript(tmp.resolve("t").resolve("s3.jsonl"), shop);
    fss.runWithInput(shop, Events.hook("SessionStart", "s3", t.file(), shop, "\"source\":\"startup\""), "hook", "claude");
    t.prompt("feed the pelican").assistant("The pelican is fed.");
    assertEquals(0, fss.runWithInput(shop, Events.hook("Stop", "s3", t.file(), shop, null), "hook", "claude").exit());
    Result found = fss.run(shop, "search", "pelican");
    assertEquals(pid, SearchServers.pid(found), found.err());
    assertTrue(found.out().contains("fss restore s3"), found.out());
    assertEquals(fss.run(shop, "search", "pelican", "--no-server"), SearchServers.plain(found));
    // and an index rebuilt from scratch by another process under the kept reader
    assertEquals(0, fss.run(shop, "index", "--rebuild").exit());
    Result rebuilt = fss.run(shop, "search", "signing");
    assertEquals(pid, SearchServers.pid(rebuilt), rebuilt.err());
    assertEquals(fss.run(shop, "search", "signing", "--no-server"), SearchServers.plain(rebuilt));
    Result again = fss.run(shop, "search", "pelican");
    assertEquals(fss.run(shop, "search", "pelican", "--no-server"), SearchServers.plain(again));
  }

  @Test
  void onlyTheUserCanReachTheServer() throws Exception {
    served("search", "signing");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(run(), LinkOption.NOFOLLOW_LINKS)));
    Path address = run().resolve("search.addr");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(address, LinkOption.NOFOLLOW_LINKS)));
    assertEquals(System.getProperty("user.name"), Files.getOwner(address, LinkOption.NOFOLLOW_LINKS).getName());
    assertTrue(Files.isRegularFile(address, LinkOption.NOFOLLOW_LINKS));
    assertFalse(log().contains("rotate"), "the server logs no transcript text");
    assertFalse(log().contains("signing"), "nor a query");
  }

  @Test
  void aRunFolderOpenToOthersIsNeverUsed() throws Exception {
    Files.createDirectories(run());
    Files.setPosixFilePermissions(run(), PosixFilePermissions.fromString("rwxr-xr-x"));
    Result r = fss.run(shop, "search", "signing");
    assertEquals(-1, SearchServers.pid(r), r.err());
    assertEquals(fss.run(shop, "search", "signing", "--no-server"), r);
    assertFalse(Files.exists(run().resolve("search.addr"), LinkOption.NOFOLLOW_LINKS));
    // nor a link standing for the folder
    Files.delete(run());
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
    Files.createSymbolicLink(run(), elsewhere);
    Result linked = fss.run(shop, "search", "signing");
    assertEquals(-1, SearchServers.pid(linked), linked.err());
    assertEquals(0, linked.exit());
    try (var list = Files.list(elsewhere)) {
      assertEquals(0, list.count());
    }
    Files.delete(run());
  }

  @Test
  void aServerKilledWithSigkillIsReplaced() throws Exception {
    long pid = SearchServers.pid(served("search", "signing"));
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    assertTrue(SearchServers.awaitExit(pid));
    assertTrue(Files.exists(run().resolve("search.addr"), LinkOption.NOFOLLOW_LINKS), "a stale address file is left");
    Result after = fss.run(shop, "search", "signing");
    assertEquals(fss.run(shop, "search", "signing", "--no-server"), SearchServers.plain(after));
    long replacement = SearchServers.pid(served("search", "signing"));
    assertNotEquals(pid, replacement);
    assertEquals(replacement, SearchServers.pidFile(fss.fssHome()));
  }

  @Test
  void clientsRacingToStartAServerLeaveOne() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Result>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(pool.submit(() -> fss.run(shop, "search", "signing")));
    }
    Set<Long> pids = new HashSet<>();
    String expected = fss.run(shop, "search", "signing", "--no-server").out();
    for (Future<Result> f : runs) {
      Result r = f.get(120, TimeUnit.SECONDS);
      assertEquals(0, r.exit(), r.err());
      assertEquals(expected, r.out());
      if (SearchServers.pid(r) > 0) {
        pids.add(SearchServers.pid(r));
      }
    }
    pool.shutdown();
    assertTrue(pids.size() <= 1, "answered by " + pids);
    long pid = SearchServers.pid(served("search", "signing"));
    // the losers of the race see the winner's lock and socket and exit
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (servers().size() > 1 && System.nanoTime() < end) {
      Thread.sleep(100);
    }
    assertEquals(List.of(pid), servers());
  }

  List<Long> servers() {
    return SearchServers.running(fss.fssHome());
  }

  @Test
  void anIdleServerExitsAndRemovesItsAddressFile() throws Exception {
    fss.env("FSS_SEARCH_IDLE_SECONDS", "1");
    long pid = SearchServers.pid(served("search", "signing"));
    assertTrue(SearchServers.awaitExit(pid), "still running");
    assertFalse(Files.exists(run().resolve("search.addr"), LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.exists(run().resolve("search.pid")));
    assertTrue(log().contains("(pid " + pid + ", "), log());
    assertTrue(log().contains(": idle"), log());
  }

  @Test
  void removingTheAddressFileStopsTheServer() throws Exception {
    long pid = SearchServers.pid(served("search", "signing"));
    Files.delete(run().resolve("search.addr"));
    assertTrue(SearchServers.awaitExit(pid), "still running");
    assertTrue(log().contains("its address file was removed"), log());
  }

  /** The address file as the server wrote it: port, token, reply secret, pid. */
  Address address() throws Exception {
    return Address.read(RunDir.of(fss.fssHome()));
  }

  /** Opens a connection to the server's port and sends {@code bytes}; what came back until it closed. */
  byte[] exchange(byte[] bytes) throws Exception {
    try (Socket s = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), address().port())) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write(bytes);
      s.getOutputStream().flush();
      s.shutdownOutput();
      try {
        return s.getInputStream().readAllBytes();
      } catch (java.io.IOException reset) {
        return new byte[0]; // closed with our bytes unread: a reset, as good as an end
      }
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  byte[] request(String build) {
    return Wire.encode(new Wire.Request(build, shop.toString(), false, System.currentTimeMillis(),
        List.of("search", "signing"), Map.of("HOME", fss.home().toString(), "FSS_HOME", fss.fssHome().toString())));
  }

  @Test
  void aClientOfAnotherBuildMakesTheServerExitAndTheNextSearchStartsAnother() throws Exception {
    long pid = SearchServers.pid(served("search", "signing"));
    Address a = address();
    byte[] answer = exchange(concat(a.token(), request("fss 0.0.1|an older jar")));
    assertEquals(new String(a.reply(), StandardCharsets.US_ASCII) + "B", new String(answer, StandardCharsets.US_ASCII));
    assertTrue(SearchServers.awaitExit(pid), "the old server still runs");
    assertTrue(log().contains("another build"), log());
    long next = SearchServers.pid(served("search", "signing"));
    assertNotEquals(pid, next);
  }

  @Test
  void aConnectionWithoutTheTokenGetsNothingAndTheServerServesOn() throws Exception {
    long pid = SearchServers.pid(served("search", "signing"));
    Address a = address();
    byte[] wrong = a.token().clone();
    wrong[0] = (byte) (wrong[0] == 'a' ? 'b' : 'a');
    String build = BuildId.of(io.github.fss.Main.VERSION);
    assertEquals(0, exchange(concat(wrong, request(build))).length, "a wrong token is answered");
    assertEquals(0, exchange("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).length);
    assertEquals(0, exchange(new byte[0]).length);
    // another build's request with a wrong token does not make it exit either
    assertEquals(0, exchange(concat(wrong, request("fss 0.0.1|an older jar"))).length);
    assertTrue(log().contains("refused a connection on its port: a wrong token"), log());
    assertTrue(log().contains("refused a connection on its port: no token"), log());
    Result after = fss.run(shop, "search", "signing");
    assertEquals(pid, SearchServers.pid(after), after.err());
    assertEquals(fss.run(shop, "search", "signing", "--no-server"), SearchServers.plain(after));
    // the right token: the server's reply secret, then the answer (the test's JVM is the client's build)
    String text = new String(exchange(concat(a.token(), request(build))), StandardCharsets.UTF_8);
    assertTrue(text.startsWith(new String(a.reply(), StandardCharsets.US_ASCII) + "A0 "), text);
    assertTrue(text.contains("fss restore s1"), text);
  }

  @Test
  void theAddressFileIsPrivateAndOneOpenToOthersOrALinkIsNotUsed() throws Exception {
    long pid = SearchServers.pid(served("search", "signing"));
    Path file = run().resolve("search.addr");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)));
    List<String> lines = Files.readAllLines(file);
    assertEquals(Address.HEADER, lines.get(0));
    assertEquals(String.valueOf(pid), lines.get(4));
    assertTrue(lines.get(2).matches("[0-9a-f]{64}") && lines.get(3).matches("[0-9a-f]{64}"), lines.toString());
    assertNotEquals(lines.get(2), lines.get(3));
    String expected = fss.run(shop, "search", "signing", "--no-server").out();
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Result open = fss.run(shop, "search", "signing");
    assertEquals(-1, SearchServers.pid(open), open.err());
    assertEquals(expected, open.out());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Path real = tmp.resolve("addr-copy");
    Files.copy(file, real);
    Path kept = run().resolve("search.addr.kept");
    Files.move(file, kept);
    Files.createSymbolicLink(file, real);
    Result linked = fss.run(shop, "search", "signing");
    assertEquals(-1, SearchServers.pid(linked), linked.err());
    assertEquals(expected, linked.out());
    Files.delete(file);
    Files.move(kept, file);
    assertEquals(pid, SearchServers.pid(fss.run(shop, "search", "signing")));
  }

  @Test
  void aProcessOnADeadServersPortIsNotBelieved() throws Exception {
    long pid = SearchServers.pid(served("search", "signing"));
    Address a = address();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    assertTrue(SearchServers.awaitExit(pid));
    String expected = fss.run(shop, "search", "signing", "--no-server").out();
    // someone else listens on the port now, and answers whatever comes with a made-up result
    java.net.ServerSocket impostor;
    try {
      impostor = new java.net.ServerSocket(a.port(), 5, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    } catch (java.net.BindException portTaken) {
      return; // another process took the port first: nothing to show here
    }
    try (impostor) {
      Thread t = new Thread(() -> {
        try (Socket s = impostor.accept()) {
          s.getInputStream().readNBytes(64);
          s.getOutputStream().write(("0".repeat(64) + "A0 6 0 3\nFAKED\nbad").getBytes(StandardCharsets.US_ASCII));
        } catch (java.io.IOException e) {
          // done
        }
      });
      t.start();
      Result r = fss.run(shop, "search", "signing");
      t.join(30_000);
      assertEquals(-1, SearchServers.pid(r), r.err());
      assertEquals(expected, r.out());
    }
  }

  @Test
  void theClientProcessLoadsNoLucene() throws Exception {
    served("search", "signing");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-verbose:class", "-cp", System.getProperty("java.class.path"),
        "io.github.fss.Main", "search", "signing").directory(shop.toFile()).redirectErrorStream(true);
    pb.environment().put("HOME", fss.home().toString());
    pb.environment().put("FSS_HOME", fss.fssHome().toString());
    pb.environment().put("FSS_SEARCH_IDLE_SECONDS", "120");
    pb.environment().put("FSS_SEARCH_DEBUG", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("fss search: served by the search server"), out);
    assertTrue(out.contains("fss restore s1"), out);
    assertFalse(out.contains("org.apache.lucene"), "the client loaded Lucene");
    assertFalse(out.contains("io.github.fss.history."), "the client loaded the index code");
    // the costs of a Unix-domain SocketChannel: a seeded SecureRandom, a SelectorProvider looked up
    assertFalse(out.contains("java.security.SecureRandom "), "the client seeded a SecureRandom");
    assertFalse(out.contains("java.nio.channels.spi.SelectorProvider "), "the client looked up NIO's provider");
  }

  @Test
  void theServerVerbIsNotListed() {
    assertFalse(fss.run(shop, "--help").out().contains("search-server"));
  }

  private static String[] with(String[] a, String extra) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = extra;
    return out;
  }
}
