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
    int pos = 0;
    int n = text == null ? 0 : text.length();
    String[] f = new String[6];
    // by hand, not split(): a search reads a line per session of the store before it can answer
    while (pos < n) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0) {
        eol = n;
      }
      int count = 0;
      for (int i = pos; count < f.length; ) {
        int tab = text.indexOf('\t', i);
        if (tab < 0 || tab > eol) {
          f[count++] = text.substring(i, eol);
          break;
        }
        f[count++] = text.substring(i, tab);
        i = tab + 1;
      }
      pos = eol + 1;
      try {
        if (count == 3 && f[0].equals("#dir")) {
          dirs.put(f[1], Long.parseLong(f[2]));
        } else if (count == 2 && f[0].equals("#listed")) {
          listedAt = Long.parseLong(f[1]);
        } else if (count == 5 || count == 6) {
          String t = f[3].isEmpty() ? null : f[3].indexOf('%') >= 0 ? unescape(f[3]) : f[3];
          m.put(f[0], new Mark(Long.parseLong(f[1]), Long.parseLong(f[2]), t, Long.parseLong(f[4]),
              count == 6 ? Long.parseLong(f[5]) : 0));
        }
      } catch (NumberFormatException e) {
        // an odd line: that session is indexed again
      }
    }
    return new Manifest(m, dirs, listedAt);
  }

  /** The folder lines of a manifest and where its session lines start ({@link #format} writes them first). */
  record Header(Map<String, Long> dirs, long listedAt, int end) {}

  static Header header(String text) {
    Map<String, Long> dirs = new HashMap<>();
    long listedAt = 0;
    int pos = 0;
    int n = text.length();
    while (pos < n && text.charAt(pos) == '#') {
      int eol = text.indexOf('\n', pos);
      if (eol < 0) {
        eol = n;
      }
      String line = text.substring(pos, eol);
      int t1 = line.indexOf('\t');
      int t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
      try {
        if (line.startsWith("#listed\t")) {
          listedAt = Long.parseLong(line.substring(t1 + 1));
        } else if (line.startsWith("#dir\t") && t2 > 0) {
          dirs.put(line.substring(t1 + 1, t2), Long.parseLong(line.substring(t2 + 1)));
        }
      } catch (NumberFormatException e) {
        // as parse: an odd line is left out
      }
      pos = eol + 1;
    }
    return new Header(dirs, listedAt, Math.min(pos, n));
  }

  /** A session line's test: its id, transcript (null if none), transcript size and mtime. */
  interface MarkTest {
    boolean test(String id, String transcript, long transcriptSize, long transcriptMtime);
  }

  /**
   * Whether {@code test} holds for every session line from {@code from} on, stopping at the first
   * that fails; a line {@link #parse} would not read also fails (its session would be indexed again).
   */
  static boolean everyMark(String text, int from, MarkTest test) {
    int pos = from;
    int n = text.length();
    int[] tabs = new int[5];
    while (pos < n) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0) {
        eol = n;
      }
      if (text.charAt(pos) == '#') {
        return false; // parse reads header lines anywhere; format writes them first
      }
      int count = 0;
      for (int i = text.indexOf('\t', pos); i >= 0 && i < eol && count < tabs.length; i = text.indexOf('\t', i + 1)) {
        tabs[count++] = i;
      }
      if (count != 4 && count != 5) {
        return false;
      }
      try {
        String t = text.substring(tabs[2] + 1, tabs[3]);
        t = t.isEmpty() ? null : t.indexOf('%') >= 0 ? unescape(t) : t;
        long size = Long.parseLong(text, tabs[3] + 1, count == 5 ? tabs[4] : eol, 10);
        long mtime = count == 5 ? Long.parseLong(text, tabs[4] + 1, eol, 10) : 0;
        if (!test.test(text.substring(pos, tabs[0]), t, size, mtime)) {
          return false;
        }
      } catch (NumberFormatException e) {
        return false;
      }
      pos = eol + 1;
    }
    return true;
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
