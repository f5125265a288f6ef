package io.github.fss.agents.codex;

import io.github.fss.Environment;
import io.github.fss.agents.AgentRegistry;
import io.github.fss.agents.SpoolTurns;
import io.github.fss.redact.Redactor;
import io.github.fss.capture.SessionCapture;
import io.github.fss.json.Json;
import io.github.fss.json.JsonException;
import io.github.fss.store.HookLog;
import io.github.fss.store.SessionIds;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Codex's {@code notify} program: {@code fss hook codex-notify [--then PROGRAM ARGS…] JSON}. On
 * {@code agent-turn-complete} it finds the rollout by thread id and checkpoints incrementally; then
 * it runs the user's own notify program, if it chained one, with the same JSON argument.
 */
final class CodexNotifyHook {
  private final Codex codex;
  private final Environment env;
  private final HookLog log;

  CodexNotifyHook(Codex codex, Environment env, HookLog log) {
    this.codex = codex;
    this.env = env;
    this.log = log;
  }

  void handle(String[] args) {
    if (args.length < 3) {
      log.write("hook codex-notify", "no JSON argument");
      return;
    }
    String json = args[args.length - 1];
    List<String> rest = Arrays.asList(args).subList(2, args.length - 1);
    int then = rest.indexOf("--then");
    try {
      record(json);
    } catch (IOException | RuntimeException e) {
      log.write("hook codex-notify", "failed: " + e);
    } finally {
      if (then >= 0 && then + 1 < rest.size()) {
        try {
          NotifyChain.run(rest.subList(then + 1, rest.size()), json);
        } catch (IOException e) {
          log.write("hook codex-notify", "could not run the chained notify program: " + e.getMessage());
        }
      }
    }
  }

  private void record(String json) throws IOException {
    Object tree;
    try {
      tree = Json.parse(json);
    } catch (JsonException e) {
      log.write("hook codex-notify", "argument is not JSON: " + e.getMessage());
      return;
    }
    if (!"agent-turn-complete".equals(Json.str(tree, "type"))) {
      return;
    }
    String thread = Json.str(tree, "thread-id");
    if (!SessionIds.isValid(thread)) {
      log.write("hook codex-notify", "missing or invalid thread-id");
      return;
    }
    Path rollout = RolloutLocator.find(env.codexHome(), thread);
    String cwdText = Json.str(tree, "cwd");
    StoreConfig config = StoreConfig.load(env.fssHome(), env.vars());
    SessionStore store = new SessionStore(env.fssHome(), config, m -> log.write("store", m));
    Redactor redactor = Redactor.standard(config.extraRedactions());
    SpoolTurns.drain(env, store, redactor, m -> log.write("spool", m));
    SessionCapture capture = new SessionCapture(store, redactor, env.now(), AgentRegistry.readers());
    Path cwd = cwdText != null && cwdText.indexOf('\0') < 0 ? Path.of(cwdText) : env.cwd();
    String key = capture.register(codex.tool(), codex.format(), thread, cwd,
        rollout == null ? null : rollout.toString());
    capture.refresh(key, thread, false);
    // Codex has no session-end hook; its notify program runs after the turn, nobody waits on it
    io.github.fss.store.Retention.purgeIfDue(store, env.now(), thread);
  }
}
