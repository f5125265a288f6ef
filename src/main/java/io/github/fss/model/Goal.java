package io.github.fss.model;

import java.util.Locale;

/**
 * A goal the agent pursues across turns (Codex {@code create_goal}): its objective and where it
 * stands — {@code active}, {@code paused}, {@code blocked}, {@code complete}, or another status the
 * agent reports (kept, in snake_case).
 */
public record Goal(String objective, String status) {
  public static final String ACTIVE = "active";
  public static final String COMPLETE = "complete";

  public Goal {
    if (objective == null || objective.isBlank()) {
      throw new IllegalArgumentException("a goal needs an objective");
    }
    status = normalize(status);
  }

  public Goal withStatus(String value) {
    return new Goal(objective, value);
  }

  /** A complete goal is history: it no longer poses as the current task. */
  public boolean isComplete() {
    return COMPLETE.equals(status);
  }

  /** "budgetLimited" → "budget_limited", "completed" → "complete"; null or blank → active. */
  static String normalize(String s) {
    if (s == null || s.isBlank()) {
      return ACTIVE;
    }
    String t = s.strip().replaceAll("([a-z])([A-Z])", "$1_$2").replace('-', '_').replace(' ', '_')
        .toLowerCase(Locale.ROOT);
    return t.equals("completed") || t.equals("done") ? COMPLETE : t;
  }
}
