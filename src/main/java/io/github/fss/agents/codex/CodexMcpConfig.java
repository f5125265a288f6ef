package io.github.fss.agents.codex;

import io.github.fss.FssException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.fss.agents.Edit;
import java.nio.file.Path;
import java.util.List;

/**
 * Registers {@code fss mcp} with Codex: a {@code [mcp_servers.fss]} table at the end of config.toml,
 * between two marker lines, written as text so comments and order survive. A table must come after
 * the root keys, so the block goes last; an {@code mcp_servers.fss} the user wrote is left alone.
 */
public final class CodexMcpConfig {
  static final String START = "# >>> fss mcp server (fss uninstall codex removes this block)";
  static final String END = "# <<< fss mcp server";

  private CodexMcpConfig() {}

  /** Plans the install: append the block, or refresh the one we left (the launcher moved). */
  public static Edit install(String current, Path path, String launcher) {
    String text = current == null ? "" : current;
    JsonNode tree = TomlCheck.parse(text, path);
    String nl = text.contains("\r\n") ? "\r\n" : "\n";
    int[] block = find(text, path);
    String updated;
    if (block != null) {
      String endTerm = text.substring(block[1]).startsWith(nl) ? nl : "";
      updated = text.substring(0, block[0]) + block(launcher, nl) + endTerm + text.substring(block[1] + endTerm.length());
      if (updated.equals(text)) {
        return Edit.keep("already installed");
      }
    } else {
      JsonNode servers = tree.get("mcp_servers");
      if (servers != null && servers.has("fss")) {
        return Edit.keep("left alone: it already has an mcp_servers.fss of its own");
      }
      // at the end of a file without a final line break we add one before the block and none after,
      // so uninstall can take exactly what we added
      updated = text.isEmpty() || text.endsWith("\n") ? text + block(launcher, nl) + nl : text + nl + block(launcher, nl);
    }
    try {
      TomlCheck.tree(updated);
    } catch (JacksonException e) {
      // mcp_servers written as an inline table or dotted keys: a table header would clash with it
      return Edit.keep("mcp server not added: its mcp_servers is not written as [mcp_servers.NAME] tables;"
          + " add command = \"" + launcher + "\", args = [\"mcp\"] as mcp_servers.fss by hand");
    }
    return Edit.write(updated, block != null ? "updated (mcp server)" : "installed (mcp server)");
  }

  /** Plans the uninstall: take out our block and the line break it brought. */
  public static Edit uninstall(String current, Path path) {
    if (current == null) {
      return Edit.keep("nothing to remove (no such file)");
    }
    TomlCheck.parse(current, path);
    int[] block = find(current, path);
    if (block == null) {
      return Edit.keep("nothing to remove (mcp server)");
    }
    String nl = current.contains("\r\n") ? "\r\n" : "\n";
    int start = block[0];
    int end = block[1];
    if (current.startsWith(nl, end)) {
      end += nl.length();
    } else if (start >= nl.length() && current.startsWith(nl, start - nl.length())) {
      start -= nl.length();
    }
    return Edit.write(current.substring(0, start) + current.substring(end), "removed (mcp server)");
  }

  private static String block(String launcher, String nl) {
    return START + nl + "[mcp_servers.fss]" + nl + "command = " + TomlStrings.quote(launcher) + nl
        + "args = " + TomlStrings.array(List.of("mcp")) + nl + END;
  }

  /** The block's start and the end of its last line (before the line break), or null. */
  private static int[] find(String text, Path path) {
    int start = lineStart(text, START);
    if (start < 0) {
      return null;
    }
    int end = lineStart(text.substring(start), END);
    if (end < 0) {
      throw FssException.invalid(path + ": the fss mcp server block has no end line (edited by hand?); fix it by"
          + " hand — nothing was changed");
    }
    return new int[] {start, start + end + END.length()};
  }

  private static int lineStart(String text, String line) {
    int from = 0;
    while (true) {
      int i = text.indexOf(line, from);
      if (i < 0) {
        return -1;
      }
      if (i == 0 || text.charAt(i - 1) == '\n') {
        return i;
      }
      from = i + 1;
    }
  }
}
