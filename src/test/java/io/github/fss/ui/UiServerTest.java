package io.github.fss.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.fss.testing.Events;
import io.github.fss.testing.FssHarness;
import io.github.fss.testing.Transcript;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fss ui} from outside: started as a user would, fetched over HTTP, with hostile sessions in the store. */
class UiServerTest {
  /** Text a hostile transcript could carry into any field: markup, handlers, links, SVG, control characters. */
  static final List<String> PAYLOADS = List.of(
      "<script>window.__pwned=1</script>",
      "<img src=x onerror=\"window.__pwned=1\">",
      "\" onerror=\"window.__pwned=1",
      "javascript:window.__pwned=1",
      "<svg onload=window.__pwned=1><script>window.__pwned=1</script></svg>",
      "red \u001b[31mALERT\u0007 \u202etxt.exe");

  @TempDir Path tmp;
  FssHarness fss;
  Path repo;
  FssHarness.Background ui;
  String url;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() throws Exception {
    fss = new FssHarness(tmp);
    repo = FssHarness.gitRepo(tmp.resolve("shop"), "main");
    Files.writeString(repo.resolve("cart.js"), "x");
    FssHarness.touchNow(repo.resolve("cart.js"));
    String hostile = String.join(" ", PAYLOADS);
    fss.run(repo, "save", "--action", "init", "--tool", "codex", "--session", "hostile1").assertOk();
    fss.run(repo, "save", "--session", "hostile1", "--tool", "codex", "--summary", "zebrafish first " + hostile,
        "--current-task", hostile, "--files", "cart.js:editing").assertOk();
    fss.run(repo, "save", "--session", "hostile1", "--tool", "codex", "--summary", "zebrafish second",
        "--files", "cart.js:editing,gone.js:created", "--open-questions", hostile + ";Ship on Friday?").assertOk();
    fss.run(repo, "save", "--session", "hostile1", "--tool", "codex", "--summary", "zebrafish third",
        "--files", "cart.js:editing,gone.js:created,api.js:reference", "--commands", "npm test",
        "--open-questions", hostile + ";Ship on Friday?").assertOk();
    Transcript t = new Transcript(tmp.resolve("t").resolve("claude1.jsonl"), repo);
    fss.runWithInput(repo, Events.hook("SessionStart", "claude1", t.file(), repo, "\"source\":\"startup\""),
        "hook", "claude");
    t.prompt("make the quokka checkout faster " + hostile).assistant("Looking at " + hostile).bash("npm test", 3, "1 failed");
    fss.runWithInput(repo, Events.hook("Stop", "claude1", t.file(), repo, null), "hook", "claude");
    ui = fss.background(repo, "ui", "--port", "0");
    url = ui.awaitLine("fss ui: ");
  }

  @AfterEach
  void tearDown() throws Exception {
    ui.stop();
  }

  HttpResponse<String> get(String u) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(u)).build(), HttpResponse.BodyHandlers.ofString());
  }

  String page(String path) throws Exception {
    HttpResponse<String> r = get(url + path);
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  /** A raw HTTP/1.1 request, to send a Host header that HttpClient would not let us choose. */
  String raw(String method, String path, String host) throws Exception {
    URI u = URI.create(url);
    try (Socket s = new Socket("127.0.0.1", u.getPort())) {
      OutputStream out = s.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  String secretPath() {
    return URI.create(url).getPath();
  }

  @Test
  void itListensOnLoopbackWithASecretInTheAddress() {
    assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/[A-Za-z0-9_-]{32}/"), url);
    assertEquals("", ui.err());
  }

  @Test
  void aBadPortIsAUsageErrorAndAPortInUseAClearOne() {
    assertEquals(2, fss.run(repo, "ui", "--port", "http").exit());
    assertEquals(2, fss.run(repo, "ui", "--port", "70000").exit());
    FssHarness.Result taken = fss.run(repo, "ui", "--port", String.valueOf(URI.create(url).getPort()));
    assertEquals(1, taken.exit());
    assertTrue(taken.err().startsWith("fss ui: cannot listen on 127.0.0.1:"), taken.err());
  }

  @Test
  void aRequestWithoutTheRightSecretIsForbidden() throws Exception {
    String base = url.substring(0, url.length() - secretPath().length());
    assertEquals(403, get(base + "/").statusCode());
    assertEquals(403, get(base + "/search?q=zebrafish").statusCode());
    assertEquals(403, get(base + "/assets/fss.js").statusCode());
    assertEquals(403, get(base + "/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/").statusCode());
    assertEquals(403, get(base + secretPath().substring(0, secretPath().length() - 1) + "x/").statusCode());
    assertEquals(200, get(url).statusCode());
  }

  @Test
  void aRequestNamingAnotherHostIsRefused() throws Exception {
    int port = URI.create(url).getPort();
    assertTrue(raw("GET", secretPath(), "evil.example:" + port).startsWith("HTTP/1.1 421"));
    assertTrue(raw("GET", secretPath(), "127.0.0.1").startsWith("HTTP/1.1 421"));
    assertTrue(raw("GET", secretPath(), "localhost:" + port).startsWith("HTTP/1.1 200"));
  }

  @Test
  void itIsReadOnly() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("x"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, r.statusCode());
  }

  @Test
  void everyResponseCarriesAStrictPolicy() throws Exception {
    for (String u : List.of(url, url + "search?q=zebrafish", url + "assets/fss.css", url + "nope",
        url.substring(0, url.length() - secretPath().length()) + "/")) {
      HttpResponse<String> r = get(u);
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'")
          && csp.contains("style-src 'self'") && csp.contains("frame-ancestors 'none'"), u + ": " + csp);
      assertFalse(csp.contains("unsafe") || csp.contains("http:") || csp.contains("https:") || csp.contains("*"), csp);
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), u);
      assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), u);
    }
  }

  @Test
  void theOverviewDrawsEachProjectsSessionsOnATimeline() throws Exception {
    String html = page("");
    assertTrue(html.contains("<svg class=\"timeline\""), html);
    // served, each session's drawing is its link
    assertEquals(2, count(html, "<a class=\"session "));
    assertTrue(html.contains("class=\"tick manual\""), "manual checkpoints");
    assertTrue(html.contains("class=\"tick auto\""), "automatic checkpoints");
    assertTrue(html.contains("● active"));
    assertTrue(html.contains("<code class=\"branch\">main</code>"));
    assertTrue(html.contains("Ship on Friday?"), "open questions");
    assertTrue(html.contains(">codex<") && html.contains(">claude-code<"), "agent labels");
  }

  @Test
  void theTimelineMarksEndedInterruptedAndTransferredSessions() throws Exception {
    // claude1 takes over hostile1 (restored inside it, then checkpointed), then ends
    fss.env("FSS_SESSION_ID", "claude1").run(repo, "restore", "hostile1").assertOk();
    fss.env("FSS_SESSION_ID", null);
    Transcript t = new Transcript(tmp.resolve("t").resolve("claude2.jsonl"), repo);
    fss.runWithInput(repo, Events.hook("SessionStart", "claude2", t.file(), repo, "\"source\":\"startup\""),
        "hook", "claude");
    t.prompt("a second session").assistant("ok");
    fss.runWithInput(repo, Events.hook("Stop", "claude2", t.file(), repo, null), "hook", "claude");
    fss.runWithInput(repo, Events.hook("SessionEnd", "claude1", tmp.resolve("t/claude1.jsonl"), repo,
        "\"reason\":\"exit\""), "hook", "claude");
    String now = page("");
    assertTrue(now.contains("class=\"status-mark ended\""), now);
    assertTrue(now.contains("class=\"status-mark transferred\""), now);
    assertTrue(now.contains("class=\"status-mark active\""), now);
    java.time.Instant later = java.time.Instant.now().plus(java.time.Duration.ofHours(2));
    FssHarness.Background idle = fss.clock(() -> later).background(repo, "ui");
    try {
      String html = get(idle.awaitLine("fss ui: ")).body();
      assertTrue(html.contains("class=\"status-mark interrupted\""), html);
    } finally {
      idle.stop();
    }
  }

  @Test
  void hostileTextIsEscapedOnEveryPage() throws Exception {
    String overview = page("");
    Matcher m = Pattern.compile("href=\"([^\"]*/s/[^\"]+)\"").matcher(overview);
    assertTrue(m.find(), "a link to a session");
    String session = page(m.group(1).substring(secretPath().length()));
    String diff = page(m.group(1).substring(secretPath().length()) + "?from=1&to=2");
    String search = page("search?q=" + URLEncoder.encode("zebrafish", StandardCharsets.UTF_8));
    String search2 = page("search?q=" + URLEncoder.encode("quokka", StandardCharsets.UTF_8));
    String query = page("search?q=" + URLEncoder.encode("<script>x</script>", StandardCharsets.UTF_8));
    for (String html : List.of(overview, session, diff, search, search2, query)) {
      assertFalse(html.contains("<script>"), html);
      assertFalse(html.contains("<img"), html);
      assertFalse(html.contains("<svg onload"), html);
      assertFalse(html.contains("\" onerror="), html);
      assertFalse(html.matches("(?s).*onerror\\s*=\\s*\"window.*"), html);
      assertFalse(Pattern.compile("(href|src|action)=\"\\s*javascript:", Pattern.CASE_INSENSITIVE).matcher(html).find());
      assertFalse(html.chars().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\t') || c == 0x202e), "control characters");
      assertEquals(1, count(html, "<script "), "only our own script tag");
    }
    assertTrue(overview.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"), overview);
    assertTrue(session.contains("&quot; onerror=&quot;window.__pwned=1"), session);
    assertTrue(session.contains("\u241b[31mALERT\u2407"), "control characters shown as their pictures");
    assertTrue(search.contains("<mark>zebrafish</mark>"), search);
    assertTrue(search2.contains("<mark>quokka</mark>"), search2);
  }

  @Test
  void aSessionPageShowsFilesCommandsAndTheDiffBetweenTwoChosenCheckpoints() throws Exception {
    String overview = page("");
    Matcher m = Pattern.compile("href=\"[^\"]*(/s/[^/\"]+/hostile1)\"").matcher(overview);
    assertTrue(m.find(), overview);
    String html = page(m.group(1).substring(1) + "?from=1&to=3");
    assertTrue(html.contains("Checkpoint #1 → #3"), html);
    assertTrue(html.contains("<li>+ gone.js (created)</li>") && html.contains("<li>+ api.js (reference)</li>"), html);
    assertTrue(html.contains("data-copy=\"fss restore hostile1\""), html);
    assertTrue(html.contains("codex &quot;$(fss restore hostile1 --for codex)&quot;"), html);
    assertTrue(html.contains("claude &quot;$(fss restore hostile1 --for claude)&quot;"), html);
    assertTrue(html.contains("file-status missing"), "gone.js is missing now");
    assertTrue(html.contains("npm test"), html);
    assertTrue(html.contains("<pre class=\"restore\">"), html);
    String claude = page(m.group(1).substring(1).replace("hostile1", "claude1"));
    assertTrue(claude.contains("<td class=\"exit failed\">3</td>"), claude);
  }

  @Test
  void searchFiltersByAgentAndLinksToTheSession() throws Exception {
    String codex = page("search?q=zebrafish&agent=codex&since=7d");
    assertTrue(codex.contains("1 session match"), codex);
    assertTrue(Pattern.compile("class=\"hit-link\" href=\"" + Pattern.quote(secretPath()) + "s/[^\"]+/hostile1\"")
        .matcher(codex).find(), codex);
    assertTrue(page("search?q=zebrafish&agent=claude-code").contains("0 sessions match"));
    assertTrue(page("search?q=%22unclosed").contains("class=\"error\""));
  }

  @Test
  void dashboardHtmlWritesTheOverviewAsOneSelfContainedFile() throws Exception {
    Path file = tmp.resolve("out/fss.html");
    FssHarness.Result r = fss.run(repo, "dashboard", "--html", file.toString()).assertOk();
    assertTrue(r.out().contains("Wrote "), r.out());
    String html = Files.readString(file);
    assertTrue(html.contains("<svg class=\"timeline\""), html);
    assertFalse(html.contains("<script"), "no script at all");
    assertFalse(html.contains(" src=\"") || html.contains("<link") || html.replaceAll(" href=\"#p-[^\"]+\"", "").contains(" href=\""),
        "nothing loaded or linked, but the projects on the page");
    assertTrue(html.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"));
    Matcher csp = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        + "style-src '(sha256-[^']+)'").matcher(html);
    assertTrue(csp.find(), html);
    Matcher style = Pattern.compile("(?s)<style>(.*?)</style>").matcher(html);
    assertTrue(style.find());
    assertEquals(csp.group(1), Frame.sha256(style.group(1)), "the inline style is allowed by its hash only");
  }

  static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
