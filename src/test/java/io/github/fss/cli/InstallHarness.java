package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.Environment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Temp HOME, CLAUDE_CONFIG_DIR, CODEX_HOME and FSS_HOME, and a verb runner that acts like the dispatcher. */
final class InstallHarness {
  final Path root;
  final Path home;
  final Path claude;
  final Path codex;
  final Path fss;
  final Path launcher;
  final Map<String, String> vars = new HashMap<>();
  Path cwd;
  Instant now = Instant.parse("2026-11-24T10:15:30Z");
  String out = "";
  String err = "";

  InstallHarness(Path root) throws IOException {
    this.root = root;
    home = Files.createDirectories(root.resolve("home"));
    claude = home.resolve(".claude");
    codex = Files.createDirectories(home.resolve(".codex"));
    fss = home.resolve(".fireworks-sessions");
    launcher = root.resolve("opt/fss/bin/fss");
    Files.createDirectories(launcher.getParent());
    Files.writeString(launcher, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    vars.put("HOME", home.toString());
    vars.put("CLAUDE_CONFIG_DIR", claude.toString());
    vars.put("CODEX_HOME", codex.toString());
    vars.put("FSS_HOME", fss.toString());
    vars.put("FSS_LAUNCHER", launcher.toString());
    cwd = home;
  }

  Path settings() {
    return claude.resolve("settings.json");
  }

  Path hooksJson() {
    return codex.resolve("hooks.json");
  }

  Path config() {
    return codex.resolve("config.toml");
  }

  /** Runs a verb; an FssException becomes one stderr line and its exit code, as in Main. */
  int run(Verb verb, String... args) throws Exception {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    Instant at = now;
    Context ctx = new Context(new ByteArrayInputStream(new byte[0]), new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), new Environment(Map.copyOf(vars), cwd, () -> at));
    int code;
    try {
      code = verb.run(ctx, List.of(args));
    } catch (FssException x) {
      ctx.err().println("fss: " + x.getMessage());
      code = x.exitCode();
    }
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  int install(String... args) throws Exception {
    return run(new Install(), args);
  }

  int uninstall(String... args) throws Exception {
    return run(new Uninstall(), args);
  }

  /** Backups written next to {@code file}. */
  static List<Path> backupsOf(Path file) throws IOException {
    try (Stream<Path> s = Files.list(file.getParent())) {
      return s.filter(p -> p.getFileName().toString().startsWith(file.getFileName() + ".fss-backup-")).sorted().toList();
    }
  }
}
