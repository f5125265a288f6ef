package io.github.fss.cli;

import io.github.fss.Environment;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which JVM start-up path this process took: the launcher's profile and its archive's state. */
final class StartupPath {
  private StartupPath() {}

  static String describe(Environment env) {
    String archive = null;
    String kind = "plain (no archive)";
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("-XX:AOTCache=")) {
        archive = arg.substring("-XX:AOTCache=".length());
        kind = "JDK AOT cache";
      } else if (arg.startsWith("-XX:SharedArchiveFile=")) {
        archive = arg.substring("-XX:SharedArchiveFile=".length());
        kind = "AppCDS archive";
      }
    }
    if (archive == null) {
      return kind + (env.get("FSS_LAUNCHER") == null ? " — not started through the fss launcher" : "");
    }
    boolean exists = Files.isRegularFile(Path.of(archive));
    return kind + " " + archive + (exists ? "" : " (MISSING: run install.sh again to rebuild it)");
  }
}
