package io.github.fss.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** ISO-8601 timestamps: written in UTC; naive ones from old files are read as local time. */
public final class Timestamps {
  private Timestamps() {}

  /**
   * The instant as ISO-8601 in UTC ({@code 2026-11-24T09:30:05Z}), to the second. UTC, not the local
   * offset: the agents' transcripts are in UTC too, and finding the local offset loads the time-zone
   * database, 3–9 ms of every hook (bench/RESULTS.md). Ages shown to people are relative anyway.
   */
  public static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Parses offset, Z or naive (local) ISO-8601; null when absent or unreadable. */
  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim();
    Instant common = parseCommon(t);
    if (common != null) {
      return common;
    }
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

  /**
   * The shape this tool and the agents write, {@code 2026-11-24T09:30:05[.123](Z|+01:00)}, read
   * without DateTimeFormatter, whose set-up costs every hook ~5 ms; null for anything else, which
   * the general parsers then decide.
   */
  static Instant parseCommon(String t) {
    int n = t.length();
    if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (t.charAt(i) == '.') {
      int start = ++i;
      while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
        i++;
      }
      if (i == start || i - start > 9) {
        return null;
      }
      nanos = digits(t, start, i);
      for (int k = i - start; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetHours = 0;
    int offsetMinutes = 0;
    if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
      offsetHours = digits(t, i + 1, i + 3);
      offsetMinutes = digits(t, i + 4, i + 6);
      if (offsetHours < 0 || offsetMinutes < 0 || offsetHours > 18 || offsetMinutes > 59) {
        return null;
      }
      if (t.charAt(i) == '-') {
        offsetHours = -offsetHours;
        offsetMinutes = -offsetMinutes;
      }
    } else if (i != n - 1 || t.charAt(i) != 'Z') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 7);
    int day = digits(t, 8, 10);
    int hour = digits(t, 11, 13);
    int minute = digits(t, 14, 16);
    int second = digits(t, 17, 19);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.ofHoursMinutes(offsetHours, offsetMinutes));
    } catch (DateTimeException e) {
      return null; // out of range (Feb 30, 24:00, a leap second): the general parsers decide
    }
  }

  /** The decimal value of t[from, to), or -1 unless all are ASCII digits. */
  private static int digits(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
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
