package io.github.fss.cli;

import io.github.fss.testing.SearchServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Every {@link SearchTest}, unchanged, with the search server on: each test's first search starts
 * one for its temp FSS_HOME (and runs in-process) and the others are answered by it once it is up
 * (before that, in-process: the same output either way, which is the point).
 */
class SearchServedTest extends SearchTest {
  @BeforeEach
  void serverOn() {
    fss.env("FSS_SEARCH_IDLE_SECONDS", "120");
  }

  @AfterEach
  void serverOff() throws Exception {
    org.junit.jupiter.api.Assertions.assertTrue(SearchServers.stop(fss.fssHome(), true), "no search server was started");
  }
}
