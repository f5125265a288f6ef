package io.github.fss.agents.opencode;

import io.github.fss.store.SessionIds;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The sessions in OpenCode's database, for {@code fss import opencode}. */
public final class OpenCodeSessions {
  private OpenCodeSessions() {}

  /**
   * Ids of the top-level sessions (not a subagent's: its parent holds the work) updated since
   * {@code since}, oldest first.
   */
  public static List<String> updatedSince(Path db, Instant since) throws IOException {
    List<String> ids = new ArrayList<>();
    try (Connection c = OpenCodeDb.open(db);
        PreparedStatement q = c.prepareStatement(
            "SELECT id FROM session WHERE parent_id IS NULL AND time_updated >= ? ORDER BY time_updated, id")) {
      q.setLong(1, since.toEpochMilli());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString(1);
          if (SessionIds.isValid(id)) {
            ids.add(id);
          }
        }
      }
    } catch (SQLException e) {
      throw new IOException("cannot list the sessions in " + db + ": " + e.getMessage(), e);
    }
    return ids;
  }
}
