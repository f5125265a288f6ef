package io.github.fss.store;

import io.github.fss.json.Json;
import io.github.fss.json.JsonBytes;
import io.github.fss.json.JsonException;
import io.github.fss.model.Session;
import io.github.fss.model.Timestamps;
import io.github.fss.redact.Redactor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The session store under {@code $FSS_HOME}: {@code projects/<key>/<session-id>.json}, one file per
 * agent session, so two sessions never share a file. Every read-modify-write holds an OS lock on
 * the session's lock file (and a JVM-wide monitor, since one JVM cannot hold two OS locks on one
 * file) and writes through {@link AtomicFile}. A file that does not parse is moved to
 * {@code corrupt/} with a one-line warning and never stops another command.
 */
public final class SessionStore {
  private static final ConcurrentHashMap<String, Object> JVM_LOCKS = new ConcurrentHashMap<>();
  private static final Set<String> WITHOUT_CAPTURE = Set.of("capture");
  /** A lock file replaced by a link is refused (O_NOFOLLOW), not created at the link's target. */
  private static final java.util.Set<java.nio.file.OpenOption> LOCK_OPTIONS =
      Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);

  /** Ten checkpoints of bounded text are well under a megabyte; a file far larger is not ours. */
  static final int MAX_SESSION_BYTES = 64 << 20;

  private final Path home;
  private final StoreConfig config;
  private final Consumer<String> warnings;
  /** The choke point: every string a session carries passes it on the way to disk, whoever wrote it. */
  private final Redactor redactor;

  public SessionStore(Path home, StoreConfig config, Consumer<String> warnings) {
    this.home = home.toAbsolutePath().normalize();
    this.config = config;
    this.warnings = warnings;
    this.redactor = Redactor.standard(config.extraRedactions());
  }

  public Path home() {
    return home;
  }

  public StoreConfig config() {
    return config;
  }

  public Path projectsDir() {
    return home.resolve("projects");
  }

  public Path corruptDir() {
    return home.resolve("corrupt");
  }

  public Path logDir() {
    return home.resolve("log");
  }

  public Path projectDir(String key) {
    if (!ProjectRoot.isValidKey(key)) {
      throw new StoreException("invalid project key: " + printable(key));
    }
    return projectsDir().resolve(key);
  }

  public Path sessionFile(String key, String id) {
    if (!SessionIds.isValid(id)) {
      throw new StoreException("invalid session id: " + printable(id));
    }
    return projectDir(key).resolve(id + ".json");
  }

  /** Reads one session; null when absent. A corrupt file is quarantined and reads as absent. */
  public Session read(String key, String id) {
    Path file = sessionFile(key, id);
    return readFile(file, true);
  }

  /**
   * Reads, changes and writes one session under its lock. {@code change} receives the stored
   * session or null, and returns the new one; returning the very same instance (or null) writes
   * nothing. Returns what is stored afterwards.
   */
  public Session update(String key, String id, UnaryOperator<Session> change) {
    return locked(key, id, (file, lockFile, newLock) -> {
      Session before = readFile(file, true);
      Session after = change.apply(before);
      if (after == null || after == before) {
        return before;
      }
      // compact, not indented: a third fewer bytes to parse when a dashboard reads every session
      // (fss restore --json prints the indented form for people)
      boolean[] redacted = new boolean[1];
      Object tree = redacted(SessionCodec.toTree(after), null, redacted);
      byte[] bytes = (Json.write(tree, false) + "\n").getBytes(StandardCharsets.UTF_8);
      Session stored = redacted[0] ? parse(bytes, Set.of()) : after;
      try {
        changeFolder(key, file.getParent(), () -> {
          AtomicFile.write(file, bytes);
          // the row is made only if the summary is current (a writer with none to keep pays nothing)
          return (RowOf) () -> row(key, id, file, stored);
        });
      } catch (IOException e) {
        if (newLock && !Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          // the first write of a new session failed: leave no lock behind for a session that is not there
          Files.deleteIfExists(lockFile);
        }
        throw e;
      }
      return stored;
    });
  }

  /**
   * Deletes one session if it is still expired at {@code now} when read under its lock: a list
   * read earlier may be stale, and a session that came back to life meanwhile is kept.
   */
  public boolean deleteIfExpired(String key, String id, Instant now) {
    return locked(key, id, (file, lockFile, newLock) -> {
      Session s = readFile(file, true);
      if (s == null || !expired(s, now)) {
        return false;
      }
      changeFolder(key, file.getParent(), () -> {
        Files.deleteIfExists(file);
        Files.deleteIfExists(lockFile);
        return id;
      });
      return true;
    });
  }

  /** What runs while a session's lock is held. */
  private interface Locked<T> {
    T run(Path file, Path lockFile, boolean newLock) throws IOException;
  }

  @SuppressWarnings("try") // the lock is held by being open, not by being used
  private <T> T locked(String key, String id, Locked<T> action) {
    Path file = sessionFile(key, id);
    Path dir = file.getParent();
    try {
      AtomicFile.privateRoot(home);
      AtomicFile.privateDir(projectsDir());
      AtomicFile.privateDir(dir);
    } catch (IOException e) {
      throw unwritable(e);
    }
    Path lockFile = dir.resolve(id + ".lock");
    Object monitor = JVM_LOCKS.computeIfAbsent(lockFile.toString(), k -> new Object());
    synchronized (monitor) {
      boolean newLock = !Files.exists(lockFile, java.nio.file.LinkOption.NOFOLLOW_LINKS);
      if (newLock) {
        try {
          // a new lock file moves the folder's mtime too: done under the project lock, a current
          // summary stays current
          changeFolder(key, dir, () -> {
            try {
              Files.createFile(lockFile,
                  java.nio.file.attribute.PosixFilePermissions.asFileAttribute(AtomicFile.PRIVATE_FILE));
            } catch (java.nio.file.FileAlreadyExistsException e) {
              // another process made it first
            }
            return null;
          });
        } catch (IOException e) {
          throw unwritable(e);
        }
      }
      try (FileChannel ch = FileChannel.open(lockFile, LOCK_OPTIONS,
              java.nio.file.attribute.PosixFilePermissions.asFileAttribute(AtomicFile.PRIVATE_FILE));
          FileLock lock = ch.lock()) {
        return action.run(file, lockFile, newLock);
      } catch (IOException e) {
        throw unwritable(e);
      }
    }
  }

  /**
   * A copy of the tree with every string redacted, except those that identify, locate or date the
   * session (ids, the transcript and working paths, timestamps): they are needed as they are, and
   * come from the agent, not from what was said. {@code changed[0]} tells whether anything was hidden.
   */
  private Object redacted(Object node, String key, boolean[] changed) {
    if (node instanceof String) {
      if (key != null && VERBATIM.contains(key)) {
        return node;
      }
      String r = redactor.redact((String) node);
      changed[0] |= !r.equals(node);
      return r;
    }
    if (node instanceof Map<?, ?>) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
        String k = String.valueOf(e.getKey());
        out.put(k, redacted(e.getValue(), k, changed));
      }
      return out;
    }
    if (node instanceof List<?>) {
      List<Object> out = new ArrayList<>(((List<?>) node).size());
      for (Object o : (List<?>) node) {
        out.add(redacted(o, key, changed));
      }
      return out;
    }
    return node;
  }

  /** Members kept verbatim: identity, place and time, which the store and the readers depend on. */
  private static final Set<String> VERBATIM = Set.of("session_id", "transcript_path", "working_dir", "project_root",
      "cwd", "restored_from", "transferred_to", "start_time", "last_active", "timestamp", "at", "last_modified",
      "first_event_at", "last_event_at", "schema_version", "status", "kind", "format", "git_head");

  private Session parse(byte[] bytes, Set<String> skip) {
    // the byte parser first: it gives the tree Gson gives the decoded text, or leaves the file to
    // Gson; Gson's reading through a decoder was 2% of a first fss index's CPU (1,000 session files)
    Object tree = JsonBytes.parse(bytes, 0, bytes.length, skip);
    if (tree == JsonBytes.UNSURE) {
      tree = Json.parse(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8), skip);
    }
    return SessionCodec.fromTree(tree);
  }

  private StoreException unwritable(IOException e) {
    String why = cause(e);
    String fix = why.startsWith("the disk is full") ? "free some space"
        : why.contains("symbolic link") ? "remove the link" : "make it writable or set FSS_HOME to a writable directory";
    return new StoreException("cannot write to the store " + home + " (" + why + "); " + fix, e);
  }

  /** What stopped a write, in words: a full disk or quota is named as such, not as an exception class. */
  public static String cause(IOException e) {
    String reason = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
    String r = reason == null ? "" : reason;
    if (r.contains("No space left") || r.contains("ENOSPC")) {
      return "the disk is full: " + r;
    }
    if (r.contains("quota") || r.contains("EDQUOT")) {
      return "the disk quota is exhausted: " + r;
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    return r.isEmpty() ? e.getClass().getSimpleName() : r;
  }

  /** Every readable session of one project. */
  public List<StoredSession> project(String key) {
    List<StoredSession> out = new ArrayList<>();
    collect(key, out);
    return out;
  }

  /**
   * Every readable session of every project, without their transcript cursors ({@code capture}):
   * an overview never refreshes, and a dashboard over a thousand sessions is mostly JSON parsing
   * (bench/RESULTS.md), so the cursors are skipped unread and the files parsed on every core.
   */
  public List<StoredSession> all() {
    List<String[]> files = new ArrayList<>();
    for (String key : projectKeys()) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(projectDir(key), "*.json")) {
        for (Path p : ds) {
          if (!AtomicFile.isTemp(p.getFileName().toString())) {
            files.add(new String[] {key, p.toString()});
          }
        }
      } catch (IOException e) {
        warnings.accept("warning: cannot list " + projectDir(key) + ": " + e.getMessage());
      }
    }
    StoredSession[] read = new StoredSession[files.size()];
    java.util.stream.IntStream.range(0, files.size()).parallel().forEach(i -> {
      Path p = Path.of(files.get(i)[1]);
      Session s = readFile(p, true, WITHOUT_CAPTURE);
      read[i] = s == null ? null : new StoredSession(files.get(i)[0], p, s);
    });
    List<StoredSession> out = new ArrayList<>();
    for (StoredSession s : read) {
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** The project folder names in the store. */
  public List<String> projectKeys() {
    List<String> keys = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(projectsDir())) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (ProjectRoot.isValidKey(name) && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          keys.add(name);
        } else if (Files.isSymbolicLink(p)) {
          warnings.accept("warning: " + p + " is a symbolic link inside the store; not followed (remove the link)");
        }
      }
    } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
      // empty store
    } catch (IOException e) {
      warnings.accept("warning: cannot list " + projectsDir() + ": " + e.getMessage());
    }
    return keys;
  }

  private void collect(String key, List<StoredSession> out) {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(projectDir(key), "*.json")) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (AtomicFile.isTemp(name)) {
          continue;
        }
        Session s = readFile(p, true);
        if (s != null) {
          out.add(new StoredSession(key, p, s));
        }
      }
    } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
      // no sessions in this project yet
    } catch (IOException e) {
      warnings.accept("warning: cannot list " + projectDir(key) + ": " + e.getMessage());
    }
  }

  /** Session file names (ids) in every project, without reading them: cheap lookups by id. */
  public List<StoredSession> findById(String idOrPrefix) {
    List<StoredSession> out = new ArrayList<>();
    if (!SessionIds.isValid(idOrPrefix)) {
      return out;
    }
    for (String key : projectKeys()) {
      Path exact = projectDir(key).resolve(idOrPrefix + ".json");
      if (Files.isRegularFile(exact)) {
        Session s = readFile(exact, true);
        if (s != null) {
          out.clear();
          out.add(new StoredSession(key, exact, s));
          return out;
        }
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(projectDir(key), idOrPrefix + "*.json")) {
        for (Path p : ds) {
          if (!AtomicFile.isTemp(p.getFileName().toString())) {
            Session s = readFile(p, true);
            if (s != null) {
              out.add(new StoredSession(key, p, s));
            }
          }
        }
      } catch (IOException e) {
        // an unreadable project folder does not hide the others
      }
    }
    return out;
  }

  /**
   * Reads a session file anywhere (a store file or one of the original tool's files). Null when it
   * does not exist; when it does not parse, null and (if {@code quarantine}) moved aside.
   */
  public Session readFile(Path file, boolean quarantine) {
    return readFile(file, quarantine, Set.of());
  }

  /** As {@link #readFile(Path, boolean)}, leaving out the named top-level members unread. */
  Session readFile(Path file, boolean quarantine, Set<String> skip) {
    byte[] bytes;
    try {
      bytes = readRegular(file);
    } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
      return null;
    } catch (IOException e) {
      if (!Files.isDirectory(file.getParent())) {
        return null; // the store (or this project) does not exist yet
      }
      warnings.accept("warning: cannot read " + file + ": " + e.getMessage());
      return null;
    }
    try {
      return parse(bytes, skip);
    } catch (JsonException | IllegalArgumentException e) {
      if (quarantine && file.startsWith(projectsDir())) {
        quarantine(file, e.getMessage());
      } else {
        warnings.accept("warning: " + file + " is not a readable session (" + e.getMessage() + ")");
      }
      return null;
    }
  }

  /** A session file is a regular file of bounded size: a FIFO or a device planted in its place is not opened. */
  private byte[] readRegular(Path file) throws IOException {
    boolean inStore = file.toAbsolutePath().normalize().startsWith(projectsDir());
    if (inStore) {
      AtomicFile.refuseLink(file);
      AtomicFile.refuseLink(file.toAbsolutePath().getParent());
    }
    java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file,
        java.nio.file.attribute.BasicFileAttributes.class);
    if (!a.isRegularFile()) {
      throw new java.nio.file.FileSystemException(file.toString(), null, "not a regular file; not read");
    }
    if (a.size() > MAX_SESSION_BYTES) {
      throw new java.nio.file.FileSystemException(file.toString(), null, "larger than " + (MAX_SESSION_BYTES >> 20)
          + " MB; not read");
    }
    return RegularFiles.read(file, MAX_SESSION_BYTES);
  }

  private void quarantine(Path file, String reason) {
    try {
      AtomicFile.privateDir(corruptDir());
      String stamp = Long.toString(System.currentTimeMillis());
      Path dest = corruptDir().resolve(file.getParent().getFileName() + "__" + file.getFileName() + "." + stamp);
      Files.move(file, dest, StandardCopyOption.ATOMIC_MOVE);
      warnings.accept("warning: " + file + " is not a readable session (" + reason + "); moved to " + dest);
    } catch (NoSuchFileException e) {
      // another process moved it first
    } catch (IOException e) {
      warnings.accept("warning: " + file + " is not a readable session (" + reason + ") and could not be moved aside");
    }
  }

  /** Whether a session is past the retention window at {@code now}. */
  public boolean expired(Session s, Instant now) {
    Instant last = Timestamps.parse(s.lastActive());
    if (last == null) {
      last = Timestamps.parse(s.startTime());
    }
    return last != null && Duration.between(last, now).compareTo(Duration.ofDays(config.retentionDays())) > 0;
  }

  /** As {@link #expired(Session, Instant)}, from a summary row. */
  public boolean expired(SummaryRow r, Instant now) {
    // as expiryBound, without an Instant: SessionStart's JVM path asks this of every row
    return r.lastBefore(now.getEpochSecond() - config.retentionDays() * 86_400L, now.getNano());
  }

  /**
   * A row last active before this is expired at {@code now}: more than the window between its
   * last activity and now ({@link SummaryRow#lastBefore}, no Instant per row).
   */
  public Instant expiryBound(Instant now) {
    return Instant.ofEpochSecond(now.getEpochSecond() - config.retentionDays() * 86_400L, now.getNano());
  }

  /** Deletes one session's file and lock, inside the store only. */
  public void delete(StoredSession s) throws IOException {
    Path file = s.file().toAbsolutePath().normalize();
    if (!file.startsWith(projectsDir())) {
      throw new StoreException("refusing to delete " + file + ": it is outside the store " + home);
    }
    String name = file.getFileName().toString();
    String fileId = name.endsWith(".json") ? name.substring(0, name.length() - 5) : null;
    String key = file.getParent().getFileName().toString();
    if (fileId == null || !SessionIds.isValid(fileId) || !ProjectRoot.isValidKey(key)
        || !file.getParent().getParent().equals(projectsDir())) {
      Files.deleteIfExists(file); // not a session file of ours: the summary never listed it
      return;
    }
    changeFolder(key, file.getParent(), () -> {
      Files.deleteIfExists(file);
      Files.deleteIfExists(file.resolveSibling(s.session().sessionId() + ".lock"));
      return fileId;
    });
  }

  // ---- the project summary (ProjectSummary): derived, checked against the files, rebuilt on doubt

  /** The row of a session just written, made on demand. */
  private interface RowOf {
    SummaryRow make() throws IOException;
  }

  /** A change of a project folder; returns the row written ({@link RowOf}), the id deleted, or null for neither. */
  private interface FolderChange {
    Object run() throws IOException;
  }

  /**
   * Runs a change of a project folder under the project's lock. When the summary was current just
   * before, the lines describing the change and the folder's new state are appended; a stale one
   * is left stale for a reader to rebuild (appending would vouch for changes it never saw).
   */
  private void changeFolder(String key, Path dir, FolderChange change) throws IOException {
    Path summary = ProjectSummary.file(home, key);
    projectLocked(key, () -> {
      // the launcher must never answer from a notice rendered before this change (PreparedNotice)
      PreparedNotice.withdraw(home, key);
      String before = ProjectSummary.state(dir);
      boolean current = before != null && before.equals(ProjectSummary.tailState(summary));
      Object changed = change.run();
      if (current) {
        String after = ProjectSummary.state(dir);
        if (after == null) {
          return null;
        }
        String lines = "";
        if (changed instanceof RowOf) {
          Path details = ProjectSummary.detailsFile(home, key);
          if (!Files.isRegularFile(details, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return null; // left stale: the next reader rebuilds both
          }
          SummaryRow row = ((RowOf) changed).make();
          long off = Files.size(details);
          byte[] json = row.json().getBytes(StandardCharsets.UTF_8);
          ProjectSummary.append(details, new String(json, StandardCharsets.UTF_8) + "\n");
          lines = ProjectSummary.line(row, off, json.length);
        } else if (changed instanceof String) {
          lines = "-\t" + changed + "\n";
        }
        ProjectSummary.append(summary, lines + "@\t" + after + "\n");
      }
      return null;
    });
  }

  /** Starts rendering the project's prepared notice: see {@link PreparedNotice}. Null when it cannot. */
  public String beginNotice(String key) {
    try {
      return projectLocked(key, () -> PreparedNotice.begin(home, key));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Publishes the project's prepared notice when nothing changed the project's folder since
   * {@link #beginNotice} gave {@code token}; false when anything is in doubt.
   */
  public boolean publishNotice(String key, String token, byte[] content, Instant mtime) {
    try {
      return projectLocked(key, () -> PreparedNotice.publish(home, key, token, content, mtime));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private interface ProjectAction<T> {
    T run() throws IOException;
  }

  /** Holds the project's summary lock (OS lock and JVM monitor) while {@code action} runs. */
  @SuppressWarnings("try") // the lock is held by being open, not by being used
  private <T> T projectLocked(String key, ProjectAction<T> action) throws IOException {
    AtomicFile.privateDir(ProjectSummary.dir(home));
    Path lockFile = ProjectSummary.lockFile(home, key);
    Object monitor = JVM_LOCKS.computeIfAbsent(lockFile.toString(), k -> new Object());
    synchronized (monitor) {
      try (FileChannel ch = FileChannel.open(lockFile, LOCK_OPTIONS,
              java.nio.file.attribute.PosixFilePermissions.asFileAttribute(AtomicFile.PRIVATE_FILE));
          FileLock lock = ch.lock()) {
        return action.run();
      }
    }
  }

  private static SummaryRow row(String key, String id, Path file, Session stored) throws IOException {
    java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file,
        java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    return SummaryRow.of(key, id, a.size(), ProjectSummary.nanos(a), stored);
  }

  /**
   * Every readable session of one project as summary rows (unordered): read from the project's
   * summary when it is current with the folder, else rebuilt from the files (re-reading only those
   * that changed) and saved for the next reader. Never fails for want of a summary.
   */
  public List<SummaryRow> summary(String key) {
    return summaryRows(key, false);
  }

  /** Every project's rows, the projects read on every core. */
  public List<SummaryRow> summaryAll() {
    List<String> keys = projectKeys();
    List<List<SummaryRow>> each = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      each.add(null);
    }
    java.util.stream.IntStream.range(0, keys.size()).parallel().forEach(i -> each.set(i, summary(keys.get(i))));
    List<SummaryRow> out = new ArrayList<>();
    for (List<SummaryRow> rows : each) {
      out.addAll(rows);
    }
    return out;
  }

  /** The file a row stands for. */
  public Path file(SummaryRow r) {
    return projectDir(r.projectKey()).resolve(r.fileId() + ".json");
  }

  /**
   * The sessions {@code choose} picks from the project's rows, read in full from their files. Each
   * file is checked against its row first: one that differs (rewritten in place, or by a writer the
   * folder's mtime did not show) makes the whole project be checked file by file and picked again,
   * so a stale row never decides what is shown. A session that vanished meanwhile is left out.
   */
  public List<StoredSession> pick(String key, java.util.function.Function<List<SummaryRow>, List<SummaryRow>> choose) {
    List<SummaryRow> picked = choose.apply(summary(key));
    List<StoredSession> out = readMatching(picked);
    if (out == null) {
      picked = choose.apply(summaryRows(key, true));
      out = new ArrayList<>();
      for (SummaryRow r : picked) {
        Session s = readFile(file(r), true);
        if (s != null) {
          out.add(new StoredSession(r.projectKey(), file(r), s));
        }
      }
    }
    return out;
  }

  /**
   * As {@link #pick}, each session as its row's lean copy (what lists show, {@link SummaryRow#session}):
   * every picked file is statted against its row as {@code pick} does, and none is parsed. A file
   * that differs makes the whole project be checked file by file and picked again, and the rows
   * of files that changed are then made from the files just read. A full file costs its parse with
   * every checkpoint it holds, a lean copy does not: over sessions of 40 checkpoints, {@code fss list}
   * took 0.92x the CPU and 0.78x the wall time (bench/RESULTS.md, "Dashboard limit; list and SessionStart").
   */
  public List<StoredSession> pickLean(String key,
      java.util.function.Function<List<SummaryRow>, List<SummaryRow>> choose) {
    List<SummaryRow> picked = choose.apply(summary(key));
    if (!matching(picked)) {
      picked = choose.apply(summaryRows(key, true));
    }
    SummaryRow.readJson(picked);
    List<StoredSession> out = new ArrayList<>(picked.size());
    for (SummaryRow r : picked) {
      out.add(r.stored(file(r)));
    }
    return out;
  }

  /** Whether every row's file has the size and mtime its row was made from. */
  private boolean matching(List<SummaryRow> rows) {
    for (SummaryRow r : rows) {
      try {
        java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file(r),
            java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (a.size() != r.size() || ProjectSummary.nanos(a) != r.mtimeNanos()) {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** The rows' sessions read in full; null when a file is not the one its row describes. */
  private List<StoredSession> readMatching(List<SummaryRow> rows) {
    List<StoredSession> out = new ArrayList<>(rows.size());
    for (SummaryRow r : rows) {
      Path f = file(r);
      try {
        java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(f,
            java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (a.size() != r.size() || ProjectSummary.nanos(a) != r.mtimeNanos()) {
          return null;
        }
      } catch (IOException e) {
        return null;
      }
      Session s = readFile(f, true);
      if (s == null) {
        return null;
      }
      out.add(new StoredSession(r.projectKey(), f, s));
    }
    return out;
  }

  /** The rows, from the summary when current (unless {@code verify}: every file statted). */
  private List<SummaryRow> summaryRows(String key, boolean verify) {
    Path dir = projectDir(key);
    Path file = ProjectSummary.file(home, key);
    String state;
    try {
      state = ProjectSummary.state(dir);
    } catch (IOException e) {
      warnings.accept("warning: cannot read " + dir + ": " + e.getMessage());
      return List.of();
    }
    if (state == null) {
      return List.of();
    }
    Map.Entry<String, List<SummaryRow>> seen = verify ? null : LAST_ROWS.get(file);
    if (seen != null && seen.getKey().equals(state)) {
      return seen.getValue(); // nothing moved in the folder since this process last read it
    }
    ProjectSummary.Parsed p = new ProjectSummary.Parsed();
    try {
      if (RegularFiles.is(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        p = ProjectSummary.parse(key, ProjectSummary.read(file), ProjectSummary.detailsFile(home, key),
            id -> SessionIds.isValid(id) ? readFile(projectDir(key).resolve(id + ".json"), true) : null);
        if (p.token == null || !p.token.equals(ProjectSummary.detailsToken(ProjectSummary.detailsFile(home, key)))) {
          p = new ProjectSummary.Parsed(); // the index points into details of another generation: rebuilt
        }
      }
    } catch (IOException | RuntimeException e) {
      p = new ProjectSummary.Parsed(); // unreadable: rebuilt like a missing one
    }
    if (!verify && state.equals(p.state)) {
      if (p.lines > 2 * p.rows.size() + ProjectSummary.COMPACT_SLACK) {
        save(key, dir, file, p.rows, state);
      }
      return remember(file, state, p.rows);
    }
    return rebuild(key, dir, file, state, p.rows);
  }

  /**
   * The rows last read per summary file, with the folder state they hold for: a second look in the
   * same command (list reads twice) or the next request of fss ui costs one stat.
   */
  private static final ConcurrentHashMap<Path, Map.Entry<String, List<SummaryRow>>> LAST_ROWS =
      new ConcurrentHashMap<>();

  /** Forgets the rows read so far, as a new process starts: the next read parses the summary file. */
  static void forgetRows() {
    LAST_ROWS.clear();
  }

  private static List<SummaryRow> remember(Path file, String state, List<SummaryRow> rows) {
    List<SummaryRow> kept = java.util.Collections.unmodifiableList(rows);
    if (LAST_ROWS.size() > 4096) {
      LAST_ROWS.clear();
    }
    LAST_ROWS.put(file, Map.entry(state, kept));
    return kept;
  }

  /**
   * The rows of every session file in the folder: those whose size and mtime match a row of the old
   * summary are kept, the others read. Saved when the folder did not move meanwhile.
   */
  private List<SummaryRow> rebuild(String key, Path dir, Path file, String state, List<SummaryRow> oldRows) {
    Map<String, SummaryRow> old = new java.util.HashMap<>(oldRows.size() * 2);
    for (SummaryRow r : oldRows) {
      old.put(r.fileId(), r);
    }
    long started = System.currentTimeMillis() * 1_000_000L;
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (!AtomicFile.isTemp(name) && SessionIds.isValid(name.substring(0, name.length() - 5))) {
          files.add(p);
        }
      }
    } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
      return List.of();
    } catch (IOException e) {
      warnings.accept("warning: cannot list " + dir + ": " + e.getMessage());
      return List.of();
    }
    SummaryRow[] rows = new SummaryRow[files.size()];
    java.util.stream.IntStream.range(0, files.size()).parallel().forEach(i -> {
      Path p = files.get(i);
      String name = p.getFileName().toString();
      String id = name.substring(0, name.length() - 5);
      try {
        java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(p,
            java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        SummaryRow was = old.get(id);
        if (was != null && was.size() == a.size() && was.mtimeNanos() == ProjectSummary.nanos(a)) {
          rows[i] = was;
          return;
        }
        Session s = readFile(p, true);
        if (s != null) {
          rows[i] = SummaryRow.of(key, id, a.size(), ProjectSummary.nanos(a), s);
        }
      } catch (IOException e) {
        // gone meanwhile, or not a file: not a session
      }
    });
    List<SummaryRow> out = new ArrayList<>(rows.length);
    for (SummaryRow r : rows) {
      if (r != null) {
        out.add(r);
      }
    }
    if (!ProjectSummary.racy(state, started)) {
      save(key, dir, file, out, state);
      return remember(file, state, out);
    }
    return out;
  }

  /** Writes the summary when the folder is still in {@code state}; silently not when anything is in doubt. */
  private void save(String key, Path dir, Path file, List<SummaryRow> rows, String state) {
    try {
      projectLocked(key, () -> {
        if (state.equals(ProjectSummary.state(dir))) {
          byte[][] files = ProjectSummary.format(rows, state);
          AtomicFile.write(ProjectSummary.detailsFile(home, key), files[0]);
          AtomicFile.write(file, files[1]);
        }
        return null;
      });
    } catch (IOException | RuntimeException e) {
      // a read-only store, a full disk: the next reader rebuilds again
    }
  }

  private static String printable(String s) {
    if (s == null) {
      return "(none)";
    }
    String t = s.length() > 60 ? s.substring(0, 60) + "…" : s;
    return t.replaceAll("[\\p{Cntrl}]", "?");
  }
}
