package io.github.fss.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * New kept files renamed into place unsynced, made durable by threads of their own as they come:
 * an fsync waits for the disk, not for a core, so the files of a first index are synced while the
 * indexing threads go on, where syncing all of them before the commit took a tenth of its wall
 * time. {@link #await} returns once every file added and then their folders are synced; only then
 * may the index commit a manifest that counts on them.
 */
final class KeptSyncs {
  private static final Path DONE = Path.of("");

  private final LinkedBlockingQueue<Path> queue = new LinkedBlockingQueue<>();
  private final Set<Path> dirs = new HashSet<>();
  private final List<Thread> threads = new ArrayList<>();
  private IOException failed;

  /**
   * Fsyncs in flight at once. On a journalled file system (ext4's default, as on most users'
   * machines) each fsync waits for a journal commit, and fsyncs that wait together share one: on
   * a journalled ext4, one thread kept a first index of 10,000 sessions waiting on the disk (19.6
   * s wall for 13 s of CPU), four brought it to 10.4 s; eight or sixteen did no better. Where there
   * is no journal they change nothing measurable (bench/RESULTS.md, "Indexing on a journalled
   * file system").
   */
  static final int SYNC_THREADS = 4;

  /** A file renamed into place whose data and name must be on disk before the next commit. */
  synchronized void add(Path file) {
    if (threads.isEmpty()) {
      for (int i = 0; i < SYNC_THREADS; i++) {
        Thread thread = new Thread(this::run, "fss-kept-sync-" + i);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
      }
    }
    queue.add(file);
  }

  private void run() {
    while (true) {
      Path f;
      try {
        f = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (f == DONE) {
        return;
      }
      try {
        force(f, false);
        synchronized (this) {
          dirs.add(f.getParent());
        }
      } catch (IOException e) {
        synchronized (this) {
          if (failed == null) {
            failed = e;
          }
        }
      }
    }
  }

  /** Waits until every file added is synced, then syncs their folders; the first failure is thrown. */
  void await() throws IOException {
    List<Thread> ts;
    synchronized (this) {
      ts = new ArrayList<>(threads);
      threads.clear();
    }
    if (ts.isEmpty()) {
      return;
    }
    for (int i = 0; i < ts.size(); i++) {
      queue.add(DONE); // one for each thread
    }
    for (Thread t : ts) {
      uninterruptibly(t::join);
    }
    List<Path> folders;
    IOException e;
    synchronized (this) {
      folders = new ArrayList<>(dirs);
      dirs.clear();
      e = failed;
      failed = null;
    }
    if (e != null) {
      throw e;
    }
    try {
      folders.parallelStream().forEach(d -> {
        try {
          force(d, true);
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      });
    } catch (UncheckedIOException x) {
      throw x.getCause();
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
