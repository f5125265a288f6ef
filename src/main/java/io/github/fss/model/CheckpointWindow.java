package io.github.fss.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The retention rule for checkpoints: an automatic checkpoint replaces the previous automatic one
 * unless a manual checkpoint came after it, and when the window is full the oldest automatic
 * checkpoints go before any manual one, so automatic churn never pushes manual work out.
 */
public final class CheckpointWindow {
  private CheckpointWindow() {}

  public static List<Checkpoint> append(List<Checkpoint> existing, Checkpoint next, int max) {
    List<Checkpoint> out = new ArrayList<>(existing);
    if (next.isAuto() && !out.isEmpty() && out.get(out.size() - 1).isAuto()) {
      out.set(out.size() - 1, next);
    } else {
      out.add(next);
    }
    int limit = Math.max(1, max);
    while (out.size() > limit) {
      int victim = 0;
      for (int i = 0; i < out.size() - 1; i++) {
        if (out.get(i).isAuto()) {
          victim = i;
          break;
        }
      }
      out.remove(victim);
    }
    return out;
  }
}
