package io.github.fss.agents.claude;

import io.github.fss.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether the text of a main-thread {@code user} line is something the user typed as a
 * task, and returns it (or null). Claude Code stores a lot under {@code type:user} that nobody
 * typed: slash-command echoes, local command output, hook context (fss's own included), interrupt
 * markers, task notifications. Slash commands are kept as "/name args" unless they only steer the
 * session ({@code /compact}, {@code /clear}, {@code /model}…).
 */
final class PromptText {
  /** Text starting with one of these is never a prompt (the whole line is dropped). */
  private static final String[] NOT_PROMPTS = {
    "<local-command-stdout>", "<local-command-stderr>", "<local-command-caveat>",
    "<session-start-hook>", "<task-notification>", "<user-prompt-submit-hook>",
    "<bash-input>", "<bash-stdout>", "<bash-stderr>", "<user-memory-input>",
    "[Request interrupted by user", "Caveat: The messages below were generated",
  };

  /**
   * Hook output echoed as text ("SessionStart hook additional context: …", as Claude Code renders
   * it for the model) and our own notices: never the user's words, even outside a system reminder.
   */
  private static final Pattern HOOK_CONTEXT = Pattern.compile("^[A-Za-z]{3,40} hook additional context:");
  private static final String OWN_NOTICE = "fireworks-sessions-saver:";

  /**
   * Context Claude Code or an IDE wraps around or beside the prompt: the element is removed and
   * whatever the user wrote after it is kept.
   */
  private static final String[] CONTEXT_TAGS = {
    "system-reminder", "ide_opened_file", "ide_selection", "ide_diagnostics",
  };

  /** Slash commands that steer the session rather than state a task: never prompts. */
  static final Set<String> SESSION_COMMANDS = Set.of(
      "add-dir", "agents", "bashes", "branch", "bug", "clear", "compact", "config", "context",
      "continue", "cost", "doctor", "effort", "exit", "export", "fast", "feedback", "fork", "help",
      "hooks", "ide", "install-github-app", "keybindings", "login", "logout", "mcp", "memory",
      "migrate-installer", "model", "output-style", "permissions", "plugin", "plugins",
      "privacy-settings", "quit", "release-notes", "rename", "resume", "rewind", "sandbox",
      "settings", "skills", "stats", "status", "statusline", "tag", "tasks", "terminal-setup",
      "theme", "todos", "upgrade", "usage", "vim");

  private PromptText() {}

  /** The prompt in a user message's {@code content} (string or blocks), or null if none. */
  static String of(Object content) {
    if (content instanceof String) {
      return classify((String) content);
    }
    List<Object> blocks = Json.arr(content);
    if (blocks.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (Object o : blocks) {
      Map<String, Object> b = Json.obj(o);
      if (b == null) {
        continue;
      }
      String type = Json.str(b.get("type"));
      if ("tool_result".equals(type)) {
        return null;
      }
      if (!"text".equals(type)) {
        continue; // images, documents: no text to keep
      }
      String t = Json.str(b.get("text"));
      if (t == null) {
        continue;
      }
      if (rejected(t.stripLeading())) {
        return null;
      }
      String kept = classify(t);
      if (kept != null) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(kept);
      }
    }
    return out.length() == 0 ? null : out.toString();
  }

  /** One piece of text: null when it is not a prompt. */
  static String classify(String raw) {
    String t = stripContext(raw.strip());
    if (t.isEmpty() || rejected(t) || injected(t)) {
      return null;
    }
    if (t.startsWith("<command-")) {
      return slashCommand(t);
    }
    return t;
  }

  private static boolean rejected(String t) {
    for (String p : NOT_PROMPTS) {
      if (t.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** Hook output or an fss notice: that piece of text is dropped, the user's words beside it kept. */
  private static boolean injected(String t) {
    return t.startsWith(OWN_NOTICE) || HOOK_CONTEXT.matcher(t).find();
  }

  /** Removes leading context elements such as {@code <system-reminder>…</system-reminder>}. */
  private static String stripContext(String t) {
    for (int guard = 0; guard < 8 && t.startsWith("<"); guard++) {
      String tag = null;
      for (String c : CONTEXT_TAGS) {
        if (t.startsWith(c, 1) && t.length() > c.length() + 1 && t.charAt(c.length() + 1) == '>') {
          tag = c;
          break;
        }
      }
      if (tag == null) {
        return t;
      }
      String close = "</" + tag + ">";
      int end = t.indexOf(close);
      t = end < 0 ? "" : t.substring(end + close.length()).strip();
    }
    return t;
  }

  /** "/name args" for a task-like slash command; null for a session command or a bad echo. */
  static String slashCommand(String t) {
    String name = between(t, "<command-name>", "</command-name>");
    if (name == null) {
      return null;
    }
    name = name.strip();
    while (name.startsWith("/")) {
      name = name.substring(1);
    }
    if (name.isEmpty() || SESSION_COMMANDS.contains(name.toLowerCase(Locale.ROOT))) {
      return null;
    }
    String args = between(t, "<command-args>", "</command-args>");
    args = args == null ? "" : args.strip();
    return args.isEmpty() ? "/" + name : "/" + name + " " + args;
  }

  private static String between(String t, String open, String close) {
    int a = t.indexOf(open);
    if (a < 0) {
      return null;
    }
    a += open.length();
    int b = t.indexOf(close, a);
    return b < 0 ? null : t.substring(a, b);
  }
}
