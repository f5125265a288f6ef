package io.github.fss.searchd;

import io.github.fss.Environment;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.BufferedInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fss search} as a client of the search server: it sends its argv, folder, environment and
 * clock, and copies the answer's bytes to its own streams. It never loads Lucene, so the process
 * costs little more than the JVM's start. When no server answers, or anything goes wrong, the
 * caller searches in-process, with the same output; when none runs, it then starts one (detached).
 */
public final class SearchClient {
  /** Seconds an idle server lingers; 0 turns the server off (every search runs in-process). */
  public static final String IDLE_VAR = "FSS_SEARCH_IDLE_SECONDS";
  /** Set to 1: a served search says so on stderr, with the server's pid (tests, troubleshooting). */
  public static final String DEBUG_VAR = "FSS_SEARCH_DEBUG";
  /** The flag that makes one search run in-process. */
  public static final String NO_SERVER = "--no-server";
  /** Tells the server's search whether the client's stdout is a terminal (bold matches). */
  public static final String TERMINAL_VAR = "FSS_STDOUT_TERMINAL";

  static final long DEFAULT_IDLE_SECONDS = 600;
  /** How long a server gets to take a request (it reads them at once, whatever it is busy with). */
  static final long ACCEPT_MILLIS = 5_000;

  private SearchClient() {}

  private enum Outcome { ANSWERED, NO_SERVER, OTHER_BUILD, FAILED }

  /**
   * Whether this search may be served: neither --no-server nor FSS_SEARCH_IDLE_SECONDS=0, and the
   * store named by an absolute path (a relative FSS_HOME or HOME means another store in a process
   * whose folder is not the client's).
   */
  public static boolean wanted(Environment env, String[] args) {
    for (String a : args) {
      if (a.equals(NO_SERVER)) {
        return false;
      }
    }
    for (String v : new String[] {"FSS_HOME", "HOME"}) {
      if (env.get(v) != null && !env.get(v).startsWith("/")) {
        return false;
      }
    }
    return idleSeconds(env) > 0;
  }

  /** FSS_SEARCH_IDLE_SECONDS: a whole number of seconds; 0 = no server; anything else the default. */
  public static long idleSeconds(Environment env) {
    String v = env.get(IDLE_VAR);
    if (v != null) {
      try {
        long n = Long.parseLong(v.strip());
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // the default
      }
    }
    return DEFAULT_IDLE_SECONDS;
  }

  /**
   * What {@link #forward} did: the served search's exit code, or null (search in-process); and
   * whether to start a server once that in-process search has printed its output.
   */
  public record Forwarded(Integer exit, boolean startServer) {}

  private static final Forwarded IN_PROCESS = new Forwarded(null, false);

  /**
   * Runs {@code args} (starting with "search") on the server, copying what it printed to
   * {@code out} and {@code err}.
   */
  public static Forwarded forward(Environment env, String version, PrintStream out, PrintStream err, String[] args) {
    try {
      RunDir run = RunDir.of(env.fssHome());
      if (run.exists() && run.unsafeFolder() != null) {
        return IN_PROCESS; // the server refuses it too, and logs why
      }
      byte[] request = Wire.encode(new Wire.Request(BuildId.of(version), env.cwd().toString(), terminal(env),
          env.now().toEpochMilli(), List.of(args), env.vars()));
      Wire.Answer[] answer = new Wire.Answer[1];
      Outcome o = exchange(run, request, answer);
      if (o == Outcome.NO_SERVER || o == Outcome.OTHER_BUILD) {
        // this search runs in-process and then starts the server: measured faster than waiting
        // for a new server and its cold first search, and than starting it beside this search
        // (bench/RESULTS.md). A server of another build is on its way out, its lock about to be
        // free: start ours.
        return new Forwarded(null, o == Outcome.OTHER_BUILD || !starting(run));
      }
      if (o != Outcome.ANSWERED) {
        return IN_PROCESS;
      }
      Wire.Answer a = answer[0];
      err.write(a.err(), 0, a.err().length);
      if ("1".equals(env.get(DEBUG_VAR))) {
        err.println("fss search: served by " + a.by());
      }
      err.flush();
      out.write(a.out(), 0, a.out().length);
      out.flush();
      return new Forwarded(a.exit(), false);
    } catch (IOException | RuntimeException e) {
      return IN_PROCESS;
    }
  }

  /** Starts a server for this FSS_HOME; quietly nothing when it cannot. */
  public static void startServer(Environment env) {
    try {
      start(env);
    } catch (IOException | RuntimeException e) {
      // the next search tries again; this one has answered
    }
  }

  /** As {@code cli.Terminal.bold} decides: only the part the server's process cannot see (a console). */
  private static boolean terminal(Environment env) {
    String force = env.get("FSS_COLOR");
    if ("always".equals(force) || "never".equals(force) || env.get("NO_COLOR") != null
        || "dumb".equals(env.get("TERM"))) {
      return false; // decided by the variables, which the server gets as they are
    }
    return System.console() != null;
  }

  /**
   * One connection: the token and the request out, the server's reply secret and the answer back.
   * A plain {@link Socket}: a Unix-domain {@code SocketChannel} costs a JVM without an archive of it
   * 27 ms to open (a SecureRandom seeded in its initialiser, the SelectorProvider looked up in the jar).
   */
  private static Outcome exchange(RunDir run, byte[] request, Wire.Answer[] answer) throws IOException {
    Address address = Address.read(run);
    if (address == null) {
      return Outcome.NO_SERVER;
    }
    if (run.unsafeFolder() != null) {
      return Outcome.FAILED;
    }
    try (Socket socket = new Socket()) {
      try {
        socket.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), address.port()),
            (int) ACCEPT_MILLIS);
      } catch (IOException e) {
        return Outcome.NO_SERVER; // refused: a server killed without removing its address file
      }
      // a server that does not take the request in time (hung, or on its way out) is given up
      socket.setSoTimeout((int) ACCEPT_MILLIS);
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      byte[] frame = new byte[address.token().length + request.length];
      System.arraycopy(address.token(), 0, frame, 0, address.token().length);
      System.arraycopy(request, 0, frame, address.token().length, request.length);
      out.write(frame);
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      byte[] reply = in.readNBytes(Address.SECRET_CHARS);
      if (reply.length == 0) {
        return Outcome.NO_SERVER; // closed at once: a server on its way out
      }
      if (!MessageDigest.isEqual(reply, address.reply())) {
        return Outcome.FAILED; // not our server: whatever took its port is not listened to
      }
      int status = in.read();
      if (status == Wire.OTHER_BUILD) {
        return Outcome.OTHER_BUILD;
      }
      if (status != Wire.ACCEPTED) {
        return status < 0 ? Outcome.NO_SERVER : Outcome.FAILED;
      }
      // from here the server is searching; it answers or dies (end of stream): no deadline
      socket.setSoTimeout(0);
      answer[0] = Wire.readAnswer(in);
      return Outcome.ANSWERED;
    } catch (IOException e) {
      return Outcome.FAILED;
    }
  }

  /** Whether a server holds the lock without an address file yet: one is starting, no need for another. */
  private static boolean starting(RunDir run) {
    if (!Files.exists(run.lock(), LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(run.lock(),
        java.nio.file.StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      java.nio.channels.FileLock lock = ch.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return true; // another search of this process is looking: it starts one
    } catch (IOException e) {
      return false;
    }
  }

  /** Starts a server for this FSS_HOME, detached: its own session, no terminal, output discarded. */
  static void start(Environment env) throws IOException {
    List<String> cmd = new ArrayList<>();
    for (String setsid : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
      if (Files.isExecutable(Path.of(setsid))) {
        cmd.add(setsid); // a hang-up of the terminal that started it does not end it
        break;
      }
    }
    String launcher = env.get("FSS_LAUNCHER");
    if (launcher != null && Path.of(launcher).isAbsolute() && Files.isExecutable(Path.of(launcher))) {
      cmd.add(launcher);
    } else {
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-XX:+UseSerialGC");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add("io.github.fss.Main");
    }
    cmd.add("search-server");
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .directory(new File("/"))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    // the JVM's own settings (zone, locale) from this process; fss's (FSS_HOME, …) as this search sees them
    pb.environment().putAll(env.vars());
    pb.start();
  }
}
