package io.github.fss.agents.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exit codes read from a shell command's tool result. */
class ClaudeToolResultTest {
  private static ToolResult result(Object content, boolean error, Object toolUseResult) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("type", "tool_result");
    block.put("tool_use_id", "toolu_1");
    block.put("content", content);
    if (error) {
      block.put("is_error", true);
    }
    return new ToolResult(block, toolUseResult);
  }

  @Test
  void successIsZero() {
    assertEquals(0, result("ok", false, Map.of("stdout", "ok", "interrupted", false)).exitCode(false));
  }

  @Test
  void errorTakesTheCodeFromItsFirstLine() {
    assertEquals(2, result("Exit code 2\nFAILURE", true, "Error: Exit code 2").exitCode(false));
    assertEquals(137, result(List.of(Map.of("type", "text", "text", "Error: Exit code 137\nKilled")), true, null)
        .exitCode(false));
  }

  @Test
  void errorWithoutACodeIsOne() {
    assertEquals(1, result("Pre-commit validation failed", true, null).exitCode(false));
    assertEquals(1, result("Exit code \nnothing", true, null).exitCode(false));
    assertEquals(1, result(null, true, null).exitCode(false));
  }

  @Test
  void interruptedIs130() {
    assertEquals(130, result("partial", true, Map.of("interrupted", true)).exitCode(false));
    assertEquals(130, result("[Request interrupted by user for tool use]", true, null).exitCode(false));
  }

  @Test
  void rejectedAndBackgroundHaveNoCode() {
    assertNull(result("The user doesn't want to proceed with this tool use.", true, "User rejected tool use")
        .exitCode(false));
    assertNull(result("Command running in background with ID: b1", false, Map.of("backgroundTaskId", "b1"))
        .exitCode(false));
    assertNull(result("started", false, null).exitCode(true));
  }

  @Test
  void aCallCutOffByACrashHasNoCodeWhenClaudeCodeAddsItsResultOnResume() {
    // as Claude Code 2.1.332 wrote it on `--resume` of a session killed while `sleep`-like work ran
    String text = "[Tool call interrupted: the session ended before this call's result was recorded, so its outcome is"
        + " unknown. Check whether it took effect before relying on it or running it again.]";

    assertNull(result(text, true, text).exitCode(false));
  }

  @Test
  void exitCodeLineParsing() {
    assertEquals(Integer.valueOf(127), ToolResult.exitCodeLine("Exit code 127"));
    assertEquals(Integer.valueOf(-1), ToolResult.exitCodeLine("Exit code -1 weird"));
    assertNull(ToolResult.exitCodeLine("exit code 1"));
    assertNull(ToolResult.exitCodeLine("Exit code 99999999999"));
    assertNull(ToolResult.exitCodeLine("Exit code -"));
  }
}
