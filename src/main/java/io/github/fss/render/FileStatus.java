package io.github.fss.render;

import io.github.fss.model.FileRef;
import io.github.fss.model.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** How a checkpointed file looks now: missing, changed since the checkpoint, or as it was. */
public enum FileStatus {
  OK(""),
  MISSING("MISSING"),
  CHANGED("changed since checkpoint"),
  GONE_AS_EXPECTED("deleted");

  private final String mark;

  FileStatus(String mark) {
    this.mark = mark;
  }

  public String mark() {
    return mark;
  }

  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Compares the stored modification time with the file's current one. */
  public static FileStatus of(FileRef f, String baseDir) {
    Path p = Path.of(f.path());
    if (!p.isAbsolute() && baseDir != null) {
      p = Path.of(baseDir).resolve(p);
    }
    if (!Files.exists(p)) {
      return "deleted".equals(f.role()) ? GONE_AS_EXPECTED : MISSING;
    }
    Instant stored = Timestamps.parse(f.lastModified());
    if (stored == null) {
      return OK;
    }
    try {
      Instant now = Files.getLastModifiedTime(p).toInstant();
      return now.getEpochSecond() > stored.getEpochSecond() ? CHANGED : OK;
    } catch (IOException e) {
      return OK;
    }
  }
}
