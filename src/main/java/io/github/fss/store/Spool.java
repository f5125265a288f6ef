package io.github.fss.store;

import io.github.fss.model.Timestamps;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The turn-end spool: {@code $FSS_HOME/spool/events}, to which the launcher ({@code bin/fss})
 * appends one line per turn end without starting a JVM, and its drain.
 *
 * <p>A line is {@code fss1 TAB time TAB agent TAB event TAB session TAB transcript TAB cwd}, written
 * with one {@code O_APPEND} write of less than {@code PIPE_BUF}, so concurrent hooks never tear or
 * interleave lines. The time is ISO-8601, or {@code boot:<boot_id>+<uptime seconds>} when the
 * launcher read the clock from {@code /proc} (no fork); see {@link #time}.
 *
 * <p>Drain, under {@code spool/lock} (an OS lock plus a JVM monitor), so two drainers take turns:
 * <ol>
 *   <li>claim: rename {@code events} to {@code claimed-<millis>-<n>.events}; appenders that come
 *       later create a new {@code events};</li>
 *   <li>for every claimed file, oldest first: read its complete lines past the offset recorded in
 *       its {@code .done} file, hand them to the sink grouped by session, appending each session
 *       done to the {@code .done} file, then record the new offset there (atomically);</li>
 *   <li>delete a claimed file whose lines are all done once {@link #GRACE} has passed since its
 *       claim: a hook that opened {@code events} just before the rename may still append to it,
 *       and that line is then drained by the next run.</li>
 * </ol>
 * A drain killed anywhere leaves its claimed file, the offset reached and the sessions done since;
 * the next drain goes on from there, so every line is handed over once. The one exception is the
 * session being handed over at the kill, which is handed over again: harmless, because a sink's
 * work is idempotent (a session is checkpointed from its transcript cursor, which moves only
 * together with the checkpoint it produced).
 */
public final class Spool {
  /** The file the launcher appends to. */
  public static final String EVENTS = "events";
  /** How long a drained claimed file is kept for appends that raced the claim. */
  static final Duration GRACE = Duration.ofSeconds(60);

  private static final Object JVM_LOCK = new Object();
  private static final String CLAIMED = "claimed-";

  /** One spooled turn end. {@code transcript} is null for Codex's notify, which does not name it. */
  public record Turn(Instant time, String agent, String event, String sessionId, String transcript, String cwd) {}

  /** Takes the turns of one session, in spool order. Must be idempotent (see the class comment). */
  public interface Sink {
    void accept(String agent, String sessionId, List<Turn> turns) throws Exception;
  }

  /**
   * Chooses, from every session with spooled turns (each list is one session's turns, oldest
   * first), the keys ({@code agent TAB session}) to hand over now; the others wait in the spool for
   * the next drain. Lets a SessionStart bring up to date only what it is about to show.
   */
  public interface Selector {
    java.util.Set<String> pick(List<List<Turn>> sessions);
  }

  /** The key a {@link Selector} returns for a session. */
  public static String key(Turn t) {
    return t.agent() + '\t' + t.sessionId();
  }

  /** What a drain did. */
  public record Drained(int lines, int sessions, int malformed) {
    static final Drained NONE = new Drained(0, 0, 0);
  }

  private final Path dir;
  private final Instant now;
  private final Consumer<String> warnings;
  private final Duration grace;
  private BootClock bootClock;

  public Spool(Path fssHome, Instant now, Consumer<String> warnings) {
    this(fssHome, now, warnings, GRACE);
  }

  Spool(Path fssHome, Instant now, Consumer<String> warnings, Duration grace) {
    this.dir = fssHome.toAbsolutePath().normalize().resolve("spool");
    this.now = now;
    this.warnings = warnings;
    this.grace = grace;
  }

  public Path dir() {
    return dir;
  }

  /** Creates the spool folder (0700): until it exists the launcher hands every event to the JVM. */
  public void ensure() throws IOException {
    AtomicFile.privateDir(dir.getParent());
    AtomicFile.privateDir(dir);
  }

  /** Bytes waiting in the spool (the live file and claimed files not yet done); for doctor. */
  public long pendingBytes() {
    long n = size(dir.resolve(EVENTS));
    for (Path p : claimedFiles()) {
      n += Math.max(0, size(p) - readDone(doneFile(p), new java.util.HashSet<>())[0]);
    }
    return n;
  }

  /**
   * The names of the claimed files when nothing waits in the spool: no line in {@code events} and
   * every claimed file drained to its end (kept only for appends that raced its claim). Null when
   * anything waits or is in doubt. The launcher answers a SessionStart itself only from such a state.
   */
  public List<String> settledClaims() {
    Path events = dir.resolve(EVENTS);
    try {
      if (Files.exists(events, LinkOption.NOFOLLOW_LINKS)
          && (!Files.isRegularFile(events, LinkOption.NOFOLLOW_LINKS) || Files.size(events) != 0)) {
        return null;
      }
      List<String> names = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, CLAIMED + "*")) {
        for (Path p : ds) {
          String name = p.getFileName().toString();
          if (!name.endsWith(".done")) {
            names.add(name);
          }
        }
      }
      for (String name : names) {
        Path claimed = dir.resolve(name);
        if (!name.matches("claimed-[0-9]+-[0-9]+\\.events") || !Files.isRegularFile(claimed, LinkOption.NOFOLLOW_LINKS)) {
          return null;
        }
        java.util.Set<String> ignored = new java.util.HashSet<>();
        long[] done = readDone(doneFile(claimed), ignored);
        if (done[1] != -1 || done[0] != Files.size(claimed)) {
          return null;
        }
      }
      return names;
    } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
      return Files.exists(dir) ? null : List.of();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Drains the spool into {@code sink}; see the class comment. Creates the spool folder. */
  public Drained drain(Sink sink) throws IOException {
    return drain(sink, null);
  }

  /**
   * Drains only the sessions {@code selector} picks (all when it is null); the turns of the others
   * stay in their claimed files, whose batch is then left open for the next drain to finish.
   */
  @SuppressWarnings("try") // the lock is held by being open
  public Drained drain(Sink sink, Selector selector) throws IOException {
    if (quiet()) {
      return Drained.NONE;
    }
    ensure();
    synchronized (JVM_LOCK) {
      try (FileChannel ch = FileChannel.open(dir.resolve("lock"),
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(AtomicFile.PRIVATE_FILE));
          FileLock lock = ch.lock()) {
        try {
          return drainLocked(sink, selector);
        } finally {
          markQuiet();
        }
      }
    }
  }

  /**
   * Whether the spool is known empty from three stats, without its lock or a listing of it: the
   * lock file's mtime is set to the folder's by a drain that left no claimed file, when that mtime
   * was old enough that no later change of the folder can share it (git's "racy" rule, as the
   * project summaries'); a turn end creating {@code events} or a claim moves the folder's mtime on.
   * What is not an entry of the folder is looked at directly: {@code events} appended to in place.
   * {@code fss list} spent ~6 ms in a drain of an empty spool (bench/RESULTS.md, "Dashboard limit;
   * list and SessionStart").
   */
  boolean quiet() {
    try {
      java.nio.file.attribute.BasicFileAttributes d = Files.readAttributes(dir,
          java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      java.nio.file.attribute.BasicFileAttributes l = Files.readAttributes(dir.resolve("lock"),
          java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!d.isDirectory() || !l.isRegularFile() || !d.lastModifiedTime().equals(l.lastModifiedTime())) {
        return false;
      }
      java.nio.file.attribute.BasicFileAttributes e;
      try {
        e = Files.readAttributes(dir.resolve(EVENTS), java.nio.file.attribute.BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException none) {
        return true;
      }
      return e.isRegularFile() && e.size() == 0;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Under the lock, after a drain: the lock file takes the folder's mtime when no claimed file is
   * left and that mtime is settled ({@link #quiet}), else an mtime no folder has, so that a lock
   * created in the very tick of a claim never looks like the mark.
   */
  private void markQuiet() {
    Path lock = dir.resolve("lock");
    try {
      java.nio.file.attribute.FileTime dirTime = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS);
      long mtime = dirTime.to(java.util.concurrent.TimeUnit.NANOSECONDS);
      long margin = mtime % 1_000_000_000L == 0 ? ProjectSummary.RACY_COARSE_NANOS : ProjectSummary.RACY_NANOS;
      boolean settled = System.currentTimeMillis() * 1_000_000L - mtime >= margin;
      java.nio.file.attribute.FileTime mark = settled && claimedFiles().isEmpty() && size(dir.resolve(EVENTS)) <= 0
          ? dirTime : java.nio.file.attribute.FileTime.fromMillis(0);
      if (!mark.equals(Files.getLastModifiedTime(lock, LinkOption.NOFOLLOW_LINKS))) {
        Files.getFileAttributeView(lock, java.nio.file.attribute.BasicFileAttributeView.class,
            LinkOption.NOFOLLOW_LINKS).setTimes(mark, null, null);
      }
    } catch (IOException | RuntimeException e) {
      // unmarked: the next drain lists the folder, as before
    }
  }

  private Drained drainLocked(Sink sink, Selector selector) throws IOException {
    claim();
    java.util.Set<String> allowed = selector == null ? null : selector.pick(pending());
    int lines = 0;
    int sessions = 0;
    int malformed = 0;
    for (Path claimed : claimedFiles()) {
      long[] batchEnd = new long[1];
      do {
        batchEnd[0] = -1;
        Drained d = drainFile(claimed, sink, batchEnd, allowed);
        lines += d.lines();
        sessions += d.sessions();
        malformed += d.malformed();
      } while (batchEnd[0] >= 0); // a batch a killed drain left half done: now the lines after it
    }
    return lines == 0 && malformed == 0 ? Drained.NONE : new Drained(lines, sessions, malformed);
  }

  private void claim() throws IOException {
    Path events = dir.resolve(EVENTS);
    if (!Files.isRegularFile(events, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.isSymbolicLink(events)) {
        warnings.accept("warning: " + events + " is a symbolic link; left alone (fss never follows it)");
      }
      return;
    }
    if (Files.size(events) == 0) {
      return;
    }
    long millis = System.currentTimeMillis();
    for (int n = 0; ; n++) {
      Path target = dir.resolve(String.format("%s%013d-%d.events", CLAIMED, millis, n));
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.exists(doneFile(target), LinkOption.NOFOLLOW_LINKS)) {
        Files.move(events, target, StandardCopyOption.ATOMIC_MOVE);
        return;
      }
    }
  }

  /** Claimed files, oldest claim first (the names sort by claim time). */
  List<Path> claimedFiles() {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, CLAIMED + "*.events")) {
      for (Path p : ds) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      // no spool yet
    }
    out.sort(null);
    return out;
  }

  /**
   * Drains one claimed file from its recorded offset. When a killed drain left a batch half done,
   * only that batch is finished (its end is in {@code batchEnd[0]} afterwards): lines appended after
   * it may belong to sessions already handed over in it.
   */
  private Drained drainFile(Path claimed, Sink sink, long[] batchEnd, java.util.Set<String> allowed)
      throws IOException {
    Path done = doneFile(claimed);
    java.util.Set<String> sessionsDone = new java.util.HashSet<>();
    long[] recorded = readDone(done, sessionsDone);
    long from = recorded[0];
    byte[] bytes;
    try (FileChannel ch = FileChannel.open(claimed, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = ch.size();
      if (from > size) {
        sessionsDone.clear();
        recorded[1] = -1;
        from = 0; // not ours: start again rather than lose lines
      }
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - from));
      ch.position(from);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // read on
      }
      bytes = java.util.Arrays.copyOf(buf.array(), buf.position());
    }
    int end = lastNewline(bytes) + 1;
    if (recorded[1] > from && recorded[1] - from <= end) {
      end = (int) (recorded[1] - from);
      batchEnd[0] = recorded[1];
    }
    int lines = 0;
    int malformed = 0;
    Map<String, List<Turn>> groups = new LinkedHashMap<>();
    int start = 0;
    for (int i = 0; i < end; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      String text = new String(bytes, start, i - start, StandardCharsets.UTF_8);
      start = i + 1;
      if (text.isEmpty()) {
        continue;
      }
      Turn t = parse(text, claimed);
      if (t == null) {
        malformed++;
        continue;
      }
      lines++;
      groups.computeIfAbsent(t.agent() + '\t' + t.sessionId(), k -> new ArrayList<>()).add(t);
    }
    if (malformed > 0) {
      warnings.accept("spool: skipped " + malformed + " unreadable line(s) in " + claimed.getFileName());
    }
    long upTo = from + end;
    boolean deferred = false;
    java.util.concurrent.atomic.AtomicInteger handed = new java.util.concurrent.atomic.AtomicInteger();
    if (!groups.isEmpty()) {
      try (FileChannel log = openDoneLog(done, from, upTo)) {
        List<Map.Entry<String, List<Turn>>> todo = new ArrayList<>();
        for (Map.Entry<String, List<Turn>> g : groups.entrySet()) {
          if (sessionsDone.contains(g.getKey())) {
            continue; // handed over before a kill
          }
          if (allowed != null && !allowed.contains(g.getKey())) {
            deferred = true; // left for the next drain: this batch stays open
            continue;
          }
          todo.add(g);
        }
        handAll(todo, sink, log, handed);
      }
    }
    if (deferred) {
      batchEnd[0] = -1;
      return new Drained(handed.get(), groups.size(), malformed);
    }
    if (end > 0) {
      AtomicFile.write(done, (upTo + "\n").getBytes(StandardCharsets.UTF_8));
    }
    if (upTo == size(claimed) && claimedAt(claimed).plus(grace).isBefore(Instant.now())) {
      // the record first: killed in between, the file is drained again (harmless), never skipped
      Files.deleteIfExists(done);
      Files.deleteIfExists(claimed);
    }
    return new Drained(handed.get(), groups.size(), malformed);
  }

  /**
   * Hands every session over, on every core when there are several (sessions are independent,
   * each has its own lock: two cores halve a SessionStart's drain). Returns only when every task
   * has ended, so nothing of this drain runs on after it; then rethrows the first failure.
   */
  private void handAll(List<Map.Entry<String, List<Turn>>> todo, Sink sink, FileChannel log,
      java.util.concurrent.atomic.AtomicInteger handed) throws IOException {
    int threads = Math.min(todo.size() / 2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    if (threads < 2) {
      for (Map.Entry<String, List<Turn>> g : todo) {
        hand(g.getKey(), g.getValue(), sink, log, handed);
      }
      return;
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    Throwable first = null;
    try {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (Map.Entry<String, List<Turn>> g : todo) {
        futures.add(pool.submit(() -> hand(g.getKey(), g.getValue(), sink, log, handed)));
      }
      for (java.util.concurrent.Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          first = first == null ? e.getCause() : first;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          first = first == null ? e : first;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    if (first instanceof java.io.UncheckedIOException) {
      throw ((java.io.UncheckedIOException) first).getCause();
    } else if (first instanceof Error) {
      throw (Error) first;
    } else if (first instanceof RuntimeException) {
      throw (RuntimeException) first;
    } else if (first != null) {
      throw new IOException(first);
    }
  }

  /** Hands one session's turns to the sink, then records it done in the claimed file's log. */
  private void hand(String key, List<Turn> turns, Sink sink, FileChannel log,
      java.util.concurrent.atomic.AtomicInteger handed) {
    Turn first = turns.get(0);
    try {
      sink.accept(first.agent(), first.sessionId(), turns);
    } catch (Exception | StackOverflowError e) {
      // one session's failure must not hold up the others; its transcript is still read later
      warnings.accept("spool: could not checkpoint " + first.agent() + " session " + first.sessionId() + ": " + e);
    }
    handed.addAndGet(turns.size());
    try {
      // one small append per session (no fsync): losing it only hands the session over again
      log.write(ByteBuffer.wrap((key + "\n").getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every session's turns still to hand over, across the claimed files, oldest first. */
  private List<List<Turn>> pending() throws IOException {
    Map<String, List<Turn>> all = new LinkedHashMap<>();
    for (Path claimed : claimedFiles()) {
      java.util.Set<String> done = new java.util.HashSet<>();
      long from = readDone(doneFile(claimed), done)[0];
      byte[] bytes;
      try (FileChannel ch = FileChannel.open(claimed, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        from = from > ch.size() ? 0 : from;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, ch.size() - from));
        ch.position(from);
        while (buf.hasRemaining() && ch.read(buf) > 0) {
          // read on
        }
        bytes = java.util.Arrays.copyOf(buf.array(), buf.position());
      }
      int start = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] == '\n') {
          Turn t = i > start ? parse(new String(bytes, start, i - start, StandardCharsets.UTF_8), claimed) : null;
          start = i + 1;
          if (t != null && !done.contains(key(t))) {
            all.computeIfAbsent(key(t), k -> new ArrayList<>()).add(t);
          }
        }
      }
    }
    return new ArrayList<>(all.values());
  }

  private static int lastNewline(byte[] b) {
    for (int i = b.length - 1; i >= 0; i--) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** One line, or null when it is not a well-formed spool line. */
  Turn parse(String line, Path file) {
    String[] f = line.split("\t", -1);
    if (f.length != 7 || !f[0].equals("fss1")) {
      return null;
    }
    Instant t = time(f[1], file);
    String agent = f[2];
    String event = f[3];
    if (t == null || !agent.matches("[a-z][a-z0-9-]{0,31}") || event.isEmpty() || !SessionIds.isValid(f[4])) {
      return null;
    }
    String transcript = f[5].isEmpty() ? null : f[5];
    if ((transcript != null && !transcript.startsWith("/")) || !f[6].startsWith("/")) {
      return null;
    }
    return new Turn(t, agent, event, f[4], transcript, f[6]);
  }

  /**
   * The wall time of a spool line. {@code boot:<id>+<uptime>} is converted with this boot's clock:
   * now minus the uptime elapsed since; a line from an earlier boot gets the time its file was
   * last written, the latest it can be.
   */
  Instant time(String text, Path file) {
    if (!text.startsWith("boot:")) {
      return Timestamps.parse(text);
    }
    int plus = text.indexOf('+');
    if (plus < 0) {
      return null;
    }
    String boot = text.substring(5, plus);
    double up;
    try {
      up = Double.parseDouble(text.substring(plus + 1));
    } catch (NumberFormatException e) {
      return null;
    }
    if (bootClock == null) {
      bootClock = BootClock.read();
    }
    BootClock clock = bootClock.bootId().isEmpty() ? null : bootClock;
    if (clock != null && clock.bootId().equals(boot) && up <= clock.uptime()) {
      long agoMillis = Math.round((clock.uptime() - up) * 1000);
      return now.minusMillis(agoMillis);
    }
    try {
      Instant m = Files.getLastModifiedTime(file).toInstant();
      return m.isBefore(now) ? m : now;
    } catch (IOException e) {
      return now;
    }
  }

  /** This boot's id and uptime, read once per drain; an empty id off Linux. */
  record BootClock(String bootId, double uptime) {
    static BootClock read() {
      try {
        String id = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        String up = Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0];
        return new BootClock(id, Double.parseDouble(up));
      } catch (IOException | RuntimeException e) {
        return new BootClock("", 0);
      }
    }
  }

  private static Path doneFile(Path claimed) {
    String name = claimed.getFileName().toString();
    return claimed.resolveSibling(name.substring(0, name.length() - ".events".length()) + ".done");
  }

  /**
   * The {@code .done} record: the offset drained up to, then one {@code agent TAB session} line per
   * session handed over since (added into {@code sessions}). 0 and none when absent or unreadable.
   */
  private static long[] readDone(Path done, java.util.Set<String> sessions) {
    try {
      String[] lines = Files.readString(done, StandardCharsets.UTF_8).split("\n");
      String[] head = lines[0].trim().split(" ");
      long offset = Long.parseLong(head[0]);
      long batchEnd = head.length > 1 ? Long.parseLong(head[1]) : -1;
      for (int i = 1; i < lines.length; i++) {
        if (!lines[i].isEmpty()) {
          sessions.add(lines[i]);
        }
      }
      return new long[] {offset, batchEnd};
    } catch (NoSuchFileException e) {
      return new long[] {0, -1};
    } catch (IOException | RuntimeException e) {
      sessions.clear();
      return new long[] {0, -1};
    }
  }

  /**
   * The {@code .done} record opened for appending the sessions of the batch [from, to); a record
   * without that batch is replaced by its header line {@code from to} first.
   */
  private static FileChannel openDoneLog(Path done, long from, long to) throws IOException {
    String head = from + " " + to + "\n";
    boolean current;
    try {
      current = Files.readString(done, StandardCharsets.UTF_8).startsWith(head);
    } catch (IOException e) {
      current = false;
    }
    if (!current) {
      AtomicFile.write(done, head.getBytes(StandardCharsets.UTF_8));
    }
    return FileChannel.open(done, Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND));
  }

  private static Instant claimedAt(Path claimed) {
    String name = claimed.getFileName().toString();
    try {
      return Instant.ofEpochMilli(Long.parseLong(name.substring(CLAIMED.length(), name.indexOf('-', CLAIMED.length()))));
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
