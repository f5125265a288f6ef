package io.github.fss.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way this tool writes a file: the bytes go to a temp file in the same directory, are
 * fsynced, renamed over the target atomically, and the directory is fsynced. A reader sees the
 * old file or the new one, never a mix; a kill or a full disk leaves the old file as it was.
 */
public final class AtomicFile {
  // Set.of, not PosixFilePermissions.fromString: that builds an EnumSet, and the first EnumSet of a
  // process calls values() by reflection (~1 ms of every hook start, measured with async-profiler)
  public static final Set<PosixFilePermission> PRIVATE_FILE =
      Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  public static final Set<PosixFilePermission> PRIVATE_DIR =
      Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

  private AtomicFile() {}

  /**
   * Writes a file of the store ({@code data} to {@code target}, atomically, mode 0600). A symbolic
   * link in its place is refused, never followed: a link planted inside the store must not make fss
   * write elsewhere.
   */
  public static void write(Path target, byte[] data) throws IOException {
    refuseLink(target);
    refuseLink(target.toAbsolutePath().getParent());
    writeResolved(target, data, PRIVATE_FILE);
  }

  /** Throws when the path is a symbolic link (a missing path is fine). */
  public static void refuseLink(Path p) throws IOException {
    if (p != null && Files.isSymbolicLink(p)) {
      throw new LinkInStoreException(p);
    }
  }

  /** A symbolic link where the store keeps a file or folder of its own. */
  public static final class LinkInStoreException extends java.nio.file.FileSystemException {
    private static final long serialVersionUID = 1L;

    LinkInStoreException(Path p) {
      super(p.toString(), null, "a symbolic link inside the store; fss does not follow it (remove the link)");
    }
  }

  /**
   * Writes {@code data} to {@code target} atomically with the given mode. A symlinked target is
   * written at the file it points to, so the link survives.
   */
  public static void write(Path target, byte[] data, Set<PosixFilePermission> mode) throws IOException {
    writeResolved(resolveLinks(target), data, mode);
  }

  private static void writeResolved(Path real, byte[] data, Set<PosixFilePermission> mode) throws IOException {
    Path dir = real.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      createPrivateDirs(dir);
    }
    Path tmp = createTemp(dir, real.getFileName().toString());
    boolean moved = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      trySetMode(tmp, mode);
      try {
        Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
      syncDir(dir);
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** The path a chain of symlinks ends at (the target itself when it is not a link). */
  static Path resolveLinks(Path target) throws IOException {
    Path p = target;
    for (int i = 0; i < 40 && Files.isSymbolicLink(p); i++) {
      Path link = Files.readSymbolicLink(p);
      p = p.toAbsolutePath().getParent().resolve(link).normalize();
    }
    return p;
  }

  private static Path createTemp(Path dir, String name) throws IOException {
    FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(PRIVATE_FILE);
    for (int i = 0; ; i++) {
      Path tmp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + "."
          + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
      try {
        return Files.createFile(tmp, attr);
      } catch (FileAlreadyExistsException e) {
        if (i > 5) {
          throw e;
        }
      } catch (UnsupportedOperationException e) {
        return Files.createFile(tmp);
      }
    }
  }

  private static void trySetMode(Path p, Set<PosixFilePermission> mode) throws IOException {
    try {
      Files.setPosixFilePermissions(p, mode);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to set
    }
  }

  private static void syncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      // some file systems cannot fsync a directory; the rename itself is still atomic
    }
  }

  /**
   * Creates a folder of the store (and parents) and makes it private to the user (0700). A symbolic
   * link in its place is refused: chmod would follow it to somebody else's folder.
   */
  public static Path privateDir(Path dir) throws IOException {
    refuseLink(dir);
    return privateRoot(dir);
  }

  /** As {@link #privateDir}, for the store's own root, which the user may well have made a link. */
  public static Path privateRoot(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      createPrivateDirs(dir.toAbsolutePath());
    }
    trySetMode(dir, PRIVATE_DIR);
    return dir;
  }

  /** Creates missing folders with mode 0700 from the start, whatever the umask. */
  private static void createPrivateDirs(Path dir) throws IOException {
    Path parent = dir.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createPrivateDirs(parent);
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    } catch (UnsupportedOperationException e) {
      Files.createDirectories(dir);
    }
    trySetMode(dir, PRIVATE_DIR);
  }

  /** Whether a file name is one of our temp files (ignored by readers, swept when stale). */
  public static boolean isTemp(String fileName) {
    return fileName.startsWith(".") && fileName.endsWith(".tmp");
  }
}
