package io.github.fss.agents.codex;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Codex rollout files: {@code sessions/YYYY/MM/DD/} (date dirs in local time) and the flat
 * {@code archived_sessions/}, plain {@code .jsonl} or zstd-compressed {@code .jsonl.zst}. A plain
 * file wins over its compressed twin (Codex decompresses before appending to it).
 */
public final class RolloutLocator {
  /** shared/reference/codex.md §1; group 2 is the thread id, group 3 a copy's second id. */
  static final Pattern NAME = Pattern.compile(
      "^rollout-(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2})-([0-9a-f-]{36})(?:_([0-9a-f-]{36}))?\\.jsonl(\\.zst)?$");
  /** Thread ids are uuids; anything else (separators, dots) is refused before touching a path. */
  private static final Pattern THREAD_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");

  private RolloutLocator() {}

  /** The thread id in a rollout's file name, or null when the name is not a rollout's. */
  public static String threadId(Path rollout) {
    java.util.regex.Matcher m = NAME.matcher(rollout.getFileName().toString());
    return m.matches() ? m.group(2) : null;
  }

  /**
   * The rollout of a thread, or null when there is none or the id is not a uuid. Looks first in the
   * day dirs that a v7 uuid's timestamp points to, then walks the day dirs newest first and stops at
   * the first that holds it under its exact name, then the archive. A {@code _<uuid>} copy is the
   * answer only when no exact name exists; {@code .jsonl} wins over {@code .jsonl.zst}.
   */
  public static Path find(Path codexHome, String threadId) {
    if (codexHome == null || threadId == null) {
      return null;
    }
    String id = threadId.strip().toLowerCase(Locale.ROOT);
    if (!THREAD_ID.matcher(id).matches()) {
      return null;
    }
    Path sessions = codexHome.resolve("sessions");
    Set<Path> tried = new HashSet<>();
    Path copy = null;
    for (LocalDate day : likelyDays(id)) {
      Path dir = sessions.resolve(String.format(Locale.ROOT, "%04d", day.getYear()))
          .resolve(String.format(Locale.ROOT, "%02d", day.getMonthValue()))
          .resolve(String.format(Locale.ROOT, "%02d", day.getDayOfMonth()));
      tried.add(dir);
      Hit hit = best(dir, id);
      if (hit != null && hit.exact()) {
        return hit.path();
      }
      copy = copy != null || hit == null ? copy : hit.path();
    }
    for (Path y : children(sessions, YEAR)) {
      for (Path m : children(y, TWO_DIGITS)) {
        for (Path d : children(m, TWO_DIGITS)) {
          Hit hit = tried.contains(d) ? null : best(d, id);
          if (hit != null && hit.exact()) {
            return hit.path();
          }
          copy = copy != null || hit == null ? copy : hit.path();
        }
      }
    }
    Hit archived = best(codexHome.resolve("archived_sessions"), id);
    if (archived != null && (archived.exact() || copy == null)) {
      return archived.path();
    }
    return copy;
  }

  /** Every rollout (one per thread file, plain preferred) modified within {@code maxAge}, newest first. */
  public static List<Path> recent(Path codexHome, Duration maxAge) {
    return recent(codexHome, maxAge, Instant.now());
  }

  /** {@link #recent(Path, Duration)} as of {@code now}. */
  public static List<Path> recent(Path codexHome, Duration maxAge, Instant now) {
    List<Path> dirs = new ArrayList<>(dayDirs(codexHome.resolve("sessions")));
    dirs.add(codexHome.resolve("archived_sessions"));
    Instant cutoff = now.minus(maxAge);
    List<Stamped> found = new ArrayList<>();
    for (Path dir : dirs) {
      for (Path file : rollouts(dir)) {
        String name = file.getFileName().toString();
        if (name.endsWith(".zst") && Files.exists(file.resolveSibling(name.substring(0, name.length() - 4)))) {
          continue; // its plain twin is listed instead
        }
        try {
          BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
          Instant modified = a.lastModifiedTime().toInstant();
          if (a.isRegularFile() && !modified.isBefore(cutoff)) {
            found.add(new Stamped(file, modified));
          }
        } catch (IOException e) {
          // vanished or unreadable meanwhile: not a rollout to import
        }
      }
    }
    found.sort(Comparator.comparing(Stamped::modified).reversed().thenComparing(s -> s.path().toString()));
    List<Path> out = new ArrayList<>();
    for (Stamped s : found) {
      out.add(s.path());
    }
    return out;
  }

  /** A rollout and its modification time, for sorting. */
  private record Stamped(Path path, Instant modified) {}

  /** The day of a v7 uuid's timestamp and its neighbours (dirs use local time, on any machine). */
  private static Set<LocalDate> likelyDays(String id) {
    Set<LocalDate> days = new LinkedHashSet<>();
    if (id.charAt(14) != '7') {
      return days;
    }
    long millis = Long.parseLong(id.substring(0, 8) + id.substring(9, 13), 16);
    LocalDate day = Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault()).toLocalDate();
    days.add(day);
    days.add(day.minusDays(1));
    days.add(day.plusDays(1));
    return days;
  }

  /** A rollout found for a thread: {@code exact} unless it is a {@code _<uuid>} copy. */
  private record Hit(Path path, boolean exact) {}

  /** The best rollout of the thread in one directory, or null. */
  private static Hit best(Path dir, String id) {
    Path found = null;
    int foundRank = Integer.MAX_VALUE;
    for (Path file : rollouts(dir)) {
      Matcher m = NAME.matcher(file.getFileName().toString());
      if (!m.matches()) {
        continue;
      }
      boolean exact = m.group(3) == null && m.group(2).equals(id);
      boolean copy = m.group(3) != null && (m.group(2).equals(id) || m.group(3).equals(id));
      if (!exact && !copy) {
        continue;
      }
      int rank = (exact ? 0 : 2) + (m.group(4) == null ? 0 : 1);
      if (rank < foundRank || (rank == foundRank && file.toString().compareTo(found.toString()) > 0)) {
        found = file;
        foundRank = rank;
      }
    }
    return found == null ? null : new Hit(found, foundRank < 2);
  }

  /** The rollout-named files of one directory (none when it does not exist). */
  private static List<Path> rollouts(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "rollout-*.jsonl*")) {
      for (Path p : ds) {
        if (NAME.matcher(p.getFileName().toString()).matches()) {
          out.add(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // unreadable dir: nothing found there
    }
    return out;
  }

  /** sessions/YYYY/MM/DD dirs, newest first; other names are ignored. */
  private static List<Path> dayDirs(Path sessions) {
    List<Path> out = new ArrayList<>();
    for (Path y : children(sessions, YEAR)) {
      for (Path m : children(y, TWO_DIGITS)) {
        out.addAll(children(m, TWO_DIGITS));
      }
    }
    return out;
  }

  private static List<Path> children(Path dir, Pattern name) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (name.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p)) {
          out.add(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      return out;
    }
    out.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
    return out;
  }
}
