package io.github.fss.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way into the store, and the hook log, passes the redactor. All secrets here are fake. */
class RedactionChokePointTest {
  static final String AWS = "wJa1rXUtnFEMI/K7MDENG/bPxRfiCYz9x2Lq0Wp3";
  static final String GITHUB = "ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5z";

  @TempDir Path tmp;
  FssHarness fss;
  Path repo;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("api"), "main");
  }

  String everythingInTheStore() throws Exception {
    StringBuilder sb = new StringBuilder();
    if (Files.exists(fss.fssHome())) {
      try (Stream<Path> all = Files.walk(fss.fssHome())) {
        for (Path p : (Iterable<Path>) all::iterator) {
          if (Files.isRegularFile(p)) {
            sb.append(Files.readString(p));
          }
        }
      }
    }
    return sb.toString();
  }

  @Test
  void importedSeedSessionsAreRedacted() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("seed"));
    Files.writeString(dir.resolve("active_abc.json"), "{\"session_id\":\"abc\",\"tool\":\"claude-code\",\"working_dir\":\""
        + repo + "\",\"start_time\":\"" + Events.recently() + "\",\"last_active\":\"" + Events.recently()
        + "\",\"status\":\"active\",\"checkpoints\":[{\"timestamp\":\"" + Events.recently() + "\",\"summary\":"
        + Json.write("set aws_secret_access_key = " + AWS + " and GITHUB_TOKEN=" + GITHUB, false)
        + ",\"key_decisions\":[" + Json.write("token " + GITHUB, false) + "]}]}");
    fss.run(repo, "import", "seed", dir.toString()).assertOk();
    String restored = fss.run(repo, "restore", "abc").assertOk().out();
    assertFalse(restored.contains(AWS), restored);
    assertFalse(restored.contains(GITHUB), restored);
    assertTrue(restored.contains("[REDACTED:"), restored);
    String stored = everythingInTheStore();
    assertFalse(stored.contains(AWS) || stored.contains(GITHUB), stored);
  }

  @Test
  void hookInputWrittenToTheLogIsRedacted() throws Exception {
    Result r = fss.runWithInput(repo, "{\"hook_event_name\":\"GITHUB_TOKEN=" + GITHUB + "\",\"session_id\":\"../"
        + GITHUB + "\"}", "hook", "claude");
    assertEquals(0, r.exit());
    fss.runWithInput(repo, "not json " + GITHUB, "hook", "claude");
    fss.runWithInput(repo, "{}", "hook", GITHUB);
    String log = Files.readString(fss.fssHome().resolve("log/hook.log"));
    assertTrue(log.contains("[REDACTED:"), log);
    assertFalse(everythingInTheStore().contains(GITHUB), log);
  }

  @Test
  void aUserPatternIsAppliedByTheStoreWhoeverWrites() throws Exception {
    Files.createDirectories(fss.fssHome());
    Files.writeString(fss.fssHome().resolve("config.properties"), "redact.ticket=TICKET-[0-9]{6}\n");
    fss.run(repo, "save", "--action", "checkpoint", "--session", "s1", "--summary", "see TICKET-123456",
        "--files", "notes/TICKET-123456.md:reference").assertOk();
    assertFalse(everythingInTheStore().contains("TICKET-123456"));
  }
}
