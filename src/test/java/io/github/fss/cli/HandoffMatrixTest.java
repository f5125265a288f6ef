package io.github.fss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.agents.opencode.OpenCodeDbWriter;
import io.github.fss.json.Json;
import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14: a handoff works between any two of the four agents. For every ordered pair, a session
 * of the first agent is captured through its own hooks from its own transcript format; {@code fss
 * handoff} names the second agent's program; the prompt {@code fss restore --for} prints becomes the
 * first user message of a session of the second agent, stored as that agent stores it and captured
 * as its hooks capture it; the new session then continues the old one, which is transferred.
 */
class HandoffMatrixTest {
  static final List<String> AGENTS = List.of("claude", "codex", "gemini", "opencode");
  static final String TASK = "Port the importer to the v2 schema";

  @TempDir Path tmp;
  FssHarness fss;
  Path repo;
  Path launcher;

  static Stream<Arguments> pairs() {
    List<Arguments> all = new ArrayList<>();
    for (String from : AGENTS) {
      for (String to : AGENTS) {
        if (!from.equals(to)) {
          all.add(Arguments.of(from, to));
        }
      }
    }
    return all.stream();
  }

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    fss.env("CODEX_HOME", tmp.resolve("codex-home").toString());
    fss.env("XDG_CONFIG_HOME", tmp.resolve("xdg-config").toString());
    fss.env("XDG_DATA_HOME", tmp.resolve("xdg-data").toString());
    launcher = Files.createDirectories(tmp.resolve("opt/fss/bin")).resolve("fss");
    Files.writeString(launcher, "#!/bin/sh\n");
    launcher.toFile().setExecutable(true);
    fss.env("FSS_LAUNCHER", launcher.toString());
    repo = FssHarness.gitRepo(tmp.resolve("importer"), "main");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("pairs")
  void handoffFromOneAgentToAnother(String from, String to) throws Exception {
    String oldId = id(from, "old");
    String newId = id(to, "new");
    session(from, oldId, TASK);
    assertEquals(oldId, Json.str(restoreJson(oldId), "session_id"), "the " + from + " session is captured");

    String command = fss.run(repo, "handoff", "--to", to, oldId).assertOk().out();
    assertEquals("cd " + repo + " && " + program(to) + " \"$(" + launcher + " restore " + oldId + " --for " + to + ")\"\n",
        command);

    String printed = fss.run(repo, "restore", oldId, "--for", to).assertOk().out();
    assertTrue(printed.contains(TASK), printed);
    // the shell's "$(…)" drops the trailing newlines: this is the text the agent is started with
    String prompt = printed.replaceAll("\n+$", "");
    assertTrue(prompt.endsWith("fss-handoff: " + oldId), prompt);

    session(to, newId, prompt);
    Map<String, Object> next = restoreJson(newId);
    assertEquals(oldId, Json.str(next, "restored_from"), from + " -> " + to + ": the new session continues the old");
    Map<String, Object> old = restoreJson(oldId);
    assertEquals("transferred", Json.str(old, "status"), from + " -> " + to);
    assertEquals(newId, Json.str(old, "transferred_to"), from + " -> " + to);
    String offered = fss.run(repo, "list", "--json").assertOk().out();
    assertFalse(offered.contains(oldId), "a transferred session is not offered: " + offered);
    assertTrue(offered.contains(newId), offered);
    assertFalse(Files.exists(fss.fssHome().resolve("log/hook.log")),
        () -> "no hook errors: " + read(fss.fssHome().resolve("log/hook.log")));
  }

  private Map<String, Object> restoreJson(String id) {
    return Json.obj(Json.parse(fss.run(repo, "restore", id, "--json").assertOk().out()));
  }

  static String program(String agent) {
    return switch (agent) {
      case "claude" -> "claude";
      case "codex" -> "codex";
      case "gemini" -> "gemini -i";
      case "opencode" -> "opencode --prompt";
      default -> throw new IllegalArgumentException(agent);
    };
  }

  /** Ids shaped as each agent makes them; old and new differ in their first 8 characters (Gemini's file names). */
  static String id(String agent, String role) {
    String n = role.equals("old") ? "1" : "2";
    return switch (agent) {
      case "claude" -> "c" + n + "aa0000-0000-4000-8000-000000000001";
      case "codex" -> "019a" + n + "c1e-7f2b-7c41-9a0e-5d2f8b6c1a90";
      case "gemini" -> "6e" + n + "b2d3e-4f50-4617-8283-949596979899";
      case "opencode" -> "ses_" + n + "f00aa11bb22cc33dd44ee55ff";
      default -> throw new IllegalArgumentException(agent);
    };
  }

  /** A session of {@code agent} whose first user message is {@code prompt}, captured through that agent's hooks. */
  private void session(String agent, String id, String prompt) throws Exception {
    switch (agent) {
      case "claude" -> claude(id, prompt);
      case "codex" -> codex(id, prompt);
      case "gemini" -> gemini(id, prompt);
      case "opencode" -> openCode(id, prompt);
      default -> throw new IllegalArgumentException(agent);
    }
  }

  private void claude(String id, String prompt) throws Exception {
    Path transcript = tmp.resolve("claude-projects/" + id + ".jsonl");
    Files.createDirectories(transcript.getParent());
    Files.writeString(transcript, "");
    fss.runWithInput(repo, Events.hook("SessionStart", id, transcript, repo, "\"source\":\"startup\""), "hook", "claude")
        .assertOk();
    String reply = "{\"parentUuid\":\"u1\",\"isSidechain\":false,\"type\":\"assistant\",\"cwd\":\"" + repo
        + "\",\"sessionId\":\"" + id + "\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
        + "\"text\":\"On it.\"}]},\"uuid\":\"a1\",\"timestamp\":\"" + Events.recently() + "\"}";
    Files.writeString(transcript, Events.userLine(repo, prompt) + "\n" + reply + "\n");
    FssHarness.touchNow(transcript);
    fss.runWithInput(repo, Events.hook("Stop", id, transcript, repo, null), "hook", "claude").assertOk();
  }

  private void codex(String thread, String prompt) throws Exception {
    Instant start = Instant.now().minusSeconds(90);
    String day = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC).format(start);
    String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss").withZone(ZoneOffset.UTC).format(start);
    Path rollout = Files.createDirectories(tmp.resolve("codex-home/sessions/" + day))
        .resolve("rollout-" + stamp + "-" + thread + ".jsonl");
    String turn = thread.substring(0, 8) + "-9a10-7e22-8c3b-0a1b2c3d4e5f";
    String p = Json.write(prompt, false);
    List<String> lines = List.of(
        line(start, 0, "session_meta", "{\"id\":\"" + thread + "\",\"timestamp\":\"" + start + "\",\"cwd\":\"" + repo
            + "\",\"originator\":\"codex-tui\",\"cli_version\":\"0.125.0\",\"source\":\"cli\",\"model_provider\":\"openai\"}"),
        line(start, 1, "event_msg", "{\"type\":\"task_started\",\"turn_id\":\"" + turn + "\"}"),
        line(start, 2, "turn_context", "{\"turn_id\":\"" + turn + "\",\"cwd\":\"" + repo + "\",\"model\":\"gpt-5.5\"}"),
        line(start, 3, "response_item", "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
            + "\"text\":" + p + "}]}"),
        line(start, 4, "event_msg", "{\"type\":\"user_message\",\"message\":" + p + ",\"images\":[],\"local_images\":[],"
            + "\"text_elements\":[]}"),
        line(start, 5, "event_msg", "{\"type\":\"agent_message\",\"message\":\"On it.\",\"phase\":\"final_answer\"}"),
        line(start, 6, "response_item", "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
            + "\"text\":\"On it.\"}],\"phase\":\"final_answer\"}"),
        line(start, 7, "event_msg", "{\"type\":\"task_complete\",\"turn_id\":\"" + turn + "\",\"last_agent_message\":\"On it.\"}"));
    Files.writeString(rollout, lines.get(0) + "\n");
    fss.runWithInput(repo, Events.hook("SessionStart", thread, rollout, repo, "\"source\":\"startup\""), "hook", "codex")
        .assertOk();
    Files.writeString(rollout, String.join("\n", lines) + "\n");
    FssHarness.touchNow(rollout);
    fss.runWithInput(repo, Events.hook("Stop", thread, rollout, repo, null), "hook", "codex").assertOk();
  }

  private static String line(Instant start, int seconds, String type, String payload) {
    return "{\"timestamp\":\"" + start.plusSeconds(seconds) + "\",\"type\":\"" + type + "\",\"payload\":" + payload + "}";
  }

  private void gemini(String id, String prompt) throws Exception {
    Instant start = Instant.now().minusSeconds(90);
    Path chats = Files.createDirectories(fss.home().resolve(".gemini/tmp/importer/chats"));
    String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm").withZone(ZoneOffset.UTC).format(start);
    Path chat = chats.resolve("session-" + stamp + "-" + id.substring(0, 8) + ".jsonl");
    String header = "{\"sessionId\":\"" + id + "\",\"projectHash\":\"abab\",\"startTime\":\"" + start
        + "\",\"lastUpdated\":\"" + start + "\",\"kind\":\"main\"}\n";
    String context = "<session_context>\nThis is the Gemini CLI. We are setting up the context for our chat.\n"
        + "- **Workspace Directories:**\n  - " + repo + "\n</session_context>";
    Files.writeString(chat, header + "{\"$set\":{\"messages\":[{\"id\":\"ctx0\",\"timestamp\":\"" + start.plusMillis(1)
        + "\",\"type\":\"user\",\"content\":[{\"text\":" + Json.write(context, false) + "}]}],\"lastUpdated\":\""
        + start.plusMillis(1) + "\"}}\n");
    String started = fss.runWithInput(repo, Events.hook("SessionStart", id, chat, repo, "\"source\":\"startup\""),
        "hook", "gemini").assertOk().out();
    // what the SessionStart hook printed reaches the model prepended to the first prompt, its <> escaped
    String text = prompt;
    if (!started.isBlank()) {
      String injected = Json.str(Json.at(Json.obj(Json.parse(started)), "hookSpecificOutput", "additionalContext"));
      if (injected != null) {
        text = "<hook_context>" + injected.replace("<", "&lt;").replace(">", "&gt;") + "</hook_context>\n\n" + prompt;
      }
    }
    Files.writeString(chat, Files.readString(chat)
        + "{\"id\":\"u1\",\"timestamp\":\"" + start.plusSeconds(1) + "\",\"type\":\"user\",\"content\":[{\"text\":"
        + Json.write(text, false) + "}]}\n"
        + "{\"$set\":{\"lastUpdated\":\"" + start.plusSeconds(1) + "\"}}\n"
        + "{\"id\":\"g1\",\"timestamp\":\"" + start.plusSeconds(2) + "\",\"type\":\"gemini\",\"content\":\"On it.\","
        + "\"thoughts\":[],\"tokens\":{\"input\":1,\"output\":1,\"total\":2},\"model\":\"gemini-2.5-pro\"}\n");
    FssHarness.touchNow(chat);
    fss.runWithInput(repo, Events.hook("AfterAgent", id, chat, repo,
        "\"prompt\":\"x\",\"prompt_response\":\"On it.\",\"stop_hook_active\":false"), "hook", "gemini").assertOk();
  }

  private void openCode(String id, String prompt) throws Exception {
    Path db = Files.createDirectories(tmp.resolve("xdg-data/opencode")).resolve("opencode.db");
    String hook = "{\"hook_event_name\":\"%s\",\"session_id\":\"" + id + "\",\"cwd\":\"" + repo + "\",\"transcript_path\":\""
        + db + "\"%s}";
    try (OpenCodeDbWriter w = new OpenCodeDbWriter(db, Instant.now().minus(5, ChronoUnit.MINUTES))) {
      w.session(id, repo.toString());
      fss.runWithInput(repo, String.format(hook, "SessionStart", ",\"source\":\"startup\""), "hook", "opencode")
          .assertOk();
      String u = w.message(id, "{\"role\":\"user\"}");
      // a message given on OpenCode's command line with spaces is stored wrapped in literal double
      // quotes, the quotes inside escaped (opencode run; the handoff prompt has quotes inside)
      String stored = "\"" + prompt.replace("\"", "\\\"") + "\"";
      w.part(id, u, "{\"type\":\"text\",\"text\":" + Json.write(stored, false) + "}");
      String a = w.message(id, "{\"role\":\"assistant\",\"modelID\":\"mock-model\"}");
      w.part(id, a, "{\"type\":\"text\",\"text\":\"On it.\",\"time\":{\"start\":1,\"end\":2}}");
    }
    fss.runWithInput(repo, String.format(hook, "Stop", ""), "hook", "opencode").assertOk();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
