package io.github.fss.agents.codex;

import java.util.regex.Pattern;

/**
 * Decides what of a Codex user message is the user's own words: drops the context Codex injects
 * as user messages, keeps only the request of an IDE prompt, and spots the handoff marker.
 */
final class PromptText {
  /**
   * Openings of the fragments Codex injects with role user (codex-rs contextual_user_message.rs and
   * its successors): AGENTS.md, environment, skills, plugins, shell-command echoes, notifications,
   * and the continuation prompt of a goal turn ({@code <codex_internal_context source="goal">}).
   */
  private static final Pattern INJECTED = Pattern.compile(
      "\\s*(?:# AGENTS\\.md instructions for |<(?:environment_context|user_instructions|instructions"
          + "|permissions instructions|recommended_plugins|turn_aborted|skill|skills_instructions"
          + "|skills_usage_instructions|user_shell_command|subagent_notification|subagents|plugins"
          + "|plugins_instructions|apps_instructions|hook_prompt|collaboration_mode"
          + "|realtime_conversation|personality_spec|root_orchestration_instructions|model_switch"
          + "|environments_instructions|codex_internal_context)(?=[\\s>/]))",
      Pattern.CASE_INSENSITIVE);
  /** IDE extensions wrap the request in editor context; the request follows this heading. */
  private static final String IDE_REQUEST = "## My request for Codex:";

  private PromptText() {}

  /** Whether the text is context Codex injected rather than something the user typed. */
  static boolean injected(String text) {
    return text != null && INJECTED.matcher(text).lookingAt();
  }

  /** The user's words in a prompt: null for injected context, the request part of an IDE prompt. */
  static String userWords(String text) {
    if (text == null || injected(text)) {
      return null;
    }
    int i = text.indexOf(IDE_REQUEST);
    if (i >= 0) {
      return text.substring(i + IDE_REQUEST.length()).strip();
    }
    return text;
  }

  /** The session id of the handoff marker line in the text, or null (rules in {@link io.github.fss.capture.Handoff}). */
  static String handoff(String text) {
    return io.github.fss.capture.Handoff.find(text);
  }
}
