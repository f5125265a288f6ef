package io.github.fss.agents.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.FssHarness.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gemini CLI sessions through {@code fss hook gemini} (payloads shaped like 0.61.0's, with a
 * chat file shaped like its own), {@code fss import gemini}, and the handoff to and from it.
 */
class GeminiHookTest {
  /** The session of fixtures/gemini/basic_turn.jsonl; its chat file is named by the first 8 characters. */
  static final String SID = "0b1c2d3e-4f50-4617-8283-949596979899";
  static final String FIXTURE_CWD = "/home/ana/work/ledger";

  @TempDir Path tmp;
  FssHarness fss;
  Path repo;
  Path chat;

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("ledger"), "feat/fees");
    Path chats = Files.createDirectories(fss.home().resolve(".gemini/tmp/ledger/chats"));
    chat = chats.resolve("session-2026-03-02T09-00-" + SID.substring(0, 8) + ".jsonl");
    String text = Files.readString(Path.of("src/test/resources/fixtures/gemini/basic_turn.jsonl"), StandardCharsets.UTF_8)
        .replace(FIXTURE_CWD, repo.toString());
    Files.writeString(chat, text);
    FssHarness.touchNow(chat);
  }

  private String event(String name, String extra) {
    return Events.hook(name, SID, chat, repo, extra);
  }

  private void assertRestoreShowsTheTurn(Path cwd) {
    String out = fss.run(cwd, "restore", SID.substring(0, 13), "--budget", "0").assertOk().out();
    assertTrue(out.contains("Add the fee table to lib/fees.rb and run the specs."), out);
    assertFalse(out.contains("earlier session here"), "our own notice is not the user's request: " + out);
    assertTrue(out.contains("[in progress] Run the specs"), out);
    assertTrue(out.contains("created: lib/fees.rb"), out);
    assertTrue(out.contains("[exit 2] bundle exec rspec"), out);
    assertTrue(out.contains("[exit 0] ruby -c lib/fees.rb"), out);
    assertTrue(out.contains("Branch: feat/fees"), out);
  }

  @Test
  void sessionStartAfterAgentAndSessionEndTrackTheSession() throws Exception {
    Result start = fss.runWithInput(repo, event("SessionStart", "\"source\":\"startup\""), "hook", "gemini");
    assertEquals(new Result(0, "", ""), start, "nothing to offer yet");
    // PreCompress fires before every model turn: it must not be taken for a compaction
    assertEquals(new Result(0, "", ""), fss.runWithInput(repo, event("PreCompress", "\"trigger\":\"auto\""), "hook", "gemini"));
    Result turn = fss.runWithInput(repo, event("AfterAgent",
        "\"prompt\":\"x\",\"prompt_response\":\"y\",\"stop_hook_active\":false"), "hook", "gemini");
    assertEquals(new Result(0, "", ""), turn);
    assertRestoreShowsTheTurn(repo);

    fss.runWithInput(repo, event("SessionEnd", "\"reason\":\"exit\""), "hook", "gemini").assertOk();
    Map<String, Object> r = Json.obj(Json.parse(fss.run(repo, "restore", SID, "--json").assertOk().out()));
    assertEquals("gemini-cli", r.get("tool"));
    assertEquals("ended", r.get("status"));
    assertEquals("exit", r.get("end_reason"));
    assertFalse(Files.exists(fss.fssHome().resolve("log/hook.log")), "no hook errors");
  }

  @Test
  void aKilledSessionIsOfferedAsHookContextToTheNextOneInASubdirectory() throws Exception {
    fss.runWithInput(repo, event("SessionStart", "\"source\":\"startup\""), "hook", "gemini").assertOk();
    // killed: no AfterAgent, no SessionEnd; the next session starts in src/
    Path src = Files.createDirectories(repo.resolve("src"));
    String next = "1a2b3c4d-0000-4000-8000-000000000001";
    Path nextChat = chat.resolveSibling("session-2026-03-02T10-00-1a2b3c4d.jsonl");
    Files.writeString(nextChat, "");
    Result r = fss.runWithInput(src, Events.hook("SessionStart", next, nextChat, src, "\"source\":\"startup\""),
        "hook", "gemini").assertOk();
    Map<String, Object> out = Json.obj(Json.parse(r.out()));
    String context = Json.str(Json.at(out, "hookSpecificOutput", "additionalContext"));
    assertTrue(context.startsWith("fireworks-sessions-saver: 1 earlier session in this project can be restored"), context);
    assertTrue(context.contains("id " + SID), context);
    assertTrue(context.contains("task: Run the specs"), context);
    assertRestoreShowsTheTurn(src);
  }

  @Test
  void garbageOnStdinExitsZeroAndSaysWhyInTheLog() throws Exception {
    Result r = fss.runWithInput(repo, "not json {", "hook", "gemini");
    assertEquals(new Result(0, "", ""), r);
    assertTrue(Files.readString(fss.fssHome().resolve("log/hook.log")).contains("hook gemini"));
  }

  @Test
  void importTakesTheProjectFromProjectsJsonWhenTheChatDoesNotSayIt() throws Exception {
    // a chat whose <session_context> is gone (a compression replaced it long ago, say)
    List<String> lines = Files.readAllLines(chat);
    lines.remove(1);
    Files.write(chat, lines);
    FssHarness.touchNow(chat);
    Files.writeString(fss.home().resolve(".gemini/projects.json"),
        "{\"projects\":{\"" + repo + "\":\"ledger\"}}");
    Result r = fss.run(tmp, "import", "gemini").assertOk();
    assertTrue(r.out().contains("import gemini: 1 imported"), r.out());
    assertRestoreShowsTheTurn(repo);

    Result again = fss.run(tmp, "import", "gemini").assertOk();
    assertTrue(again.out().contains("0 imported, 0 updated, 1 unchanged"), again.out());
  }

  @Test
  void geminiCliHomeIsWhereImportLooks() throws Exception {
    Path other = tmp.resolve("elsewhere");
    Files.createDirectories(other);
    Files.move(fss.home().resolve(".gemini"), other.resolve(".gemini"));
    fss.env("GEMINI_CLI_HOME", other.toString());
    Result r = fss.run(tmp, "import", "gemini").assertOk();
    assertTrue(r.out().contains("import gemini: 1 imported"), r.out());
  }

  @Test
  void handoffToGeminiStartsItWithTheRestoreAsItsFirstPrompt() throws Exception {
    fss.runWithInput(repo, event("AfterAgent", null), "hook", "gemini").assertOk();
    String command = fss.run(repo, "handoff", "--to", "gemini", SID).assertOk().out().strip();
    assertTrue(command.matches("cd .+ && gemini -i \"\\$\\(.+ restore " + SID + " --for gemini\\)\""), command);

    String prompt = fss.run(repo, "restore", SID, "--for", "claude").assertOk().out();
    assertTrue(prompt.contains("earlier Gemini CLI session"), prompt);
    assertTrue(prompt.strip().endsWith("fss-handoff: " + SID), prompt);
  }
}
