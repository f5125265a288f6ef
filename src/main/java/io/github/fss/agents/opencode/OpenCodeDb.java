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
   * Points the driver's native-library extraction at a private folder of this process (mode 0700,
   * removed at exit) instead of the shared temp dir, where another user could plant a library.
   */
  static final class NativeDir {
    private static Path dir;

    private NativeDir() {}

    static synchronized void prepare() throws IOException {
      if (dir != null) {
        return;
      }
      Path d;
      try {
        d = Files.createTempDirectory("fss-sqlite-", PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------")));
      } catch (UnsupportedOperationException e) {
        d = Files.createTempDirectory("fss-sqlite-");
      }
      // registered before the library: deleteOnExit runs in reverse order, the library goes first
      d.toFile().deleteOnExit();
      System.setProperty("org.sqlite.tmpdir", d.toString());
      dir = d;
    }
  }
}
