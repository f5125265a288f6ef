package io.github.fss.agents;

import io.github.fss.store.AtomicFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serialises read-modify-write of one config file across processes and threads. Two installs racing
 * would otherwise both read the old file and the second rename would drop the first one's change.
 * The OS lock lives on a separate file under {@code $FSS_HOME/locks/} because the config file itself
 * is replaced by rename (a lock on the old inode would protect nothing). A JVM-wide monitor is held
 * too: one JVM cannot hold two OS locks on the same file (OverlappingFileLockException).
 */
public final class ConfigFileLock {
  private static final Map<String, Object> JVM_LOCKS = new ConcurrentHashMap<>();

  private ConfigFileLock() {}

  /** Work done while the lock is held. */
  @FunctionalInterface
  public interface Action<T> {
    T run() throws IOException;
  }

  /** Runs {@code action} holding the lock for {@code file} (identified by its resolved path). */
  public static <T> T with(Path fssHome, Path file, Action<T> action) throws IOException {
    Path locks = AtomicFile.privateDir(AtomicFile.privateRoot(fssHome).resolve("locks"));
    Path lockFile = locks.resolve(lockName(file));
    Object monitor = JVM_LOCKS.computeIfAbsent(lockFile.toString(), k -> new Object());
    synchronized (monitor) {
      try (FileChannel ch = FileChannel.open(lockFile, java.util.Set.of(StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS),
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(AtomicFile.PRIVATE_FILE))) {
        FileLock lock = ch.lock();
        try {
          return action.run();
        } finally {
          lock.release();
        }
      }
    }
  }

  /** {@code <file name>-<hash of the absolute path>.lock}: readable, and distinct per file. */
  static String lockName(Path file) {
    String abs = file.toAbsolutePath().normalize().toString();
    Path fn = file.getFileName();
    String name = (fn == null ? "root" : fn.toString()).replaceAll("[^A-Za-z0-9._-]", "_");
    long h = 0xcbf29ce484222325L;
    for (byte b : abs.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return name + "-" + Long.toHexString(h) + ".lock";
  }
}
