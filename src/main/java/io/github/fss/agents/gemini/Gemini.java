package io.github.fss.agents.gemini;

import io.github.fss.Environment;
import io.github.fss.agents.Agent;
import io.github.fss.agents.AgentSetup;
import io.github.fss.capture.TranscriptReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini CLI: hooks in {@code ~/.gemini/settings.json} whose payloads are shaped like Claude
 * Code's (SessionStart with {@code source}, AfterAgent as the turn end, SessionEnd with
 * {@code reason}), chat files under {@code ~/.gemini/tmp/<project>/chats}, all relative to
 * {@code $GEMINI_CLI_HOME} when set (shared/reference/gemini-cli.md).
 */
public final class Gemini implements Agent {
  @Override
  public String name() {
    return "gemini";
  }

  @Override
  public String tool() {
    return "gemini-cli";
  }

  @Override
  public String label() {
    return "Gemini CLI";
  }

  @Override
  public String format() {
    return "gemini";
  }

  @Override
  public TranscriptReader reader() {
    return new GeminiChatReader();
  }

  @Override
  public AgentSetup setup(Environment env) {
    return new GeminiSetup(env);
  }

  /** {@code all} takes Gemini CLI only when its folder exists: most users do not run it. */
  @Override
  public boolean inAll(Environment env) {
    return java.nio.file.Files.isDirectory(GeminiHome.dir(env));
  }

  @Override
  public String history() {
    return "Gemini CLI chats under ~/.gemini/tmp/*/chats ($GEMINI_CLI_HOME), last N days (7)";
  }

  /** Chat files changed within {@code age}, with the project each belongs to (projects.json). */
  @Override
  public List<Transcript> transcripts(Environment env, Duration age, Instant now) {
    List<Transcript> out = new ArrayList<>();
    for (GeminiChats.Chat c : GeminiChats.recent(GeminiHome.dir(env), age, now)) {
      out.add(new Transcript(c.sessionId(), c.path(), c.cwd()));
    }
    return out;
  }

  @Override
  public Path locate(Environment env, String sessionId) {
    return GeminiChats.find(GeminiHome.dir(env), sessionId);
  }

  /** {@code -i}: the prompt is the first turn of an interactive session, as the user's own words. */
  @Override
  public String startWith(String prompt) {
    return "gemini -i " + prompt;
  }

  @Override
  public String colour() {
    return "#1a73e8";
  }
}
