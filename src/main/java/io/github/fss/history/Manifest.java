package io.github.fss.history;

import java.util.HashMap;
import java.util.Map;

/**
 * What the index last saw of each session: its file's size and mtime, its transcript's size and
 * mtime, so an update skips an unchanged session with two stats (one for a quiet transcript). Kept in the commit's user data, so it
 * is written atomically with the documents it describes.
 */
final class Manifest {
  static final String KEY = "fss.manifest";

  /**
   * One session as indexed; {@code transcript} is null for a session without one, and
   * {@code transcriptMtime} is 0 when unknown.
   */
  record Mark(long size, long mtime, String transcript, long transcriptSize, long transcriptMtime) {}

  final Map<String, Mark> marks;
  /** Each project folder's mtime (ns) when it was last listed. */
  final Map<String, Long> dirs;
  /** The file system's clock (ms) when the folders were listed; 0 when unknown. */
  final long listedAt;

  private Manifest(Map<String, Mark> marks, Map<String, Long> dirs, long listedAt) {
    this.marks = marks;
    this.dirs = dirs;
    this.listedAt = listedAt;
  }

  static Manifest of(Map<String, Mark> marks, Map<String, Long> dirs, long listedAt) {
    return new Manifest(marks, dirs, listedAt);
  }

  static Manifest parse(String text) {
    Map<String, Mark> m = new HashMap<>();
    Map<String, Long> dirs = new HashMap<>();
    long listedAt = 0;
    if (text != null) {
      for (String line : text.split("\n")) {
        String[] f = line.split("\t", -1);
        try {
          if (f[0].equals("#dir") && f.length == 3) {
            dirs.put(f[1], Long.parseLong(f[2]));
            continue;
          }
          if (f[0].equals("#listed") && f.length == 2) {
            listedAt = Long.parseLong(f[1]);
            continue;
          }
        } catch (NumberFormatException e) {
          continue;
        }
        if (f.length != 5 && f.length != 6) {
          continue;
        }
        try {
          m.put(f[0], new Mark(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3].isEmpty() ? null : unescape(f[3]),
              Long.parseLong(f[4]), f.length == 6 ? Long.parseLong(f[5]) : 0));
        } catch (NumberFormatException e) {
          // an odd line: that session is indexed again
        }
      }
    }
    return new Manifest(m, dirs, listedAt);
  }

  String format() {
    StringBuilder sb = new StringBuilder(marks.size() * 120);
    sb.append("#listed\t").append(listedAt).append('\n');
    for (Map.Entry<String, Long> e : dirs.entrySet()) {
      sb.append("#dir\t").append(e.getKey()).append('\t').append(e.getValue()).append('\n');
    }
    for (Map.Entry<String, Mark> e : marks.entrySet()) {
      Mark k = e.getValue();
      sb.append(e.getKey()).append('\t').append(k.size()).append('\t').append(k.mtime()).append('\t')
          .append(k.transcript() == null ? "" : escape(k.transcript())).append('\t').append(k.transcriptSize())
          .append('\t').append(k.transcriptMtime()).append('\n');
    }
    return sb.toString();
  }

  private static String escape(String s) {
    return s.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A");
  }

  private static String unescape(String s) {
    return s.replace("%0A", "\n").replace("%09", "\t").replace("%25", "%");
  }
}
