package io.github.fss.sync;

import io.github.fss.json.Json;
import io.github.fss.model.Session;
import io.github.fss.model.SessionStatus;
import io.github.fss.store.AtomicFile;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionIds;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoredSession;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Carries sessions between machines through a git repository the user owns. A private clone lives
 * in {@code $FSS_HOME/sync/repo} (0700) on branch {@code fss}; each machine writes only its own
 * files, {@code sessions/<project>/<session>/<machine>.json}, so two machines never edit one file
 * and git's merge of their commits has nothing to conflict on. Sessions are merged into the store
 * by checkpoint identity ({@link SessionMerge}). A remote whose history no longer contains what
 * this machine last saw there (a force-push, a reset) stops the sync before anything is changed.
 * Never run from a hook, never inside the user's own repositories.
 */
public final class SessionSync {
  static final String BRANCH = "fss";
  static final String REMOTE_REF = "refs/remotes/origin/" + BRANCH;
  static final String HEAD_REF = "refs/heads/" + BRANCH;
  /** The remote commit this machine last synced with: what a rewrite is detected against. */
  static final String SEEN_REF = "refs/fss/last-seen";
  private static final int PUSH_ATTEMPTS = 5;

  /** Another sync holds this machine's sync lock. */
  public static final class Busy extends SyncException {
    private static final long serialVersionUID = 1L;

    Busy() {
      super("another fss sync is running on this machine; try again when it has finished");
    }
  }

  /** What one sync did. */
  public record Report(String machine, String remote, int sent, int received, int withoutRemote, boolean pushed,
      List<String> notPlaced) {}

  private final SessionStore store;
  private final Map<String, String> env;
  private final Path cwd;
  private final UnaryOperator<String> redact;
  private final Instant now;
  private final String machine;
  private final Path dir;
  private final Git git;

  /**
   * @param redact the store's redactor entry point; what leaves the machine is checked with it
   */
  public SessionSync(SessionStore store, Map<String, String> env, Path cwd, UnaryOperator<String> redact,
      Instant now) {
    this.store = store;
    this.env = env;
    this.cwd = cwd;
    this.redact = redact;
    this.now = now;
    this.machine = Machine.name(env, store.home());
    this.dir = store.home().resolve("sync");
    this.git = new Git(dir.resolve("repo"), env, machine);
  }

  public String machine() {
    return machine;
  }

  /** Whether {@code fss sync --init} has been run here. */
  public static boolean configured(Path fssHome) {
    return Files.isDirectory(fssHome.resolve("sync").resolve("repo").resolve(".git"));
  }

  /** Sets up the private clone for {@code url} (once per machine), then syncs. */
  public Report init(String url) {
    String remote = absoluteIfPath(url);
    Path repo = git.repo();
    try {
      AtomicFile.privateDir(dir);
      if (Machine.recorded(store.home()) == null) {
        AtomicFile.write(dir.resolve("machine"), (machine + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new SyncException("cannot create " + dir + " (" + e.getMessage() + ")", e);
    }
    if (configured(store.home())) {
      String current = git.must("reading the sync remote", "config", "--get", "remote.origin.url");
      if (!current.equals(remote)) {
        throw new SyncException("sync is already set up with " + current + "; to use " + remote
            + " instead, remove " + dir + " and run fss sync --init again");
      }
      return run(false);
    }
    try {
      AtomicFile.privateDir(repo);
    } catch (IOException e) {
      throw new SyncException("cannot create " + repo + " (" + e.getMessage() + ")", e);
    }
    git.must("git init", "init", "-q");
    git.must("setting the remote", "remote", "add", "origin", remote);
    // a pattern, not the branch itself: git refuses to fetch a named branch the remote does not have yet
    git.must("setting the remote", "config", "remote.origin.fetch",
        "+refs/heads/" + BRANCH + "*:refs/remotes/origin/" + BRANCH + "*");
    git.must("choosing the branch", "symbolic-ref", "HEAD", "refs/heads/" + BRANCH);
    return run(false);
  }

  /** Fetch, check for a rewritten remote, commit this machine's sessions, merge, place, push. */
  public Report run(boolean acceptRemote) {
    if (!configured(store.home())) {
      throw new SyncException("sync is not set up on this machine; run fss sync --init URL "
          + "(a private git repository you own: ssh, https or a local path)");
    }
    Path lockFile = dir.resolve("sync.lock");
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.tryLock()) {
      if (lock == null) {
        throw new Busy();
      }
      Report r = locked(acceptRemote);
      recordResult(true, "ok: sent " + r.sent() + ", received " + r.received());
      return r;
    } catch (Busy e) {
      throw e; // the running sync records its own result
    } catch (SyncException e) {
      recordResult(false, e.getMessage());
      throw e;
    } catch (IOException e) {
      recordResult(false, e.getMessage());
      throw new SyncException("cannot lock " + lockFile + " (" + e.getMessage() + ")", e);
    }
  }

  private Report locked(boolean acceptRemote) throws IOException {
    String remoteUrl = git.must("reading the sync remote", "config", "--get", "remote.origin.url");
    recover();
    fetch();
    Map<String, String> refs = refs();
    if (acceptRemote) {
      if (refs.get(REMOTE_REF) == null) {
        git.run("update-ref", "-d", SEEN_REF);
        refs.remove(SEEN_REF);
      } else {
        git.must("accepting the remote", "update-ref", SEEN_REF, refs.get(REMOTE_REF));
        refs.put(SEEN_REF, refs.get(REMOTE_REF));
      }
    }
    checkNotRewritten(refs);
    int[] withoutRemote = {0};
    int sent = exportAndCommit(withoutRemote, refs.get(HEAD_REF) == null);
    int received = 0;
    boolean pushed = false;
    // what this branch merged at the last sync; after --accept-remote nothing of the new history is
    String seen = acceptRemote ? null : refs.get(SEEN_REF);
    String remote;
    for (int attempt = 1; ; attempt++) {
      refs = refs();
      remote = refs.get(REMOTE_REF);
      String head = refs.get(HEAD_REF);
      // unchanged since the last sync: this branch already holds it, a merge would do nothing
      if (remote != null && !remote.equals(head) && !remote.equals(seen)) {
        merge();
        head = git.commit("HEAD");
      }
      received += placeAll();
      if (head == null || head.equals(remote)) {
        break;
      }
      Git.Result push = git.run("push", "-q", "origin", "HEAD:refs/heads/" + BRANCH);
      if (push.ok()) {
        remote = head; // git moved origin/fss along with the push
        pushed = true;
        break;
      }
      if (attempt >= PUSH_ATTEMPTS || !rejectedAsBehind(push)) {
        throw new SyncException("pushing to " + remoteUrl + " failed: " + push.why()
            + "; your sessions are safe here, run fss sync again");
      }
      fetch(); // another machine pushed between our fetch and our push: merge theirs and try again
      checkNotRewritten(refs());
    }
    if (remote != null && !remote.equals(seen)) {
      git.must("recording the sync", "update-ref", SEEN_REF, remote);
    }
    return new Report(machine, remoteUrl, sent, received, withoutRemote[0], pushed, List.copyOf(skipped));
  }

  private Map<String, String> refs() {
    return git.refs(HEAD_REF, REMOTE_REF, SEEN_REF);
  }

  /**
   * A sync killed half-way left a merge or a lock behind: only fss uses this clone, and we hold its lock.
   * Not only index.lock: a git killed with its fss (a killed process group, a stopped container) can
   * leave HEAD.lock, ORIG_HEAD.lock, a ref's lock or packed-refs.lock, and git then refuses to go on.
   */
  private void recover() throws IOException {
    Path gitDir = git.repo().resolve(".git");
    boolean interrupted = false;
    try (java.util.stream.Stream<Path> files = Files.walk(gitDir)) {
      for (Path f : files.filter(f -> !f.startsWith(gitDir.resolve("objects")) && f.toString().endsWith(".lock")
          && Files.isRegularFile(f)).toList()) {
        interrupted |= Files.deleteIfExists(f);
      }
    }
    if (Files.exists(gitDir.resolve("MERGE_HEAD"))) {
      git.run("merge", "--abort");
      interrupted = true;
    }
    if (interrupted && git.commit("HEAD") != null) {
      // the work tree is derived (exports are written again from the store): reset is safe
      git.must("cleaning the sync clone", "reset", "-q", "--hard", "HEAD");
    }
  }

  private void fetch() {
    git.must("fetching from the sync remote", "fetch", "-q", "--prune", "origin");
  }

  private void checkNotRewritten(Map<String, String> refs) {
    String seen = refs.get(SEEN_REF);
    if (seen == null) {
      return;
    }
    String remote = refs.get(REMOTE_REF);
    boolean kept = remote != null && (remote.equals(seen) || git.run("merge-base", "--is-ancestor", seen, remote).ok());
    if (!kept) {
      throw new SyncException("the sync remote was rewritten (force-pushed, reset or its " + BRANCH
          + " branch deleted): commit " + seen.substring(0, 7) + " this machine synced last is no longer in its history;"
          + " nothing was changed here or there. Once you have checked the remote, fss sync --accept-remote"
          + " merges this machine's copy back into it");
    }
  }

  private static boolean rejectedAsBehind(Git.Result push) {
    // behind: another machine pushed first (or at the same instant, "failed to update ref"); a hook
    // or a permission refusing the push is not fixed by trying again
    String text = push.err() + push.out();
    return text.contains("fetch first") || text.contains("non-fast-forward") || text.contains("cannot lock ref")
        || text.contains("failed to update ref");
  }

  private void merge() {
    Git.Result r = git.run("merge", "-q", "--no-edit", "--allow-unrelated-histories", REMOTE_REF);
    if (!r.ok()) {
      git.run("merge", "--abort");
      throw new SyncException("merging the sync remote failed (" + r.why() + "); each machine writes only its own"
          + " files, so two machines probably share the name '" + machine + "': give one another name with"
          + " FSS_MACHINE or sync.machine in config.properties");
    }
  }

  /** Writes this machine's files into the clone and commits them; returns how many changed. */
  private int exportAndCommit(int[] withoutRemote, boolean unborn) throws IOException {
    OutgoingCheck check = new OutgoingCheck(redact);
    Map<Path, byte[]> files = new TreeMap<>();
    for (StoredSession ss : store.all()) {
      Session s = ss.session();
      if (s.projectRoot() == null || !SessionIds.isValid(s.sessionId())) {
        continue;
      }
      Path root = Path.of(s.projectRoot());
      // a received session goes back out only when this machine added to it (a checkpoint, a hand-over)
      ProjectIdentity id = s.fromElsewhere() ? identityOfPlaced(ss) : ProjectIdentity.of(root);
      if (id == null) {
        withoutRemote[0] += s.fromElsewhere() ? 0 : 1;
        continue;
      }
      if (s.fromElsewhere() && !changedHere(s, root)) {
        continue;
      }
      Map<String, Object> tree = Travelling.export(s, root, id, machine);
      Path file = fileOf(id, s.sessionId(), machine);
      check.check(s.sessionId(), git.repo().relativize(file).toString(), tree);
      files.put(file, (Json.write(tree, true) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    int changed = 0;
    for (Map.Entry<Path, byte[]> e : files.entrySet()) {
      Path f = e.getKey();
      if (Files.isRegularFile(f) && java.util.Arrays.equals(Files.readAllBytes(f), e.getValue())) {
        continue;
      }
      Files.createDirectories(f.getParent());
      AtomicFile.write(f, e.getValue());
      changed++;
    }
    if (changed > 0) {
      git.must("adding the sessions", "add", "-A", "--", "sessions");
      git.must("committing the sessions", "commit", "-q", "-m",
          "fss sync from " + machine + ": " + changed + " session(s)");
    } else if (unborn) {
      // an empty first commit, so this machine has a branch to merge into and push
      git.must("starting the sync branch", "commit", "-q", "--allow-empty", "-m", "fss sync: " + machine + " joined");
    }
    return changed;
  }

  private Path fileOf(ProjectIdentity id, String sessionId, String writer) {
    return git.repo().resolve("sessions").resolve(id.key()).resolve(sessionId).resolve(writer + ".json");
  }

  /** The identity a received session was filed under, found from its files in the clone. */
  private ProjectIdentity identityOfPlaced(StoredSession ss) {
    for (Travelling.Received r : receivedFor(ss.session().sessionId())) {
      return r.project();
    }
    return null;
  }

  /** Whether this machine's copy of a received session holds something its files do not. */
  private boolean changedHere(Session local, Path root) {
    List<Session> theirs = new ArrayList<>();
    for (Travelling.Received r : receivedFor(local.sessionId())) {
      if (!r.writer().equals(machine)) {
        theirs.add(Travelling.placedAt(r.session(), root));
      }
    }
    Session merged = SessionMerge.merge(null, theirs, root, Integer.MAX_VALUE);
    if (merged == null) {
      return true;
    }
    boolean extra = !SessionMerge.ids(merged, root).containsAll(SessionMerge.ids(local, root));
    boolean handedOver = local.status() == SessionStatus.TRANSFERRED && merged.status() != SessionStatus.TRANSFERRED;
    return extra || handedOver;
  }

  private final Map<String, List<Travelling.Received>> receivedById = new HashMap<>();
  private final List<String> skipped = new ArrayList<>();

  private List<Travelling.Received> receivedFor(String sessionId) {
    if (receivedById.isEmpty()) {
      for (Travelling.Received r : readAll(git.repo().resolve("sessions"))) {
        receivedById.computeIfAbsent(r.session().sessionId(), k -> new ArrayList<>()).add(r);
      }
    }
    return receivedById.getOrDefault(sessionId, List.of());
  }

  /** Places every session other machines wrote into the store; returns how many changed here. */
  private int placeAll() {
    receivedById.clear();
    Map<String, Path> roots = localRoots();
    Map<String, List<Travelling.Received>> groups = new LinkedHashMap<>();
    for (Travelling.Received r : readAll(git.repo().resolve("sessions"))) {
      groups.computeIfAbsent(r.project().key() + "/" + r.session().sessionId(), k -> new ArrayList<>()).add(r);
    }
    int changed = 0;
    for (List<Travelling.Received> group : groups.values()) {
      ProjectIdentity id = group.get(0).project();
      try {
        changed += Placement.place(store, group, machine, roots.get(id.text()), now) ? 1 : 0;
      } catch (RuntimeException e) {
        skipped.add(group.get(0).session().sessionId() + " (" + e.getMessage() + ")");
      }
    }
    return changed;
  }

  /** This machine's checkouts by project identity: the roots of its own sessions and the working directory's. */
  private Map<String, Path> localRoots() {
    Map<String, Path> out = new HashMap<>();
    List<Path> candidates = new ArrayList<>();
    candidates.add(ProjectRoot.of(cwd));
    for (StoredSession ss : store.all()) {
      if (!ss.session().fromElsewhere() && ss.session().projectRoot() != null) {
        candidates.add(Path.of(ss.session().projectRoot()));
      }
    }
    for (Path root : new java.util.LinkedHashSet<>(candidates)) {
      if (Files.isDirectory(root)) {
        ProjectIdentity id = ProjectIdentity.of(root);
        if (id != null) {
          out.putIfAbsent(id.text(), root);
        }
      }
    }
    return out;
  }

  /** Every readable file under {@code sessions/} of the clone. */
  static List<Travelling.Received> readAll(Path sessions) {
    List<Travelling.Received> out = new ArrayList<>();
    try (DirectoryStream<Path> projects = Files.newDirectoryStream(sessions)) {
      for (Path project : projects) {
        out.addAll(readProject(project));
      }
    } catch (IOException e) {
      // nothing received yet
    }
    return out;
  }

  static List<Travelling.Received> readProject(Path project) {
    List<Travelling.Received> out = new ArrayList<>();
    try (DirectoryStream<Path> ids = Files.newDirectoryStream(project)) {
      for (Path id : ids) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(id, "*.json")) {
          for (Path f : files) {
            try {
              Travelling.Received r = Travelling.read(Json.parse(Files.readString(f, StandardCharsets.UTF_8)));
              if (r != null && SessionIds.isValid(r.session().sessionId())
                  && r.session().sessionId().equals(id.getFileName().toString())) {
                out.add(r);
              }
            } catch (RuntimeException | IOException e) {
              // a file we cannot read is skipped, never fatal: it stays in git for a newer fss
            }
          }
        }
      }
    } catch (IOException e) {
      // no such project
    }
    return out;
  }

  private void recordResult(boolean ok, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", io.github.fss.model.Timestamps.format(now));
    m.put("ok", ok);
    m.put("machine", machine);
    m.put("message", message);
    try {
      AtomicFile.write(dir.resolve("last.json"), (Json.write(m, true) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      // the result is shown by doctor; failing to record it must not hide the sync's own outcome
    }
  }

  /** The last sync's result as recorded ({@code at, ok, machine, message}), or null. */
  public static Map<String, Object> lastResult(Path fssHome) {
    try {
      return Json.obj(Json.parse(Files.readString(fssHome.resolve("sync").resolve("last.json"), StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  // a local path given relative to where the user stands: git would read it relative to the clone
  private String absoluteIfPath(String url) {
    String u = url.strip();
    boolean scheme = u.contains("://");
    int colon = u.indexOf(':');
    int slash = u.indexOf('/');
    boolean scp = colon > 0 && (slash < 0 || colon < slash);
    if (scheme || scp) {
      return u;
    }
    return cwd.resolve(u).toAbsolutePath().normalize().toString();
  }
}
