package io.github.fss.agents;

import java.nio.file.Path;

/** What happened to one file during an install or uninstall; printed as one line. */
public record Change(Path path, String status, Path backup) {
  /** {@code <path>: <status>}, with the backup's file name when one was written. */
  public String line() {
    return path + ": " + status + (backup == null ? "" : " (backup: " + backup.getFileName() + ")");
  }
}
