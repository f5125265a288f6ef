package io.github.fss.agents;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The fields of a hook event we use, read from stdin with a streaming reader: every other member
 * (tool inputs and responses, which can be megabytes) is skipped without being built, so memory
 * stays flat whatever the agent sends. Claude Code and Codex share these names.
 */
public record HookInput(String event, String sessionId, String transcriptPath, String cwd, String source,
    String reason) {

  /** Longest value kept for any field; ids and paths are far shorter. */
  static final int MAX_FIELD = 4096;

  /** Parses one event; throws IOException (with a one-line reason) when stdin is not a JSON object. */
  public static HookInput read(InputStream in) throws IOException {
    JsonReader r = new JsonReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    r.setNestingLimit(200);
    String event = null;
    String session = null;
    String transcript = null;
    String cwd = null;
    String source = null;
    String reason = null;
    try {
      if (r.peek() != JsonToken.BEGIN_OBJECT) {
        throw new IOException("hook input is not a JSON object");
      }
      r.beginObject();
      while (r.hasNext()) {
        String name = r.nextName();
        if (r.peek() != JsonToken.STRING) {
          r.skipValue();
          continue;
        }
        switch (name) {
          case "hook_event_name":
            event = bounded(r.nextString());
            break;
          case "session_id":
            session = bounded(r.nextString());
            break;
          case "transcript_path":
            transcript = bounded(r.nextString());
            break;
          case "cwd":
            cwd = bounded(r.nextString());
            break;
          case "source":
            source = bounded(r.nextString());
            break;
          case "reason":
            reason = bounded(r.nextString());
            break;
          default:
            r.skipValue();
        }
      }
      r.endObject();
    } catch (IllegalStateException | NumberFormatException e) {
      throw new IOException("hook input is malformed: " + e.getMessage());
    } catch (IOException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IOException("hook input is malformed: " + m.split("\n", 2)[0]);
    } catch (StackOverflowError e) {
      throw new IOException("hook input is nested too deeply");
    }
    return new HookInput(event, session, transcript, cwd, source, reason);
  }

  private static String bounded(String s) {
    return s.length() > MAX_FIELD ? null : s;
  }
}
