package io.github.fss.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retention rule: automatic churn never pushes a manual checkpoint out. */
class CheckpointWindowTest {
  static Checkpoint cp(String name, CheckpointKind kind) {
    return Checkpoint.builder().kind(kind).summary(name).build();
  }

  static List<String> names(List<Checkpoint> cps) {
    List<String> out = new ArrayList<>();
    for (Checkpoint c : cps) {
      out.add(c.summary());
    }
    return out;
  }

  @Test
  void anAutomaticCheckpointReplacesThePreviousAutomaticOne() {
    List<Checkpoint> cps = CheckpointWindow.append(List.of(cp("a1", CheckpointKind.AUTO)), cp("a2", CheckpointKind.AUTO), 10);
    assertEquals(List.of("a2"), names(cps));
  }

  @Test
  void aManualCheckpointInBetweenKeepsTheEarlierAutomaticOne() {
    List<Checkpoint> cps = List.of(cp("a1", CheckpointKind.AUTO), cp("m1", CheckpointKind.MANUAL));
    assertEquals(List.of("a1", "m1", "a2"), names(CheckpointWindow.append(cps, cp("a2", CheckpointKind.AUTO), 10)));
  }

  @Test
  void whenTheWindowIsFullTheOldestAutomaticGoesFirst() {
    List<Checkpoint> cps = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      cps = CheckpointWindow.append(cps, cp("m" + i, CheckpointKind.MANUAL), 6);
      cps = CheckpointWindow.append(cps, cp("a" + i, CheckpointKind.AUTO), 6);
    }
    assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "a4"), names(cps));
  }

  @Test
  void onlyManualCheckpointsRollOldestFirst() {
    List<Checkpoint> cps = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      cps = CheckpointWindow.append(cps, cp("m" + i, CheckpointKind.MANUAL), 10);
    }
    assertEquals(10, cps.size());
    assertEquals("m2", cps.get(0).summary());
  }
}
