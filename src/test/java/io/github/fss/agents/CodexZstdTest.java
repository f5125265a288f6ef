package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.luben.zstd.ZstdOutputStream;
import io.github.fss.testing.FssHarness;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compressed Codex rollouts: read once, not again on every list, and without JDK 25's native-access warnings. */
class CodexZstdTest {
  static final String THREAD = "019a3c1e-7f2b-7c41-9a0e-5d2f8b6c1a90";

  @TempDir Path tmp;
  FssHarness fss;
  Path repo;
  Path zst;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("shop"), "feature/cart");
    Path codexHome = Files.createDirectories(tmp.resolve("codex"));
    fss.env("CODEX_HOME", codexHome.toString());
    Path day = Files.createDirectories(codexHome.resolve("sessions/2026/09/14"));
    zst = day.resolve("rollout-2026-09-14T08-15-02-" + THREAD + ".jsonl.zst");
    try (InputStream in = getClass().getResourceAsStream("/fixtures/codex/tui_turn.jsonl");
        OutputStream out = new ZstdOutputStream(Files.newOutputStream(zst))) {
      out.write(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("/home/alice/src/shop", repo.toString())
          .getBytes(StandardCharsets.UTF_8));
    }
    FssHarness.touchNow(zst);
  }

  String notifyJson() {
    return "{\"type\":\"agent-turn-complete\",\"thread-id\":\"" + THREAD + "\",\"turn-id\":\"1\",\"cwd\":\"" + repo + "\"}";
  }

  @Test
  void aCompressedRolloutReadToItsEndIsNotDecompressedAgain() throws Exception {
    assertEquals(0, fss.run(repo, "hook", "codex-notify", notifyJson()).exit());
    assertTrue(fss.run(repo, "restore", THREAD).assertOk().out().contains("CartPage"));
    // same size, other bytes: a reader that decompressed it again would fail and say so
    byte[] garbage = new byte[(int) Files.size(zst)];
    java.util.Arrays.fill(garbage, (byte) 'x');
    Files.write(zst, garbage);
    FssHarness.touchNow(zst);
    fss.run(repo, "restore", THREAD).assertOk();
    fss.run(repo, "list", "--all").assertOk();
  }

  @Test
  void theJarGrantsNativeAccessSoJdk25PrintsNoRestrictedMethodWarning() throws Exception {
    Path java25 = jdk25();
    assumeTrue(java25 != null, "no JDK 24+ here");
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher m = Pattern.compile("<Enable-Native-Access>([^<]+)</Enable-Native-Access>").matcher(pom);
    assertTrue(m.find(), "the jar manifest grants native access (pom.xml, maven-jar-plugin)");
    // the jar as built: our classes, the manifest entry from the pom, dependencies on Class-Path
    List<String> cp = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (e.contains("zstd-jni") || e.contains("gson")) {
        cp.add(Path.of(e).toUri().toString());
      }
    }
    Path manifest = Files.writeString(tmp.resolve("MANIFEST.MF"), "Manifest-Version: 1.0\nMain-Class: io.github.fss.Main\n"
        + "Enable-Native-Access: " + m.group(1) + "\nClass-Path: " + String.join(" ", cp) + "\n");
    Path jar = tmp.resolve("fss.jar");
    run(List.of(java25.resolveSibling("jar").toString(), "--create", "--file", jar.toString(), "--manifest",
        manifest.toString(), "-C",
        Path.of(io.github.fss.Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString(), "."));
    String err = run(List.of(java25.toString(), "-jar", jar.toString(), "hook", "codex-notify", notifyJson()));
    assertFalse(err.contains("restricted method"), err);
    assertTrue(Files.exists(fss.fssHome().resolve("projects")), "the rollout was read");
  }

  String run(List<String> cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(repo.toFile());
    pb.environment().put("HOME", fss.home().toString());
    pb.environment().put("FSS_HOME", fss.fssHome().toString());
    pb.environment().put("CODEX_HOME", tmp.resolve("codex").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  static Path jdk25() throws Exception {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return null;
    }
    try (Stream<Path> dirs = Files.list(jvms)) {
      return dirs.map(d -> d.resolve("bin/java")).filter(Files::isExecutable)
          .filter(j -> j.toString().matches(".*-(2[4-9]|[3-9][0-9])[-.].*")).findFirst().orElse(null);
    }
  }
}
