package io.github.fss.agents.codex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.github.luben.zstd.ZstdOutputStream;
import io.github.fss.capture.CaptureState;
import io.github.fss.redact.Redactor;
import io.github.fss.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** A rollout read in pieces, across restarts, or after Codex compressed it, reads like one read. */
class CodexRolloutIncrementalTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> aCompressedRolloutReadsLikeThePlainOne() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path rollout : goldenRollouts()) {
      tests.add(dynamicTest(name(rollout), () -> {
        Path zst = tmp.resolve(name(rollout) + ".jsonl.zst");
        compress(Files.readAllBytes(rollout), zst);

        assertEquals(Projection.json(Projection.read(rollout)), Projection.json(Projection.read(zst)));
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> readingInTwoRunsAtAnyCutEqualsOneRead() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path rollout : goldenRollouts()) {
      tests.add(dynamicTest(name(rollout), () -> {
        byte[] all = Files.readAllBytes(rollout);
        String whole = Projection.json(Projection.read(rollout));
        for (int cut : cuts(all)) {
          Path growing = tmp.resolve(name(rollout) + "-" + cut + ".jsonl");
          Files.write(growing, slice(all, 0, cut));
          CaptureState first = Projection.freshState(growing);
          Projection.readMore(growing, first);

          CaptureState second = restart(first); // the next hook is a new process
          try (OutputStream out = Files.newOutputStream(growing, StandardOpenOption.APPEND)) {
            out.write(slice(all, cut, all.length));
          }
          Projection.readMore(growing, second);

          assertEquals(whole, Projection.json(second), "cut at byte " + cut);
        }
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> aRolloutCompressedBetweenTwoReadsContinuesAtTheSameOffset() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path rollout : goldenRollouts()) {
      tests.add(dynamicTest(name(rollout), () -> {
        byte[] all = Files.readAllBytes(rollout);
        Path plain = tmp.resolve(name(rollout) + ".jsonl");
        Files.write(plain, slice(all, 0, all.length / 2));
        CaptureState state = Projection.freshState(plain);
        Projection.readMore(plain, state);

        Path zst = tmp.resolve(name(rollout) + ".jsonl.zst");
        compress(all, zst);
        Files.delete(plain);
        CaptureState resumed = restart(state);
        Projection.readMore(zst, resumed);

        assertEquals(Projection.json(Projection.read(rollout)), Projection.json(resumed));
      }));
    }
    return tests.stream();
  }

  /** Every line end, and the middle of every line. */
  private static List<Integer> cuts(byte[] all) {
    List<Integer> cuts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        cuts.add(start + (i - start) / 2);
        cuts.add(i + 1);
        start = i + 1;
      }
    }
    return cuts;
  }

  /** The state as the store keeps it: written to JSON text and read back. */
  private static CaptureState restart(CaptureState s) {
    Map<String, Object> tree = Json.obj(Json.parse(Json.write(s.toTree(), false)));
    return CaptureState.fromTree(tree, Redactor.standard(Map.of()));
  }

  static List<Path> goldenRollouts() throws IOException {
    try (Stream<Path> files = Files.list(CodexRolloutGoldenTest.DIR)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
    }
  }

  private static String name(Path rollout) {
    String n = rollout.getFileName().toString();
    return n.substring(0, n.length() - ".jsonl".length());
  }

  private static byte[] slice(byte[] all, int from, int to) {
    byte[] out = new byte[to - from];
    System.arraycopy(all, from, out, 0, out.length);
    return out;
  }

  private static void compress(byte[] bytes, Path target) throws IOException {
    try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(target), 3)) {
      out.write(bytes);
    }
  }
}
