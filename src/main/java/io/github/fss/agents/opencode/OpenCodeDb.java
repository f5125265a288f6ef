package io.github.fss.agents.opencode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * Opens OpenCode's database ({@code opencode.db}, WAL) through the SQLite driver, read-only: no
 * write, no lock a running OpenCode could wait on (a busy reader waits up to
 * {@link #BUSY_TIMEOUT_MS} and gives up). Never called by a hook OpenCode waits on: the first open
 * loads the driver and extracts its native library (README, "Agents", for the measured cost).
 */
final class OpenCodeDb {
  static final int BUSY_TIMEOUT_MS = 2000;

  private OpenCodeDb() {}

  /** A read-only connection; the caller closes it. */
  static Connection open(Path db) throws IOException {
    if (!Files.isRegularFile(db)) {
      throw new IOException("no OpenCode database at " + db);
    }
    NativeDir.prepare();
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    Properties props = config.toProperties();
    try {
      // the driver is named directly: the shaded jar carries no merged META-INF/services
      Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + db.toAbsolutePath(), props);
      if (c == null) {
        throw new IOException("the SQLite driver refused " + db);
      }
      return c;
    } catch (SQLException e) {
      throw new IOException("cannot open " + db + " read-only: " + e.getMessage(), e);
    }
  }

  /**
   * Where the driver's native library comes from. Extracting it (what the driver does by default,
   * into the shared temp dir, on every run) costs a few hundred milliseconds; so the library is
   * extracted once into a private cache, {@code <tmp>/fss-sqlite-<user>/} (mode 0700, owned by the
   * user, not a link: checked before use), and loaded from there by path. If that folder cannot be
   * trusted, the driver extracts into a fresh private folder of this process instead.
   */
  static final class NativeDir {
    private static boolean done;

    private NativeDir() {}

    static synchronized void prepare() throws IOException {
      if (done) {
        return;
      }
      try {
        Path lib = cached();
        System.setProperty("org.sqlite.lib.path", lib.getParent().toString());
        System.setProperty("org.sqlite.lib.name", lib.getFileName().toString());
      } catch (IOException | RuntimeException e) {
        Path d = Files.createTempDirectory("fss-sqlite-", PRIVATE);
        // registered before the library: deleteOnExit runs in reverse order, the library goes first
        d.toFile().deleteOnExit();
        System.setProperty("org.sqlite.tmpdir", d.toString());
      }
      done = true;
    }

    private static final java.nio.file.attribute.FileAttribute<?> PRIVATE =
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    /** The library in the private cache, extracted there first if missing. */
    static Path cached() throws IOException {
      String user = System.getProperty("user.name", "");
      if (!user.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IOException("no usable user name for a cache folder");
      }
      Path dir = Path.of(System.getProperty("java.io.tmpdir")).resolve("fss-sqlite-" + user);
      try {
        Files.createDirectory(dir, PRIVATE);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // checked below
      }
      java.nio.file.attribute.PosixFileAttributes a = Files.readAttributes(dir,
          java.nio.file.attribute.PosixFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
      if (!a.isDirectory() || !a.owner().getName().equals(user)
          || !PosixFilePermissions.toString(a.permissions()).equals("rwx------")) {
        throw new IOException(dir + " is not a private folder of " + user);
      }
      String name = "sqlite-" + org.sqlite.SQLiteJDBCLoader.getVersion() + "-"
          + (System.getProperty("os.name") + "-" + System.getProperty("os.arch")).replaceAll("[^A-Za-z0-9._-]", "_")
          + "-" + System.mapLibraryName("sqlitejdbc");
      Path lib = dir.resolve(name);
      if (Files.isRegularFile(lib, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        return lib; // written whole (moved into place), by this user only
      }
      String resource = "/org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/"
          + System.mapLibraryName("sqlitejdbc");
      Path tmp = Files.createTempFile(dir, name, ".part", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
      try (java.io.InputStream in = org.sqlite.JDBC.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("no native SQLite library for this platform in the jar (" + resource + ")");
        }
        try (java.io.OutputStream out = Files.newOutputStream(tmp)) { // keeps the file's 0700
          in.transferTo(out);
        }
        Files.move(tmp, lib, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return lib;
    }
  }
}
