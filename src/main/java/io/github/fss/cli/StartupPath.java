package io.github.fss.cli;

import io.github.fss.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which JVM start-up path this process took: the launcher's profile and its archives' state.
 *
 * <p>install.sh makes an archive per verb group, because a JDK 25 AOT cache loads every class it
 * holds at each start: {@code core} (hooks, --version, doctor, save, … and every unknown verb),
 * {@code read} (list, restore, dashboard; JDK 25+ only, JDK 17–24 use the core archive for them)
 * and {@code history} (index, search, search-server, mcp, ui: the verbs that load Lucene). They are
 * named {@code fss-VERSION-JARHASH8-JAVARUNTIMEVERSION-GROUP.aot|.jsa} after the jar
 * {@code fss-VERSION-JARHASH8.jar} and the JVM they were made for, so a name that does not
 * match the running jar and JVM means a stale archive (which the JVM may not notice: Temurin
 * 25.0.3 accepts an AOT cache made for another jar). A name without GROUP is an older install's
 * single archive.
 *
 * <p>The launcher passes {@code -XX:AOTCache=} (JDK 25+) or {@code -XX:SharedArchiveFile=} (JDK
 * 17–24) when the verb's archive file exists, and always {@code -Dfss.archive=} with its path, so a
 * missing one can be told. Whether the JVM mapped it shows in {@code java.vm.info} ("sharing"): a
 * missing or rejected archive only makes the start slower, silently.
 */
final class StartupPath {
  private StartupPath() {}

  /** The archive groups and the verbs the launcher (bin/fss) starts with each. */
  static final String CORE = "core";
  static final String HISTORY = "history";
  static final String READ = "read";

  /** A group doctor reports beside its own (core): its name and what starts slower without it. */
  enum Sibling {
    HISTORY(StartupPath.HISTORY, "index, search, mcp and ui", false),
    READ(StartupPath.READ, "list, restore and dashboard", true);

    final String group;
    final String verbs;
    /** Made only as a JDK 25 AOT cache (on JDK 17-24 the core archive serves its verbs). */
    final boolean aotOnly;

    Sibling(String group, String verbs, boolean aotOnly) {
      this.group = group;
      this.verbs = verbs;
      this.aotOnly = aotOnly;
    }
  }

  static String describe(Environment env) {
    return describe(jvmArgs(), System.getProperty("java.vm.info", ""), System.getProperty("java.class.path", ""),
        System.getProperty("java.runtime.version", ""), env.get("FSS_LAUNCHER"), System.getProperty("fss.archive"));
  }

  /**
   * The state of another group's archive, as seen from a core verb (doctor): null when the
   * launcher named no archive, an older install's single one, or the group has none with this JDK.
   */
  static String describeSibling(Sibling group) {
    String expected = System.getProperty("fss.archive");
    // the launcher left this verb's existing archive out: the JDK was updated since install, and
    // it leaves the history archive out for the same reason
    boolean jdkChanged = expected != null && Files.isRegularFile(Path.of(expected))
        && jvmArgs().stream().noneMatch(a -> a.startsWith("-XX:AOTCache=") || a.startsWith("-XX:SharedArchiveFile="));
    return describeSibling(group, expected, System.getProperty("java.class.path", ""),
        System.getProperty("java.runtime.version", ""), jdkChanged);
  }

  static String describeSibling(Sibling group, String expected, String classPath, String runtimeVersion,
      boolean jdkChanged) {
    if (expected == null || expected.isEmpty()) {
      return null;
    }
    Path mine = Path.of(expected);
    String name = mine.getFileName() == null ? "" : mine.getFileName().toString();
    String suffix = "-" + CORE + ".";
    int at = name.lastIndexOf(suffix);
    if (at < 0 || group.aotOnly && !name.endsWith(".aot")) {
      return null;
    }
    Path sibling = mine.resolveSibling(name.substring(0, at) + "-" + group.group + "."
        + name.substring(at + suffix.length()));
    String what = (name.endsWith(".aot") ? "JDK AOT cache " : "AppCDS archive ") + sibling;
    if (!Files.isRegularFile(sibling)) {
      return what + " (MISSING: " + group.verbs + " start slower; run install.sh again to rebuild it)";
    }
    if (jdkChanged) {
      return what + " (NOT USED: the JDK was updated since install, so fss starts slower; run install.sh again)";
    }
    String stale = staleness(sibling.getFileName().toString(), classPath, runtimeVersion);
    if (stale != null) {
      return what + " (STALE: " + stale + "; run install.sh again to rebuild it)";
    }
    return what + " (ready: " + group.verbs + " start with it)";
  }

  /**
   * This JVM's options. On Linux from /proc/self/cmdline: the platform MXBean would load ~280
   * classes (java.lang.management, javax.management), and doctor is trained into the core archive,
   * which a JDK 25 JVM loads in full at every start, hooks included.
   */
  static List<String> jvmArgs() {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
      List<String> args = new ArrayList<>();
      int from = 0;
      for (int i = 0; i < raw.length; i++) {
        if (raw[i] == 0) {
          args.add(new String(raw, from, i - from, java.nio.charset.StandardCharsets.UTF_8));
          from = i + 1;
        }
      }
      List<String> options = new ArrayList<>();
      // argv[0] is java; options run until the main class (a word not starting with '-')
      for (int i = 1; i < args.size(); i++) {
        String a = args.get(i);
        if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")) {
          i++;
        } else if (!a.startsWith("-")) {
          break;
        } else {
          options.add(a);
        }
      }
      if (!args.isEmpty()) {
        return options;
      }
    } catch (IOException | RuntimeException e) {
      // no /proc (macOS): ask the JVM
    }
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
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
    for (String group : new String[] {CORE, READ, HISTORY}) {
      if (stem.endsWith("-" + group)) {
        stem = stem.substring(0, stem.length() - group.length() - 1);
      }
    }
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
