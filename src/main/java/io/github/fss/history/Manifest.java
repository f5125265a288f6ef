package io.github.fss.history;

import java.util.HashMap;
import java.util.Map;

/**
 * What the index last saw of each session: its file's size and mtime and its transcript's size,
 * so an update skips an unchanged session with two stats. Kept in the commit's user data, so it
 * is written atomically with the documents it describes.
 */
final class Manifest {
  static final String KEY = "fss.manifest";

  /** One session as indexed; {@code transcript} is null for a session without one. */
  record Mark(long size, long mtime, String transcript, long transcriptSize) {}

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
        if (f.length != 5) {
          continue;
        }
        try {
          m.put(f[0], new Mark(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3].isEmpty() ? null : unescape(f[3]),
              Long.parseLong(f[4])));
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
          .append('\n');
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
