package io.github.fss.cli;

import io.github.fss.testing.SearchServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every {@link SearchTest}, unchanged, with the search server on: each test's first search starts
 * one for its temp FSS_HOME and the others are answered by it (or, should it be slow to start,
 * in-process: the same output either way, which is the point).
 */
class SearchServedTest extends SearchTest {
  @BeforeEach
  void serverOn() {
    fss.env("FSS_SEARCH_IDLE_SECONDS", "120");
  }

  @AfterEach
  void serverOff() throws Exception {
    SearchServers.stop(fss.fssHome());
  }
}
