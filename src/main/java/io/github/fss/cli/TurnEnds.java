package io.github.fss.cli;

import io.github.fss.Environment;
import io.github.fss.store.Spool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Which path the agents' turn-end hooks take, for {@code fss doctor}: the launcher's JVM-free
 * spool (bin/fss run by /bin/sh appends one line), or a JVM per event (no /bin/sh, a launcher
 * that predates the spool, or a spool folder the launcher will not write to).
 */
final class TurnEnds {
  /** A name only the launcher's fast path defines. */
  static final String MARKER = "fss_hook_stdin";

  private TurnEnds() {}

  static String describe(Environment env, Spool spool) {
    return describe(Path.of("/bin/sh"), env.get("FSS_LAUNCHER"), spool);
  }

  static String describe(Path sh, String launcher, Spool spool) {
    if (!Files.isExecutable(sh)) {
      return "JVM per event (no " + sh + " on this platform)";
    }
    if (launcher == null) {
      return "unknown (not started through the fss launcher; installed hooks spool when their launcher does)";
    }
    try {
      if (!new String(Files.readAllBytes(Path.of(launcher)), StandardCharsets.UTF_8).contains(MARKER)) {
        return "JVM per event (the launcher " + launcher + " predates the spool: run install.sh again)";
      }
    } catch (IOException | RuntimeException e) {
      return "JVM per event (cannot read the launcher " + launcher + ")";
    }
    Path dir = spool.dir();
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
      if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
          || mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)
          || mode.contains(PosixFilePermission.GROUP_EXECUTE) || mode.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return "JVM per event (" + dir + " is not a private folder: chmod 700 it)";
      }
    } catch (IOException | UnsupportedOperationException e) {
      return "JVM per event (no spool folder " + dir + " yet)";
    }
    long waiting = spool.pendingBytes();
    return "no JVM: " + launcher + " (/bin/sh) appends to " + dir.resolve(Spool.EVENTS)
        + (waiting > 0 ? " (" + waiting + " bytes waiting)" : "");
  }
}
