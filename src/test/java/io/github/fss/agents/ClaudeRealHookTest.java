package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook fed what the real Claude Code 2.1.332 sent and wrote (shared/fixtures/real/
 * claude-code-2.1.332: its hook payloads and a transcript that already holds our context,
 * re-injected after a /compact). Skipped when ../shared is absent.
 */
class ClaudeRealHookTest {
  private static final String OURS = "fireworks-sessions-saver: the working state of this session";

  @TempDir Path tmp;
  private FssHarness fss;
  private Path repo;
  private Path transcript;
  private Path real;

  @BeforeEach
  void setUp() throws Exception {
    real = Path.of(System.getProperty("fss.shared", "../shared")).resolve("fixtures/real/claude-code-2.1.332");
    Assumptions.assumeTrue(Files.isDirectory(real),
        "../shared/fixtures/real absent: skipping the real Claude Code hook tests (looked in " + real.toAbsolutePath()
            + "; set -Dfss.shared=<dir>)");
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(fss.home().resolve("src/refunds"), "fix/refund-rounding");
    transcript = FssHarness.touchNow(Files.copy(real.resolve("todo_write_bash_then_compact.jsonl"),
        tmp.resolve("78118088-c8e7-4195-bd74-523570b7898c.jsonl")));
  }

  @Test
  void theRealPayloadsOfOneSessionEndItWithItsReasonAndWithoutAHookError() throws Exception {
    String id = null;
    for (String payload : payloads()) {
      Result r = fss.runWithInput(repo, payload, "hook", "claude");
      assertEquals(0, r.exit(), payload);
      assertEquals("", r.err());
      id = Json.str(Json.parse(payload), "session_id");
    }

    Map<String, Object> s = restoreJson(id);
    assertEquals("ended", s.get("status"));
    assertEquals("other", s.get("end_reason"));
    Map<String, Object> c = latest(s);
    assertEquals(List.of("Fix the refund rounding: use HALF_EVEN and add a helper"), c.get("last_prompts"));
    assertEquals("fix/refund-rounding", c.get("git_branch"));
    assertFalse(Files.exists(fss.fssHome().resolve("log/hook.log")), "no hook errors");
  }

  @Test
  void compactReinjectsTheStateOnceNeverTheContextItInjectedBefore() throws Exception {
    String id = "78118088-c8e7-4195-bd74-523570b7898c";
    fss.runWithInput(repo, event("SessionStart", id, "\"source\":\"startup\""), "hook", "claude");
    fss.runWithInput(repo, event("PreCompact", id, "\"trigger\":\"manual\""), "hook", "claude");

    Result r = fss.runWithInput(repo, event("SessionStart", id, "\"source\":\"compact\""), "hook", "claude");

    assertEquals(0, r.exit());
    String context = Json.str(Json.parse(r.out()), "hookSpecificOutput", "additionalContext");
    assertTrue(context.startsWith(OURS), context);
    assertEquals(context.indexOf(OURS), context.lastIndexOf(OURS), "our earlier context is not in the new one");
    assertTrue(context.contains("Current task: Write the refund rounding helper"), context);
    assertTrue(context.contains("\n> Fix the refund rounding: use HALF_EVEN and add a helper\n\nTodos:"),
        "the only request is the user's: " + context);
    Map<String, Object> s = restoreJson(id);
    assertNull(s.get("restored_from"), "the fss-handoff line of our own context is no handoff");
  }

  // ---- helpers

  /** The recorded payloads, pointed at this test's transcript copy and repository. */
  private List<String> payloads() throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(real.resolve("hook-payloads.jsonl"), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>(Json.obj(Json.parse(line)));
      m.put("transcript_path", transcript.toString());
      m.put("cwd", repo.toString());
      out.add(Json.write(m, false));
    }
    assertEquals(4, out.size(), "SessionStart, UserPromptSubmit, Stop, SessionEnd");
    return out;
  }

  private String event(String name, String id, String extra) {
    return io.github.fss.testing.Events.hook(name, id, transcript, repo, extra);
  }

  private Map<String, Object> restoreJson(String id) {
    Result r = fss.run(repo, "restore", id, "--json").assertOk();
    return Json.obj(Json.parse(r.out()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> latest(Map<String, Object> session) {
    List<Object> cps = Json.arr(session.get("checkpoints"));
    return (Map<String, Object>) cps.get(cps.size() - 1);
  }
}
