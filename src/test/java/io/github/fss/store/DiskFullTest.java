package io.github.fss.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.fss.testing.FssHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, for real: the store on a small tmpfs filled to the last block, in a private mount
 * namespace (unshare). Skipped where unprivileged namespaces are not allowed.
 */
class DiskFullTest {
  @TempDir Path tmp;

  static boolean canMountTmpfs(Path dir) throws Exception {
    Process p = new ProcessBuilder("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs '" + dir + "'")
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void aFullDiskIsNamedDoctorNoticesAndNothingIsLeftBehind() throws Exception {
    Path store = Files.createDirectories(tmp.resolve("mnt"));
    assumeTrue(canMountTmpfs(store), "unshare -rm with tmpfs is not available here");
    Path repo = FssHarness.gitRepo(tmp.resolve("app"), "main");
    Path out = Files.createDirectories(tmp.resolve("out"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String fss = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' io.github.fss.Main";
    String script = String.join("\n",
        "mount -t tmpfs -o size=128k tmpfs '" + store + "' || exit 3",
        "export FSS_HOME='" + store + "/fss' HOME='" + tmp + "'",
        "dd if=/dev/zero of='" + store + "/filler' bs=4k 2>/dev/null",
        "umask 022",
        "cd '" + repo + "'",
        fss + " save --action checkpoint --session s1 --summary hello > '" + out + "/save.out' 2> '" + out + "/save.err'",
        "echo $? > '" + out + "/save.rc'",
        fss + " doctor > '" + out + "/doctor.out' 2>&1; echo $? > '" + out + "/doctor.rc'",
        "echo garbage | " + fss + " hook claude; echo $? > '" + out + "/hook.rc'",
        "stat -c %a \"$FSS_HOME/log/hook.log\" > '" + out + "/logmode' 2>/dev/null",
        // session locks; the project summary's lock (summary/<project>.lock) is kept like the index's
        "find \"$FSS_HOME/projects\" -name '*.lock' > '" + out + "/locks'");
    Process p = new ProcessBuilder("unshare", "-rm", "sh", "-c", script).redirectErrorStream(true).start();
    String shell = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), shell);
    assertEquals(0, p.exitValue(), shell);

    assertEquals("1", read(out, "save.rc"));
    String err = read(out, "save.err");
    assertTrue(err.contains("disk is full"), err);
    assertFalse(err.contains("(IOException)"), err);
    assertEquals(1, err.lines().count(), err);
    assertEquals("1", read(out, "doctor.rc"), read(out, "doctor.out"));
    assertTrue(read(out, "doctor.out").contains("store writable: false"), read(out, "doctor.out"));
    assertEquals("0", read(out, "hook.rc"));
    String mode = read(out, "logmode");
    assertTrue(mode.isEmpty() || mode.equals("600"), "hook.log mode " + mode);
    assertEquals("", read(out, "locks"), "no orphan lock file");
  }

  static String read(Path dir, String name) throws Exception {
    Path p = dir.resolve(name);
    return Files.exists(p) ? Files.readString(p).strip() : "";
  }
}
