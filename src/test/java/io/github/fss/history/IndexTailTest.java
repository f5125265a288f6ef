package io.github.fss.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The end of an update on the indexing threads: a thread whose flush found every segment taken
 * waits until every thread is out of sessions, then flushes one beside the others; it never
 * waits longer than that, and never forever (a thread stopped by an exception counts as out).
 */
class IndexTailTest {
  @Test
  void aThreadWaitsForEveryThreadOutOfItemsAndNoLonger() {
    List<Integer> items = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      items.add(i);
    }
    AtomicInteger indexed = new AtomicInteger();
    List<Integer> seenAfterWait = java.util.Collections.synchronizedList(new ArrayList<>());
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> HistoryIndex.inParallel(items, i -> {
      sleep(i % 3);
      indexed.incrementAndGet();
    }, allOut -> {
      allOut.run();
      seenAfterWait.add(indexed.get());
    }));
    assertEquals(Math.min(HistoryIndex.THREADS, items.size()), seenAfterWait.size());
    for (int n : seenAfterWait) {
      assertEquals(items.size(), n);
    }

    // one thread stops on an exception: the others' wait still ends, and the exception is rethrown
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> assertTimeoutPreemptively(
        Duration.ofSeconds(20), () -> HistoryIndex.inParallel(items, i -> {
          sleep(1);
          if (i == 7) {
            throw boom;
          }
        }, Runnable::run)));
    assertSame(boom, thrown);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
