package io.github.fss.sync;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * This machine's name in the sync repository, the name shown beside its sessions elsewhere:
 * {@code FSS_MACHINE}, else {@code sync.machine} in config.properties, else the name recorded at
 * {@code fss sync --init} (so a container's changing host name does not make a new machine), else
 * the host name.
 */
final class Machine {
  private Machine() {}

  static String name(Map<String, String> env, Path fssHome) {
    String n = clean(env.get("FSS_MACHINE"));
    if (n == null) {
      n = clean(config(fssHome).getProperty("sync.machine"));
    }
    if (n == null) {
      n = recorded(fssHome);
    }
    if (n == null) {
      n = clean(hostName(env));
    }
    return n == null ? "machine" : n;
  }

  static String recorded(Path fssHome) {
    try {
      return clean(Files.readString(fssHome.resolve("sync").resolve("machine"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null;
    }
  }

  static Properties config(Path fssHome) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(fssHome.resolve("config.properties"), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      // no config (or an unreadable one, which doctor reports): defaults
    }
    return p;
  }

  /** Letters, digits, dot, dash and underscore, at most 64: a safe file name everywhere. */
  static String clean(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.strip().replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[.-]+", "");
    s = s.length() > 64 ? s.substring(0, 64) : s;
    return s.isEmpty() ? null : s;
  }

  private static String hostName(Map<String, String> env) {
    try {
      String h = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).strip();
      if (!h.isEmpty()) {
        return h;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no such file
    }
    if (env.get("HOSTNAME") != null) {
      return env.get("HOSTNAME");
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return null;
    }
  }
}
