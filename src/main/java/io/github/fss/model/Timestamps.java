package io.github.fss.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
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
    long sec = instant.getEpochSecond();
    long days = Math.floorDiv(sec, 86400L);
    int inDay = (int) Math.floorMod(sec, 86400L);
    // the civil date by arithmetic (H. Hinnant's civil_from_days): Instant.toString builds a
    // DateTimeFormatter, ~3 ms of a SessionStart hook's cold start (bench/RESULTS.md, "Dashboard
    // limit; list and SessionStart")
    long z = days + 719468;
    long era = Math.floorDiv(z, 146097L);
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      return instant.truncatedTo(ChronoUnit.SECONDS).toString(); // +10000-…, -0001-…: as java.time writes them
    }
    char[] c = "0000-00-00T00:00:00Z".toCharArray();
    put(c, 0, 4, (int) year);
    put(c, 5, 2, month);
    put(c, 8, 2, day);
    put(c, 11, 2, inDay / 3600);
    put(c, 14, 2, inDay / 60 % 60);
    put(c, 17, 2, inDay % 60);
    return new String(c);
  }

  /** Writes {@code v} as {@code width} decimal digits at {@code at}. */
  private static void put(char[] c, int at, int width, int v) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + v % 10);
      v /= 10;
    }
  }

  /** Days from 1970-01-01 to a valid proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long epochDay(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400L);
    long yoe = y - era * 400;
    long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  private static int monthLength(long year, int month) {
    if (month == 2) {
      return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
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
    // checked and counted by hand, as LocalDateTime.of(…).toInstant(ZoneOffset.ofHoursMinutes(…)) would:
    // those load LocalDate, ZoneOffset and, through Year, a DateTimeFormatterBuilder — ~5 ms of list's
    // cold start for twenty timestamps (bench/RESULTS.md, "Dashboard limit; list and SessionStart")
    int offset = offsetHours * 3600 + offsetMinutes * 60;
    if (month < 1 || month > 12 || day < 1 || day > monthLength(year, month) || hour > 23 || minute > 59
        || second > 59 || Math.abs(offset) > 18 * 3600) {
      return null; // out of range (Feb 30, 24:00, a leap second, +19:00): the general parsers decide
    }
    return Instant.ofEpochSecond(epochDay(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset,
        nanos);
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
