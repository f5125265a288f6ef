package io.github.fss.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

/** Timestamps read the same through the quick path as through java.time's ISO parser. */
class TimestampsTest {
  static Instant iso(String t) {
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Test
  void theShapesAgentsAndFssWriteTakeTheQuickPathAndMatchIso() {
    for (String t : new String[] {"2026-11-24T09:30:05Z", "2026-11-24T09:30:05.1Z", "2026-11-24T09:30:05.123Z",
        "2026-11-24T09:30:05.123456789Z", "2026-11-24T09:30:05+05:30", "2026-11-24T09:30:05-04:00",
        "2026-11-24T09:30:05.250-00:00", "2024-02-29T23:59:59+18:00", "0001-01-01T00:00:00Z"}) {
      assertNotNull(Timestamps.parseCommon(t), t);
      assertEquals(iso(t), Timestamps.parseCommon(t), t);
      assertEquals(iso(t), Timestamps.parse(t), t);
    }
  }

  @Test
  void anythingElseIsLeftToTheGeneralParsers() {
    for (String t : new String[] {"2026-11-24T09:30Z", "2026-11-24 09:30:05Z", "2026-11-24T09:30:05",
        "2026-11-24T09:30:05.Z", "2026-11-24T09:30:05.1234567890Z", "2026-11-24T09:30:05+0100",
        "2026-11-24T09:30:05+01:00:30", "2026-11-24T09:30:05+x1:00", "2026-11-24T09:30:05+19:00",
        "2026-02-30T09:30:05Z", "2026-11-24T24:00:00Z", "2026-12-31T23:59:60Z", "2026-11-24t09:30:05z",
        "+12026-11-24T09:30:05Z", "２０２６-11-24T09:30:05Z"}) {
      assertNull(Timestamps.parseCommon(t), t);
    }
    assertEquals(iso("2026-11-24T09:30Z"), Timestamps.parse("2026-11-24T09:30Z"));
    assertEquals(Instant.parse("2026-12-31T23:59:59Z"), Timestamps.parse("2026-12-31T23:59:60Z"));
    assertNull(Timestamps.parse("2026-02-30T09:30:05Z"));
  }

  @Test
  void formatWritesUtcToTheSecondAndReadsBack() {
    Instant i = Instant.parse("2026-07-01T12:00:00.700Z");
    assertEquals(Instant.parse("2026-07-01T12:00:00Z"), Timestamps.parse(Timestamps.format(i)));
    assertEquals("2026-07-01T12:00:00Z", Timestamps.format(i));
  }

  @Test
  void theArithmeticAgreesWithJavaTimeOnEveryDayOfFiveCenturiesAndAtRandom() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(12);
    for (long day = java.time.LocalDate.of(1800, 1, 1).toEpochDay(); day < java.time.LocalDate.of(2300, 1, 1)
        .toEpochDay(); day++) {
      Instant at = Instant.ofEpochSecond(day * 86400 + random.nextInt(86400), random.nextInt(1_000_000_000));
      String expected = at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
      assertEquals(expected, Timestamps.format(at));
      assertEquals(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), Timestamps.parseCommon(expected));
      String offset = at.atOffset(java.time.ZoneOffset.ofHoursMinutes(random.nextInt(-18, 19), 0)).toString();
      assertEquals(iso(offset), Timestamps.parseCommon(offset), offset);
    }
    for (String t : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2000-02-29T00:00:00Z",
        "2100-02-28T12:00:00-18:00"}) {
      assertEquals(iso(t), Timestamps.parseCommon(t), t);
    }
    for (String t : new String[] {"2100-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-00-10T00:00:00Z",
        "2026-13-10T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-01T00:60:00Z", "2026-01-01T00:00:00+18:30"}) {
      assertNull(Timestamps.parseCommon(t), t);
    }
    for (Instant far : new Instant[] {Instant.parse("+12026-01-01T00:00:00Z"), Instant.parse("-0001-06-01T10:00:00Z"),
        Instant.EPOCH, Instant.ofEpochSecond(-1)}) {
      assertEquals(far.toString(), Timestamps.format(far));
    }
  }
}
