package io.github.fss.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads files someone else chose the kind of (a repository's {@code .git/HEAD}, a hook's
 * {@code transcript_path}, an agent's config): only regular files, and at most a bound of bytes, so
 * a FIFO never blocks a hook and a link to {@code /dev/zero} never fills the heap. Java cannot open
 * without blocking, so the kind is checked just before opening.
 */
public final class RegularFiles {
  private RegularFiles() {}

  /** Throws unless the path (links followed) is a regular file. */
  public static void require(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    if (!a.isRegularFile()) {
      throw new NotRegularFileException(file);
    }
  }

  /** Whether the path (links followed) is a regular file; false when it does not exist. */
  public static boolean is(Path file, LinkOption... options) {
    return Files.isRegularFile(file, options);
  }

  /** Up to {@code max} bytes of a regular file (its first {@code max} when longer). */
  public static byte[] read(Path file, int max) throws IOException {
    require(file);
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(max);
    }
  }

  /** Opens a regular file for reading. */
  public static InputStream open(Path file) throws IOException {
    require(file);
    return Files.newInputStream(file);
  }

  /** The file is a FIFO, a device, a directory or a socket: fss does not read those. */
  public static final class NotRegularFileException extends java.nio.file.FileSystemException {
    private static final long serialVersionUID = 1L;

    NotRegularFileException(Path file) {
      super(file.toString(), null, "not a regular file (a FIFO, device or directory); not read");
    }
  }
}
