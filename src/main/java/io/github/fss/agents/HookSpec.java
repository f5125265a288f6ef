package io.github.fss.agents;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One hook we register: the event, its matcher (null for events without one) and the handler's
 * timeout and async flag.
 */
public record HookSpec(String event, String matcher, int timeoutSeconds, boolean async) {
  /** The handler object as it appears in the file: type, command, async (when set), timeout. */
  public Map<String, Object> handler(String command) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("type", "command");
    h.put("command", command);
    if (async) {
      h.put("async", Boolean.TRUE);
    }
    h.put("timeout", (long) timeoutSeconds);
    return h;
  }
}
