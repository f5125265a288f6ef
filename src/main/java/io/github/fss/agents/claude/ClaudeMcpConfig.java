package io.github.fss.agents.claude;

import io.github.fss.FssException;
import io.github.fss.agents.Edit;
import io.github.fss.agents.JsonText;
import io.github.fss.json.JsonException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers {@code fss mcp} for Claude Code at user scope: {@code mcpServers.fss} in
 * {@code ~/.claude.json}, the entry {@code claude mcp add --scope user} writes. That file is Claude
 * Code's own state, so every other key is kept as it was (JsonText prints as Claude Code does) and
 * an {@code fss} entry that is not ours is left alone.
 */
public final class ClaudeMcpConfig {
  /** The server's name: tools appear as {@code mcp__fss__<tool>}. */
  public static final String NAME = "fss";

  private ClaudeMcpConfig() {}

  /** The entry for {@code launcher}. */
  static Map<String, Object> entry(String launcher) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "stdio");
    m.put("command", launcher);
    m.put("args", new ArrayList<>(List.of("mcp")));
    m.put("env", new LinkedHashMap<>());
    return m;
  }

  /** Plans the install: add our entry, or bring the one we left up to date. */
  public static Edit install(String current, Path path, String launcher) {
    boolean fresh = current == null || current.isBlank();
    Map<String, Object> root = fresh ? new LinkedHashMap<>() : root(current, path);
    JsonText.Layout layout = fresh ? JsonText.Layout.DEFAULT : JsonText.layout(current);
    Object servers = root.get("mcpServers");
    if (servers != null && !(servers instanceof Map<?, ?>)) {
      throw FssException.invalid(path + ": \"mcpServers\" is not an object; fix it or use --no-mcp — nothing was changed");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = servers == null ? new LinkedHashMap<>() : (Map<String, Object>) servers;
    Object existing = m.get(NAME);
    if (existing != null && !isOurs(existing, launcher)) {
      return Edit.keep("left alone: mcpServers.fss is a server of your own");
    }
    Map<String, Object> wanted = entry(launcher);
    if (existing != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> mine = (Map<String, Object>) existing;
      if (mine.get("command").equals(launcher)) {
        return Edit.keep("already installed (mcp server)");
      }
      mine.put("command", launcher); // the launcher moved: keep whatever else the user set on it
    } else {
      m.put(NAME, wanted);
    }
    root.put("mcpServers", m);
    return Edit.write(JsonText.print(root, layout), existing != null ? "updated (mcp server)" : "installed (mcp server)");
  }

  /** Plans the uninstall: our entry goes, and mcpServers too when that leaves it empty. */
  public static Edit uninstall(String current, Path path, String launcher) {
    if (current == null || current.isBlank()) {
      return Edit.keep("nothing to remove (mcp server)");
    }
    Map<String, Object> root = root(current, path);
    Object servers = root.get("mcpServers");
    if (!(servers instanceof Map<?, ?>) || !isOurs(((Map<?, ?>) servers).get(NAME), launcher)) {
      return Edit.keep("nothing to remove (mcp server)");
    }
    ((Map<?, ?>) servers).remove(NAME);
    if (((Map<?, ?>) servers).isEmpty()) {
      root.remove("mcpServers");
    }
    return Edit.write(JsonText.print(root, JsonText.layout(current)), "removed (mcp server)");
  }

  /** Ours: runs {@code <launcher> mcp}, the launcher being a file named fss or the one we install. */
  static boolean isOurs(Object entry, String launcher) {
    if (!(entry instanceof Map<?, ?>)) {
      return false;
    }
    Object command = ((Map<?, ?>) entry).get("command");
    Object args = ((Map<?, ?>) entry).get("args");
    if (!(command instanceof String) || !List.of("mcp").equals(args)) {
      return false;
    }
    String c = (String) command;
    return c.equals(launcher) || c.substring(c.lastIndexOf('/') + 1).equals("fss");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> root(String text, Path path) {
    Object tree;
    try {
      tree = JsonText.parse(text);
    } catch (JsonException e) {
      throw FssException.invalid(path + " is not valid JSON (" + e.getMessage() + "); fix it, or install with --no-mcp"
          + " — nothing was changed");
    }
    if (!(tree instanceof Map<?, ?>)) {
      throw FssException.invalid(path + ": the top level is not a JSON object; nothing was changed");
    }
    return (Map<String, Object>) tree;
  }
}
