package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.testing.Launcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed launcher picks the start-up archive of the verb's group by its first argument: the
 * verbs that open the search index get the history archive, list, restore and dashboard the read
 * one, everything else (hooks, doctor, unknown words) the core one, whose JDK 25 AOT cache must not
 * make every start load Lucene. Run from outside, with a java that prints the command line it was given.
 */
class LauncherArchiveTest {
  @TempDir Path tmp;
  Path core;
  Path history;
  Path read;
  Path launcher;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws IOException {
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    core = Files.createFile(cache.resolve("fss-0.1.0-29ff8de1-17.0.15_6-Debian-core.jsa"));
    history = Files.createFile(cache.resolve("fss-0.1.0-29ff8de1-17.0.15_6-Debian-history.jsa"));
    read = Files.createFile(cache.resolve("fss-0.1.0-29ff8de1-17.0.15_6-Debian-read.jsa"));
    Path java = tmp.resolve("jdk/bin/java");
    Files.createDirectories(java.getParent());
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    launcher = Launcher.install(tmp.resolve("bin"), java, core.toString(), read.toString(), history.toString());
    env = Map.of("HOME", tmp.resolve("home").toString(), "FSS_HOME", tmp.resolve("home/store").toString(),
        "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
  }

  private List<String> javaArgs(String stdin, String... args) throws Exception {
    Launcher.Run r = Launcher.run(launcher, env, stdin.getBytes(StandardCharsets.UTF_8), args);
    assertEquals(0, r.exit(), r.err());
    return r.out().lines().toList();
  }

  private void startsWith(Path archive, List<String> javaArgs) {
    assertTrue(javaArgs.contains("-XX:SharedArchiveFile=" + archive), javaArgs.toString());
    assertTrue(javaArgs.contains("-Dfss.archive=" + archive), javaArgs.toString());
    assertEquals(1, javaArgs.stream().filter(a -> a.startsWith("-XX:SharedArchiveFile=")).count(), javaArgs.toString());
  }

  @Test
  void theVerbsThatOpenTheSearchIndexStartWithTheHistoryArchive() throws Exception {
    for (String verb : List.of("index", "search", "search-server", "mcp", "ui")) {
      List<String> a = javaArgs("", verb, "--help");
      startsWith(history, a);
      assertEquals(verb, a.get(a.indexOf("io.github.fss.Main") + 1));
    }
  }

  @Test
  void aSearchTheServerWillAnswerStartsWithTheCoreArchive() throws Exception {
    // the client of a running search server loads no Lucene: the core archive is the small one
    Path run = Files.createDirectories(Path.of(env.get("FSS_HOME"), "run"));
    Path address = run.resolve("search.addr");
    try {
      Files.writeString(address, "fss search server 2\n");
      startsWith(core, javaArgs("", "search", "x"));
      startsWith(history, javaArgs("", "index"));
    } finally {
      Files.deleteIfExists(address);
    }
    startsWith(history, javaArgs("", "search", "x"));
  }

  @Test
  void hooksCommonVerbsAndUnknownWordsStartWithTheCoreArchive() throws Exception {
    startsWith(core, javaArgs("not json\n", "hook", "claude"));
    for (List<String> args : List.<List<String>>of(List.of("--version"), List.of("doctor"), List.of("diff", "x"),
        List.of("listing"), List.of("searching"), List.of("--verbose", "search", "x"), List.of("--verbose", "list"),
        List.of())) {
      startsWith(core, javaArgs("", args.toArray(String[]::new)));
    }
  }

  @Test
  void listRestoreAndDashboardStartWithTheReadArchive() throws Exception {
    for (List<String> args : List.<List<String>>of(List.of("list"), List.of("list_sessions", "--json"),
        List.of("restore", "x"), List.of("restore_session"), List.of("dashboard", "--limit", "0"))) {
      startsWith(read, javaArgs("", args.toArray(String[]::new)));
    }
  }

  /** Huge pages are asked for exactly when the kernel gives them on request (its "madvise" mode). */
  @Test
  void theHeapAsksForHugePagesWhereTheKernelGivesThemOnRequest() throws Exception {
    Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    boolean madvise = Files.isReadable(thp) && Files.readString(thp).contains("[madvise]");
    for (List<String> args : List.<List<String>>of(List.of("list"), List.of("index"), List.of("--version"))) {
      List<String> a = javaArgs("", args.toArray(String[]::new));
      assertEquals(madvise, a.contains("-XX:+UseTransparentHugePages"), thp + " madvise=" + madvise + ": " + a);
    }
  }

  @Test
  void aMissingArchiveLeavesOnlyItsFlagOut() throws Exception {
    Files.delete(history);
    List<String> search = javaArgs("", "search", "x");
    assertFalse(search.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=")), search.toString());
    // doctor (core) is told which archive the verb would have had, so it can say it is missing
    assertTrue(search.contains("-Dfss.archive=" + history), search.toString());
    startsWith(read, javaArgs("", "list"));
    Files.delete(read);
    List<String> list = javaArgs("", "list");
    assertFalse(list.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=")), list.toString());
    assertTrue(list.contains("-Dfss.archive=" + read), list.toString());
    startsWith(core, javaArgs("", "doctor"));
  }
}
