package io.github.fss.agents.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which user-message texts are the user's words, and where the handoff marker is. */
class CodexPromptTextTest {

  @Test
  void contextCodexInjectsIsNotAPrompt() {
    for (String injected : new String[] {
        "# AGENTS.md instructions for /repo\n\n<INSTRUCTIONS>\nx\n</INSTRUCTIONS>",
        "<INSTRUCTIONS>\nx\n</INSTRUCTIONS>",
        "  <environment_context>\n  <cwd>/r</cwd>\n</environment_context>",
        "<user_instructions>\nrules\n</user_instructions>",
        "<permissions instructions>\nsandbox\n</permissions instructions>",
        "<recommended_plugins>\n- github\n</recommended_plugins>",
        "<turn_aborted>\ninterrupted\n</turn_aborted>",
        "<skill>\n<name>x</name>\n</skill>",
        "<skills_instructions>\n- a\n</skills_instructions>",
        "<user_shell_command>\nls\n</user_shell_command>",
        "<SUBAGENT_NOTIFICATION>{}</SUBAGENT_NOTIFICATION>",
        "<hook_prompt hook_run_id=\"r1\">extra</hook_prompt>"}) {
      assertTrue(PromptText.injected(injected), injected);
      assertNull(PromptText.userWords(injected), injected);
    }
  }

  @Test
  void ordinaryTextIsAPromptEvenWithAngleBrackets() {
    assertFalse(PromptText.injected("Fix <Button> so it renders"));
    assertFalse(PromptText.injected("<skillful> is not a tag we know"));
    assertEquals("explain # AGENTS.md instructions for newcomers", PromptText.userWords("explain # AGENTS.md instructions for newcomers"));
  }

  @Test
  void anIdePromptKeepsOnlyTheRequest() {
    String ide = "# Context from my IDE setup:\n\n## Active file: a.py\n\n## My request for Codex:\n  Rename foo to bar\n";

    assertEquals("Rename foo to bar", PromptText.userWords(ide));
  }

  @Test
  void theHandoffMarkerIsALineOfItsOwn() {
    assertEquals("2026-05-19T17-40-02_codex_019e44", PromptText.handoff("Restored.\nfss-handoff: 2026-05-19T17-40-02_codex_019e44\nGo on."));
    assertEquals("abc.1-2_x", PromptText.handoff("fss-handoff:abc.1-2_x  \r\n"));
    assertNull(PromptText.handoff("  fss-handoff:abc.1-2_x  \r\n"));
    assertNull(PromptText.handoff("please print fss-handoff: abc in the docs"));
    assertNull(PromptText.handoff("fss-handoff: ../../etc/passwd"));
    assertNull(PromptText.handoff("fss-handoff: two words"));
    assertNull(PromptText.handoff(null));
  }
}
