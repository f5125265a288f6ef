package io.github.fss.store;

import io.github.fss.redact.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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
      AtomicFile.privateRoot(fssHome);
      AtomicFile.privateDir(file.getParent());
      AtomicFile.refuseLink(file); // a link planted as the log is not appended to
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) > MAX_BYTES) {
        Files.move(file, file.resolveSibling("hook.log.1"), StandardCopyOption.REPLACE_EXISTING);
      }
      // what a hook got (an event name, an id) may hold a pasted key: the log is redacted like the store
      String line = redactor().redact(Instant.now().toString() + " " + oneLine(event) + " " + oneLine(message)) + "\n";
      try {
        // private from the first byte: a write that fails (a full disk) must not leave a 0644 log
        Files.createFile(file, PosixFilePermissions.asFileAttribute(AtomicFile.PRIVATE_FILE));
      } catch (FileAlreadyExistsException e) {
        // appended to below
      }
      Files.write(file, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
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
