package io.github.fss.agents.opencode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/** Run in a fresh JVM by {@link OpenCodeDbTest}: the cost of the first open and query, then of a second. */
public final class OpenCodeDbProbe {
  private OpenCodeDbProbe() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    long tp = System.nanoTime();
    OpenCodeDb.NativeDir.prepare();
    long t0 = System.nanoTime();
    count(db);
    long t1 = System.nanoTime();
    count(db);
    long t2 = System.nanoTime();
    System.out.printf("library ready %.1f ms, first open+query %.1f ms, second %.1f ms%n", (t0 - tp) / 1e6,
        (t1 - t0) / 1e6, (t2 - t1) / 1e6);
  }

  private static void count(Path db) throws Exception {
    try (Connection c = OpenCodeDb.open(db); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM part")) {
      rs.next();
    }
  }
}
