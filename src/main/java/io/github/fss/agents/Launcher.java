package io.github.fss.agents;

import io.github.fss.Environment;
import io.github.fss.FssException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The absolute path of the {@code fss} launcher the hooks will call. The bin/fss script exports it
 * as FSS_LAUNCHER; {@code --launcher PATH} names one explicitly and wins, since a user who typed a
 * path means it. Without either we cannot write a hook command and say so.
 */
public final class Launcher {
  private Launcher() {}

  /** The launcher, or null when neither the option nor FSS_LAUNCHER gives one. */
  public static String find(Environment env, String option) {
    String raw = option != null && !option.isBlank() ? option : env.get("FSS_LAUNCHER");
    if (raw == null) {
      return null;
    }
    if (raw.indexOf('\n') >= 0 || raw.indexOf('\r') >= 0 || raw.indexOf('\0') >= 0) {
      throw FssException.usage("the launcher path must be one line");
    }
    return env.resolve(raw).toString();
  }

  /** The launcher; a clear usage error when none is known. */
  public static String require(Environment env, String option) {
    String l = find(env, option);
    if (l == null) {
      throw FssException.usage("cannot tell where the fss launcher is: run install through bin/fss (it sets"
          + " FSS_LAUNCHER) or pass --launcher /absolute/path/to/fss");
    }
    return l;
  }

  /** A warning when the launcher is not an executable file (the hooks would fail), else null. */
  public static String warning(String launcher) {
    Path p = Path.of(launcher);
    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
      return null;
    }
    return "warning: " + launcher + " is not an executable file; the hooks will fail until it is";
  }
}
