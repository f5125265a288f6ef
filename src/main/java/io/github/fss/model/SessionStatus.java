package io.github.fss.model;

/**
 * The stored status of a session. {@code interrupted} is not stored: it is derived for display
 * from an active session that has been idle for a while (see {@link Session#displayStatus}).
 */
public enum SessionStatus {
  ACTIVE,
  ENDED,
  TRANSFERRED;

  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static SessionStatus parse(String s) {
    if ("ended".equals(s) || "archived".equals(s)) {
      return ENDED;
    }
    if ("transferred".equals(s)) {
      return TRANSFERRED;
    }
    return ACTIVE;
  }
}
