package io.github.fss.agents;

import io.github.fss.FssException;
import java.util.Locale;

/** Where Claude Code settings are edited: the user's config dir or the current project's. */
public enum Scope {
  USER, PROJECT;

  /** Parses {@code user} or {@code project}; anything else is a usage error. */
  public static Scope parse(String value) {
    if (value == null) {
      return USER;
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "user":
        return USER;
      case "project":
        return PROJECT;
      default:
        throw FssException.usage("--scope must be user or project, not '" + value + "'");
    }
  }
}
