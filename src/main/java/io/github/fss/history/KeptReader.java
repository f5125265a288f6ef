package io.github.fss.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.NIOFSDirectory;

/**
 * The index reader a long-lived process (the search server) keeps open between searches, for one
 * index at a time: opening one reads every segment's metadata and terms index again, which a warm
 * server measured at most of its answer time. Each search asks Lucene whether a newer commit is
 * there ({@link DirectoryReader#openIfChanged}, which reads the small segments file and reopens only
 * the segments that changed); a commit file that is no longer the one the reader was opened from (the
 * index deleted and built anew) drops it. Callers hold the {@link IndexLock}, so one thread at a time
 * uses or replaces it. A one-shot {@code fss search} never turns it on: it opens and closes its reader.
 */
final class KeptReader {
  private KeptReader() {}

  private static volatile boolean on;
  private static Path path;
  private static Directory directory;
  private static DirectoryReader reader;
  private static Object commitFile;

  static void turnOn() {
    on = true;
  }

  static boolean on() {
    return on;
  }

  /**
   * The reader of the index's latest commit in {@code lucene}: the kept one, or one reopened from
   * it, or a new one; null when there is no index. The caller must not close it.
   */
  static synchronized DirectoryReader current(Path lucene) throws IOException {
    if (reader != null && !path.equals(lucene)) {
      drop();
    }
    if (reader != null) {
      try {
        DirectoryReader newer = DirectoryReader.openIfChanged(reader);
        if (newer != null) {
          DirectoryReader old = reader;
          reader = newer;
          commitFile = commitFile(lucene, newer);
          old.close();
        } else if (!Objects.equals(commitFile, commitFile(lucene, reader))) {
          drop(); // same commit name, another file: the index was deleted and made again
        }
      } catch (IOException | RuntimeException e) {
        drop();
      }
    }
    if (reader == null) {
      Directory d = new NIOFSDirectory(lucene);
      try {
        if (!DirectoryReader.indexExists(d)) {
          d.close();
          return null;
        }
        reader = DirectoryReader.open(d);
      } catch (IOException | RuntimeException e) {
        d.close();
        throw e;
      }
      directory = d;
      path = lucene;
      commitFile = commitFile(lucene, reader);
    }
    return reader;
  }

  /** Closes the kept reader (an index about to be deleted, or one that failed). */
  static synchronized void drop() {
    try {
      if (reader != null) {
        reader.close();
      }
      if (directory != null) {
        directory.close();
      }
    } catch (IOException | RuntimeException e) {
      // its files are closed or gone either way
    }
    reader = null;
    directory = null;
    path = null;
    commitFile = null;
  }

  /** The identity (inode) of the segments file the reader was opened from; null when it is gone. */
  private static Object commitFile(Path lucene, DirectoryReader r) throws IOException {
    try {
      return Files.readAttributes(lucene.resolve(r.getIndexCommit().getSegmentsFileName()), BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS).fileKey();
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }
}
