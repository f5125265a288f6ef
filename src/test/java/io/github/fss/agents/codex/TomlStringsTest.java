package io.github.fss.agents.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notify argv reader and writer, checked against a full TOML parser. */
class TomlStringsTest {
  @Test
  void readsEveryKindOfStringInAnArray() throws Exception {
    String value = "[\n  \"a \\\"b\\\" \\u00e9 \\\\\",  # comment\n  'C:\\path',\n  \"\"\"\nline1\n  \\\n   joined\"\"\",\n"
        + "  '''\nraw ''quoted''''',\n  \"\\t\",\n] # after";
    List<String> expected = List.of("a \"b\" é \\", "C:\\path", "line1\n  joined", "raw ''quoted''", "\t");
    assertEquals(expected, TomlStrings.parseArray(value));
    // the same answer as a full TOML parser
    List<String> jackson = new ArrayList<>();
    new TomlMapper().readTree("x = " + value).get("x").forEach(n -> jackson.add(n.asText()));
    assertEquals(expected, jackson);
  }

  @Test
  void refusesWhatIsNotAnArrayOfStrings() {
    for (String bad : List.of("\"x\"", "[1]", "[\"a\", true]", "[\"a\"", "[\"a\" \"b\"]", "{ a = 1 }", "[[\"a\"]]")) {
      assertThrows(TomlStrings.NotAStringArray.class, () -> TomlStrings.parseArray(bad), bad);
    }
  }

  @Test
  void writesBasicStringsThatReadBack() throws Exception {
    List<String> argv = List.of("/a b/\"fss\"", "back\\slash", "tab\tnew\nline", "\u0001", "中文");
    String array = TomlStrings.array(argv);
    assertEquals(argv, TomlStrings.parseArray(array));
    List<String> jackson = new ArrayList<>();
    new TomlMapper().readTree("x = " + array).get("x").forEach(n -> jackson.add(n.asText()));
    assertEquals(argv, jackson);
  }
}
