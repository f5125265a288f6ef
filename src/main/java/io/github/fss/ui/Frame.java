package io.github.fss.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The page around every page's body. Served pages load fss.css and fss.js from the server itself
 * (under the run's secret prefix); a standalone page (fss dashboard --html) carries its style inline,
 * allowed by its hash in the page's own Content-Security-Policy, and no script at all.
 */
public final class Frame {
  /** The policy of served pages: only our own files, no inline script or style, no framing. */
  public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "connect-src 'none'; font-src 'none'; object-src 'none'; form-action 'self'; base-uri 'none'; "
      + "frame-ancestors 'none'";

  private final String prefix;

  private Frame(String prefix) {
    this.prefix = prefix;
  }

  /** Pages served under {@code prefix} ("/SECRET"), with links between them. */
  public static Frame served(String prefix) {
    return new Frame(prefix);
  }

  /** One self-contained file: no links to other pages, nothing loaded from anywhere. */
  public static Frame standalone() {
    return new Frame(null);
  }

  public boolean linked() {
    return prefix != null;
  }

  /** A link to one of our pages, or null on a standalone page. */
  public String href(String path) {
    return prefix == null ? null : prefix + path;
  }

  public String page(String title, String body) {
    StringBuilder sb = new StringBuilder(body.length() + 2048);
    sb.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta name=\"referrer\" content=\"no-referrer\">");
    if (prefix == null) {
      String css = asset("fss.css");
      sb.append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '")
          .append(sha256(css)).append("'; base-uri 'none'; form-action 'none'\">");
      sb.append("<title>").append(Html.esc(title)).append("</title><style>").append(css).append("</style>");
    } else {
      sb.append("<title>").append(Html.esc(title)).append("</title>")
          .append("<link rel=\"icon\" href=\"").append(prefix).append("/assets/favicon.svg\" type=\"image/svg+xml\">")
          .append("<link rel=\"stylesheet\" href=\"").append(prefix).append("/assets/fss.css\">")
          .append("<script src=\"").append(prefix).append("/assets/fss.js\" defer></script>");
    }
    sb.append("</head><body><header><span class=\"brand\">fss</span>");
    if (prefix != null) {
      sb.append("<nav aria-label=\"Pages\"><a href=\"").append(prefix).append("/\">Projects</a> <a href=\"")
          .append(prefix).append("/search\">Search</a></nav>");
    }
    sb.append("</header><main>").append(body).append("</main></body></html>\n");
    return sb.toString();
  }

  /** A file of ours from src/main/resources/ui. */
  public static String asset(String name) {
    try (InputStream in = Frame.class.getResourceAsStream("/ui/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing asset ui/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
