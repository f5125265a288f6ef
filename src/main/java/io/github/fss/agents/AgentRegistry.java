package io.github.fss.agents;

import io.github.fss.Environment;
import io.github.fss.agents.claude.Claude;
import io.github.fss.agents.codex.Codex;
import io.github.fss.agents.gemini.Gemini;
import io.github.fss.agents.opencode.OpenCode;
import io.github.fss.capture.Readers;
import java.util.ArrayList;
import java.util.List;

/**
 * The agents fss serves, in one place: adding an agent is its package plus one entry here. The
 * first is the default (a manual {@code fss save} outside any agent). Agents are tiny objects;
 * their readers and setups are made on demand, so the hook path loads only the one it serves.
 */
public final class AgentRegistry {
  private static final List<Agent> AGENTS = List.of(new Claude(), new Codex(), new Gemini(), new OpenCode());

  private AgentRegistry() {}

  public static List<Agent> all() {
    return AGENTS;
  }

  /** By the name typed on the command line, or null. */
  public static Agent byName(String name) {
    for (Agent a : AGENTS) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    return null;
  }

  /** By a session's stored tool, or null. */
  public static Agent byTool(String tool) {
    for (Agent a : AGENTS) {
      if (a.tool().equals(tool)) {
        return a;
      }
    }
    return null;
  }

  /** By transcript format, or null. */
  public static Agent byFormat(String format) {
    for (Agent a : AGENTS) {
      if (a.format().equals(format)) {
        return a;
      }
    }
    return null;
  }

  /** The agent that answers {@code fss hook WHICH}, or null. */
  public static Agent byHook(String which) {
    for (Agent a : AGENTS) {
      if (a.hooks().contains(which)) {
        return a;
      }
    }
    return null;
  }

  /** The transcript readers by format, for the capture layer (which knows no agent). */
  public static Readers readers() {
    return format -> {
      Agent a = format == null ? null : byFormat(format);
      return a == null ? null : a.reader();
    };
  }

  /** The agent whose session variable is set in {@code env}; the default agent if none is. */
  public static Agent inside(Environment env) {
    for (Agent a : AGENTS.subList(1, AGENTS.size())) {
      if (a.sessionVariable() != null && env.get(a.sessionVariable()) != null) {
        return a;
      }
    }
    return AGENTS.get(0);
  }

  /** "Claude Code" for a stored tool or a typed name; the tool itself for other agents; "agent" for none. */
  public static String label(String toolOrName) {
    if (toolOrName == null) {
      return "agent";
    }
    Agent a = byTool(toolOrName) != null ? byTool(toolOrName) : byName(toolOrName);
    return a == null ? toolOrName : a.label();
  }

  /** The names, e.g. for {@code claude|codex}. */
  public static List<String> names() {
    List<String> out = new ArrayList<>();
    for (Agent a : AGENTS) {
      out.add(a.name());
    }
    return out;
  }

  /** The stored tools, e.g. for a filter. */
  public static List<String> tools() {
    List<String> out = new ArrayList<>();
    for (Agent a : AGENTS) {
      out.add(a.tool());
    }
    return out;
  }

  /** "a, b or c". */
  public static String either(List<String> words) {
    if (words.size() <= 1) {
      return String.join("", words);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
  }
}
