package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.store.Spool;
import io.github.fss.testing.FssHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fss doctor}'s "turn ends" line: which path the hooks' turn ends take. */
class TurnEndsTest {
  @TempDir Path tmp;

  @Test
  void namesTheJvmFreePathWhenTheLauncherAndItsSpoolFolderAreThere() throws Exception {
    Spool spool = new Spool(tmp.resolve("fss"), Instant.now(), m -> { });
    spool.ensure();
    Path launcher = Path.of("bin/fss").toAbsolutePath();
    String d = TurnEnds.describe(Path.of("/bin/sh"), launcher.toString(), spool);
    assertTrue(d.startsWith("no JVM: " + launcher + " (/bin/sh) appends to "), d);

    Files.setPosixFilePermissions(spool.dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
    assertTrue(TurnEnds.describe(Path.of("/bin/sh"), launcher.toString(), spool).startsWith("JVM per event ("));
  }

  @Test
  void withoutBinShOrWithAnOldLauncherEveryEventStartsAJvm() throws Exception {
    Spool spool = new Spool(tmp.resolve("fss"), Instant.now(), m -> { });
    spool.ensure();
    assertEquals("JVM per event (no " + tmp.resolve("no-sh") + " on this platform)",
        TurnEnds.describe(tmp.resolve("no-sh"), "/x/fss", spool));
    Path old = Files.writeString(tmp.resolve("old-fss"), "#!/bin/sh\nexec java -jar fss.jar \"$@\"\n");
    assertTrue(TurnEnds.describe(Path.of("/bin/sh"), old.toString(), spool).contains("predates the spool"));
  }

  @Test
  void doctorPrintsTheLine() throws Exception {
    FssHarness fss = new FssHarness(tmp);
    fss.env("FSS_LAUNCHER", Path.of("bin/fss").toAbsolutePath().toString());
    String out = fss.run(tmp, "doctor").out();
    assertTrue(out.contains("turn ends: no JVM: "), out);
  }
}
