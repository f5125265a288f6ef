package io.github.fss.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every line of every JSONL file the real agents wrote (shared/fixtures, real and public: Claude
 * Code, Codex, Gemini CLI, OpenCode) reads to the tree Gson gives, with each agent reader's skipped
 * keys and with none; and the byte parser reads nearly all of them itself (it is not declining its
 * way through the test).
 */
class JsonBytesFixturesTest {
  private static final Path FIXTURES =
      Path.of(System.getProperty("fss.shared", "../shared")).resolve("fixtures");

  @Test
  void realTranscriptLinesGiveGsonsTrees() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(FIXTURES), "../shared/fixtures absent: skipping the fixture lines");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(FIXTURES)) {
      files = walk.filter(p -> p.toString().endsWith(".jsonl") && Files.isRegularFile(p)).sorted()
          .collect(Collectors.toList());
    }
    assertTrue(!files.isEmpty(), "no JSONL under " + FIXTURES);
    List<Set<String>> skips = List.of(Set.of(), Set.of("signature", "thinking", "originalFile", "structuredPatch",
        "oldString", "newString", "old_string", "new_string", "new_source", "edits", "data", "base64", "snapshot",
        "stdout", "stderr", "prompt", "normalizedMessages", "rendered", "systemPrompt", "shape"),
        Set.of("output", "encrypted_content", "content", "text"));
    int lines = 0;
    int read = 0;
    for (Path f : files) {
      byte[] all = Files.readAllBytes(f);
      int from = 0;
      for (int i = 0; i <= all.length; i++) {
        if (i < all.length && all[i] != '\n') {
          continue;
        }
        int len = i - from;
        if (len > 0) {
          lines++;
          for (Set<String> skip : skips) {
            Object mine = JsonBytes.parse(all, from, len, skip);
            if (mine == JsonBytes.UNSURE) {
              continue;
            }
            read++;
            char[] c = new String(all, from, len, java.nio.charset.StandardCharsets.UTF_8).toCharArray();
            Object gson = Json.parse(c, c.length, skip);
            assertEquals(canon(gson), canon(mine), f + " line at byte " + from);
          }
        }
        from = i + 1;
      }
    }
    assertTrue(lines > 1000, "only " + lines + " lines in " + files.size() + " files");
    assertTrue(read >= lines * 3 * 0.95, read + " of " + lines * 3 + " reads by the byte parser");
  }

  private static String canon(Object v) {
    if (v instanceof Map<?, ?>) {
      StringBuilder sb = new StringBuilder("{");
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        sb.append(e.getKey()).append('=').append(canon(e.getValue())).append(',');
      }
      return sb.append('}').toString();
    }
    if (v instanceof List<?>) {
      StringBuilder sb = new StringBuilder("[");
      for (Object o : (List<?>) v) {
        sb.append(canon(o)).append(',');
      }
      return sb.append(']').toString();
    }
    return v == null ? "N" : v.getClass().getSimpleName() + "(" + v + ")";
  }
}
