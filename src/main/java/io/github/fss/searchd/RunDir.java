package io.github.fss.searchd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Where the search server lives: {@code $FSS_HOME/run/}, a folder of mode 0700 owned by the user,
 * holding the address file (the server's loopback port and the two secrets its clients and it prove
 * themselves with), the lock that decides which process serves, and the server's pid. The folder's
 * and the file's modes are what keep other users out: a loopback port is open to every user of the
 * machine, the secrets only to this one. A folder or file that is a link, or someone else's, or open
 * to others, is never used.
 */
public record RunDir(Path dir) {
  private static final Set<PosixFilePermission> OPEN_TO_OTHERS = Set.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  public static RunDir of(Path fssHome) {
    return new RunDir(fssHome.resolve("run"));
  }

  /** The server's address file: removing it makes the server exit. */
  public Path address() {
    return dir.resolve("search.addr");
  }

  public Path lock() {
    return dir.resolve("search.lock");
  }

  public Path pid() {
    return dir.resolve("search.pid");
  }

  /** Whether the folder exists at all (without following a link). */
  boolean exists() {
    return Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
  }

  /** Null when the folder is a real folder of this user's that nobody else may enter; else why not. */
  String unsafeFolder() {
    try {
      PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isDirectory()) {
        return dir + " is not a folder (or is a link)";
      }
      if (!mine(a)) {
        return dir + " belongs to " + a.owner().getName();
      }
      for (PosixFilePermission p : a.permissions()) {
        if (OPEN_TO_OTHERS.contains(p)) {
          return dir + " is open to other users";
        }
      }
      return null;
    } catch (IOException | UnsupportedOperationException e) {
      return "cannot read " + dir + " (" + e.getClass().getSimpleName() + ")";
    }
  }

  /** Null when the address file is a plain file of this user's that nobody else may read, not a link; else why not. */
  String unsafeAddress() {
    try {
      PosixFileAttributes a = Files.readAttributes(address(), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile()) {
        return address() + " is not a plain file (or is a link)";
      }
      if (!mine(a)) {
        return address() + " belongs to " + a.owner().getName();
      }
      for (PosixFilePermission p : a.permissions()) {
        if (OPEN_TO_OTHERS.contains(p)) {
          return address() + " is open to other users";
        }
      }
      return null;
    } catch (IOException | UnsupportedOperationException e) {
      return "cannot read " + address() + " (" + e.getClass().getSimpleName() + ")";
    }
  }

  private static boolean mine(PosixFileAttributes a) {
    return a.owner().getName().equals(System.getProperty("user.name"));
  }
}
