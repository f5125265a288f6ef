package io.github.fss.capture.claude;

import io.github.fss.capture.CaptureState;
import io.github.fss.capture.TranscriptReader;
import io.github.fss.json.Json;
import java.util.Set;

/** Reads Claude Code transcripts (~/.claude/projects/&lt;project&gt;/&lt;session&gt;.jsonl). */
public final class ClaudeTranscriptReader implements TranscriptReader {
  private static final Set<String> SKIP = Set.of("signature", "originalFile", "structuredPatch");

  @Override
  public String format() {
    return "claude";
  }

  @Override
  public Set<String> skipKeys() {
    return SKIP;
  }

  @Override
  public void apply(Object line, CaptureState state) {
    state.sawEventAt(Json.str(line, "timestamp"));
    String cwd = Json.str(line, "cwd");
    if (cwd != null) {
      state.cwd = cwd;
    }
    if ("user".equals(Json.str(line, "type")) && !Json.isTrue(Json.at(line, "isSidechain"))) {
      String text = Json.str(line, "message", "content");
      if (text != null) {
        state.addPrompt(text);
      }
    }
  }
}
