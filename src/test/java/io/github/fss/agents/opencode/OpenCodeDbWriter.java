package io.github.fss.agents.opencode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * Writes an OpenCode-shaped database (the tables and columns fss reads, as OpenCode 1.18.33 has
 * them) in WAL mode, through the same driver; times count from a moment given by the test, so no
 * test depends on today's date.
 */
public final class OpenCodeDbWriter implements AutoCloseable {
  private final Connection c;
  private long clock;
  private int seq;

  public OpenCodeDbWriter(Path db, Instant start) throws SQLException {
    c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + db, new java.util.Properties());
    clock = start.toEpochMilli();
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("CREATE TABLE IF NOT EXISTS `session` (`id` text PRIMARY KEY, `project_id` text NOT NULL,"
          + " `parent_id` text, `slug` text NOT NULL, `directory` text NOT NULL, `title` text NOT NULL,"
          + " `version` text NOT NULL, `time_created` integer NOT NULL, `time_updated` integer NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS `message` (`id` text PRIMARY KEY, `session_id` text NOT NULL,"
          + " `time_created` integer NOT NULL, `time_updated` integer NOT NULL, `data` text NOT NULL)");
      s.execute("CREATE TABLE IF NOT EXISTS `part` (`id` text PRIMARY KEY, `message_id` text NOT NULL,"
          + " `session_id` text NOT NULL, `time_created` integer NOT NULL, `time_updated` integer NOT NULL,"
          + " `data` text NOT NULL)");
    }
  }

  long tick() {
    clock += 1000;
    return clock;
  }

  String id(String prefix) {
    return prefix + String.format("_%012d", ++seq);
  }

  public void session(String id, String directory) throws SQLException {
    exec("INSERT INTO session (id, project_id, slug, directory, title, version, time_created, time_updated)"
        + " VALUES (?, 'global', 'slug', ?, 'New session', '1.18.33', ?, ?)", id, directory, tick(), clock);
  }

  public String message(String session, String dataJson) throws SQLException {
    String id = id("msg");
    exec("INSERT INTO message (id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?)",
        id, session, tick(), clock, dataJson);
    return id;
  }

  public String part(String session, String message, String dataJson) throws SQLException {
    String id = id("prt");
    exec("INSERT INTO part (id, message_id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?, ?)",
        id, message, session, tick(), clock, dataJson);
    return id;
  }

  /** A later state of a part (a tool that completed): a new {@code time_updated}. */
  void update(String part, String dataJson) throws SQLException {
    exec("UPDATE part SET data = ?, time_updated = ? WHERE id = ?", dataJson, tick(), part);
  }

  private void exec(String sql, Object... args) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      p.executeUpdate();
    }
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }

}
