package io.github.fss.cli;

import io.github.fss.FssException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed command-line arguments for one verb: boolean flags, options with a value
 * ({@code --name value} or {@code --name=value}) and positionals. Hand-written rather than picocli:
 * picocli adds 65–112 ms to every start (shared/reference/java-startup.md §3), which the
 * 150 ms target for {@code fss list} and {@code fss restore} cannot afford.
 */
public final class Args {
  private final Map<String, String> options = new HashMap<>();
  private final Map<String, Boolean> flags = new HashMap<>();
  private final List<String> positionals = new ArrayList<>();

  private Args() {}

  /** Parses {@code raw} against the verb's known flags and options; anything else is a usage error. */
  public static Args parse(List<String> raw, Set<String> knownFlags, Set<String> knownOptions) {
    Args a = new Args();
    boolean onlyPositionals = false;
    for (int i = 0; i < raw.size(); i++) {
      String arg = raw.get(i);
      if (onlyPositionals || !arg.startsWith("-") || arg.equals("-")) {
        a.positionals.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        onlyPositionals = true;
        continue;
      }
      if (arg.equals("-h")) {
        arg = "--help";
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (knownFlags.contains(name) || name.equals("--help") || name.equals("--verbose")) {
        if (value != null) {
          throw FssException.usage(name + " takes no value");
        }
        a.flags.put(name, true);
      } else if (knownOptions.contains(name)) {
        if (value == null) {
          if (i + 1 >= raw.size()) {
            throw FssException.usage(name + " needs a value");
          }
          value = raw.get(++i);
        }
        a.options.put(name, value);
      } else {
        throw FssException.usage("unknown option " + name);
      }
    }
    return a;
  }

  public boolean flag(String name) {
    return flags.getOrDefault(name, false);
  }

  public String option(String name) {
    return options.get(name);
  }

  public String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  /** An integer option; a non-number is a usage error. */
  public Integer intOption(String name) {
    String v = options.get(name);
    if (v == null) {
      return null;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw FssException.usage(name + " needs a whole number, not '" + v + "'");
    }
  }

  public List<String> positionals() {
    return positionals;
  }

  /** The single optional positional, or null; more than {@code max} is a usage error. */
  public String positional(int max) {
    if (positionals.size() > max) {
      throw FssException.usage("unexpected argument " + positionals.get(max));
    }
    return positionals.isEmpty() ? null : positionals.get(0);
  }
}
