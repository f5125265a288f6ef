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

  private Manifest(Map<String, Mark> marks) {
    this.marks = marks;
  }

  static Manifest of(Map<String, Mark> marks) {
    return new Manifest(marks);
  }

  static Manifest parse(String text) {
    Map<String, Mark> m = new HashMap<>();
    if (text != null) {
      for (String line : text.split("\n")) {
        String[] f = line.split("\t", -1);
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
    return new Manifest(m);
  }

  String format() {
    StringBuilder sb = new StringBuilder(marks.size() * 120);
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
