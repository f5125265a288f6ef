package io.github.fss.searchd;

import io.github.fss.Environment;
import io.github.fss.store.AtomicFile;
import io.github.fss.store.HookLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.security.MessageDigest;
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
 * of another build asks (after an upgrade), or its address file is removed. It listens on a TCP port
 * of 127.0.0.1 that it writes, with two fresh secrets, into that 0600 file of the 0700 run folder: a
 * client proves it may ask by sending the first, the server that it is the one by answering the
 * second (measured: a Unix-domain socket costs a JDK client 27 ms to open, a loopback TCP socket
 * ~1 ms, and a shell can speak TCP with no JVM at all). The lock file decides which process serves;
 * an address file left by a server killed with -9 belongs to nobody holding the lock and is replaced. It prints nothing: what it has to say goes to the hook log, and never a query or a hit.
 */
public final class SearchDaemon {
  /** How often the server looks at its address file and its idle time. */
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
  private final String launcherBuild = BuildId.ofLauncher();
  private final AtomicInteger refused = new AtomicInteger();
  private volatile String stop;
  private volatile ServerSocket listener;
  private volatile Address me;

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
    Path address = run.address();
    // holding the lock, any address file here is a dead server's (killed with -9): replace it
    Files.deleteIfExists(address);
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 64);
      server.setSoTimeout((int) POLL_MILLIS);
      String launcher = System.getenv(BuildId.LAUNCHER_VAR);
      me = Address.fresh(server.getLocalPort(), pid,
          launcher == null || launcher.contains("\n") || launcherBuild == null ? "" : launcher);
      AtomicFile.write(address, me.text());
      Object key = fileKey(address);
      if (key == null) {
        stop("its address file was removed"); // as soon as it was written
      }
      AtomicFile.write(run.pid(), (pid + "\n").getBytes(StandardCharsets.UTF_8));
      log.write("search-server", "serving 127.0.0.1:" + server.getLocalPort() + " (pid " + pid + ", idle exit after "
          + TimeUnit.NANOSECONDS.toSeconds(idleNanos) + " s)");
      listener = server;
      warmUp();
      while (stop == null) {
        try {
          Socket client = server.accept();
          Thread t = new Thread(() -> handle(client), "fss-search-" + served.get());
          t.setDaemon(true);
          t.start();
        } catch (SocketTimeoutException e) {
          // time to look at the address file and the idle time
        } catch (IOException e) {
          if (stop == null) {
            throw e;
          }
        }
        if (stop == null && !Objects.equals(key, fileKey(address))) {
          stop("its address file was removed");
        } else if (active.get() == 0 && System.nanoTime() - lastUse.get() > idleNanos) {
          stop("idle");
        }
      }
      if (Objects.equals(key, fileKey(address))) {
        Files.deleteIfExists(address);
      }
      Files.deleteIfExists(run.pid());
    }
    log.write("search-server", "stopped (pid " + pid + ", " + served.get() + " searches"
        + (refused.get() > 0 ? ", " + refused.get() + " connections refused" : "") + "): " + stop);
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

  /**
   * One connection: the token, then the request; answer at once that it is taken (after the reply
   * secret), search, send the output. A connection without the token gets nothing.
   */
  private void handle(Socket socket) {
    boolean counted = false;
    try (socket) {
      // a client sends its token and request at once; a stray connection does not hold a thread
      socket.setSoTimeout((int) SearchClient.ACCEPT_MILLIS);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
      OutputStream out = socket.getOutputStream();
      byte[] token;
      try {
        token = in.readNBytes(Address.SECRET_CHARS);
      } catch (SocketTimeoutException e) {
        token = new byte[0];
      }
      if (!MessageDigest.isEqual(token, me.token())) {
        refuse(token.length < Address.SECRET_CHARS ? "no token" : "a wrong token");
        return;
      }
      Wire.Request req = Wire.readRequest(new BoundedInput(in, MAX_REQUEST));
      socket.setSoTimeout(0);
      boolean ours = req.build().equals(build) || launcherBuild != null && req.build().equals(launcherBuild);
      if (!ours) {
        out.write(me.reply());
        out.write(Wire.OTHER_BUILD);
        out.flush();
        stop("a client of another build asked (an upgrade)");
        return;
      }
      if (req.args().isEmpty() || !req.args().get(0).equals("search") || stop != null) {
        return; // closed without an answer: the client searches in-process
      }
      // the folder or the file opened to others since the start: not answered, whichever client
      // asks (the shell client cannot read modes without a fork); the client searches in-process
      String unsafe = run.unsafeFolder() != null ? run.unsafeFolder() : run.unsafeAddress();
      if (unsafe != null) {
        refuse(unsafe);
        return;
      }
      active.incrementAndGet();
      counted = true;
      out.write(me.reply());
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
      Wire.writeAnswer(new BufferedOutputStream(out, 1 << 16), new Wire.Answer(rc, stdout.toByteArray(),
          stderr.toByteArray(), "the search server (pid " + pid + ", search " + number + ")"));
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

  /** Notes a connection refused for want of the token (the first few: a stray writer must not fill the log). */
  private void refuse(String why) {
    if (refused.incrementAndGet() <= 10) {
      log.write("search-server", "refused a connection on its port: " + why + " (pid " + pid + ")");
    }
  }

  /** At most {@code left} bytes of a request: a stray writer cannot make the server read without end. */
  private static final class BoundedInput extends java.io.FilterInputStream {
    private long left;

    BoundedInput(InputStream in, long max) {
      super(in);
      this.left = max;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        throw new IOException("request too large");
      }
      int c = super.read();
      if (c >= 0) {
        left--;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        throw new IOException("request too large");
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }

  private void stop(String why) {
    if (stop == null) {
      stop = why;
    }
    ServerSocket l = listener;
    if (l != null) {
      try {
        l.close(); // ends a waiting accept at once
      } catch (IOException e) {
        // the loop sees stop within its poll either way
      }
    }
  }
}
