package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.FssHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fss doctor warns when Claude Code deletes transcripts sooner than fss lets go of their sessions. */
class DoctorCleanupTest {
  @TempDir Path tmp;
  FssHarness fss;
  Path claude;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    claude = Files.createDirectories(fss.home().resolve(".claude"));
  }

  List<Object> warnings() {
    Map<String, Object> r = Json.obj(Json.parse(fss.run(tmp, "doctor", "--json").out()));
    return Json.arr(r.get("warnings"));
  }

  @Test
  void aCleanupPeriodShorterThanRetentionIsAWarningThatSaysHowToChangeEither() throws Exception {
    Files.writeString(claude.resolve("settings.json"), "{\"cleanupPeriodDays\": 3, \"hooks\": {}}");
    List<Object> w = warnings();
    assertEquals(1, w.size(), w.toString());
    String text = (String) w.get(0);
    assertTrue(text.contains("after 3 days") && text.contains("(7 days)"), text);
    assertTrue(text.contains("\"cleanupPeriodDays\": 7") && text.contains("retention_days=3"), text);
    String plain = fss.run(tmp, "doctor").out();
    assertTrue(plain.contains("warnings: \n  Claude Code deletes transcripts after 3 days"), plain);
  }

  @Test
  void theDefaultThirtyDaysIsComparedToo() throws Exception {
    assertEquals(List.of(), warnings());
    fss.env("FSS_RETENTION_DAYS", "45");
    assertTrue(((String) warnings().get(0)).contains("after 30 days"));
    Files.writeString(claude.resolve("settings.json"), "{\"cleanupPeriodDays\": 90}");
    assertEquals(List.of(), warnings());
  }
}
