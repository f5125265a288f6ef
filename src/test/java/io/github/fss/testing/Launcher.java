package io.github.fss.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code bin/fss} launcher, run as an agent runs it: a process with its own environment
 * and stdin. {@link #checkout()} is the repository's file as it is (its JVM path needs a built jar,
 * its spool path nothing); {@link #install} fills in the template as install.sh does, with a given
 * java and this build's classes on the class path.
 */
public final class Launcher {
  private Launcher() {}

  /** What one run printed and returned. */
  public record Run(int exit, String out, String err) {}

  public static Path checkout() {
    return Path.of("bin", "fss").toAbsolutePath();
  }

  /** The launcher install.sh would write, running {@code java} (a path) on this build's classes. */
  public static Path install(Path dir, Path java) throws IOException {
    return install(dir, java, "", "", "");
  }

  /**
   * The same with the start-up archives install.sh names: {@code core} for the hooks and most verbs,
   * {@code read} for list, restore and dashboard (on JDK 17-24 the core one), {@code history} for
   * the verbs that open the search index ("" for none).
   */
  public static Path install(Path dir, Path java, String coreArchive, String readArchive, String historyArchive)
      throws IOException {
    String cp = String.join(":", codeSource(io.github.fss.Main.class), codeSource(com.google.gson.stream.JsonReader.class));
    return install(dir, java, coreArchive, readArchive, historyArchive, cp);
  }

  /** The launcher running this build with all of its libraries (the search verbs need Lucene). */
  public static Path installWithLibraries(Path dir, Path java) throws IOException {
    return install(dir, java, "", "", "", System.getProperty("java.class.path"));
  }

  private static Path install(Path dir, Path java, String coreArchive, String readArchive, String historyArchive,
      String cp) throws IOException {
    Path launcher = dir.resolve("fss");
    String s = Files.readString(checkout(), StandardCharsets.UTF_8)
        .replace("@FSS_JAVA@", quote(java.toString()))
        .replace("@FSS_JAR@", quote(cp))
        .replace("@FSS_LAUNCHER@", quote(launcher.toString()))
        .replace("@FSS_FLAGS@", "-XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto")
        .replace("@FSS_ARCHIVE_OPTION@", "-XX:SharedArchiveFile=")
        .replace("@FSS_ARCHIVE_HISTORY@", quote(historyArchive))
        .replace("@FSS_ARCHIVE_READ@", quote(readArchive))
        .replace("@FSS_ARCHIVE@", quote(coreArchive))
        .replace("@FSS_JDK_ID@", "''")
        .replace("@FSS_BUILD@", quote("test " + launcher));
    Files.createDirectories(dir);
    Files.writeString(launcher, s, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    return launcher;
  }

  /** The java running these tests. */
  public static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private static String codeSource(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Starts the launcher with exactly {@code env} (plus nothing of ours) and {@code args}. */
  public static Process start(Path launcher, Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Runs the launcher to its end with {@code stdin}; fails after 60 s. */
  public static Run run(Path launcher, Map<String, String> env, byte[] stdin, String... args)
      throws IOException, InterruptedException {
    Process p = start(launcher, env, args);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread o = pump(p.getInputStream(), out);
    Thread e = pump(p.getErrorStream(), err);
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin);
    } catch (IOException ignored) {
      // the launcher need not read all of stdin
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("launcher did not finish: " + List.of(args));
    }
    o.join();
    e.join();
    return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream to) {
    Thread t = new Thread(() -> {
      try {
        in.transferTo(to);
      } catch (IOException ignored) {
        // process gone
      }
    });
    t.start();
    return t;
  }
}
