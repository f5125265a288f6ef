package io.github.fss.history;

import io.github.fss.capture.Readers;
import io.github.fss.redact.Redactor;
import io.github.fss.json.Json;
import io.github.fss.model.Session;
import io.github.fss.store.AtomicFile;
import io.github.fss.store.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.NIOFSDirectory;

/**
 * The history index under {@code $FSS_HOME/index/}: one Lucene document per session, brought up to
 * date from the store (the session files, the kept text, and the transcript bytes past the kept
 * cursor) before every search, never by a hook. It is derived: an unreadable index is deleted and
 * rebuilt from the store, with a one-line note, and never stops a command. One process at a time
 * works on it ({@link IndexLock}).
 */
public final class HistoryIndex {
  /** Transcript bytes read per step; each step is kept before the next, so a kill loses one step. */
  static final long STEP_BYTES = 64L * 1024 * 1024;

  // Lucene logs through java.util.logging (vectorization and mmap hints on newer JDKs); they would
  // land on stderr. Held in a field: the logging framework keeps only weak references.
  private static final Logger LUCENE_LOG = Logger.getLogger("org.apache.lucene");

  static {
    LUCENE_LOG.setLevel(Level.OFF);
  }

  /** What the documents look like; a change here re-indexes every session once. */
  static final String FORMAT = "2";
  static final String FORMAT_KEY = "fss.format";

  /** An update's outcome. */
  public record Stats(int sessions, int indexed, int removed, long transcriptBytes, boolean rebuilt) {}

  /** A query that does not parse: its message is one line. */
  public static final class BadQuery extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadQuery(String message) {
      super(message);
    }
  }

  /** Another fss held the index past the wait. */
  public static final class Busy extends IOException {
    private static final long serialVersionUID = 1L;

    Busy(String message) {
      super(message);
    }
  }

  private final SessionStore store;
  private final Redactor redactor;
  private final Consumer<String> notes;
  private final Path dir;
  private final Readers readers;

  public HistoryIndex(SessionStore store, Redactor redactor, Readers readers, Consumer<String> notes) {
    this.store = store;
    this.redactor = redactor;
    this.readers = readers;
    this.notes = notes;
    this.dir = store.home().resolve("index");
  }

  /**
   * Keeps the index reader open between searches in this process (the search server), reopening
   * only what a newer commit changed; each search still checks the store first, as always.
   */
  public static void keepReaderOpen() {
    KeptReader.turnOn();
  }

  /** The Lucene files; the lock file lives beside them so a rebuild can delete them whole. */
  Path luceneDir() {
    return dir.resolve("lucene");
  }

  static Analyzer analyzer() {
    return new Analyzer() {
      @Override
      protected java.io.Reader initReader(String fieldName, java.io.Reader reader) {
        return new Separators(reader);
      }

      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, new LowerCaseFilter(source));
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
      }

      @Override
      public int getPositionIncrementGap(String fieldName) {
        return 100; // a phrase never runs from one text into the next
      }
    };
  }

  /**
   * Dots and underscores separate words here (the standard tokenizer keeps "total.ts" and
   * "refund_webhook" whole, so "total" or "refund" would miss them). One character for one, so
   * offsets still point into the original text for snippets.
   */
  static final class Separators extends org.apache.lucene.analysis.CharFilter {
    Separators(java.io.Reader in) {
      super(in);
    }

    @Override
    protected int correct(int currentOff) {
      return currentOff;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      int n = input.read(buf, off, len);
      for (int i = off; i < off + n; i++) {
        if (buf[i] == '.' || buf[i] == '_') {
          buf[i] = ' ';
        }
      }
      return n;
    }
  }

  /**
   * Loads and initialises the writer's classes (hundreds, the codec's service lookup among them) on
   * a thread of their own, for a caller that will update the index after work of its own: the two
   * overlap, where the writer's first use would do it all on the caller's thread. Idempotent in
   * effect; a failure here is left for that first use to meet.
   */
  public static void warmUp() {
    Thread t = new Thread(() -> {
      try {
        new IndexWriterConfig(analyzer());
      } catch (RuntimeException | LinkageError e) {
        // the writer's first use reports it
      }
    }, "fss-index-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /** Brings the index up to date (from scratch with {@code rebuild}). */
  public Stats update(boolean rebuild, long waitMillis) throws IOException {
    try (IndexLock lock = IndexLock.acquire(dir.resolve("fss.lock"), waitMillis)) {
      if (lock == null) {
        throw new Busy("another fss is updating the search index");
      }
      return recovering(rebuild, w -> update(w, true));
    }
  }

  /** Parses the query (a {@link BadQuery} before anything is touched), updates the index, searches it. */
  public List<Hit> search(SearchRequest r, long waitMillis) throws IOException {
    Analyzer analyzer = analyzer();
    Query text = parse(r.query(), analyzer);
    Query q = filtered(text, r);
    Snippet.Terms terms = Snippet.Terms.of(text);
    try (IndexLock lock = IndexLock.acquire(dir.resolve("fss.lock"), waitMillis)) {
      if (lock == null) {
        throw new Busy("another fss is updating the search index");
      }
      List<Hit> fast = searchUnchanged(q, terms, analyzer, r.limit());
      if (fast != null) {
        return fast;
      }
      return recovering(false, w -> {
        update(w, false);
        try (DirectoryReader reader = DirectoryReader.open(w)) {
          return hits(new IndexSearcher(reader), q, terms, analyzer, r.limit());
        }
      });
    }
  }

  /**
   * The common case without a writer: when nothing changed since the last commit, the reader
   * answers alone (an IndexWriter costs hundreds of classes at start-up). Null when an update is
   * due or the index cannot be read: the writer's path then updates, or rebuilds.
   */
  private List<Hit> searchUnchanged(Query q, Snippet.Terms terms, Analyzer analyzer, int limit) {
    if (!Files.isDirectory(luceneDir())) {
      return null;
    }
    if (KeptReader.on()) {
      try {
        DirectoryReader reader = KeptReader.current(luceneDir());
        if (reader == null || !unchanged(reader.getIndexCommit().getUserData())) {
          return null;
        }
        return hits(new IndexSearcher(reader), q, terms, analyzer, limit);
      } catch (IOException | RuntimeException e) {
        KeptReader.drop();
        return null;
      }
    }
    try (Directory d = new NIOFSDirectory(luceneDir())) {
      if (!DirectoryReader.indexExists(d)) {
        return null;
      }
      try (DirectoryReader reader = DirectoryReader.open(d)) {
        if (!unchanged(reader.getIndexCommit().getUserData())) {
          return null;
        }
        return hits(new IndexSearcher(reader), q, terms, analyzer, limit);
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Something done with the writer. */
  private interface Work<T> {
    T run(IndexWriter w) throws IOException;
  }

  /**
   * Runs {@code work} on the index; when the index is missing it is created, and when it cannot be
   * read it is deleted and the work is done again on a new one, built from the store.
   */
  private <T> T recovering(boolean rebuild, Work<T> work) throws IOException {
    boolean wipe = rebuild;
    for (int attempt = 0; ; attempt++) {
      if (wipe) {
        wipe();
      }
      AtomicFile.privateDir(dir);
      AtomicFile.privateDir(luceneDir());
      IndexWriterConfig cfg = new IndexWriterConfig(analyzer())
          .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
          .setCommitOnClose(false)
          .setRAMBufferSizeMB(32);
      try (Directory d = new NIOFSDirectory(luceneDir()); IndexWriter w = new IndexWriter(d, cfg)) {
        T result = work.run(w);
        privateFiles();
        return result;
      } catch (IOException | RuntimeException e) {
        if (attempt > 0 || e instanceof Busy || e instanceof BadQuery) {
          throw e;
        }
        notes.accept("note: the search index was unreadable (" + oneLine(e) + "); rebuilding it from the store");
        wipe = true;
      }
    }
  }

  private void wipe() throws IOException {
    KeptReader.drop();
    Path lucene = luceneDir();
    if (!Files.exists(lucene)) {
      return;
    }
    try (var walk = Files.walk(lucene)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void privateFiles() {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(luceneDir())) {
      for (Path p : ds) {
        try {
          Files.setPosixFilePermissions(p, AtomicFile.PRIVATE_FILE);
        } catch (IOException | UnsupportedOperationException e) {
          // the folder is 0700 already
        }
      }
    } catch (IOException e) {
      // the folder is 0700 already
    }
  }

  // ---- updating

  /** A session file as listed. */
  private record Listed(String key, String sessionId, Path file, long size, long mtime) {}

  /** What an update has to do: sessions new or changed since the manifest, and ids gone from the store. */
  private record Plan(int sessions, Map<String, Manifest.Mark> unchanged, List<Listed> changed, List<String> removed,
      boolean fresh, Map<String, Long> dirs, long listedAt, boolean relisted) {
    /** Nothing to write; {@code relisted}: a folder was listed that the next search could skip once recorded. */
    boolean nothing() {
      return changed.isEmpty() && removed.isEmpty() && !fresh && !relisted;
    }
  }

  /**
   * A transcript unchanged this long before the last update is not statted by a search: it grows
   * again only when its session resumes, and the resume's hook rewrites the session file, which is
   * statted. {@code fss index} checks every transcript.
   */
  static final long QUIET_MILLIS = 2L * 24 * 3600 * 1000;

  /**
   * Compares the store with the manifest. A project folder whose mtime is what the manifest
   * recorded, when that was already {@link #RACY_MILLIS} old as it was recorded, is not listed:
   * every store write is a rename into the folder, which changes its mtime, so its sessions are
   * those recorded (only their recent transcripts are statted). {@code thorough} ({@code fss
   * index}) lists every folder and stats every transcript.
   */
  private Plan plan(Map<String, String> commitData, boolean thorough) {
    // an index made by another version (analysis, fields) is re-made document by document
    boolean fresh = commitData == null || !commitData.containsKey(Manifest.KEY)
        || !FORMAT.equals(commitData.get(FORMAT_KEY));
    Manifest old = Manifest.parse(fresh ? null : commitData.get(Manifest.KEY));
    long clock = fileClock();
    long now = thorough ? 0 : clock;
    Map<String, List<Map.Entry<String, Manifest.Mark>>> byKey = new HashMap<>();
    for (Map.Entry<String, Manifest.Mark> e : old.marks.entrySet()) {
      byKey.computeIfAbsent(e.getKey().substring(0, e.getKey().indexOf('/')), k -> new ArrayList<>()).add(e);
    }
    Map<String, Long> dirs = new HashMap<>();
    Map<String, Manifest.Mark> same = new ConcurrentHashMap<>(Math.max(16, old.marks.size() * 2));
    List<Listed> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    int sessions = 0;
    boolean relisted = false;
    Set<String> keys = new HashSet<>(store.projectKeys());
    for (String key : keys) {
      Path folder = store.projectDir(key);
      List<Map.Entry<String, Manifest.Mark>> marks = byKey.getOrDefault(key, List.of());
      Long mtime = null;
      try {
        mtime = Files.getLastModifiedTime(folder).to(java.util.concurrent.TimeUnit.NANOSECONDS);
        dirs.put(key, mtime);
      } catch (IOException e) {
        // listed below, where a failure is reported
      }
      Long was = old.dirs.get(key);
      if (!thorough && mtime != null && mtime.equals(was) && old.listedAt - mtime / 1_000_000 > RACY_MILLIS) {
        for (Map.Entry<String, Manifest.Mark> e : marks) {
          sessions++;
          Manifest.Mark m = e.getValue();
          if (transcriptUnchanged(m, now)) {
            same.put(e.getKey(), m);
          } else {
            String sid = e.getKey().substring(key.length() + 1);
            changed.add(new Listed(key, sid, folder.resolve(sid + ".json"), m.size(), m.mtime()));
          }
        }
        continue;
      }
      List<Listed> here = list(key, folder);
      relisted |= mtime != null && clock - mtime / 1_000_000 > RACY_MILLIS;
      if (here == null) {
        // a folder that could not be listed is not a folder emptied: its sessions keep their text
        for (Map.Entry<String, Manifest.Mark> e : marks) {
          same.put(e.getKey(), e.getValue());
        }
        continue;
      }
      Set<String> present = new HashSet<>();
      for (Listed l : here) {
        sessions++;
        String id = SessionDoc.id(key, l.sessionId());
        present.add(id);
        Manifest.Mark m = old.marks.get(id);
        if (m != null && m.size() == l.size() && m.mtime() == l.mtime() && transcriptUnchanged(m, now)) {
          same.put(id, m);
        } else {
          changed.add(l);
        }
      }
      for (Map.Entry<String, Manifest.Mark> e : marks) {
        if (!present.contains(e.getKey())) {
          removed.add(e.getKey());
        }
      }
    }
    for (Map.Entry<String, List<Map.Entry<String, Manifest.Mark>>> k : byKey.entrySet()) {
      if (!keys.contains(k.getKey())) {
        for (Map.Entry<String, Manifest.Mark> e : k.getValue()) {
          removed.add(e.getKey());
        }
      }
    }
    return new Plan(sessions, same, changed, removed, fresh, dirs, clock, relisted);
  }

  /**
   * What {@code plan(commitData, false).nothing()} says, without building the plan: the common case
   * of a search over a large store, where the manifest has a line per session and building its
   * maps cost more than the search. False (so the writer's path plans and updates) at the first
   * session, folder or format that may have changed, and whenever a folder would be listed.
   */
  private boolean unchanged(Map<String, String> commitData) {
    if (commitData == null || !FORMAT.equals(commitData.get(FORMAT_KEY))) {
      return false;
    }
    String text = commitData.get(Manifest.KEY);
    if (text == null) {
      return false;
    }
    long now = fileClock();
    Manifest.Header header = Manifest.header(text);
    Map<String, Boolean> quiet = new HashMap<>();
    for (String key : store.projectKeys()) {
      Long was = header.dirs().get(key);
      long mtime;
      try {
        mtime = Files.getLastModifiedTime(store.projectDir(key)).to(java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (IOException | RuntimeException e) {
        return false;
      }
      // a folder written since it was recorded, or recorded too soon after a write, is listed by plan
      if (was == null || mtime != was || header.listedAt() - mtime / 1_000_000 <= RACY_MILLIS) {
        return false;
      }
      quiet.put(key, Boolean.TRUE);
    }
    return Manifest.everyMark(text, header.end(), (id, transcript, size, transcriptMtime) -> {
      int slash = id.indexOf('/');
      if (slash <= 0 || !quiet.containsKey(id.substring(0, slash))) {
        return false; // its project folder is gone from the store: the session was removed
      }
      return transcript == null || now > 0 && transcriptMtime > 0 && now - transcriptMtime > QUIET_MILLIS
          || transcriptSizeIs(transcript, size);
    });
  }

  /** As {@link #transcriptUnchanged} for a transcript that is statted: one stat in the usual case. */
  private static boolean transcriptSizeIs(String transcript, long size) {
    long now = new java.io.File(transcript).length(); // 0 when absent: one stat, no exception
    if (now == size && now > 0) {
      return true;
    }
    Path t = TranscriptDelta.existing(transcript);
    if (t == null) {
      return true; // deleted by the agent: what was kept stays as it is
    }
    try {
      return Files.size(t) == size;
    } catch (IOException e) {
      return true;
    }
  }

  /** Kept files written new by this update and not fsynced yet: synced before the commit. */
  private final KeptSyncs unsynced = new KeptSyncs();

  /** Whether the index had no document when this update began: each session's is added, none replaced. */
  private volatile boolean noDocuments;

  /** Kept-text folders this update made private already (checked again by the next update). */
  private final Set<Path> privateDirs = ConcurrentHashMap.newKeySet();

  private Stats update(IndexWriter w, boolean thorough) throws IOException {
    Map<String, String> data = new HashMap<>();
    Iterable<Map.Entry<String, String>> live = w.getLiveCommitData();
    if (live != null) {
      for (Map.Entry<String, String> e : live) {
        data.put(e.getKey(), e.getValue());
      }
    }
    privateDirs.clear();
    // an index with no document yet (the first, or a rebuild): each session is added once, so there
    // is no old document to replace, and the delete term updateDocument buffers for each (applied at
    // every flush) was work for nothing: 0.8% of a first index's CPU
    noDocuments = w.getDocStats().maxDoc == 0;
    Plan plan = plan(data, thorough);
    for (String id : plan.removed()) {
      // the store deleted the session (retention): its kept text goes with it
      w.deleteDocuments(new Term(SessionDoc.ID, id));
      int slash = id.indexOf('/');
      Files.deleteIfExists(KeptText.file(store.home(), id.substring(0, slash), id.substring(slash + 1)));
    }
    Map<String, Manifest.Mark> next = plan.unchanged();
    AtomicLong bytes = new AtomicLong();
    try {
      indexChanged(w, plan.changed(), next, bytes);
    } catch (RuntimeException | Error e) {
      // nothing is committed, but the kept files written are synced all the same: the next
      // update, maybe another process's, builds on them and commits a manifest that counts on them
      try {
        unsynced.await();
      } catch (IOException x) {
        e.addSuppressed(x);
      }
      throw e;
    }
    if (!plan.nothing()) {
      Map<String, String> commit = new HashMap<>();
      commit.put(Manifest.KEY, Manifest.of(next, plan.dirs(), plan.listedAt()).format());
      commit.put(FORMAT_KEY, FORMAT);
      w.setLiveCommitData(commit.entrySet());
      // the manifest says these sessions are read: what was read must be on disk before it is
      unsynced.await();
      w.commit();
    }
    return new Stats(plan.sessions(), plan.changed().size(), plan.removed().size(), bytes.get(), plan.fresh());
  }

  /** Indexes the changed sessions on {@link #THREADS} threads, each flushing its segment when out of them. */
  private void indexChanged(IndexWriter w, List<Listed> changed, Map<String, Manifest.Mark> next, AtomicLong bytes) {
    inParallel(changed, l -> {
      try {
        bytes.addAndGet(index(w, l, next));
      } catch (IOException | RuntimeException e) {
        if (w.getTragicException() != null) {
          throw e instanceof IOException ? new UncheckedIOException((IOException) e) : (RuntimeException) e;
        }
        // one unreadable session (a transcript we may not read, a damaged kept file) is skipped and
        // tried again next time; it never costs the others their update
        notes.accept("warning: could not index session " + l.sessionId() + " (" + oneLine(e) + ")");
      }
    }, allOut -> {
      // a thread out of sessions writes out the segment it filled while the others still index:
      // left to the commit, every thread's segment was written by this one, one after another
      try {
        if (!w.flushNextBuffer()) {
          // it found none to take (another thread was still adding to one): once every thread is
          // out of sessions one is free, and this thread flushes it beside the others', where the
          // commit flushed it alone after them (1 run in ~13 here: ~435 documents, +40 ms or more)
          allOut.run();
          w.flushNextBuffer();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /**
   * Sessions indexed at once. Each holds a line buffer (up to {@code JsonlTail.MAX_LINE}) and one
   * step's texts, so the count is capped to keep {@code -Xmx256m} enough on a many-core machine.
   */
  static final int THREADS = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));

  /**
   * Runs {@code each} over {@code items} on {@link #THREADS} threads (this one among them), each
   * taking the next item when done, so one long transcript does not leave a core idle behind it,
   * and {@code done} on each thread once no item is left for it, given a wait until every thread
   * is out of items (each thread is, when it stopped for an exception too).
   * The first exception stops the others taking more and is rethrown once all have stopped.
   */
  static <T> void inParallel(List<T> items, Consumer<T> each, Consumer<Runnable> done) {
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
    int helpers = Math.min(THREADS, items.size()) - 1;
    java.util.concurrent.CountDownLatch out = new java.util.concurrent.CountDownLatch(helpers + 1);
    Runnable allOut = () -> KeptSyncs.uninterruptibly(out::await);
    Runnable worker = () -> {
      try {
        for (int i = next.getAndIncrement(); i < items.size() && failed.get() == null; i = next.getAndIncrement()) {
          try {
            each.accept(items.get(i));
          } catch (RuntimeException | Error e) {
            failed.compareAndSet(null, e);
            return;
          }
        }
      } finally {
        out.countDown();
      }
      if (failed.get() == null) {
        try {
          done.accept(allOut);
        } catch (RuntimeException | Error e) {
          failed.compareAndSet(null, e);
        }
      }
    };
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < helpers; t++) {
      Thread th = new Thread(worker, "fss-index-" + t);
      th.setDaemon(true);
      try {
        th.start();
      } catch (RuntimeException | Error e) { // no thread to be had: the others stop, none waits for it
        failed.compareAndSet(null, e);
        for (int k = t; k < helpers; k++) {
          out.countDown();
        }
        break;
      }
      threads.add(th);
    }
    worker.run();
    for (Thread th : threads) {
      KeptSyncs.uninterruptibly(th::join);
    }
    Throwable e = failed.get();
    if (e instanceof Error) {
      throw (Error) e;
    }
    if (e != null) {
      throw (RuntimeException) e;
    }
  }

  /**
   * Whether a session's transcript is as the manifest recorded it. {@code now} is the file
   * system's clock, or 0 to stat every transcript; a transcript quiet for {@link #QUIET_MILLIS}
   * before the last update is not statted by a search.
   */
  private static boolean transcriptUnchanged(Manifest.Mark m, long now) {
    if (m.transcript() == null) {
      return true;
    }
    if (now > 0 && m.transcriptMtime() > 0 && now - m.transcriptMtime() > QUIET_MILLIS) {
      return true;
    }
    Path t = TranscriptDelta.existing(m.transcript());
    if (t == null) {
      return true; // deleted by the agent: what was kept stays as it is
    }
    try {
      return Files.size(t) == m.transcriptSize();
    } catch (IOException e) {
      return true;
    }
  }

  /** A folder mtime this close to when it was recorded may hide a later write in the same tick. */
  static final long RACY_MILLIS = 2000;

  /**
   * Now by the file system's clock (a file written and statted), so it compares with file mtimes
   * whatever the JVM's clock says; 0 (check everything) when that fails.
   */
  private long fileClock() {
    try {
      Path f = dir.resolve("clock");
      Files.write(f, new byte[] {10});
      return Files.getLastModifiedTime(f).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  /** The session files of one project folder with their size and mtime; null when it cannot be listed. */
  private List<Listed> list(String key, Path folder) {
    List<Listed> out = new ArrayList<>();
    // no "*.json" glob: its regex, matched against every name (a .lock beside each session) while
    // still interpreted, was half of a first index's listing, all of it before any thread indexes
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (!name.endsWith(".json") || AtomicFile.isTemp(name)) {
          continue;
        }
        try {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
          out.add(new Listed(key, name.substring(0, name.length() - 5), p, a.size(), a.lastModifiedTime().toMillis()));
        } catch (NoSuchFileException e) {
          // deleted while we listed
        }
      }
      return out;
    } catch (NoSuchFileException e) {
      return out;
    } catch (IOException e) {
      notes.accept("warning: cannot list " + folder + ": " + e.getMessage());
      return null;
    }
  }

  /** Reads what one session gained, keeps it, and replaces its document; returns transcript bytes read. */
  private long index(IndexWriter w, Listed l, Map<String, Manifest.Mark> next) throws IOException {
    String id = SessionDoc.id(l.key(), l.sessionId());
    Session s = store.readFile(l.file(), false);
    if (s == null) {
      w.deleteDocuments(new Term(SessionDoc.ID, id));
      return 0;
    }
    Path kept = KeptText.file(store.home(), l.key(), l.sessionId());
    Map<String, Object> cap = s.capture();
    String transcript = cap == null ? null : Json.str(cap.get("transcript_path"));
    String format = cap == null ? null : Json.str(cap.get("format"));
    long size = 0;
    long mtime = 0;
    long read = 0;
    // a session kept for the first time: its entries are what this update appended, known without
    // reading the file back (a gunzip and a JSON parse a line, ~6 % of a first index)
    // (one stat, no exception made inside for the missing file; a stat that fails for another
    // reason fails the write into that folder too)
    List<Entry> entries = !kept.toFile().exists() ? new ArrayList<>() : null;
    if (transcript != null) {
      Path t = TranscriptDelta.existing(transcript);
      if (t != null) {
        size = Files.size(t);
        mtime = Files.getLastModifiedTime(t).toMillis();
        read = readTranscript(kept, transcript, format, l.sessionId(), entries);
      }
    }
    if (entries == null) {
      entries = KeptText.read(kept).entries();
    }
    Document doc = SessionDoc.build(l.key(), s, entries, transcript);
    if (noDocuments) {
      w.addDocument(doc);
    } else {
      w.updateDocument(new Term(SessionDoc.ID, id), doc);
    }
    next.put(id, new Manifest.Mark(l.size(), l.mtime(), transcript, size, mtime));
    return read;
  }

  /** Reads and keeps what the transcript gained; with {@code appended}, also adds there what {@link KeptText#read} would now give. */
  private long readTranscript(Path kept, String transcript, String format, String sessionId, List<Entry> appended)
      throws IOException {
    // no kept file yet (the caller checked, and only this update writes kept files): nothing to read back
    boolean absent = appended != null;
    KeptText.Contents contents = absent ? KeptText.Contents.empty() : KeptText.read(kept);
    String cursor = transcript.endsWith(".zst") ? transcript.substring(0, transcript.length() - 4) : transcript;
    long offset = contents.offsets().getOrDefault(cursor, 0L);
    Map<String, Object> state = contents.states().get(cursor);
    long total = 0;
    boolean reset = false;
    while (true) {
      TranscriptDelta.Result r = TranscriptDelta.read(readers, sessionId, transcript, format, offset, state, redactor, STEP_BYTES);
      if (r == null) {
        return total;
      }
      if (r.reset()) {
        if (reset) {
          return total;
        }
        reset = true; // replaced by a shorter file: read it from the start; what was kept stays
        offset = 0;
        state = null;
        continue;
      }
      if (r.to() != offset || !r.entries().isEmpty()) {
        KeptText.append(kept, cursor, offset, r.to(), r.state(), r.entries(), unsynced, privateDirs, absent);
        absent = false;
        if (appended != null) {
          KeptText.merge(appended, r.entries());
        }
        total += r.to() - offset;
      }
      offset = r.to();
      state = r.state();
      if (!r.more()) {
        return total;
      }
    }
  }

  // ---- searching

  static Query parse(String text, Analyzer analyzer) {
    QueryParser p = new QueryParser(SessionDoc.TEXT, analyzer);
    p.setDefaultOperator(QueryParser.Operator.AND);
    p.setSplitOnWhitespace(true);
    p.setAutoGeneratePhraseQueries(true); // src/cart.ts is one path, not two words anywhere
    Query q;
    try {
      q = p.parse(literal(text));
    } catch (ParseException | RuntimeException e) {
      throw new BadQuery("cannot read the query '" + oneLine(text) + "': " + firstLine(e.getMessage())
          + " (quote phrases with \"…\", escape special characters with \\)");
    }
    if (q instanceof BooleanQuery && onlyNegative((BooleanQuery) q)) {
      BooleanQuery.Builder b = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
      for (BooleanClause c : ((BooleanQuery) q).clauses()) {
        b.add(c);
      }
      q = b.build();
    }
    return q;
  }

  /**
   * The query with the syntax fss does not offer taken literally: {@code /} (regular expressions),
   * {@code :} (fields: there is one) and brackets (ranges), so paths, "note: x" and "a[0]" are searched
   * as written.
   */
  static String literal(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        sb.append(c).append(text.charAt(++i));
        continue;
      }
      if ("/:[]{}".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static boolean onlyNegative(BooleanQuery q) {
    for (BooleanClause c : q.clauses()) {
      if (c.getOccur() != BooleanClause.Occur.MUST_NOT) {
        return false;
      }
    }
    return !q.clauses().isEmpty();
  }

  private static Query filtered(Query text, SearchRequest r) {
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
    if (r.projectKey() != null) {
      b.add(new TermQuery(new Term(SessionDoc.PROJECT, r.projectKey())), BooleanClause.Occur.FILTER);
    }
    if (r.agent() != null) {
      b.add(new TermQuery(new Term(SessionDoc.AGENT, r.agent())), BooleanClause.Occur.FILTER);
    }
    if (r.sinceMillis() != null) {
      b.add(LongPoint.newRangeQuery(SessionDoc.LAST, r.sinceMillis(), Long.MAX_VALUE), BooleanClause.Occur.FILTER);
    }
    if (!r.files().isEmpty()) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      for (String f : r.files()) {
        any.add(new PrefixQuery(new Term(SessionDoc.FILE, SessionDoc.reversedPath(f))), BooleanClause.Occur.SHOULD);
      }
      b.add(any.build(), BooleanClause.Occur.FILTER);
    }
    return b.build();
  }

  private List<Hit> hits(IndexSearcher searcher, Query q, Snippet.Terms terms, Analyzer analyzer, int limit)
      throws IOException {
    TopDocs top = searcher.search(q, limit);
    StoredFields fields = searcher.storedFields();
    List<Hit> out = new ArrayList<>();
    for (ScoreDoc sd : top.scoreDocs) {
      Document d = fields.document(sd.doc);
      String sid = d.get(SessionDoc.SESSION);
      String key = d.get(SessionDoc.PROJECT);
      Snippet snippet = Snippet.best(analyzer, terms, SessionDoc.unpack(d.getBinaryValue(SessionDoc.TEXTS)));
      String transcript = d.get(SessionDoc.TRANSCRIPT);
      boolean gone = transcript != null && TranscriptDelta.existing(transcript) == null;
      Number last = d.getField(SessionDoc.LAST).numericValue();
      out.add(new Hit(sid, key, d.get(SessionDoc.ROOT), d.get(SessionDoc.AGENT), last.longValue(), sd.score,
          snippet, gone));
    }
    return out;
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return oneLine(nl >= 0 ? s.substring(0, nl) : s);
  }

  private static String oneLine(Object o) {
    String s = String.valueOf(o instanceof Throwable ? ((Throwable) o).getClass().getSimpleName() + ": "
        + ((Throwable) o).getMessage() : o);
    s = s.replaceAll("[\\p{Cntrl}]", " ");
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
