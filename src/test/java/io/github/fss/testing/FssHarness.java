package io.github.fss.testing;

import io.github.fss.Environment;
import io.github.fss.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Runs {@link Main} in-process as a user would, with a temp HOME and FSS_HOME. */
public final class FssHarness {
  /** What one run printed and returned. */
  public record Result(int exit, String out, String err) {
    public Result assertOk() {
      if (exit != 0 || !err.isEmpty()) {
        throw new AssertionError("expected success, got exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
      }
      return this;
    }
  }

  private final Path home;
  private final Map<String, String> vars = new HashMap<>();
  /** Each run sees a clock one second later than the last, so "newest first" is deterministic. */
  private final java.util.concurrent.atomic.AtomicLong tick =
      new java.util.concurrent.atomic.AtomicLong(Instant.now().getEpochSecond());
  private Supplier<Instant> clock = () -> Instant.ofEpochSecond(tick.get());

  public FssHarness(Path tempDir) throws IOException {
    this.home = Files.createDirectories(tempDir.resolve("home"));
    vars.put("HOME", home.toString());
    vars.put("FSS_HOME", home.resolve(".fireworks-sessions").toString());
    vars.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    // fss search runs in-process here unless a test turns the search server on (SearchServers)
    vars.put("FSS_SEARCH_IDLE_SECONDS", "0");
  }

  public Path home() {
    return home;
  }

  public Path fssHome() {
    return Path.of(vars.get("FSS_HOME"));
  }

  public FssHarness env(String name, String value) {
    if (value == null) {
      vars.remove(name);
    } else {
      vars.put(name, value);
    }
    return this;
  }

  public FssHarness clock(Supplier<Instant> c) {
    this.clock = c;
    return this;
  }

  /** The environment a command run in {@code cwd} gets, for code called in-process directly. */
  public Environment environment(Path cwd) {
    return new Environment(Map.copyOf(vars), cwd, clock);
  }

  public Result run(Path cwd, String... args) {
    return runWithInput(cwd, "", args);
  }

  public Result runWithInput(Path cwd, String stdin, String... args) {
    return runWithBytes(cwd, stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  public Result runWithBytes(Path cwd, byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    tick.incrementAndGet();
    Environment env = new Environment(Map.copyOf(vars), cwd, clock);
    int rc = Main.run(new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env, args);
    return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A command still running on its own thread (fss ui): what it printed so far, and a way to stop it. */
  public static final class Background {
    private final Thread thread;
    private final ByteArrayOutputStream out;
    private final ByteArrayOutputStream err;

    Background(Thread thread, ByteArrayOutputStream out, ByteArrayOutputStream err) {
      this.thread = thread;
      this.out = out;
      this.err = err;
    }

    public String out() {
      synchronized (out) {
        return out.toString(StandardCharsets.UTF_8);
      }
    }

    public String err() {
      synchronized (err) {
        return err.toString(StandardCharsets.UTF_8);
      }
    }

    /** Waits up to 20 s for a line of stdout starting with {@code prefix}; returns the rest of that line. */
    public String awaitLine(String prefix) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < end) {
        for (String line : out().split("\n")) {
          if (line.startsWith(prefix)) {
            return line.substring(prefix.length()).strip();
          }
        }
        if (!thread.isAlive()) {
          break;
        }
        Thread.sleep(20);
      }
      throw new AssertionError("no line '" + prefix + "…'; stdout:\n" + out() + "\nstderr:\n" + err());
    }

    /** Interrupts the command (as Ctrl-C would end it) and waits for it to return. */
    public void stop() throws InterruptedException {
      thread.interrupt();
      thread.join(10_000);
    }
  }

  /** Starts a long-running command (fss ui) in-process on its own thread. */
  public Background background(Path cwd, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Environment env = new Environment(Map.copyOf(vars), cwd, clock);
    Thread t = new Thread(() -> Main.run(new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env, args),
        "fss-background");
    t.setDaemon(true);
    t.start();
    return new Background(t, out, err);
  }

  /**
   * Sets a file's mtime to this JVM's now. The kernel stamps writes with the real time, which under
   * {@code faketime} (CI runs the suite again 60 days on) is far from the clock fss reads.
   */
  public static Path touchNow(Path file) throws IOException {
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now()));
    return file;
  }

  /** A real git repository with one commit on {@code branch}. */
  public static Path gitRepo(Path dir, String branch) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    git(dir, "init", "-q", "-b", branch);
    git(dir, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "initial commit");
    return dir;
  }

  public static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.add("-C");
    cmd.add(dir.toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("git " + args[0] + " failed: " + out);
    }
  }
}
