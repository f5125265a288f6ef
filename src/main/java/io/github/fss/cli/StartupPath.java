package io.github.fss.cli;

import io.github.fss.Environment;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which JVM start-up path this process took: the launcher's profile and its archive's state.
 *
 * <p>The launcher that install.sh writes passes {@code -XX:AOTCache=} (JDK 25+) or
 * {@code -XX:SharedArchiveFile=} (JDK 17–24) when the archive file exists, and always
 * {@code -Dfss.archive=} with the archive's path, so a missing one can be told. The archive is named
 * {@code fss-VERSION-JARHASH8-JAVARUNTIMEVERSION.aot|.jsa} after the jar
 * {@code fss-VERSION-JARHASH8.jar} and the JVM it was made for, so a name that does not match the
 * running jar and JVM means a stale archive (which the JVM may not notice: Temurin 25.0.3 accepts
 * an AOT cache made for another jar). Whether the JVM mapped it shows in {@code java.vm.info}
 * ("sharing"): a missing or rejected archive only makes the start slower, silently.
 */
final class StartupPath {
  private StartupPath() {}

  static String describe(Environment env) {
    return describe(ManagementFactory.getRuntimeMXBean().getInputArguments(),
        System.getProperty("java.vm.info", ""), System.getProperty("java.class.path", ""),
        System.getProperty("java.runtime.version", ""), env.get("FSS_LAUNCHER"), System.getProperty("fss.archive"));
  }

  static String describe(List<String> jvmArgs, String vmInfo, String classPath, String runtimeVersion,
      String launcher, String expected) {
    String archive = null;
    String kind = "plain (no archive)";
    for (String arg : jvmArgs) {
      if (arg.startsWith("-XX:AOTCache=")) {
        archive = arg.substring("-XX:AOTCache=".length());
        kind = "JDK AOT cache";
      } else if (arg.startsWith("-XX:SharedArchiveFile=")) {
        archive = arg.substring("-XX:SharedArchiveFile=".length());
        kind = "AppCDS archive";
      }
    }
    boolean leftOut = false;
    if (archive == null && expected != null && !expected.isEmpty()) {
      // the launcher leaves the flag out when the file is missing or the JDK changed since install
      archive = expected;
      kind = expected.endsWith(".aot") ? "JDK AOT cache" : "AppCDS archive";
      leftOut = true;
    }
    if (archive == null) {
      return kind + (launcher == null ? " — not started through the fss launcher" : "");
    }
    String what = kind + " " + archive;
    if (!Files.isRegularFile(Path.of(archive))) {
      return what + " (MISSING: fss starts slower; run install.sh again to rebuild it)";
    }
    if (leftOut) {
      return what + " (NOT USED: the JDK was updated since install, so fss starts slower; run install.sh again)";
    }
    String stale = staleness(Path.of(archive).getFileName().toString(), classPath, runtimeVersion);
    if (stale != null) {
      return what + " (STALE: " + stale + "; run install.sh again to rebuild it)";
    }
    if (!vmInfo.contains("sharing")) {
      return what + " (NOT USED: the JVM rejected it, so fss starts slower; run install.sh again)";
    }
    return what + " (in use)";
  }

  /** Why an archive's name does not fit the running jar and JVM, or null when it does. */
  static String staleness(String archiveName, String classPath, String runtimeVersion) {
    int dot = archiveName.lastIndexOf('.');
    String stem = dot < 0 ? archiveName : archiveName.substring(0, dot);
    String jvm = "-" + safe(runtimeVersion);
    if (!stem.endsWith(jvm)) {
      return "made for another JVM than " + runtimeVersion;
    }
    String jar = Path.of(classPath).getFileName() == null ? "" : Path.of(classPath).getFileName().toString();
    if (classPath.indexOf(java.io.File.pathSeparatorChar) < 0 && jar.startsWith("fss-") && jar.endsWith(".jar")) {
      String jarStem = jar.substring(0, jar.length() - ".jar".length());
      if (!stem.equals(jarStem + jvm)) {
        return "made for another jar than " + jar;
      }
    }
    return null;
  }

  /** The file-name form of a version, as install.sh writes it: [A-Za-z0-9._-], the rest as '_'. */
  static String safe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_'
          || c == '-';
      b.append(ok ? c : '_');
    }
    return b.toString();
  }
}
