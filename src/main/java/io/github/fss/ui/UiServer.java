package io.github.fss.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.fss.history.HistoryIndex;
import io.github.fss.history.Hit;
import io.github.fss.history.SearchRequest;
import io.github.fss.model.Session;
import io.github.fss.store.ProjectRoot;
import io.github.fss.store.SessionIds;
import io.github.fss.store.SessionStore;
import io.github.fss.store.StoredSession;
import io.github.fss.store.SummaryRow;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The read-only page server of {@code fss ui}, on 127.0.0.1 only. Every request must carry the
 * run's secret as the first path segment (else 403) and name this server in its Host header (else
 * 421, which stops a DNS-rebinding page from reading the history); only GET and HEAD are served.
 * Every response carries a strict Content-Security-Policy, nosniff and no-referrer.
 */
public final class UiServer {
  /** What the pages read: a store opened per request (reads only), the history search, a clock. */
  public record Sources(Supplier<SessionStore> store, Searcher searcher, Supplier<Instant> clock, int budget,
      Consumer<String> warnings) {}

  /** Runs one search over the history index (the caller knows how the index is opened). */
  @FunctionalInterface
  public interface Searcher {
    List<Hit> search(SessionStore store, SearchRequest request) throws IOException;
  }

  private final Sources sources;
  private final String secret;
  private HttpServer server;
  private ExecutorService pool;

  public UiServer(Sources sources) {
    this.sources = sources;
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Binds 127.0.0.1:{@code port} (0 = a free one) and starts serving. */
  public void start(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "fss-ui");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  public void stop() {
    if (server != null) {
      server.stop(0);
      pool.shutdownNow();
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The address to open: it holds the secret, so it is printed to the user only. */
  public String url() {
    return "http://127.0.0.1:" + port() + "/" + secret + "/";
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!hostAllowed(ex.getRequestHeaders().getFirst("Host"))) {
        send(ex, 421, "text/plain", "421 Misdirected Request: this server answers to 127.0.0.1:" + port() + " only\n");
        return;
      }
      String path = ex.getRequestURI().getRawPath();
      String prefix = "/" + secret;
      if (path == null || !secretMatches(path) ) {
        send(ex, 403, "text/plain", "403 Forbidden: open the address fss ui printed\n");
        return;
      }
      if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        send(ex, 405, "text/plain", "405: this server is read-only\n");
        return;
      }
      route(ex, path.substring(prefix.length()), query(ex.getRequestURI().getRawQuery()), Frame.served(prefix));
    } catch (RuntimeException e) {
      sources.warnings().accept("fss ui: " + ex.getRequestMethod() + " failed: " + e);
      try {
        send(ex, 500, "text/plain", "500: fss could not render this page; see the terminal running fss ui\n");
      } catch (IOException | RuntimeException ignored) {
        // the response was already under way
      }
    }
  }

  private void route(HttpExchange ex, String path, Map<String, String> q, Frame frame) throws IOException {
    Instant now = sources.clock().get();
    switch (path) {
      case "":
        redirect(ex, "/" + secret + "/");
        return;
      case "/":
        SessionStore store = sources.store().get();
        send(ex, 200, "text/html", OverviewPage.render(OverviewPage.shown(store, now, false), now, frame, store.home().toString()));
        return;
      case "/search":
        send(ex, 200, "text/html", search(q, now, frame));
        return;
      case "/assets/fss.css":
        send(ex, 200, "text/css", Frame.asset("fss.css"));
        return;
      case "/assets/fss.js":
        send(ex, 200, "text/javascript", Frame.asset("fss.js"));
        return;
      case "/assets/favicon.svg":
        send(ex, 200, "image/svg+xml", Frame.asset("favicon.svg"));
        return;
      default:
        break;
    }
    String[] parts = path.split("/", -1);
    if (parts.length == 4 && parts[1].equals("s")) {
      String key = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
      String id = URLDecoder.decode(parts[3], StandardCharsets.UTF_8);
      SessionStore store = sources.store().get();
      if (ProjectRoot.isValidKey(key) && SessionIds.isValid(id)) {
        // one file read, not the whole store
        Session s = store.read(key, id);
        if (s != null && s.sessionId().equals(id)) {
          send(ex, 200, "text/html", SessionPage.render(new StoredSession(key, store.sessionFile(key, id), s), now,
              frame, number(q.get("from")), number(q.get("to")), sources.budget()));
          return;
        }
      }
    }
    send(ex, 404, "text/html", frame.page("fss — not found", "<h1>Not found</h1><p>No such page or session;"
        + " it may have expired. <a href=\"" + Html.esc(frame.href("/")) + "\">All projects</a></p>"));
  }

  private String search(Map<String, String> q, Instant now, Frame frame) {
    SessionStore store = sources.store().get();
    SearchPage.Form form = new SearchPage.Form(q.getOrDefault("q", "").strip(), q.get("project"),
        q.get("agent"), q.get("since"));
    Map<String, String> projects = new LinkedHashMap<>();
    for (SummaryRow r : store.summaryAll()) {
      Session s = r.session();
      projects.putIfAbsent(r.projectKey(), s.projectRoot() != null ? s.projectRoot() : s.workingDir());
    }
    if (form.query().isEmpty()) {
      return SearchPage.render(form, projects, null, null, now, frame);
    }
    String project = blank(form.project()) ? null : form.project();
    String agent = blank(form.agent()) ? null : form.agent();
    Long since = null;
    if (!blank(form.since()) && form.since().matches("\\d{1,4}d")) {
      since = now.minus(Duration.ofDays(Long.parseLong(form.since().substring(0, form.since().length() - 1))))
          .toEpochMilli();
    }
    try {
      List<Hit> hits = sources.searcher().search(store, new SearchRequest(form.query(), project, agent, since, null, 50));
      return SearchPage.render(form, projects, hits, null, now, frame);
    } catch (HistoryIndex.BadQuery e) {
      return SearchPage.render(form, projects, null, e.getMessage(), now, frame);
    } catch (IOException e) {
      return SearchPage.render(form, projects, null, "The search index is busy or unreadable (" + e.getMessage()
          + "); try again, or run fss index --rebuild.", now, frame);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static Integer number(String s) {
    return s != null && s.matches("\\d{1,4}") ? Integer.valueOf(s) : null;
  }

  /** Only the names this server is reached by; any other name is a page in some browser tab rebinding DNS. */
  private boolean hostAllowed(String host) {
    return host != null && (host.equals("127.0.0.1:" + port()) || host.equals("localhost:" + port()));
  }

  /** The first path segment equals the secret, compared in constant time. */
  private boolean secretMatches(String path) {
    int end = path.indexOf('/', 1);
    String first = path.length() < 1 ? "" : path.substring(1, end < 0 ? path.length() : end);
    return MessageDigest.isEqual(first.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> m = new HashMap<>();
    if (raw == null) {
      return m;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      m.putIfAbsent(k, v);
    }
    return m;
  }

  private static void redirect(HttpExchange ex, String to) throws IOException {
    ex.getResponseHeaders().set("Location", to);
    send(ex, 303, "text/plain", "see " + to + "\n");
  }

  private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var h = ex.getResponseHeaders();
    h.set("Content-Type", type + "; charset=utf-8");
    h.set("Content-Security-Policy", Frame.CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Frame-Options", "DENY");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Cache-Control", "no-store");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(code, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
