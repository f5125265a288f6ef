package io.github.fss.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Deletes what the retention rules say is gone: expired sessions and stale temp files, in the store only. */
public final class Retention {
  /** A temp file older than this belongs to a writer that died mid-write. */
  static final Duration STALE_TEMP = Duration.ofHours(1);

  private Retention() {}

  /** What a purge removed. */
  public record Purged(int sessions, int tempFiles) {}

  public static Purged purge(SessionStore store, Instant now) throws IOException {
    int sessions = 0;
    for (StoredSession s : store.all()) {
      // the list is a snapshot: the deletion re-checks under the session's lock
      if (store.expired(s.session(), now) && SessionIds.isValid(s.session().sessionId()) && s.file().getFileName().toString().equals(s.session().sessionId() + ".json")
          && store.deleteIfExpired(s.projectKey(), s.session().sessionId(), now)) {
        sessions++;
      }
    }
    int temps = 0;
    for (String key : store.projectKeys()) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(store.projectDir(key))) {
        for (Path p : ds) {
          if (AtomicFile.isTemp(p.getFileName().toString())
              && Files.getLastModifiedTime(p).toInstant().isBefore(now.minus(STALE_TEMP))) {
            Files.deleteIfExists(p);
            temps++;
          }
        }
      }
    }
    return new Purged(sessions, temps);
  }
}
