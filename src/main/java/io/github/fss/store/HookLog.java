package io.github.fss.store;

import io.github.fss.redact.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The log hooks write their errors to ({@code $FSS_HOME/log/hook.log}), since a hook must never
 * talk to the agent about its own failures. Bounded: past 256 KB it rolls over to
 * {@code hook.log.1}. Each entry is one appended line, so concurrent hooks do not interleave.
 */
public final class HookLog {
  static final long MAX_BYTES = 256 * 1024;

  private final Path file;
  private final Path fssHome;
  private Redactor redactor;

  public HookLog(Path fssHome) {
    this.fssHome = fssHome;
    this.file = fssHome.resolve("log").resolve("hook.log");
  }

  /** Loaded on the first line written: most hooks write none. */
  private Redactor redactor() {
    if (redactor == null) {
      redactor = Redactor.standard(StoreConfig.load(fssHome, java.util.Map.of()).extraRedactions());
    }
    return redactor;
  }

  public Path file() {
    return file;
  }

  /** Appends one line; never throws (a log that cannot be written is not worth breaking a hook for). */
  public void write(String event, String message) {
    try {
      AtomicFile.privateDir(file.getParent());
      if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
        Files.move(file, file.resolveSibling("hook.log.1"), StandardCopyOption.REPLACE_EXISTING);
      }
      // what a hook got (an event name, an id) may hold a pasted key: the log is redacted like the store
      String line = redactor().redact(Instant.now().toString() + " " + oneLine(event) + " " + oneLine(message)) + "\n";
      boolean created = !Files.exists(file);
      Files.write(file, line.getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      if (created) {
        Files.setPosixFilePermissions(file, AtomicFile.PRIVATE_FILE);
      }
    } catch (IOException | RuntimeException e) {
      // nowhere left to report to
    }
  }

  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String t = s.replace('\n', ' ').replace('\r', ' ');
    return t.length() > 2000 ? t.substring(0, 2000) + "…" : t;
  }
}
