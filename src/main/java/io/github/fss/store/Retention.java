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

  /** Automatic purges run at most this often. */
  static final Duration AUTO_EVERY = Duration.ofDays(1);
  static final String STAMP = "last-purge";

  /**
   * Purges when the last purge (automatic or not) is a day old or more, else does nothing: one
   * stat and one small read. Runs off the hook's hot path (SessionEnd, and verbs that read the
   * whole project anyway), so expired sessions go away without anyone running cleanup. Returns
   * what it removed, or null when it was not due. Never throws: it is housekeeping. Session
   * {@code keep} (the one the calling hook is about) is never deleted by it.
   */
  public static Purged purgeIfDue(SessionStore store, Instant now, String keep) {
    Path stamp = store.home().resolve(STAMP);
    try {
      if (!Files.isDirectory(store.projectsDir())) {
        return null;
      }
      Instant last = null;
      if (Files.exists(stamp)) {
        last = io.github.fss.model.Timestamps.parse(
            new String(RegularFiles.read(stamp, 64), java.nio.charset.StandardCharsets.UTF_8).trim());
      }
      if (last != null && Duration.between(last, now).compareTo(AUTO_EVERY) < 0 && !last.isAfter(now)) {
        return null;
      }
      // stamped first: two hooks ending at once do not both walk the store
      AtomicFile.write(stamp, io.github.fss.model.Timestamps.format(now).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return purge(store, now, keep);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  public static Purged purge(SessionStore store, Instant now) throws IOException {
    return purge(store, now, null);
  }

  /** As {@link #purge(SessionStore, Instant)}, sparing session {@code keep} (the one a hook is about). */
  public static Purged purge(SessionStore store, Instant now, String keep) throws IOException {
    try {
      if (Files.isDirectory(store.home())) {
        AtomicFile.write(store.home().resolve(STAMP),
            io.github.fss.model.Timestamps.format(now).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      // the stamp only spares the next automatic purge
    }
    int sessions = 0;
    for (StoredSession s : store.all()) {
      // the list is a snapshot: the deletion re-checks under the session's lock
      if (store.expired(s.session(), now) && !s.session().sessionId().equals(keep) && SessionIds.isValid(s.session().sessionId()) && s.file().getFileName().toString().equals(s.session().sessionId() + ".json")
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
