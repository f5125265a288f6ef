package io.github.fss.history;

import io.github.fss.capture.Redactor;
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

  public HistoryIndex(SessionStore store, Redactor redactor, Consumer<String> notes) {
    this.store = store;
    this.redactor = redactor;
    this.notes = notes;
    this.dir = store.home().resolve("index");
  }

  /** The Lucene files; the lock file lives beside them so a rebuild can delete them whole. */
  Path luceneDir() {
    return dir.resolve("lucene");
  }

  static Analyzer analyzer() {
    return new Analyzer() {
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

  /** Brings the index up to date (from scratch with {@code rebuild}). */
  public Stats update(boolean rebuild, long waitMillis) throws IOException {
    try (IndexLock lock = IndexLock.acquire(dir.resolve("fss.lock"), waitMillis)) {
      if (lock == null) {
        throw new Busy("another fss is updating the search index");
      }
      return recovering(rebuild, this::update);
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
        update(w);
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
    try (Directory d = new NIOFSDirectory(luceneDir())) {
      if (!DirectoryReader.indexExists(d)) {
        return null;
      }
      try (DirectoryReader reader = DirectoryReader.open(d)) {
        if (!plan(reader.getIndexCommit().getUserData()).nothing()) {
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
      boolean fresh) {
    boolean nothing() {
      return changed.isEmpty() && removed.isEmpty() && !fresh;
    }
  }

  private Plan plan(Map<String, String> commitData) {
    boolean fresh = commitData == null || !commitData.containsKey(Manifest.KEY);
    Manifest old = Manifest.parse(fresh ? null : commitData.get(Manifest.KEY));
    List<Listed> listed = list();
    Map<String, Manifest.Mark> same = new ConcurrentHashMap<>();
    List<Listed> changed = new ArrayList<>();
    Set<String> present = new HashSet<>();
    for (Listed l : listed) {
      String id = SessionDoc.id(l.key(), l.sessionId());
      present.add(id);
      Manifest.Mark m = old.marks.get(id);
      if (m != null && unchanged(l, m)) {
        same.put(id, m);
      } else {
        changed.add(l);
      }
    }
    List<String> removed = new ArrayList<>();
    for (String id : old.marks.keySet()) {
      if (!present.contains(id)) {
        removed.add(id);
      }
    }
    return new Plan(listed.size(), same, changed, removed, fresh);
  }

  private Stats update(IndexWriter w) throws IOException {
    Map<String, String> data = new HashMap<>();
    Iterable<Map.Entry<String, String>> live = w.getLiveCommitData();
    if (live != null) {
      for (Map.Entry<String, String> e : live) {
        data.put(e.getKey(), e.getValue());
      }
    }
    Plan plan = plan(data);
    for (String id : plan.removed()) {
      // the store deleted the session (retention): its kept text goes with it
      w.deleteDocuments(new Term(SessionDoc.ID, id));
      int slash = id.indexOf('/');
      Files.deleteIfExists(KeptText.file(store.home(), id.substring(0, slash), id.substring(slash + 1)));
    }
    Map<String, Manifest.Mark> next = plan.unchanged();
    AtomicLong bytes = new AtomicLong();
    plan.changed().parallelStream().forEach(l -> {
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
    });
    if (!plan.nothing()) {
      Map<String, String> commit = new HashMap<>();
      commit.put(Manifest.KEY, Manifest.of(next).format());
      w.setLiveCommitData(commit.entrySet());
      w.commit();
    }
    return new Stats(plan.sessions(), plan.changed().size(), plan.removed().size(), bytes.get(), plan.fresh());
  }

  private static boolean unchanged(Listed l, Manifest.Mark m) {
    if (m.size() != l.size() || m.mtime() != l.mtime()) {
      return false;
    }
    if (m.transcript() == null) {
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

  private List<Listed> list() {
    List<Listed> out = new ArrayList<>();
    for (String key : store.projectKeys()) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(store.projectDir(key), "*.json")) {
        for (Path p : ds) {
          String name = p.getFileName().toString();
          if (AtomicFile.isTemp(name)) {
            continue;
          }
          try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            out.add(new Listed(key, name.substring(0, name.length() - 5), p, a.size(),
                a.lastModifiedTime().toMillis()));
          } catch (NoSuchFileException e) {
            // deleted while we listed
          }
        }
      } catch (IOException e) {
        notes.accept("warning: cannot list " + store.projectDir(key) + ": " + e.getMessage());
      }
    }
    return out;
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
    long read = 0;
    if (transcript != null) {
      Path t = TranscriptDelta.existing(transcript);
      if (t != null) {
        size = Files.size(t);
        read = readTranscript(kept, transcript, format);
      }
    }
    KeptText.Contents contents = KeptText.read(kept);
    w.updateDocument(new Term(SessionDoc.ID, id), SessionDoc.build(l.key(), s, contents.entries()));
    next.put(id, new Manifest.Mark(l.size(), l.mtime(), transcript, size));
    return read;
  }

  private long readTranscript(Path kept, String transcript, String format) throws IOException {
    KeptText.Contents contents = KeptText.read(kept);
    String cursor = transcript.endsWith(".zst") ? transcript.substring(0, transcript.length() - 4) : transcript;
    long offset = contents.offsets().getOrDefault(cursor, 0L);
    Map<String, Object> state = contents.states().get(cursor);
    long total = 0;
    boolean reset = false;
    while (true) {
      TranscriptDelta.Result r = TranscriptDelta.read(transcript, format, offset, state, redactor, STEP_BYTES);
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
        KeptText.append(kept, cursor, offset, r.to(), r.state(), r.entries());
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
    Query q;
    try {
      q = p.parse(text);
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
      Session s = store.readFile(store.sessionFile(key, sid), false);
      KeptText.Contents kept = KeptText.read(KeptText.file(store.home(), key, sid));
      Snippet snippet = Snippet.best(analyzer, terms, SessionDoc.texts(s, kept.entries()));
      String transcript = s == null || s.capture() == null ? null : Json.str(s.capture().get("transcript_path"));
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
