package io.github.fss.history;

import io.github.fss.store.FileSystemSync;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * New kept files renamed into place unsynced, made durable together by {@link #await} before the
 * index commits a manifest that counts on them. A first index writes thousands: an fsync each kept
 * both cores waiting on a journalled ext4 (the default file system of most users), where every
 * fsync waits for a journal commit; one syncfs of their file system is one commit for all of them
 * (10,000 sessions: 19.6 s with one syncing thread against 14.5 s with four, and in another run
 * 13.0 s with four against 7.6 s with one syncfs; bench/RESULTS.md, "Indexing on a journalled
 * file system").
 */
final class KeptSyncs {
  /** From this many files on, their file system is synced whole; fewer are fsynced one by one. */
  static final int SYNCFS_FROM = 32;

  /**
   * Fsyncs in flight at once where files are synced one by one: fsyncs that wait together share a
   * journal commit (measured while a first index still fsynced each file: one thread took it 1.35x
   * as long as four; eight did no better).
   */
  static final int SYNC_THREADS = 4;

  private final List<Path> files = new ArrayList<>();
  private final Predicate<Collection<Path>> syncfs;

  KeptSyncs() {
    this(FileSystemSync::syncfs);
  }

  /** With {@code syncfs}: syncs the file systems of the folders it is given, or answers false. */
  KeptSyncs(Predicate<Collection<Path>> syncfs) {
    this.syncfs = syncfs;
  }

  /** A file renamed into place whose data and name must be on disk before the next commit. */
  synchronized void add(Path file) {
    files.add(file);
  }

  /** Syncs every file added since the last call, then their folders; the first failure is thrown. */
  void await() throws IOException {
    List<Path> synced;
    synchronized (this) {
      synced = new ArrayList<>(files);
      files.clear();
    }
    if (synced.isEmpty()) {
      return;
    }
    Set<Path> folders = new LinkedHashSet<>();
    for (Path f : synced) {
      folders.add(f.getParent());
    }
    if (synced.size() >= SYNCFS_FROM && syncfs.test(folders)) {
      return;
    }
    forceAll(synced, false);
    forceAll(new ArrayList<>(folders), true);
  }

  /** Fsyncs {@code paths} on up to {@link #SYNC_THREADS} threads (this one among them). */
  private static void forceAll(List<Path> paths, boolean dirs) throws IOException {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<IOException> failed = new AtomicReference<>();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < paths.size() && failed.get() == null; i = next.getAndIncrement()) {
        try {
          force(paths.get(i), dirs);
        } catch (IOException e) {
          failed.compareAndSet(null, e);
        }
      }
    };
    List<Thread> threads = new ArrayList<>();
    for (int t = 1; t < Math.min(SYNC_THREADS, paths.size()); t++) {
      Thread th = new Thread(worker, "fss-kept-sync-" + t);
      th.setDaemon(true);
      try {
        th.start();
      } catch (RuntimeException | Error e) {
        break; // no thread to be had: the ones started and this one do the rest
      }
      threads.add(th);
    }
    worker.run();
    for (Thread th : threads) {
      uninterruptibly(th::join);
    }
    if (failed.get() != null) {
      throw failed.get();
    }
  }

  private static void force(Path p, boolean dir) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (NoSuchFileException e) {
      // removed since (its session expired): nothing to keep
    } catch (IOException e) {
      if (!dir) {
        throw e;
      }
      // some file systems cannot fsync a folder; the rename itself is still atomic
    }
  }

  /** A wait that an interrupt can cut short. */
  interface Wait {
    void run() throws InterruptedException;
  }

  /** Runs {@code w} to its end however often this thread is interrupted meanwhile; the interrupt is kept. */
  static void uninterruptibly(Wait w) {
    boolean interrupted = false;
    while (true) {
      try {
        w.run();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
