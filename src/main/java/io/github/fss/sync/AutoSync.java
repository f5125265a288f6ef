package io.github.fss.sync;

import io.github.fss.json.Json;
import io.github.fss.model.Timestamps;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * When an automatic sync is due: {@code sync.auto} in config.properties (or {@code FSS_SYNC_AUTO}),
 * an interval such as {@code 30m}, {@code 2h} or {@code 90s}, measured from the last sync, whatever
 * its result. Only commands that start the JVM anyway ask, never a hook.
 */
public final class AutoSync {
  private AutoSync() {}

  public static boolean due(Path fssHome, Map<String, String> env, Instant now) {
    if (!SessionSync.configured(fssHome)) {
      return false; // one stat for everyone who never set sync up
    }
    Duration every = interval(env.get("FSS_SYNC_AUTO") != null ? env.get("FSS_SYNC_AUTO")
        : Machine.config(fssHome).getProperty("sync.auto"));
    if (every == null) {
      return false;
    }
    Map<String, Object> last = SessionSync.lastResult(fssHome);
    Instant at = last == null ? null : Timestamps.parse(Json.str(last.get("at")));
    return at == null || !now.isBefore(at.plus(every));
  }

  /** {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d} or a number of minutes; null when off or unreadable. */
  static Duration interval(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    char unit = t.charAt(t.length() - 1);
    String digits = Character.isDigit(unit) ? t : t.substring(0, t.length() - 1);
    long n;
    try {
      n = Long.parseLong(digits.strip());
    } catch (NumberFormatException e) {
      return null;
    }
    if (n <= 0) {
      return null;
    }
    switch (unit) {
      case 's':
        return Duration.ofSeconds(n);
      case 'h':
        return Duration.ofHours(n);
      case 'd':
        return Duration.ofDays(n);
      default:
        return Character.isDigit(unit) || unit == 'm' ? Duration.ofMinutes(n) : null;
    }
  }
}
