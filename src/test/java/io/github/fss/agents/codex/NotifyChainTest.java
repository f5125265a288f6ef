package io.github.fss.agents.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --then runner starts the user's notify program with the turn JSON. */
class NotifyChainTest {
  @TempDir Path tmp;

  @Test
  void theOriginalProgramReceivesTheJsonAsItsLastArgument() throws Exception {
    Path out = tmp.resolve("received.txt");
    Path script = tmp.resolve("notify.sh");
    Files.writeString(script, "#!/bin/sh\nfor last; do :; done\nprintf '%s|%s' \"$1\" \"$last\" > '" + out + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    String json = "{\"type\":\"agent-turn-complete\",\"thread-id\":\"t-1\",\"input-messages\":[\"it's \\\"quoted\\\"\"]}";

    Optional<Process> p = NotifyChain.run(List.of(script.toString(), "Codex"), json);

    assertTrue(p.isPresent());
    assertTrue(p.get().waitFor(10, TimeUnit.SECONDS), "the test waits; callers do not");
    assertEquals("Codex|" + json, Files.readString(out));
  }

  @Test
  void nothingToChainRunsNothing() throws Exception {
    assertTrue(NotifyChain.run(List.of(), "{}").isEmpty());
  }
}
