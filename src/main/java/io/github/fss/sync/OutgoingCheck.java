package io.github.fss.sync;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The second redaction pass over what leaves the machine. Text was redacted when it was captured;
 * anything that still changes under the redactor now (a secret pattern the user added since, a
 * file written by an older version, a {@code <private>} span) stops the sync, naming the session
 * and the field, before a byte is committed.
 */
final class OutgoingCheck {
  /** Fields that are not free text (ids, times, hashes, enums): a redactor has nothing to say there. */
  private static final Set<String> NOT_TEXT = Set.of("format", "writer", "schema_version", "session_id",
      "start_time", "last_active", "status", "timestamp", "kind", "git_head", "git_dirty", "last_modified",
      "at", "exit_code", "machine", "role", "id");
  private static final Pattern KIND = Pattern.compile("\\[REDACTED:([^\\]]+)\\]");

  private final UnaryOperator<String> redact;

  OutgoingCheck(UnaryOperator<String> redact) {
    this.redact = redact;
  }

  /** Throws when a text field of {@code tree} still holds something the redactor would hide. */
  void check(String sessionId, String file, Object tree) {
    String found = walk(tree, "");
    if (found != null) {
      found = found.replace(" in session.", " in "); // name the field as the session file has it
    }
    if (found != null) {
      throw new SyncException("session " + sessionId + " still holds " + found + "; nothing was pushed. "
          + "Remove it from " + file + " (or delete that session) and run fss sync again");
    }
  }

  private String walk(Object v, String where) {
    if (v instanceof String) {
      String s = (String) v;
      String r = redact.apply(s);
      if (r != null && !r.equals(s)) {
        Matcher m = KIND.matcher(r);
        String kind = null;
        while (m.find()) {
          if (!s.contains(m.group())) {
            kind = m.group(1);
            break;
          }
        }
        return (kind != null ? "a secret (" + kind + ")" : "private text") + " in " + where;
      }
      return null;
    }
    if (v instanceof Map<?, ?>) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        String key = String.valueOf(e.getKey());
        if (NOT_TEXT.contains(key)) {
          continue;
        }
        String hit = walk(e.getValue(), where.isEmpty() ? key : where + "." + key);
        if (hit != null) {
          return hit;
        }
      }
      return null;
    }
    if (v instanceof List<?>) {
      List<?> l = (List<?>) v;
      for (int i = 0; i < l.size(); i++) {
        String hit = walk(l.get(i), where + "[" + i + "]");
        if (hit != null) {
          return hit;
        }
      }
    }
    return null;
  }
}
