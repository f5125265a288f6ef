package io.github.fss.agents;

import io.github.fss.Environment;
import io.github.fss.capture.SessionCapture;
import io.github.fss.model.Session;
import io.github.fss.model.SessionStatus;
import io.github.fss.model.Timestamps;
import io.github.fss.render.StartNotice;
import io.github.fss.render.Tokens;
import io.github.fss.store.HookLog;
import io.github.fss.store.PreparedNotice;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.RegularFiles;
import io.github.fss.store.SessionStore;
import io.github.fss.store.Spool;
import io.github.fss.store.StoreConfig;
import io.github.fss.store.SummaryRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a project's prepared session-start notice ({@link PreparedNotice}), from which the
 * launcher answers the next new session's SessionStart without a JVM (bin/fss, "the session-start
 * fast path"). The notice is the hook output split around the only words that change with time —
 * each offered session's age and active/interrupted — with everything else the output depends on
 * listed for the launcher to check: the transcripts whose growth or disappearance would change the
 * offer, the spool, the hook log, the config, the launcher's path, the clock it was rendered by,
 * and the moment a session would expire. Published only when the offer was computed without a
 * single write to the project and nothing is in doubt; otherwise the launcher keeps starting the
 * JVM, as before. Claude Code and Codex only: their SessionStart output is exactly
 * {@link StartNotice#hookOutput}.
 */
final class PreparedStart {
  /**
   * More transcripts than this to check would cost the shell more than it saves: 400 cost ~5 ms of
   * CPU (bench/RESULTS.md, "SessionStart without a JVM").
   */
  static final int MAX_TRANSCRIPTS = 1000;
  /**
   * How many of the other candidates' expiries the launcher counts down (a project of 20,000
   * sessions within a week of retention has one expire every half minute or so).
   */
  static final int MAX_EXPIRIES = 2000;
  /** A notice is trusted at most this long after rendering, whatever else. */
  static final Duration LIFETIME = Duration.ofHours(24);
  /**
   * The notice's mtime is this much before the rendering began (by the file system's clock,
   * {@link PreparedNotice#begunAt}): the file system stamps writes to the tick, so a file written in
   * the same tick as the start must still look newer, and it sets the mtime before the data lands.
   */
  static final Duration MARGIN = Duration.ofMillis(100);
  private static final String WORST_AGE = "9999999d";
  private static final String WORST_STATUS = "interrupted";

  private PreparedStart() {}

  /** Whether the agent's SessionStart output is what the launcher would print. */
  static boolean covers(Agent agent) {
    return agent.name().equals("claude") || agent.name().equals("codex");
  }

  /**
   * Renders and publishes the notice of the project of working directory {@code cwd}, when it can
   * be trusted; silently nothing otherwise. Never throws.
   */
  static void prepare(Agent agent, Environment env, SessionStore store, HookLog log, String cwd) {
    try {
      if (!covers(agent) || cwd == null || !PreparedNotice.shellSafe(cwd) || cwd.equals("/")) {
        return;
      }
      Path dir = Path.of(cwd);
      if (!dir.normalize().toString().equals(cwd) || !Files.isDirectory(dir)
          || !dir.toRealPath().toString().equals(cwd)) {
        return; // the launcher looks the project up by the exact string: only a canonical one
      }
      Path root = ProjectRoot.of(dir);
      String key = ProjectRoot.key(root);
      if (!PreparedNotice.shellSafe(root.toString())) {
        return;
      }
      for (int attempt = 0; attempt < 2; attempt++) {
        if (attempt(agent, env, store, log, key)) {
          PreparedNotice.recordDir(store.home(), cwd, root.toString(), key);
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // a notice is an optimisation: without one the launcher starts the JVM
    }
  }

  /** One rendering; true when published. */
  private static boolean attempt(Agent agent, Environment env, SessionStore store, HookLog log, String key)
      throws IOException {
    String launcher = env.get("FSS_LAUNCHER");
    if (launcher == null || !PreparedNotice.shellSafe(launcher)) {
      return false;
    }
    Path home = store.home();
    String token = store.beginNotice(key);
    if (token == null || !PreparedNotice.probes(home)) {
      return false;
    }
    // by the file system's clock, which stamps the files the launcher compares the notice with
    Instant mtime = PreparedNotice.begunAt(home, key).minus(MARGIN);
    // everything read from here on is older than the notice's mtime, or the launcher sees it newer
    StoreConfig config = StoreConfig.load(home, env.vars());
    StoreConfig was = store.config();
    // field by field: a record's equals links a method handle the first time, ~10 ms of a hook
    if (config.retentionDays() != was.retentionDays() || config.maxCheckpoints() != was.maxCheckpoints()
        || config.tokenBudget() != was.tokenBudget() || !config.extraRedactions().equals(was.extraRedactions())) {
      return false;
    }
    List<String> claims = new Spool(home, env.now(), m -> { }).settledClaims();
    if (claims == null) {
      return false;
    }
    Path logFile = log.file();
    Path seen = logFile.resolveSibling("reported-size");
    boolean logExists = Files.exists(logFile, LinkOption.NOFOLLOW_LINKS);
    boolean seenExists = Files.exists(seen, LinkOption.NOFOLLOW_LINKS);
    if (logExists) {
      long reported = seenExists ? Long.parseLong(
          new String(RegularFiles.read(seen, 64), StandardCharsets.UTF_8).trim()) : 0;
      if (Files.size(logFile) != reported) {
        return false; // the JVM has a problems note to give (and to record as given)
      }
    }
    boolean configExists = Files.exists(home.resolve(StoreConfig.FILE_NAME), LinkOption.NOFOLLOW_LINKS);
    long[] up = uptime();
    Instant now = env.now();
    long[] up2 = uptime();
    String boot = bootId();
    if (up == null || up2 == null || up[0] != up2[0] || boot == null) {
      return false;
    }
    List<String> problems = new ArrayList<>();
    SessionCapture capture = new SessionCapture(store, io.github.fss.redact.Redactor.standard(config.extraRedactions()),
        now, AgentRegistry.readers()).withoutQueries();
    RestorableOffer.Offer offer = RestorableOffer.of(store, capture, key, "", now, StartNotice.MAX_SESSIONS,
        problems::add);
    if (!problems.isEmpty()) {
      return false;
    }
    // the rows the offer picked from (re-read from the files when one was stale): the counts
    // below must be the offer's own
    List<SummaryRow> rows = offer.rows();
    List<Session> shown = offer.sessions().subList(0, Math.min(StartNotice.MAX_SESSIONS, offer.sessions().size()));
    List<String> shownIds = offer.picked();
    if (shown.size() != offer.picked().size()) {
      return false; // a picked session had nothing to restore: the next one's place depends on it
    }
    // what else the offer depends on: the transcripts of sessions ranked by them (active ones),
    // counted by them (none kept yet) or refreshed from them (shown), and when a session expires
    long window = config.retentionDays() * 86_400L;
    long until = now.plus(LIFETIME).getEpochSecond();
    List<String> transcripts = new ArrayList<>();
    List<Boolean> present = new ArrayList<>();
    // when each other candidate expires (epoch ns), which takes one off the count the text shows
    long[] expiries = new long[64];
    int nExpiries = 0;
    int candidates = 0;
    for (SummaryRow r : rows) {
      if (!r.recoverable() || store.expired(r, now)) {
        continue;
      }
      boolean shownHere = false;
      for (int i = 0; i < shownIds.size() && !shownHere; i++) {
        shownHere = r.isId(shownIds.get(i));
      }
      boolean candidate = r.checkpointCount() > 0 || SessionCapture.needsRefresh(r.session());
      candidates += candidate ? 1 : 0;
      Instant last = r.lastActive() != null ? r.lastActive() : r.started();
      if (last != null) {
        if (candidate && !shownHere) {
          // expired once now is past last + the window (SessionStore.expired)
          if (nExpiries == expiries.length) {
            expiries = java.util.Arrays.copyOf(expiries, nExpiries * 2);
          }
          expiries[nExpiries++] = Math.addExact(Math.multiplyExact(last.getEpochSecond() + window, 1_000_000_000L),
              last.getNano());
        } else if (candidate) {
          until = Math.min(until, last.getEpochSecond() + window); // a shown one: the notice ends
        }
      }
      String t = r.transcriptPath();
      if (t == null || !(r.status() == SessionStatus.ACTIVE || r.checkpointCount() == 0 || shownHere)) {
        continue;
      }
      if (!PreparedNotice.shellSafe(t) || t.endsWith(".db") || transcripts.size() >= MAX_TRANSCRIPTS) {
        return false;
      }
      Path p = Path.of(t);
      boolean exists = Files.exists(p);
      if (exists) {
        Instant m = Files.getLastModifiedTime(p).toInstant();
        // a file system keeping whole seconds or milliseconds cannot be ordered against the notice
        if (!m.isBefore(mtime) || m.getNano() % 1_000_000 == 0) {
          return false;
        }
      }
      transcripts.add(t);
      present.add(exists);
    }
    if (candidates != offer.total()) {
      return false; // not the count the offer made: something here is not as the offer saw it
    }
    java.util.Arrays.sort(expiries, 0, nExpiries);
    if (nExpiries > MAX_EXPIRIES) {
      // beyond these the count is not followed: the notice ends before the next would expire
      until = Math.min(until, expiries[MAX_EXPIRIES] / 1_000_000_000L);
      nExpiries = MAX_EXPIRIES;
    }
    int kept = 0;
    while (kept < nExpiries && expiries[kept] / 1_000_000_000L < until) {
      kept++;
    }
    if (until <= now.getEpochSecond() + 1) {
      return false;
    }
    String content = content(key, launcher, boot, up[0], now, until, configExists, logExists, seenExists, claims,
        transcripts, present, shown, offer.total(), java.util.Arrays.copyOf(expiries, kept), config.tokenBudget());
    return content != null && store.publishNotice(key, token, content.getBytes(StandardCharsets.UTF_8), mtime);
  }

  /** The notice's text, or null when its pieces do not reproduce the JVM's output or could overrun the budget. */
  static String content(String key, String launcher, String boot, long upCentis, Instant now, long until,
      boolean configExists, boolean logExists, boolean seenExists, List<String> claims, List<String> transcripts,
      List<Boolean> present, List<Session> shown, int total, long[] expiries, int budget) {
    StringBuilder sh = new StringBuilder();
    sh.append("fss_n_v=1\nfss_n_key=").append(key).append('\n');
    sh.append("fss_n_launcher=").append(PreparedNotice.quote(launcher)).append('\n');
    sh.append("fss_n_boot=").append(boot).append("\nfss_n_up=").append(upCentis).append('\n');
    String nanos = Integer.toString(now.getNano());
    sh.append("fss_n_ns=").append(now.getEpochSecond()).append("000000000", nanos.length(), 9).append(nanos)
        .append('\n');
    sh.append("fss_n_until=").append(until).append('\n');
    sh.append("fss_n_conf=").append(configExists ? 1 : 0).append(" fss_n_log=").append(logExists ? 1 : 0)
        .append(" fss_n_seen=").append(seenExists ? 1 : 0).append('\n');
    StringBuilder names = new StringBuilder(" ");
    for (String c : claims) {
      names.append(c).append(' ');
    }
    sh.append("fss_n_claims=").append(PreparedNotice.quote(names.toString())).append('\n');
    // checked as the launcher sources this: fss_tc, a file there and not newer than the notice;
    // fss_tm, a file (or its .zst) still absent
    for (int i = 0; i < transcripts.size(); i++) {
      sh.append(present.get(i) ? "fss_tc " : "fss_tm ").append(PreparedNotice.quote(transcripts.get(i))).append('\n');
    }
    sh.append("fss_n_nt=").append(transcripts.size()).append('\n');
    int n = shown.size();
    sh.append("fss_n_n=").append(n).append(" fss_n_total=").append(total).append('\n');
    StringBuilder e = new StringBuilder();
    for (long x : expiries) {
      e.append(e.length() == 0 ? "" : " ").append(x);
    }
    sh.append("fss_n_e='").append(e).append("'\n");
    if (n == 0) {
      return sh.toString(); // the JVM prints nothing: no session to offer, no problems note
    }
    String head = StartNotice.hookOutputHead("SessionStart") + StartNotice.hookOutputEscaped(HEADER_START);
    sh.append("fss_n_h=").append(PreparedNotice.quote(head)).append('\n');
    String expected = StartNotice.hookOutput("SessionStart",
        StartNotice.text(shown, total, now, launcher, budget, null));
    StringBuilder now1 = new StringBuilder(head).append(counted(n, total));
    StringBuilder worst = new StringBuilder(StartNotice.header(n, total));
    String before = "\n";
    for (int i = 0; i < n; i++) {
      Session s = shown.get(i);
      String[] parts = StartNotice.lineParts(i + 1, s);
      String piece = StartNotice.hookOutputEscaped(before + parts[0]);
      sh.append("fss_n_p").append(i).append('=').append(PreparedNotice.quote(piece)).append('\n');
      now1.append(piece);
      worst.append(before).append(parts[0]);
      Instant last = Timestamps.parse(s.lastActive());
      if (last != null && !zoned(s.lastActive())) {
        return null; // a naive time is read in the local zone, which the next hook may not share
      }
      boolean active = s.status() == SessionStatus.ACTIVE;
      sh.append("fss_n_q").append(i + 1).append('=').append(last != null ? 1 : 0);
      if (last != null) {
        sh.append(" fss_n_l").append(i + 1).append('=').append(last.getEpochSecond())
            .append(" fss_n_f").append(i + 1).append('=').append(last.getNano());
      }
      // the status word is the launcher's to choose only for an active session with a time
      boolean timed = active && last != null;
      sh.append(" fss_n_a").append(i + 1).append('=').append(timed ? 1 : 0).append('\n');
      now1.append(Timestamps.age(last, now));
      worst.append(last == null ? "?" : WORST_AGE);
      String middle = StartNotice.hookOutputEscaped(parts[1] + (timed ? "" : s.displayStatus(now)));
      sh.append("fss_n_m").append(i + 1).append('=').append(PreparedNotice.quote(middle)).append('\n');
      now1.append(middle);
      worst.append(parts[1]).append(timed ? WORST_STATUS : s.displayStatus(now));
      if (timed) {
        now1.append(s.displayStatus(now));
      }
      before = parts[2] + "\n";
    }
    String ask = StartNotice.ask(total, launcher);
    String found = ASK_START;
    String rest = ask.substring(ask.indexOf(" previous session") + " previous session".length() + (total == 1 ? 0 : 1));
    if (!ask.equals(found + total + " previous session" + (total == 1 ? "" : "s") + rest)) {
      return null;
    }
    String last = StartNotice.hookOutputEscaped(before + found);
    String end = StartNotice.hookOutputEscaped(rest) + StartNotice.hookOutputTail("SessionStart");
    sh.append("fss_n_p").append(n).append('=').append(PreparedNotice.quote(last)).append('\n');
    sh.append("fss_n_z=").append(PreparedNotice.quote(end)).append('\n');
    now1.append(last).append(total).append(" previous session").append(total == 1 ? "" : "s").append(end);
    worst.append(before).append(ask);
    if (!now1.toString().equals(expected) || budget > 0 && Tokens.estimate(worst) > budget) {
      return null;
    }
    return sh.toString();
  }

  private static final String HEADER_START = "fireworks-sessions-saver: ";
  private static final String ASK_START = "Ask the user: \"Found ";

  /**
   * The header after its first words, as the launcher writes it for a count (StartNotice.header):
   * plain ASCII, nothing to escape.
   */
  static String counted(int n, int total) {
    String h = StartNotice.header(n, total);
    if (!h.startsWith(HEADER_START) || !h.equals(HEADER_START + total + " earlier session" + (total == 1 ? "" : "s")
        + " in this project can be restored (newest first" + (total > n ? ", " + n + " shown" : "") + "):")) {
      throw new IllegalStateException("the header changed: bin/fss writes it too");
    }
    return h.substring(HEADER_START.length());
  }

  /** Whether an ISO-8601 time names its offset (Z or ±hh:mm). */
  private static boolean zoned(String t) {
    String s = t.trim();
    return s.endsWith("Z") || s.matches(".*T.*[+-][0-9]{2}:[0-9]{2}");
  }

  /** /proc/uptime in centiseconds, as the launcher reads it (digits, a dot, two digits); null off Linux. */
  static long[] uptime() {
    try {
      String s = new String(Files.readAllBytes(Path.of("/proc/uptime")), StandardCharsets.US_ASCII);
      String first = s.substring(0, s.indexOf(' '));
      if (!first.matches("[0-9]+\\.[0-9]{2}")) {
        return null;
      }
      return new long[] {Long.parseLong(first.replace(".", ""))};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static String bootId() {
    try {
      String s = new String(Files.readAllBytes(Path.of("/proc/sys/kernel/random/boot_id")), StandardCharsets.US_ASCII)
          .trim();
      return s.matches("[0-9a-f-]{36}") ? s : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
