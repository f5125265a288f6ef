package io.github.fss.capture.codex;

import io.github.fss.capture.CaptureState;
import io.github.fss.capture.TranscriptReader;
import io.github.fss.json.Json;
import java.util.Set;

/** Reads Codex rollouts ($CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl[.zst]). */
public final class CodexRolloutReader implements TranscriptReader {
  private static final Set<String> SKIP = Set.of("encrypted_content", "base_instructions", "replacement_history");

  @Override
  public String format() {
    return "codex";
  }

  @Override
  public Set<String> skipKeys() {
    return SKIP;
  }

  @Override
  public void apply(Object line, CaptureState state) {
    state.sawEventAt(Json.str(line, "timestamp"));
    if ("event_msg".equals(Json.str(line, "type"))
        && "user_message".equals(Json.str(line, "payload", "type"))) {
      state.addPrompt(Json.str(line, "payload", "message"));
    }
  }
}
