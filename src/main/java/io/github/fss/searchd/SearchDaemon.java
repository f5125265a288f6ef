package io.github.fss.searchd;

import io.github.fss.Environment;
import io.github.fss.store.AtomicFile;
import io.github.fss.store.HookLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The search server ({@code fss search-server}, started by {@link SearchClient}): one per FSS_HOME,
 * it keeps a JVM warm with the index's classes and files loaded and runs each client's search
 * in-process, the very code {@code fss search --no-server} runs, capturing its output byte for byte.
 * It serves until it has been idle for {@code FSS_SEARCH_IDLE_SECONDS} (10 min by default), a client
 * of another build asks (after an upgrade), or its socket is removed. The lock file decides which
 * process serves; a socket left by a server killed with -9 belongs to nobody holding the lock and is
 * replaced. It prints nothing: what it has to say goes to the hook log, and never a query or a hit.
 */
public final class SearchDaemon {
  /** How often the server looks at its socket file and its idle time. */
  static final long POLL_MILLIS = 250;
  private static final int MAX_REQUEST = 64 << 20;
  /** How long after its start the server warms itself up, when no search came first. */
  static final long WARM_UP_DELAY_MILLIS = 3_000;

  /** One search, run in-process: the CLI's own entry point with the client's environment. */
  public interface Search {
    int run(Environment env, PrintStream out, PrintStream err, String... args);
  }

  private final Environment env;
  private final String build;
  private final Search search;
  private final long idleNanos;
  private final HookLog log;
  private final RunDir run;
  private final long pid = ProcessHandle.current().pid();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong lastUse = new AtomicLong(System.nanoTime());
  private final AtomicInteger served = new AtomicInteger();
  private volatile String stop;
  private Selector selector;

  private SearchDaemon(Environment env, String version, Search search, long idleSeconds) {
    this.env = env;
    this.build = BuildId.of(version);
    this.search = search;
    this.idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
    this.log = new HookLog(env.fssHome());
    this.run = RunDir.of(env.fssHome());
  }

  /** Serves this FSS_HOME's searches until it is time to stop; 0 also when another process serves. */
  public static int serve(Environment env, String version, Search search) {
    long idle = SearchClient.idleSeconds(env);
    if (idle == 0) {
      return 0;
    }
    return new SearchDaemon(env, version, search, idle).serve();
  }

  private int serve() {
    try {
      AtomicFile.privateRoot(env.fssHome());
      AtomicFile.privateDir(run.dir());
    } catch (IOException | RuntimeException e) {
      log.write("search-server", "not serving: cannot make " + run.dir() + " (" + e.getClass().getSimpleName() + ")");
      return 1;
    }
    String unsafe = run.unsafeFolder();
    if (unsafe != null) {
      log.write("search-server", "not serving: " + unsafe);
      return 1;
    }
    try (FileChannel lockFile = FileChannel.open(run.lock(),
        java.util.Set.<java.nio.file.OpenOption>of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS),
        PosixFilePermissions.asFileAttribute(AtomicFile.PRIVATE_FILE))) {
      FileLock lock = awaitLock(lockFile);
      if (lock == null) {
        return 0; // another process serves
      }
      int rc;
      try (lock) {
        rc = serveLocked();
      }
      finishSearches();
      return rc;
    } catch (IOException | RuntimeException e) {
      log.write("search-server", "stopped: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return 1;
    }
  }

  /**
   * The lock, or null when another process holds it: a server serving, or one starting (clients
   * racing to start one), or one on its way out (after an upgrade); the next search starts another.
   */
  private static FileLock awaitLock(FileChannel lockFile) throws IOException {
    try {
      return lockFile.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return null;
    }
  }

  private int serveLocked() throws IOException {
    Path socket = run.socket();
    // holding the lock, any socket here is a dead server's (killed with -9): replace it
    Files.deleteIfExists(socket);
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Selector sel = Selector.open()) {
      server.bind(UnixDomainSocketAddress.of(socket), 64);
      Files.setPosixFilePermissions(socket, AtomicFile.PRIVATE_FILE);
      Object key = fileKey(socket);
      AtomicFile.write(run.pid(), (pid + "\n").getBytes(StandardCharsets.UTF_8));
      log.write("search-server", "serving " + socket + " (pid " + pid + ", idle exit after "
          + TimeUnit.NANOSECONDS.toSeconds(idleNanos) + " s)");
      selector = sel;
      server.configureBlocking(false);
      server.register(sel, SelectionKey.OP_ACCEPT);
      warmUp();
      while (stop == null) {
        sel.select(POLL_MILLIS);
        sel.selectedKeys().clear();
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
          SocketChannel client = ch;
          Thread t = new Thread(() -> handle(client), "fss-search-" + served.get());
          t.setDaemon(true);
          t.start();
        }
        if (!Objects.equals(key, fileKey(socket))) {
          stop = "its socket was removed";
        } else if (active.get() == 0 && System.nanoTime() - lastUse.get() > idleNanos) {
          stop = "idle";
        }
      }
      if (Objects.equals(key, fileKey(socket))) {
        Files.deleteIfExists(socket);
      }
      Files.deleteIfExists(run.pid());
    }
    log.write("search-server", "stopped (pid " + pid + ", " + served.get() + " searches): " + stop);
    return 0;
  }

  /**
   * Lets the searches under way finish before the JVM ends (their clients would otherwise run them
   * again); by then the lock is free, so a new server can start meanwhile.
   */
  private void finishSearches() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (active.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * One search of its own, output discarded, on a thread while requests are taken, a few seconds
   * after the start: the client that started this server searched in-process, and the next one
   * should find Lucene's classes, the index files and the JIT warm. It is an ordinary search (it
   * brings the index up to date).
   */
  private void warmUp() {
    Thread t = new Thread(() -> {
      try {
        // not beside the search of the client that started this server: both would compete for the
        // cores and the index lock (measured: the first search took 2.2x as long)
        Thread.sleep(WARM_UP_DELAY_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      if (served.get() > 0 || active.get() > 0 || stop != null) {
        return; // a client's search warmed it
      }
      active.incrementAndGet();
      try {
        PrintStream none = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        search.run(env, none, none, "search", "--all", "--limit", "1", "fss");
      } catch (RuntimeException | StackOverflowError e) {
        // only a warm-up
      } finally {
        lastUse.set(System.nanoTime());
        active.decrementAndGet();
      }
    }, "fss-search-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private static Object fileKey(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /** One connection: read the request, answer at once that it is taken, search, send the output. */
  private void handle(SocketChannel ch) {
    boolean counted = false;
    try (ch) {
      ch.configureBlocking(true);
      InputStream in = Channels.newInputStream(ch);
      OutputStream out = Channels.newOutputStream(ch);
      DataInputStream d = new DataInputStream(in);
      int n = d.readInt();
      if (n < 0 || n > MAX_REQUEST) {
        return;
      }
      byte[] frame = new byte[n];
      d.readFully(frame);
      Wire.Request req = Wire.readRequest(new ByteArrayInputStream(frame));
      if (!req.build().equals(build)) {
        out.write(Wire.OTHER_BUILD);
        out.flush();
        stop("a client of another build asked (an upgrade)");
        return;
      }
      if (req.args().isEmpty() || !req.args().get(0).equals("search") || stop != null) {
        return; // closed without an answer: the client searches in-process
      }
      active.incrementAndGet();
      counted = true;
      out.write(Wire.ACCEPTED);
      out.flush();
      Map<String, String> vars = new HashMap<>(req.env());
      vars.put(SearchClient.TERMINAL_VAR, req.terminal() ? "1" : "0");
      // the search happens when it was typed: ages and --since 7d count from the client's clock
      Instant clientNow = Instant.ofEpochMilli(req.nowMillis());
      Environment searchEnv = new Environment(Map.copyOf(vars), Path.of(req.cwd()), () -> clientNow);
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      PrintStream po = new PrintStream(stdout, false, StandardCharsets.UTF_8);
      PrintStream pe = new PrintStream(stderr, true, StandardCharsets.UTF_8);
      int rc = search.run(searchEnv, po, pe, req.args().toArray(new String[0]));
      po.flush();
      pe.flush();
      int number = served.incrementAndGet();
      Wire.writeAnswer(out, new Wire.Answer(rc, stdout.toByteArray(), stderr.toByteArray(),
          "the search server (pid " + pid + ", search " + number + ")"));
    } catch (IOException | RuntimeException e) {
      // a client gone, or not speaking the protocol: nothing to answer; it searches in-process
    } catch (StackOverflowError | OutOfMemoryError e) {
      stop("out of stack or memory (" + e.getClass().getSimpleName() + ")");
    } finally {
      if (counted) {
        lastUse.set(System.nanoTime());
        active.decrementAndGet();
      }
    }
  }

  private void stop(String why) {
    if (stop == null) {
      stop = why;
    }
    Selector sel = selector;
    if (sel != null) {
      sel.wakeup();
    }
  }
}
