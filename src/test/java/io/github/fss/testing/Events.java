package io.github.fss.testing;

import io.github.fss.json.Json;
import java.nio.file.Path;

/** Hook events and transcript lines shaped like Claude Code's, for tests. */
public final class Events {
  private Events() {}

  /** A hook event as Claude Code sends it on stdin. */
  public static String hook(String name, String session, Path transcript, Path cwd, String extra) {
    return "{\"hook_event_name\":\"" + name + "\",\"session_id\":\"" + session + "\",\"transcript_path\":\""
        + transcript + "\",\"cwd\":\"" + cwd + "\"" + (extra == null ? "" : "," + extra) + "}";
  }

  /** A minute ago, so a test's sessions are always fresh, whatever the day it runs on. */
  public static String recently() {
    return java.time.Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
  }

  /** A user prompt line of a Claude Code transcript. */
  public static String userLine(Path cwd, String text) {
    return "{\"parentUuid\":null,\"isSidechain\":false,\"type\":\"user\",\"cwd\":\"" + cwd + "\",\"sessionId\":\"s1\","
        + "\"gitBranch\":\"fix/login\",\"message\":{\"role\":\"user\",\"content\":" + Json.write(text, false)
        + "},\"uuid\":\"u" + text.hashCode() + "\",\"timestamp\":\"" + recently() + "\"}";
  }
}
