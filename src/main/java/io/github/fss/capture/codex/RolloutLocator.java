package io.github.fss.capture.codex;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Placeholder until the rollout locator lands. */
public final class RolloutLocator {
  private RolloutLocator() {}

  public static Path find(Path codexHome, String threadId) {
    return null;
  }

  public static List<Path> recent(Path codexHome, Duration maxAge) {
    return List.of();
  }

  public static String threadId(Path rollout) {
    return null;
  }
}
