package io.github.fss.agents.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exit codes and patch outcomes read from the tool-output formats Codex used over time. */
class CodexToolOutputTest {

  @Test
  void unifiedExecSaysProcessExitedWithCode() {
    ToolOutput out = ToolOutput.of("Chunk ID: 1\nWall time: 0.1 seconds\nProcess exited with code 127\nOutput:\nzsh: command not found\n");

    assertEquals(127, out.exitCode());
    assertNull(out.runningSession());
  }

  @Test
  void aStillRunningProcessGivesItsSessionAndNoCode() {
    ToolOutput out = ToolOutput.of("Chunk ID: 2\nWall time: 1.0 seconds\nProcess running with session ID 48230\nOutput:\n");

    assertNull(out.exitCode());
    assertEquals("48230", out.runningSession());
  }

  @Test
  void olderShellTextSaysExitCode() {
    assertEquals(2, ToolOutput.of("Exit code: 2\nWall time: 3.9 seconds\nOutput:\nE  boom\n").exitCode());
  }

  @Test
  void olderShellJsonKeepsTheCodeInMetadataAfterTheOutput() {
    String json = "{\"output\":\"Process exited with code 0 is only text here\\n\",\"metadata\":{\"exit_code\":3,\"duration_seconds\":1.5}}";

    assertEquals(3, ToolOutput.of(json).exitCode());
  }

  @Test
  void contentItemArraysAndObjectsAreReadAsText() {
    assertEquals(0, ToolOutput.of(List.of(Map.of("type", "input_text", "text", "Process exited with code 0\n"))).exitCode());
    assertEquals("a.txt\n", ToolOutput.of(Map.of("type", "input_text", "text", "a.txt\n")).text());
  }

  @Test
  void outputWithoutAStatusLineHasNoCode() {
    assertNull(ToolOutput.of("ok").exitCode());
    assertNull(ToolOutput.of("the log says Exit code: 1 mid-line").exitCode());
    assertNull(ToolOutput.of(null).exitCode());
    assertNull(ToolOutput.of(42L).exitCode());
  }

  @Test
  void aStatusLineBeyondTheHeadIsIgnored() {
    String late = "x".repeat(5000) + "\nProcess exited with code 9\n";

    assertNull(ToolOutput.of(late).exitCode(), "only the head of an output holds status lines");
  }

  @Test
  void patchOutcomesFromTextJsonAndFlags() {
    assertEquals(Boolean.TRUE, ToolOutput.of("Success. Updated the following files:\nM a.txt\n").patchApplied());
    assertEquals(Boolean.FALSE, ToolOutput.of("apply_patch verification failed: Failed to find expected lines").patchApplied());
    assertEquals(Boolean.TRUE, ToolOutput.of("{\"output\":\"Success.\",\"metadata\":{\"exit_code\":0}}").patchApplied());
    assertEquals(Boolean.FALSE, ToolOutput.of("{\"output\":\"x\",\"metadata\":{\"exit_code\":1}}").patchApplied());
    assertEquals(Boolean.FALSE, ToolOutput.of(Map.of("content", "done", "success", false)).patchApplied());
    assertNull(ToolOutput.of("[REDACTED_OUTPUT len=192 sha=720c5f0f]").patchApplied());
  }
}
