package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupPathTest {
  @TempDir
  Path dir;

  private static final String RTV = "25.0.3+9-LTS";
  private static final String JAR = "/data/fss-0.1.0-29ff8de1.jar";

  @Test
  void namesTheArchiveInUse() throws IOException {
    Path aot = Files.createFile(dir.resolve("fss-0.1.0-29ff8de1-25.0.3_9-LTS.aot"));
    String d = StartupPath.describe(List.of("-XX:AOTCache=" + aot, "-XX:+UseSerialGC"), "mixed mode, sharing", JAR,
        RTV, "/bin/fss", null);
    assertEquals("JDK AOT cache " + aot + " (in use)", d);
  }

  @Test
  void aMissingArchiveIsReported() {
    Path jsa = dir.resolve("fss-0.1.0-29ff8de1-17.0.15_6-Debian.jsa");
    String d = StartupPath.describe(List.of("-XX:SharedArchiveFile=" + jsa), "mixed mode", JAR, "17.0.15+6-Debian",
        "/bin/fss", null);
    assertTrue(d.startsWith("AppCDS archive " + jsa + " (MISSING"), d);
  }

  @Test
  void anArchiveTheLauncherLeftOutIsMissing() {
    Path aot = dir.resolve("fss-0.1.0-29ff8de1-25.0.3_9-LTS.aot");
    String d = StartupPath.describe(List.of("-XX:+UseSerialGC", "-Dfss.archive=" + aot), "mixed mode, sharing", JAR,
        RTV, "/bin/fss", aot.toString());
    assertTrue(d.startsWith("JDK AOT cache " + aot + " (MISSING"), d);
  }

  @Test
  void anArchiveLeftOutForAnUpdatedJdkIsNotUsed() throws IOException {
    Path aot = Files.createFile(dir.resolve("fss-0.1.0-29ff8de1-25.0.3_9-LTS.aot"));
    String d = StartupPath.describe(List.of("-XX:+UseSerialGC"), "mixed mode, sharing", JAR, RTV, "/bin/fss",
        aot.toString());
    assertTrue(d.contains("(NOT USED: the JDK was updated"), d);
  }

  @Test
  void aRejectedArchiveIsReported() throws IOException {
    Path jsa = Files.createFile(dir.resolve("fss-0.1.0-29ff8de1-17.0.15_6-Debian.jsa"));
    String d = StartupPath.describe(List.of("-XX:SharedArchiveFile=" + jsa), "mixed mode", JAR, "17.0.15+6-Debian",
        "/bin/fss", null);
    assertTrue(d.contains("(NOT USED"), d);
  }

  @Test
  void anArchiveOfAnotherJarOrJvmIsStale() {
    assertNull(StartupPath.staleness("fss-0.1.0-29ff8de1-25.0.3_9-LTS.aot", JAR, RTV));
    assertEquals("made for another JVM than 25.0.4+7-LTS",
        StartupPath.staleness("fss-0.1.0-29ff8de1-25.0.3_9-LTS.aot", JAR, "25.0.4+7-LTS"));
    assertEquals("made for another jar than fss-0.1.1-0badc0de.jar",
        StartupPath.staleness("fss-0.1.0-29ff8de1-25.0.3_9-LTS.aot", "/data/fss-0.1.1-0badc0de.jar", RTV));
    // a jar not named by install.sh (a checkout's target/fss.jar): only the JVM part is checked
    assertNull(StartupPath.staleness("fss-0.1.0-29ff8de1-25.0.3_9-LTS.aot", "target/fss.jar", RTV));
  }

  @Test
  void theGroupOfAnArchiveIsPartOfItsNameNotOfItsStaleness() {
    assertNull(StartupPath.staleness("fss-0.1.0-29ff8de1-25.0.3_9-LTS-core.aot", JAR, RTV));
    assertNull(StartupPath.staleness("fss-0.1.0-29ff8de1-25.0.3_9-LTS-history.aot", JAR, RTV));
    assertNull(StartupPath.staleness("fss-0.1.0-29ff8de1-25.0.3_9-LTS-read.aot", JAR, RTV));
    assertEquals("made for another jar than fss-0.1.1-0badc0de.jar",
        StartupPath.staleness("fss-0.1.0-29ff8de1-25.0.3_9-LTS-history.aot", "/data/fss-0.1.1-0badc0de.jar", RTV));
  }

  @Test
  void doctorReportsTheHistoryArchiveNextToTheCoreOne() throws IOException {
    Path core = Files.createFile(dir.resolve("fss-0.1.0-29ff8de1-25.0.3_9-LTS-core.aot"));
    Path history = dir.resolve("fss-0.1.0-29ff8de1-25.0.3_9-LTS-history.aot");
    assertEquals("JDK AOT cache " + history + " (MISSING: index, search, mcp and ui start slower; run install.sh again"
        + " to rebuild it)", StartupPath.describeSibling(StartupPath.Sibling.HISTORY, core.toString(), JAR, RTV, false));
    Files.createFile(history);
    assertEquals("JDK AOT cache " + history + " (ready: index, search, mcp and ui start with it)",
        StartupPath.describeSibling(StartupPath.Sibling.HISTORY, core.toString(), JAR, RTV, false));
    assertTrue(StartupPath.describeSibling(StartupPath.Sibling.HISTORY, core.toString(), "/data/fss-0.1.1-0badc0de.jar", RTV, false)
        .contains("(STALE"));
    assertTrue(StartupPath.describeSibling(StartupPath.Sibling.HISTORY, core.toString(), JAR, RTV, true).contains("(NOT USED: the JDK was updated"));
    // one archive for every verb (JDK 17-24), or no launcher: nothing more to say
    assertNull(StartupPath.describeSibling(StartupPath.Sibling.HISTORY, dir.resolve("fss-0.1.0-29ff8de1-17.0.15_6-Debian.jsa").toString(), JAR,
        "17.0.15+6-Debian", false));
    assertNull(StartupPath.describeSibling(StartupPath.Sibling.HISTORY, null, JAR, RTV, false));
  }

  @Test
  void doctorReportsTheReadArchiveOfAJdk25InstallOnly() throws IOException {
    Path core = Files.createFile(dir.resolve("fss-0.1.0-29ff8de1-25.0.3_9-LTS-core.aot"));
    Path read = dir.resolve("fss-0.1.0-29ff8de1-25.0.3_9-LTS-read.aot");
    assertEquals("JDK AOT cache " + read + " (MISSING: list, restore and dashboard start slower; run install.sh"
        + " again to rebuild it)", StartupPath.describeSibling(StartupPath.Sibling.READ, core.toString(), JAR, RTV, false));
    Files.createFile(read);
    assertEquals("JDK AOT cache " + read + " (ready: list, restore and dashboard start with it)",
        StartupPath.describeSibling(StartupPath.Sibling.READ, core.toString(), JAR, RTV, false));
    // JDK 17-24: the core archive serves list, restore and dashboard; there is no read archive to miss
    Path jsa = Files.createFile(dir.resolve("fss-0.1.0-29ff8de1-17.0.15_6-Debian-core.jsa"));
    assertNull(StartupPath.describeSibling(StartupPath.Sibling.READ, jsa.toString(), JAR, "17.0.15+6-Debian", false));
  }

  @Test
  void theJvmOptionsOfThisProcessAreReadWithoutTheManagementBeans() {
    List<String> options = StartupPath.jvmArgs();
    assertTrue(options.stream().allMatch(o -> o.startsWith("-")), options.toString());
  }

  @Test
  void withoutAnArchive() {
    assertEquals("plain (no archive) — not started through the fss launcher",
        StartupPath.describe(List.of(), "mixed mode, sharing", "target/fss.jar", RTV, null, null));
    assertEquals("plain (no archive)", StartupPath.describe(List.of(), "mixed mode", JAR, RTV, "/bin/fss", null));
  }

  @Test
  void fileNameFormOfAVersionMatchesInstallSh() {
    // install.sh: printf '%s' "$v" | tr -c 'A-Za-z0-9._-' '_'
    assertEquals("25.0.3_9-LTS", StartupPath.safe("25.0.3+9-LTS"));
    assertEquals("17.0.15_6-Debian-1deb12u1", StartupPath.safe("17.0.15+6-Debian-1deb12u1"));
    assertEquals("a_b_c", StartupPath.safe("a b/c"));
  }
}
