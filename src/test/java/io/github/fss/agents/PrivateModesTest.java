package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever the umask, everything fss creates under $FSS_HOME is private: folders 0700, files 0600. */
class PrivateModesTest {
  @TempDir Path tmp;

  String fss(Path fssHome, String stdin, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    StringBuilder cmd = new StringBuilder("umask 000; exec '" + java + "' -cp '" + System.getProperty("java.class.path")
        + "' io.github.fss.Main");
    for (String a : args) {
      cmd.append(" '").append(a).append("'");
    }
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", cmd.toString()).redirectErrorStream(true);
    pb.environment().put("FSS_HOME", fssHome.toString());
    pb.environment().put("HOME", tmp.resolve("home").toString());
    pb.environment().put("CLAUDE_CONFIG_DIR", tmp.resolve("home/.claude").toString());
    pb.environment().put("FSS_LAUNCHER", "/usr/local/bin/fss");
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    return out;
  }

  static void assertPrivate(Path root) throws Exception {
    int n = 0;
    try (Stream<Path> all = Files.walk(root)) {
      for (Path f : (Iterable<Path>) all::iterator) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
        assertEquals(Files.isDirectory(f) ? "rwx------" : "rw-------", mode, f.toString());
        n++;
      }
    }
    assertTrue(n >= 3, "checked " + n + " paths under " + root);
  }

  @Test
  void aGarbageHookOnANewMachineCreatesAPrivateStore() throws Exception {
    Path home = tmp.resolve("new/deep/fss-home");
    fss(home, "this is not json", "hook", "claude");
    assertTrue(Files.exists(home.resolve("log/hook.log")));
    assertPrivate(tmp.resolve("new"));
  }

  @Test
  void installsConfigLocksAreAndStayPrivate() throws Exception {
    Files.createDirectories(tmp.resolve("home/.claude"));
    Path home = tmp.resolve("fss-home");
    fss(home, "", "install", "claude");
    assertTrue(Files.isDirectory(home.resolve("locks")));
    assertPrivate(home);
  }
}
