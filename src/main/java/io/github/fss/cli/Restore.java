package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.agents.Agent;
import io.github.fss.agents.AgentRegistry;
import io.github.fss.history.KeptText;
import io.github.fss.model.Session;
import io.github.fss.render.OutputFormat;
import io.github.fss.render.RestoreView;
import io.github.fss.store.SessionIds;
import io.github.fss.store.StoredSession;
import java.util.List;
import java.util.Set;

/** {@code fss restore [SESSION]}: the structured summary to carry on from. */
final class Restore implements Verb {
  @Override
  public String name() {
    return "restore";
  }

  @Override
  public String summary() {
    return "print a session's structured summary to carry on from";
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: fss restore [SESSION] [--for " + String.join("|", AgentRegistry.names()) + "] [--budget TOKENS] [--format text|markdown|json] [--json]",
        "",
        "SESSION is an id, a unique id prefix or a session file path (also --session-file F, the",
        "original tool's flag); default: the most recent recoverable session of this directory's project.",
        "Shows the latest state: task, last requests, todos, files with role and MISSING / changed marks,",
        "decisions, open questions, commands with exit codes, branch, log refs and checkpoint history,",
        "trimmed to the token budget least-important-first (default from config, 1500; 0 = no limit).",
        "Tokens are estimated as ASCII characters / 4 plus one per non-ASCII character.",
        "  --for " + String.join("|", AgentRegistry.names()) + "   word it as the first prompt of that agent (see also fss handoff)",
        "  --json               the stored session plus \"view\": {display_status, files[{path, role, status}]}");
  }

  @Override
  public int run(Context ctx, List<String> raw) {
    Args a = Args.parse(raw, Set.of("--json"), Set.of("--for", "--budget", "--format", "--session-file"));
    OutputOptions out = OutputOptions.from(a);
    String ref = a.option("--session-file") != null ? a.option("--session-file") : a.positional(1);
    String forName = a.option("--for");
    Agent forAgent = forName == null ? null : AgentRegistry.byName(forName);
    if (forName != null && forAgent == null) {
      throw FssException.usage("--for must be " + AgentRegistry.either(AgentRegistry.names()) + ", not '" + forName + "'");
    }
    Integer budget = a.intOption("--budget");
    if (budget != null && budget < 0) {
      throw FssException.usage("--budget must be 0 or more");
    }
    StoredSession found = SessionArg.resolve(ctx, ref);
    Session s = found.session();
    recordLink(ctx, s);
    int limit = budget != null ? budget : ctx.config().tokenBudget();
    OutputFormat format = forAgent != null ? OutputFormat.MARKDOWN : out.format();
    ctx.out().println(RestoreView.render(s, ctx.now(), format, limit,
        forAgent == null ? null : new RestoreView.Prompt(AgentRegistry.label(s.tool()), forAgent.label())));
    if (format != OutputFormat.JSON) {
      transcriptNote(ctx, found);
    }
    return 0;
  }

  /** Says when the agent deleted the transcript, and what fss kept of it (no index is opened). */
  private static void transcriptNote(Context ctx, StoredSession found) {
    Session s = found.session();
    String path = s.capture() == null ? null : io.github.fss.json.Json.str(s.capture().get("transcript_path"));
    if (!KeptText.gone(path)) {
      return;
    }
    int kept = KeptText.count(KeptText.file(ctx.store().home(), found.projectKey(), s.sessionId()));
    ctx.out().println();
    ctx.out().println("Note: the transcript is gone (the agent deleted " + Terminal.escape(path) + "). Kept: the checkpoint"
        + " above" + (kept > 0 ? " and " + kept + " texts of the conversation (redacted), found with fss search --all WORDS"
            : "; its conversation text was never indexed (fss search or fss index keeps it)") + ".");
  }

  /** Inside an agent session, remember which session it continues (it is marked once we checkpoint). */
  private static void recordLink(Context ctx, Session restored) {
    String self = SessionArg.currentSessionId(ctx);
    if (self == null || !SessionIds.isValid(self) || self.equals(restored.sessionId())) {
      return;
    }
    for (StoredSession mine : ctx.store().findById(self)) {
      if (mine.session().sessionId().equals(self) && mine.session().restoredFrom() == null) {
        ctx.store().update(mine.projectKey(), self, s -> s == null ? null : s.withRestoredFrom(restored.sessionId()));
      }
    }
  }
}
