package io.github.fss.store;

import java.util.UUID;

/**
 * Session ids as file names: letters, digits, '.', '_' and '-', at most 128 characters, never
 * starting with a dot. Anything else (a path, '..', a NUL byte) is refused, so an id taken from a
 * hook's input or the command line can never escape the store.
 */
public final class SessionIds {
  private SessionIds() {}

  /** As {@link #isValid(String)}, on {@code len} bytes of {@code b} from {@code at} (a summary's index line). */
  static boolean isValid(byte[] b, int at, int len) {
    if (len <= 0 || len > 128 || b[at] == '.' || b[at] == '-') {
      return false;
    }
    for (int i = at; i < at + len; i++) {
      if (!idChar(b[i])) {
        return false;
      }
    }
    return true;
  }

  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > 128 || id.charAt(0) == '.' || id.charAt(0) == '-') {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      if (!idChar(id.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The characters an id may hold: letters, digits, '_', '-' and '.' (ASCII only). */
  private static boolean idChar(int c) {
    return c >= 0 && c < 128 && ID_CHAR[c];
  }

  /**
   * {@link #idChar} as a table: one load per character, where the six comparisons cost a summary of
   * 20,000 rows ~4 ms of list's cold start (bench/RESULTS.md, "Dashboard limit; list and SessionStart").
   */
  static final boolean[] ID_CHAR = new boolean[128];

  static {
    for (int c = 0; c < 128; c++) {
      ID_CHAR[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
          || c == '.';
    }
  }

  /** A new id for a manual session. */
  public static String generate() {
    return UUID.randomUUID().toString();
  }
}
