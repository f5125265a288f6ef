package io.github.fss.agents.codex;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.fss.capture.CaptureState;
import io.github.fss.redact.Redactor;
import io.github.fss.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Any shape of line, however odd, is applied without an exception, and the state stays storable. */
class CodexRolloutRobustnessTest {
  private static final Object[] ODD = {null, 0L, -1L, 3.5, true, "", "x", "{", "*** Begin Patch\n*** Add File: a\n",
      "Process running with session ID 1", List.of(), new ArrayList<>(List.of("a", 1L)), new LinkedHashMap<>()};

  @Test
  void mutatedLinesOfEveryKnownRolloutNeverThrow() throws IOException {
    List<Object> lines = knownLines();
    Random random = new Random(20260914);
    CaptureState state = new CaptureState(Redactor.standard(Map.of()), "codex", "fuzz.jsonl");
    CodexRolloutReader reader = new CodexRolloutReader();
    for (int i = 0; i < 20_000; i++) {
      Object line = copy(lines.get(random.nextInt(lines.size())));
      int mutations = random.nextInt(4);
      for (int j = 0; j < mutations; j++) {
        line = mutate(line, random);
      }
      Object l = line;
      assertDoesNotThrow(() -> reader.apply(l, state), () -> "line: " + Json.write(l, false));
    }
    String stored = Json.write(state.toTree(), false);
    CaptureState back = CaptureState.fromTree(Json.obj(Json.parse(stored)), Redactor.standard(Map.of()));
    assertEquals(stored, Json.write(back.toTree(), false));
  }

  @Test
  void valuesThatAreNotObjectsAreIgnored() {
    CaptureState state = new CaptureState(Redactor.standard(Map.of()), "codex", "x.jsonl");
    CodexRolloutReader reader = new CodexRolloutReader();
    for (Object odd : ODD) {
      reader.apply(odd, state);
    }
    reader.apply(null, state);

    assertEquals(List.of(), state.prompts());
    assertEquals(List.of(), state.commands());
  }

  /** Golden rollouts, plus the public ones when shared/ is there. */
  private static List<Object> knownLines() throws IOException {
    List<Path> files = new ArrayList<>(CodexRolloutIncrementalTest.goldenRollouts());
    Path shared = Path.of(System.getProperty("fss.shared", "../shared")).resolve("fixtures/public/codex");
    if (Files.isDirectory(shared)) {
      try (Stream<Path> s = Files.list(shared)) {
        s.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(files::add);
      }
    }
    List<Object> lines = new ArrayList<>();
    for (Path f : files) {
      for (String l : Files.readAllLines(f)) {
        try {
          lines.add(Json.parse(l));
        } catch (RuntimeException e) {
          // the garbage lines of the golden cases: JsonlTail never hands them over
        }
      }
    }
    return lines;
  }

  /** Replaces one randomly chosen value (or the whole line) by an odd one. */
  private static Object mutate(Object tree, Random random) {
    List<Object[]> slots = new ArrayList<>();
    collect(tree, slots, 0);
    if (slots.isEmpty() || random.nextInt(20) == 0) {
      return copy(ODD[random.nextInt(ODD.length)]);
    }
    Object[] slot = slots.get(random.nextInt(slots.size()));
    Object odd = copy(ODD[random.nextInt(ODD.length)]);
    if (slot[0] instanceof Map) {
      Json.obj(slot[0]).put((String) slot[1], odd);
    } else {
      Json.arr(slot[0]).set((Integer) slot[1], odd);
    }
    return tree;
  }

  private static void collect(Object node, List<Object[]> slots, int depth) {
    if (depth > 8) {
      return;
    }
    Map<String, Object> m = Json.obj(node);
    if (m != null) {
      for (Map.Entry<String, Object> e : m.entrySet()) {
        slots.add(new Object[] {m, e.getKey()});
        collect(e.getValue(), slots, depth + 1);
      }
      return;
    }
    List<Object> list = Json.arr(node);
    for (int i = 0; i < list.size(); i++) {
      slots.add(new Object[] {list, i});
      collect(list.get(i), slots, depth + 1);
    }
  }

  private static Object copy(Object tree) {
    return tree == null ? null : Json.parse(Json.write(tree, false));
  }
}
