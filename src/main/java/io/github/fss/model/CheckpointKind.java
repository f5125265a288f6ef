package io.github.fss.model;

/** Whether a checkpoint was asked for (manual) or captured from a transcript (auto). */
public enum CheckpointKind {
  MANUAL,
  AUTO;

  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static CheckpointKind parse(String s) {
    return "auto".equals(s) ? AUTO : MANUAL;
  }
}
