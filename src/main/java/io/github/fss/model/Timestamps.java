package io.github.fss.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.TimeZone;

/** ISO-8601 timestamps: written with an offset; naive ones from old files are read as local time. */
public final class Timestamps {
  private Timestamps() {}

  /** The instant as ISO-8601 with the local offset, to the second. */
  public static String format(Instant instant) {
    Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
    // The offset from TimeZone, not ZoneId.systemDefault(): a zone region also starts the tzdb
    // rules provider through ServiceLoader, ~7 ms of every hook (bench/RESULTS.md).
    int offset = TimeZone.getDefault().getOffset(seconds.toEpochMilli()) / 1000;
    return OffsetDateTime.ofInstant(seconds, ZoneOffset.ofTotalSeconds(offset)).toString();
  }

  /** Parses offset, Z or naive (local) ISO-8601; null when absent or unreadable. */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // fall through: Instant form or naive local time
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      // fall through
    }
    try {
      return LocalDateTime.parse(t.replace(' ', 'T')).atZone(ZoneId.systemDefault()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** "3m", "2h", "4d": a compact age for listings. */
  public static String age(Instant then, Instant now) {
    if (then == null) {
      return "?";
    }
    long s = Math.max(0, now.getEpochSecond() - then.getEpochSecond());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m";
    }
    if (s < 86400) {
      return (s / 3600) + "h";
    }
    return (s / 86400) + "d";
  }
}
