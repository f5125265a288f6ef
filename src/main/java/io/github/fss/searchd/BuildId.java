package io.github.fss.searchd;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Which build a process runs, as far as a served search could tell the difference: fss's version,
 * the JDK, each class path entry with its size and time (an upgrade replaces the jar), and the
 * process settings that shape the JVM itself (time zone, locale). A server answers only clients of
 * its own build; any other makes it exit, and the client starts one of its own. The launcher's shell
 * client, which cannot stat a jar without a fork, names its build by what install.sh wrote into it
 * ({@link #ofLauncher}).
 */
public final class BuildId {
  private BuildId() {}

  /** The environment variables the JVM reads once at start (dates in the local zone, the locale). */
  static final String[] JVM_VARS = {"TZ", "LANG", "LC_ALL", "LC_CTYPE", "LC_TIME", "LD_PRELOAD", "FAKETIME"};

  public static String of(String version) {
    StringBuilder sb = new StringBuilder("fss ").append(version);
    sb.append('|').append(System.getProperty("java.home")).append('|').append(System.getProperty("java.vm.version"));
    String cp = System.getProperty("java.class.path", "");
    for (String entry : cp.split(File.pathSeparator)) {
      sb.append('|').append(entry);
      try {
        BasicFileAttributes a = Files.readAttributes(Path.of(entry), BasicFileAttributes.class);
        sb.append(':').append(a.size()).append(':').append(a.lastModifiedTime().toMillis());
      } catch (Exception e) {
        sb.append(":-");
      }
    }
    return jvmVars(sb).toString();
  }

  /**
   * The build as the launcher's shell client names it: the value install.sh wrote into that
   * launcher ({@link #LAUNCHER_VAR}, which it exports to the JVMs it starts: version, the installed
   * jar's checksum and size, the JDK), and the same process settings. Null when this process was
   * not started by an installed launcher.
   */
  public static String ofLauncher() {
    String id = System.getenv(LAUNCHER_VAR);
    if (id == null || id.isEmpty() || id.startsWith("@")) {
      return null;
    }
    return jvmVars(new StringBuilder("launcher ").append(id)).toString();
  }

  /** Set by an installed {@code bin/fss} to the build install.sh wrote into it. */
  public static final String LAUNCHER_VAR = "FSS_BUILD";

  private static StringBuilder jvmVars(StringBuilder sb) {
    for (String v : JVM_VARS) {
      String value = System.getenv(v);
      sb.append('|').append(v).append('=').append(value == null ? "" : value);
    }
    return sb;
  }
}
