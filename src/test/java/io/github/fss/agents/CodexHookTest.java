package io.github.fss.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Codex sessions tracked through notify and hooks, from plain and zstd rollouts, and handed off. */
class CodexHookTest {
  static final String THREAD = "019a3c1e-7f2b-7c41-9a0e-5d2f8b6c1a90";

  @TempDir Path tmp;
  FssHarness fss;
  Path repo;
  Path codexHome;
  Path rollout;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("shop"), "feature/cart");
    codexHome = Files.createDirectories(tmp.resolve("codex"));
    fss.env("CODEX_HOME", codexHome.toString());
    Path day = Files.createDirectories(codexHome.resolve("sessions/2026/09/14"));
    rollout = day.resolve("rollout-2026-09-14T08-15-02-" + THREAD + ".jsonl");
    try (InputStream in = getClass().getResourceAsStream("/fixtures/codex/tui_turn.jsonl")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("/home/alice/src/shop", repo.toString());
      Files.writeString(rollout, text);
    }
    FssHarness.touchNow(rollout);
  }

  private String notifyJson() {
    return "{\"type\":\"agent-turn-complete\",\"thread-id\":\"" + THREAD + "\",\"turn-id\":\"1\",\"cwd\":\"" + repo
        + "\",\"input-messages\":[\"Add a remove-item button to the cart page\"],\"last-assistant-message\":\"done\"}";
  }

  private void assertRestoreShowsTheTurn() {
    Result r = fss.run(repo, "restore", THREAD.substring(0, 13), "--budget", "0").assertOk();
    String out = r.out();
    assertTrue(out.contains("Add a remove-item button to the cart page"), out);
    assertTrue(out.contains("[in progress] Run tests"), out);
    assertTrue(out.contains("created: src/cart/remove.ts"), out);
    assertTrue(out.contains("editing: src/cart/CartPage.tsx"), out);
    assertTrue(out.contains("[exit 1] npm test -- cart"), out);
    assertTrue(out.contains("[exit 0] rg -n CartItem src"), out);
    assertTrue(out.contains("Branch: feature/cart"), out);
  }

  @Test
  void notifyCheckpointsTheTurnFromThePlainRollout() {
    Result r = fss.run(repo, "hook", "codex-notify", notifyJson());
    assertEquals(0, r.exit());
    assertEquals("", r.out());
    assertRestoreShowsTheTurn();
  }

  @Test
  void notifyReadsAZstdCompressedRollout() throws Exception {
    Path zst = Path.of(rollout + ".zst");
    try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(zst))) {
      out.write(Files.readAllBytes(rollout));
    }
    Files.delete(rollout);
    FssHarness.touchNow(zst);
    fss.run(repo, "hook", "codex-notify", notifyJson());
    assertRestoreShowsTheTurn();
  }

  @Test
  void theStopHookDoesTheSameFromItsTranscriptPath() {
    fss.runWithInput(repo, Events.hook("SessionStart", THREAD, rollout, repo, "\"source\":\"startup\""), "hook", "codex");
    Result r = fss.runWithInput(repo, Events.hook("Stop", THREAD, rollout, repo, null), "hook", "codex");
    assertEquals(0, r.exit());
    assertRestoreShowsTheTurn();
  }

  @Test
  void theStopHookFindsTheRolloutByThreadIdWhenNoPathIsGiven() {
    String stop = "{\"hook_event_name\":\"Stop\",\"session_id\":\"" + THREAD + "\",\"transcript_path\":null,\"cwd\":\"" + repo + "\"}";
    assertEquals(0, fss.runWithInput(repo, stop, "hook", "codex").exit());
    assertRestoreShowsTheTurn();
  }

  @Test
  void notifyRunsTheUsersChainedProgramWithTheSameJson() throws Exception {
    Path got = tmp.resolve("got.json");
    Path script = Files.writeString(tmp.resolve("notify.sh"), "#!/bin/sh\nprintf '%s' \"$1\" > '" + got + "'\n");
    script.toFile().setExecutable(true);
    fss.run(repo, "hook", "codex-notify", "--then", script.toString(), notifyJson());
    for (int i = 0; i < 100 && !Files.exists(got); i++) {
      Thread.sleep(50);
    }
    Thread.sleep(100);
    assertEquals(notifyJson(), Files.readString(got));
    assertRestoreShowsTheTurn();
  }

  @Test
  void importCodexBringsInRecentRolloutsOnce() {
    Result first = fss.run(repo, "import", "codex").assertOk();
    assertTrue(first.out().contains("1 imported"), first.out());
    assertTrue(fss.run(repo, "import", "codex").assertOk().out().contains("1 unchanged"));
    assertRestoreShowsTheTurn();
  }

  @Test
  void aCodexSessionRestoredForClaudeReadsAsAFirstPrompt() {
    fss.run(repo, "hook", "codex-notify", notifyJson());
    String prompt = fss.run(repo, "restore", THREAD, "--for", "claude").assertOk().out();
    assertTrue(prompt.startsWith("I'm continuing work started in an earlier Codex session; you are Claude Code now."), prompt);
    assertTrue(prompt.contains("Current task: Run tests"), prompt);
    assertTrue(prompt.strip().endsWith("fss-handoff: " + THREAD), prompt);
  }

  @Test
  void aCodexSessionStartedFromAHandoffPromptTakesOverTheClaudeSession() throws Exception {
    Path t = tmp.resolve("claude.jsonl");
    Files.writeString(t, Events.userLine(repo, "speed up the product search") + "\n");
    fss.runWithInput(repo, Events.hook("Stop", "claude-1", t, repo, null), "hook", "claude");
    String prompt = fss.run(repo, "restore", "claude-1", "--for", "codex").assertOk().out();
    String line = "{\"timestamp\":\"" + Events.recently() + "\",\"type\":\"event_msg\",\"payload\":{\"type\":\"user_message\","
        + "\"message\":" + io.github.fss.json.Json.write(prompt, false) + "}}\n";
    Files.writeString(rollout, Files.readString(rollout) + line);
    fss.run(repo, "hook", "codex-notify", notifyJson());
    String mine = fss.run(repo, "restore", THREAD, "--json").assertOk().out();
    assertTrue(mine.contains("\"restored_from\": \"claude-1\""), mine);
    assertTrue(!fss.run(repo, "list", "--json").out().contains("claude-1"), "no longer offered");
    String old = fss.run(repo, "restore", "claude-1", "--json").assertOk().out();
    assertTrue(old.contains("\"status\": \"transferred\"") && old.contains("\"transferred_to\": \"" + THREAD + "\""), old);
  }

  @Test
  void aClaudeSessionRestoredForCodexReadsAsAFirstPrompt() throws Exception {
    Path t = tmp.resolve("claude.jsonl");
    Files.writeString(t, Events.userLine(repo, "speed up the product search") + "\n");
    fss.runWithInput(repo, Events.hook("Stop", "claude-1", t, repo, null), "hook", "claude");
    String prompt = fss.run(repo, "restore", "claude-1", "--for", "codex").assertOk().out();
    assertTrue(prompt.startsWith("I'm continuing work started in an earlier Claude Code session; you are Codex now."), prompt);
    assertTrue(prompt.contains("speed up the product search"), prompt);
  }
}
