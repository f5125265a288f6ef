package io.github.fss.testing;

import io.github.fss.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** A Claude Code transcript that grows as a test writes turns into it; lines are stamped a minute ago. */
public final class Transcript {
  private final Path file;
  private final Path cwd;
  private int n;

  public Transcript(Path file, Path cwd) throws IOException {
    this.file = file;
    this.cwd = cwd;
    Files.createDirectories(file.getParent());
  }

  public Path file() {
    return file;
  }

  public Transcript prompt(String text) throws IOException {
    return append(Events.userLine(cwd, text));
  }

  public Transcript assistant(String text) throws IOException {
    return append(line("assistant", "{\"id\":\"msg" + (n++) + "\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":"
        + Json.write(text, false) + "}]}", null));
  }

  /** A Bash call and its result with the given exit code (the output itself is never indexed). */
  public Transcript bash(String command, int exit, String output) throws IOException {
    return result(call(command), exit, output);
  }

  /** A Bash call whose result comes later ({@link #result}); returns its id. */
  public String call(String command) throws IOException {
    String id = "toolu_" + (n++);
    append(line("assistant", "{\"id\":\"msg" + id + "\",\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\""
        + id + "\",\"name\":\"Bash\",\"input\":{\"command\":" + Json.write(command, false) + "}}]}", null));
    return id;
  }

  /** The result of the call {@code id}. */
  public Transcript result(String id, int exit, String output) throws IOException {
    String content = exit == 0 ? output : "Exit code " + exit + "\n" + output;
    return append(line("user", "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + id
        + "\",\"content\":" + Json.write(content, false) + ",\"is_error\":" + (exit != 0) + "}]}",
        exit == 0 ? "{\"stdout\":" + Json.write(output, false) + ",\"stderr\":\"\",\"interrupted\":false}"
            : Json.write("Error: " + content, false)));
  }

  private String line(String type, String message, String toolUseResult) {
    return "{\"parentUuid\":null,\"isSidechain\":false,\"type\":\"" + type + "\",\"cwd\":\"" + cwd
        + "\",\"sessionId\":\"s\",\"message\":" + message
        + (toolUseResult == null ? "" : ",\"toolUseResult\":" + toolUseResult)
        + ",\"uuid\":\"u" + (n++) + "\",\"timestamp\":\"" + Events.recently() + "\"}";
  }

  private Transcript append(String line) throws IOException {
    Files.write(file, List.of(line), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return this;
  }
}
