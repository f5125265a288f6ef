package io.github.fss.history;

import io.github.fss.store.AtomicFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Only one fss at a time updates, rebuilds or reads the index: an OS lock on
 * {@code index/fss.lock} between processes, and a JVM-wide lock between threads (one JVM cannot
 * hold two OS locks on one file). Waiting is by polling, up to a deadline.
 */
final class IndexLock implements AutoCloseable {
  private static final ReentrantLock JVM = new ReentrantLock();

  private final FileChannel channel;
  private final FileLock lock;

  private IndexLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock, or null when another holder kept it past {@code waitMillis}. */
  static IndexLock acquire(Path file, long waitMillis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    try {
      if (!JVM.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
        return null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    FileChannel ch = null;
    try {
      AtomicFile.privateDir(file.getParent().getParent());
      AtomicFile.privateDir(file.getParent());
      ch = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
          PosixFilePermissions.asFileAttribute(AtomicFile.PRIVATE_FILE));
      while (true) {
        FileLock l = ch.tryLock();
        if (l != null) {
          return new IndexLock(ch, l);
        }
        if (System.nanoTime() > deadline) {
          ch.close();
          JVM.unlock();
          return null;
        }
        Thread.sleep(25);
      }
    } catch (IOException | RuntimeException e) {
      if (ch != null) {
        ch.close();
      }
      JVM.unlock();
      throw e;
    } catch (InterruptedException e) {
      ch.close();
      JVM.unlock();
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      JVM.unlock();
    }
  }
}
