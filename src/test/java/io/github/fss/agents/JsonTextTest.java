package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.fss.json.JsonException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON that prints back the way JSON.stringify wrote it. */
class JsonTextTest {
  private static String roundTrip(String text) {
    return JsonText.print(JsonText.parse(text), JsonText.layout(text));
  }

  @Test
  void printsLikeJsonStringifyWithTwoSpaces() {
    String text = "{\n  \"a\": [\n    1,\n    \"x\\ny\\u0001\\\"\"\n  ],\n  \"b\": {},\n  \"c\": [],\n"
        + "  \"d\": null,\n  \"e\": false,\n  \"f\": 1.50,\n  \"g\": 12345678901234567890,\n  \"h\": \"é✓ \\ud800\"\n}\n";
    assertEquals(text, roundTrip(text));
  }

  @Test
  void keepsTabsCrlfOneLineJsonAndSurroundingWhitespace() {
    for (String text : List.of("{\r\n\t\"a\": [\r\n\t\t1\r\n\t]\r\n}", "{\"a\":[1,2],\"b\":{\"c\":null}}\n",
        "\n{\n  \"a\": 1\n}\n\n")) {
      assertEquals(text, roundTrip(text), text);
    }
  }

  @Test
  void aDuplicateKeyKeepsItsFirstPlaceAndLastValueLikeJsonParse() {
    assertEquals("{\"a\":3,\"b\":2}", roundTrip("{\"a\":1,\"b\":2,\"a\":3}"));
  }

  @Test
  void refusesWhatJsonParseRefuses() {
    for (String bad : List.of("{\"a\":1,}", "{a:1}", "// c\n{}", "{\"a\":1} x", "{'a':1}", "")) {
      assertThrows(JsonException.class, () -> JsonText.parse(bad), bad);
    }
  }
}
