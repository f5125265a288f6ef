package io.github.fss.agents.codex;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.github.fss.FssException;
import java.nio.file.Path;

/**
 * Full TOML validation with jackson-dataformat-toml, so a file Codex would reject is refused before
 * we touch it, and our own edit is checked before it is written. Only {@code fss install} and
 * {@code fss uninstall} load this class: Jackson costs start-up time no hook can pay.
 */
final class TomlCheck {
  private TomlCheck() {}

  /** The parsed document; refuses (exit 1, one line) text that is not TOML. */
  static JsonNode parse(String text, Path path) {
    try {
      return tree(text);
    } catch (JacksonException e) {
      throw FssException.invalid(path + " is not valid TOML (" + describe(e)
          + "); fix it or move it aside — nothing was changed");
    }
  }

  /** The parsed document, or the parser's exception. */
  static JsonNode tree(String text) throws JacksonException {
    if (text.isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode n = new TomlMapper().readTree(text);
    return n == null || n.isMissingNode() ? JsonNodeFactory.instance.objectNode() : n;
  }

  private static String describe(JacksonException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      m = e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl);
    JsonLocation loc = e.getLocation();
    if (loc != null && loc.getLineNr() > 0) {
      // "near": for some errors (a duplicate key) Jackson points just past the offending statement
      m += " near line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
    return m;
  }
}
