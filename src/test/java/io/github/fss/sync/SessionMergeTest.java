package io.github.fss.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.fss.model.Checkpoint;
import io.github.fss.model.CheckpointKind;
import io.github.fss.model.FileRef;
import io.github.fss.model.Session;
import io.github.fss.model.SessionStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Versions of one session from several machines merge by checkpoint identity, in any order alike. */
class SessionMergeTest {
  static final Path ROOT = Path.of("/srv/dev/shop");

  @Test
  void everyCheckpointOfEveryVersionIsKeptInTimeOrderWhateverTheOrderOfMerging() {
    Session laptop = session("2026-01-01T10:05:00Z", manual("2026-01-01T10:00:00Z", "one"),
        manual("2026-01-01T10:05:00Z", "two on laptop"));
    Session devbox = session("2026-01-01T10:04:00Z", manual("2026-01-01T10:00:00Z", "one"),
        manual("2026-01-01T10:04:00Z", "two on devbox"));
    Session ab = SessionMerge.merge(laptop, List.of(devbox), ROOT, 10);
    Session ba = SessionMerge.merge(devbox, List.of(laptop), ROOT, 10);
    assertEquals(List.of("one", "two on devbox", "two on laptop"), summaries(ab));
    assertEquals(summaries(ab), summaries(ba));
    assertEquals("2026-01-01T10:05:00Z", ab.lastActive());
  }

  @Test
  void nothingNewLeavesTheLocalSessionAsItIsSoNothingIsWritten() {
    Session local = session("2026-01-01T10:05:00Z", manual("2026-01-01T10:00:00Z", "one"));
    assertSame(local, SessionMerge.merge(local, List.of(session("2026-01-01T10:00:00Z",
        manual("2026-01-01T10:00:00Z", "one"))), ROOT, 10));
  }

  @Test
  void automaticCheckpointsFollowTheStoresRuleAndAHandOverSticks() {
    Session a = session("2026-01-01T10:02:00Z", auto("2026-01-01T10:01:00Z", "auto a"));
    Session b = session("2026-01-01T10:03:00Z", auto("2026-01-01T10:03:00Z", "auto b"))
        .withTransferredTo("next-session");
    Session merged = SessionMerge.merge(a, List.of(b), ROOT, 10);
    assertEquals(List.of("auto b"), summaries(merged), "the newer automatic checkpoint replaces the older");
    assertEquals(SessionStatus.TRANSFERRED, merged.status());
    assertEquals("next-session", merged.transferredTo());
  }

  @Test
  void aCheckpointIsTheSameOneWhicheverCheckoutItsPathsArePlacedUnder() {
    Checkpoint onLaptop = manual("2026-01-01T10:00:00Z", "x").toBuilder()
        .files(List.of(new FileRef("/home/me/shop/src/cart.ts", null, "editing", null))).build();
    Checkpoint onDevbox = manual("2026-01-01T10:00:00Z", "x").toBuilder()
        .files(List.of(new FileRef("/srv/dev/shop/src/cart.ts", null, "editing", null))).build();
    assertEquals(Travelling.checkpointId(onLaptop, Path.of("/home/me/shop")), Travelling.checkpointId(onDevbox, ROOT));
  }

  private static Session session(String lastActive, Checkpoint... cps) {
    return new Session(2, "s1", "codex", ROOT.toString(), ROOT.toString(), "2026-01-01T09:00:00Z", lastActive,
        SessionStatus.ACTIVE, null, null, null, null, List.of(cps));
  }

  private static Checkpoint manual(String at, String summary) {
    return Checkpoint.builder().timestamp(at).summary(summary).build();
  }

  private static Checkpoint auto(String at, String summary) {
    return Checkpoint.builder().timestamp(at).kind(CheckpointKind.AUTO).summary(summary).build();
  }

  private static List<String> summaries(Session s) {
    List<String> out = new ArrayList<>();
    for (Checkpoint c : s.checkpoints()) {
      out.add(c.summary());
    }
    return out;
  }
}
