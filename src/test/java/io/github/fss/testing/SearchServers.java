package io.github.fss.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The search server a test's searches started: who it is, and stopping it before the temp dir goes. */
public final class SearchServers {
  private SearchServers() {}

  /** The line a served search adds to stderr under FSS_SEARCH_DEBUG=1. */
  private static final Pattern SERVED =
      Pattern.compile("fss search: served by the search server \\(pid (\\d+), search (\\d+)\\)( to the shell client)?\n");

  /** The pid of the server that answered, or -1 when the search ran in-process. */
  public static long pid(FssHarness.Result r) {
    Matcher m = SERVED.matcher(r.err());
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Which search of its server this was (1 for the first), or -1. */
  public static int number(FssHarness.Result r) {
    Matcher m = SERVED.matcher(r.err());
    return m.find() ? Integer.parseInt(m.group(2)) : -1;
  }

  /** The result without the debug line: what the user sees. */
  public static FssHarness.Result plain(FssHarness.Result r) {
    return new FssHarness.Result(r.exit(), r.out(), SERVED.matcher(r.err()).replaceAll(""));
  }

  /** The pid in run/search.pid, or -1. */
  public static long pidFile(Path fssHome) {
    try {
      return Long.parseLong(Files.readString(fssHome.resolve("run/search.pid"), StandardCharsets.UTF_8).strip());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  /** Waits (up to 60 s) for the process to end; whether it did. */
  public static boolean awaitExit(long pid) throws Exception {
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty()) {
      return true;
    }
    try {
      p.get().onExit().get(60, TimeUnit.SECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  /**
   * Stops the server of {@code fssHome} the way a user can (its address file removed) and waits for it;
   * one still starting gets time to write its pid first (up to 60 s when {@code started}: a search
   * started one, which may still be on its way). Whether there was one.
   */
  public static boolean stop(Path fssHome, boolean started) throws Exception {
    Path run = fssHome.resolve("run");
    if (!started && !Files.isDirectory(run)) {
      return false;
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(started ? 60 : 30);
    while (pidFile(fssHome) < 0 && System.nanoTime() < end) {
      Thread.sleep(50);
    }
    long pid = pidFile(fssHome);
    // the socket removed until no server of this store is left: one started late (a search spawned
    // it before this) may take the lock when the first exits and write an address of its own
    long quiet = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    do {
      Files.deleteIfExists(run.resolve("search.addr"));
      Thread.sleep(50);
    } while (!running(fssHome).isEmpty() && System.nanoTime() < quiet);
    java.util.List<Long> left = running(fssHome);
    for (long p : left) {
      ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly);
      awaitExit(p);
    }
    if (!left.isEmpty()) {
      throw new AssertionError("search servers " + left + " did not exit when their address file was removed");
    }
    return pid > 0;
  }

  /** The live search-server processes started for {@code fssHome} (by their environment). */
  public static java.util.List<Long> running(Path fssHome) {
    java.util.List<Long> out = new java.util.ArrayList<>();
    String mine = "\0FSS_HOME=" + fssHome + "\0";
    for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
      try {
        Path proc = Path.of("/proc", String.valueOf(p.pid()));
        if (!Files.readString(proc.resolve("cmdline"), StandardCharsets.ISO_8859_1).contains("search-server")) {
          continue;
        }
        if (("\0" + Files.readString(proc.resolve("environ"), StandardCharsets.ISO_8859_1)).contains(mine)
            && p.isAlive()) {
          out.add(p.pid());
        }
      } catch (IOException | RuntimeException e) {
        // gone, or not ours
      }
    }
    return out;
  }
}
