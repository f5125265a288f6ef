package io.github.fss.cli;

import io.github.fss.FssException;
import io.github.fss.agents.Agent;
import io.github.fss.agents.AgentRegistry;
import io.github.fss.model.Session;
import io.github.fss.store.SessionIds;
import java.util.List;
import java.util.Set;

/** {@code fss handoff --to AGENT [SESSION]}: the command that starts the other agent on it. */
final class Handoff implements Verb {
  @Override
  public String name() {
    return "handoff";
  }

  @Override
  public String summary() {
    return "print the command that continues a session in the other agent";
  }

  @Override
  public String help() {
    return String.join("\n",
        "usage: fss handoff --to " + String.join("|", AgentRegistry.names()) + " [SESSION]",
        "",
        "Prints a shell command that starts " + AgentRegistry.either(labels()) + " in the session's working directory with",
        "the restore as its first prompt (fss restore SESSION --for AGENT). The new session records where",
        "it came from, and the old one stops being offered once the new one has checkpointed.");
  }

  @Override
  public int run(Context ctx, List<String> raw) {
    Args a = Args.parse(raw, Set.of(), Set.of("--to"));
    String to = a.option("--to");
    Agent agent = AgentRegistry.byName(to);
    if (agent == null) {
      throw FssException.usage("--to must be " + AgentRegistry.either(AgentRegistry.names()));
    }
    Session s = SessionArg.resolve(ctx, a.positional(1)).session();
    if (!SessionIds.isValid(s.sessionId())) {
      // a session file says what its id is: one that is not an id would be code in the printed command
      throw FssException.invalid("the session's id '" + SessionArg.printable(String.valueOf(s.sessionId()))
          + "' is not a valid session id (letters, digits, '.', '_', '-'); fix the session file");
    }
    if (s.machine() != null && (s.workingDir() == null || !java.nio.file.Files.isDirectory(java.nio.file.Path.of(s.workingDir())))) {
      throw FssException.notFound("session " + s.sessionId() + " was recorded on " + SessionArg.printable(s.machine()) + " in "
          + SessionArg.printable(s.workingDir())
          + ", which is not here; run this inside a checkout of that project (fss sync places it there)");
    }
    String launcher = ctx.env().get("FSS_LAUNCHER") != null ? ctx.env().get("FSS_LAUNCHER") : "fss";
    ctx.out().println("cd " + shellQuote(s.workingDir()) + " && " + agent.startWith("\"$(" + shellQuote(launcher)
        + " restore " + shellQuote(s.sessionId()) + " --for " + agent.name() + ")\""));
    return 0;
  }

  private static List<String> labels() {
    List<String> out = new java.util.ArrayList<>();
    AgentRegistry.all().forEach(agent -> out.add(agent.label()));
    return out;
  }

  static String shellQuote(String s) {
    if (s.matches("[A-Za-z0-9_./@%+=:,-]+")) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
