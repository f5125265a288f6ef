package io.github.fss.sync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The user's own {@code git}, run on the private sync clone only: their ssh keys, credential
 * helpers and proxy settings apply. Variables that would point git at another repository (a
 * {@code GIT_DIR} inherited from a git hook, say) are dropped, git never prompts on a terminal it
 * does not have, and the user's commit hooks and signing are not run on our commits.
 */
final class Git {
  private static final List<String> REPO_VARIABLES = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
      "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE",
      "GIT_PREFIX", "GIT_CEILING_DIRECTORIES");
  private static final long TIMEOUT_SECONDS = 300;

  /** What one git command printed and returned. */
  record Result(int exit, String out, String err) {
    boolean ok() {
      return exit == 0;
    }

    /** The last non-blank line git wrote to stderr, for a one-line message. */
    String why() {
      String[] lines = (err + "\n" + out).strip().split("\n");
      for (int i = lines.length - 1; i >= 0; i--) {
        if (!lines[i].isBlank() && !lines[i].startsWith("hint:")) {
          return lines[i].strip();
        }
      }
      return "exit " + exit;
    }
  }

  private final Path repo;
  private final Map<String, String> env;
  private final String machine;

  Git(Path repo, Map<String, String> env, String machine) {
    this.repo = repo;
    this.env = env;
    this.machine = machine;
  }

  Path repo() {
    return repo;
  }

  /** Runs {@code git -C repo args…}; returns whatever happened. */
  Result run(String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString(),
        "-c", "user.name=fss sync", "-c", "user.email=fss@" + machine + ".invalid",
        "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", "-c", "core.autocrlf=false",
        "-c", "core.quotepath=false"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> e = pb.environment();
    e.clear();
    e.putAll(env);
    REPO_VARIABLES.forEach(e::remove);
    e.put("GIT_TERMINAL_PROMPT", "0");
    e.put("LC_ALL", "C");
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p;
    try {
      p = pb.start();
    } catch (IOException ex) {
      throw new SyncException("cannot run git (" + ex.getMessage() + "); install git or put it on PATH", ex);
    }
    // both pipes on threads of their own (not the common pool: one thread on two cores), so a full
    // pipe never blocks git and the timeout below still holds
    String[] out = {"", ""};
    Thread outReader = reader(p.getInputStream(), out, 0);
    Thread errReader = reader(p.getErrorStream(), out, 1);
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new SyncException("git " + args[0] + " did not finish in " + TIMEOUT_SECONDS
            + " s; check the network and run fss sync again");
      }
      outReader.join(TimeUnit.SECONDS.toMillis(10));
      errReader.join(TimeUnit.SECONDS.toMillis(10));
      return new Result(p.exitValue(), out[0], out[1]);
    } catch (InterruptedException ex) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new SyncException("interrupted while git " + args[0] + " ran", ex);
    }
  }

  /** Runs git and insists on success: a failure becomes a {@link SyncException} saying {@code what}. */
  String must(String what, String... args) {
    Result r = run(args);
    if (!r.ok()) {
      throw new SyncException(what + " failed: " + r.why());
    }
    return r.out().strip();
  }

  /** Several refs at once (one process, not one each): full name → commit; absent refs are left out. */
  Map<String, String> refs(String... names) {
    List<String> args = new ArrayList<>(List.of("for-each-ref", "--format=%(refname) %(objectname)"));
    args.addAll(List.of(names));
    Result r = run(args.toArray(new String[0]));
    if (!r.ok()) {
      throw new SyncException("reading the sync clone's refs failed: " + r.why());
    }
    Map<String, String> out = new java.util.HashMap<>();
    for (String line : r.out().split("\n")) {
      int sp = line.indexOf(' ');
      if (sp > 0) {
        out.put(line.substring(0, sp), line.substring(sp + 1).strip());
      }
    }
    return out;
  }

  /** The commit a ref names, or null when there is none. */
  String commit(String ref) {
    Result r = run("rev-parse", "--verify", "-q", ref + "^{commit}");
    return r.ok() ? r.out().strip() : null;
  }

  private static Thread reader(InputStream in, String[] into, int slot) {
    Thread t = new Thread(() -> into[slot] = drain(in), "git-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static String drain(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
