package io.github.fss.demo;

import io.github.fss.Environment;
import io.github.fss.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Instant;

/**
 * {@code fss demo}: replays a bundled Claude Code session through the real hooks into a temp
 * store — a turn ends (Stop), the agent saves a rich checkpoint, the next turn is cut off by a
 * "network drop" (no Stop ever fires), and a new session starts in a subdirectory — then shows
 * what the new session is told, and list → restore → diff. Nothing outside the temp dir is touched.
 */
public final class DemoReplay {
  static final String SESSION = "5f2b7c1e-0d4a-4c3e-9b8f-2a6d1e9c0b71";
  static final String NEXT_SESSION = "8c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

  private final PrintStream out;
  private final Environment base;

  public DemoReplay(PrintStream out, Environment base) {
    this.out = out;
    this.base = base;
  }

  /** Runs the demo in {@code dir} (created if needed); returns 0, or 1 if a step failed. */
  public int run(Path dir) throws IOException {
    Path project = dir.resolve("demo-shop");
    Path transcriptDir = dir.resolve("claude").resolve("projects").resolve("-demo-shop");
    Files.createDirectories(transcriptDir);
    Path transcript = transcriptDir.resolve(SESSION + ".jsonl");
    makeProject(project);
    List<String> lines = transcriptLines(project, base.now());
    int turnEnd = firstTurnEnd(lines);

    Map<String, String> vars = new HashMap<>(base.vars());
    vars.put("HOME", dir.toString());
    vars.put("FSS_HOME", dir.resolve("store").toString());
    vars.put("CLAUDE_CONFIG_DIR", dir.resolve("claude").toString());
    vars.remove("FSS_SESSION_ID");
    vars.remove("CODEX_THREAD_ID");
    Environment env = Environment.of(vars, project);

    step("1. A Claude Code session starts in " + project + " (SessionStart hook)");
    hook(env, "SessionStart", SESSION, transcript, project, "\"source\":\"startup\"");
    out.println("   (nothing to restore yet)");

    step("2. The first turn runs: todos, Read, Write, Edit, a failing `npm test`; Stop hook checkpoints it");
    append(transcript, lines.subList(0, turnEnd));
    hook(env, "Stop", SESSION, transcript, project, null);

    step("3. The agent saves a rich checkpoint through the skill (fss save)");
    show(env, project, "save", "--action", "checkpoint", "--session", SESSION, "--tool", "claude-code",
        "--summary", "Limiter wired into POST /login; fixed buckets fail the auth test",
        "--decisions", "Sliding window instead of fixed buckets;Limit configurable via LOGIN_RATE_LIMIT",
        "--open-questions", "Per-IP only, or per account too?");

    step("4. The second turn is cut off mid-command: the network drops, no Stop hook ever fires");
    append(transcript, lines.subList(turnEnd, lines.size()));
    out.println("   (" + (lines.size() - turnEnd) + " more transcript lines written, the last a `npm run lint` with no result)");

    step("5. A new session starts in demo-shop/src: its SessionStart hook tells the agent what it can restore");
    String notice = hook(env, "SessionStart", NEXT_SESSION, transcriptDir.resolve(NEXT_SESSION + ".jsonl"),
        project.resolve("src"), "\"source\":\"startup\"");
    out.println(notice.isEmpty() ? "   (no output)" : "   " + notice.strip());

    step("6. fss list (from demo-shop/src)");
    show(env, project.resolve("src"), "list");
    step("7. fss restore " + SESSION.substring(0, 8) + " — read up to the last transcript line, within 1,500 tokens");
    show(env, project, "restore", SESSION.substring(0, 8));
    step("8. fss diff — what changed between the last two checkpoints");
    show(env, project, "diff", SESSION.substring(0, 8));
    out.println();
    out.println("The demo store is in " + dir.resolve("store") + "; nothing outside " + dir + " was touched.");
    return 0;
  }

  private void step(String title) {
    out.println();
    out.println("== " + title);
  }

  private String hook(Environment env, String event, String session, Path transcript, Path cwd, String extra) {
    String json = "{\"hook_event_name\":\"" + event + "\",\"session_id\":\"" + session
        + "\",\"transcript_path\":\"" + transcript + "\",\"cwd\":\"" + cwd + "\""
        + (extra == null ? "" : "," + extra) + "}";
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Main.run(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(buf, true, StandardCharsets.UTF_8), out, env, "hook", "claude");
    return buf.toString(StandardCharsets.UTF_8);
  }

  private void show(Environment env, Path cwd, String... args) {
    Environment at = new Environment(env.vars(), cwd, env.clock());
    Main.run(new ByteArrayInputStream(new byte[0]), out, out, at, args);
  }

  private static void append(Path file, List<String> lines) throws IOException {
    Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** The bundled transcript with its placeholders filled in. */
  private static List<String> transcriptLines(Path project, Instant now) throws IOException {
    try (InputStream in = DemoReplay.class.getResourceAsStream("/demo/claude-session.jsonl")) {
      if (in == null) {
        throw new IOException("the demo transcript is missing from the jar");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("__PROJECT__", project.toString()).replace("__SESSION__", SESSION);
      return new ArrayList<>(Arrays.asList(recent(text, now).split("\n")));
    }
  }

  /** Placeholders __TS+SSSSS.mmm__ become times shortly before now: the session died minutes ago. */
  public static String recent(String text, Instant now) {
    Instant start = now.minusSeconds(25 * 60);
    Matcher m = Pattern.compile("__TS\\+(\\d+)\\.(\\d+)__").matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      Instant t = start.plusSeconds(Long.parseLong(m.group(1))).plusMillis(Long.parseLong(m.group(2)));
      m.appendReplacement(sb, t.toString());
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The line after the first turn's {@code turn_duration} record: where the Stop hook fires. */
  private static int firstTurnEnd(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"subtype\":\"turn_duration\"")) {
        return i + 1;
      }
    }
    return lines.size() / 2;
  }

  /** A small repository: a .git pointing at the branch, and the files the session touches. */
  private static void makeProject(Path project) throws IOException {
    Files.createDirectories(project.resolve(".git/refs/heads/feat"));
    Files.writeString(project.resolve(".git/HEAD"), "ref: refs/heads/feat/rate-limit\n");
    for (String f : new String[] {"src/auth/routes.ts", "src/auth/rateLimit.ts", "test/auth.test.ts", "package.json"}) {
      Path p = project.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "// demo file\n");
    }
  }
}
