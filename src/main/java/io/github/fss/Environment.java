package io.github.fss;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What the process was started with: environment variables, working directory and a clock. Tests
 * pass their own (temp HOME, FSS_HOME); only {@link Main#main} reads the real ones.
 */
public record Environment(Map<String, String> vars, Path cwd, java.util.function.Supplier<Instant> clock) {

  public static Environment of(Map<String, String> vars, Path cwd) {
    return new Environment(Map.copyOf(vars), cwd, clock(vars.get("FSS_TEST_CLOCK")));
  }

  /**
   * The real clock, or a fixed one when {@code FSS_TEST_CLOCK} holds epoch nanoseconds: the
   * differential tests of the launcher's SessionStart (bin/fss) give both paths one instant.
   */
  static java.util.function.Supplier<Instant> clock(String testClock) {
    if (testClock != null && testClock.matches("[0-9]{1,19}")) {
      long ns = Long.parseLong(testClock);
      Instant fixed = Instant.ofEpochSecond(ns / 1_000_000_000L, ns % 1_000_000_000L);
      return () -> fixed;
    }
    return Instant::now;
  }

  public String get(String name) {
    String v = vars.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  public Instant now() {
    return clock.get();
  }

  public Path home() {
    String h = get("HOME");
    return Path.of(h != null ? h : System.getProperty("user.home"));
  }

  /** The store: $FSS_HOME, else ~/.fireworks-sessions. */
  public Path fssHome() {
    String h = get("FSS_HOME");
    return h != null ? Path.of(h) : home().resolve(".fireworks-sessions");
  }

  /** Claude Code's config dir: $CLAUDE_CONFIG_DIR, else ~/.claude. */
  public Path claudeDir() {
    String h = get("CLAUDE_CONFIG_DIR");
    return h != null ? Path.of(h) : home().resolve(".claude");
  }

  /** Codex's home: $CODEX_HOME, else ~/.codex. */
  public Path codexHome() {
    String h = get("CODEX_HOME");
    return h != null ? Path.of(h) : home().resolve(".codex");
  }

  /** Resolves a user-given path against the working directory. */
  public Path resolve(String path) {
    return cwd.resolve(path).toAbsolutePath().normalize();
  }
}
