package io.github.fss.sync;

import java.util.Locale;

/**
 * A git remote URL reduced to what names the repository, so that the ssh and https spellings of
 * one repository are equal: {@code git@github.com:a/b.git}, {@code ssh://git@github.com:22/a/b},
 * {@code https://user:token@github.com/a/b/} all become {@code github.com/a/b}. User names,
 * passwords, ports, a trailing {@code .git} and slashes are dropped; the host is lower-cased. A local
 * path or {@code file://} URL becomes {@code file/<path>}.
 */
final class RemoteUrl {
  private RemoteUrl() {}

  static String normalise(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String u = url.strip();
    String host;
    String path;
    int scheme = u.indexOf("://");
    if (scheme > 0) {
      String rest = u.substring(scheme + 3);
      if (u.substring(0, scheme).equalsIgnoreCase("file")) {
        host = "file";
        path = rest;
      } else {
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        path = slash < 0 ? "" : rest.substring(slash);
        host = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = host.lastIndexOf(':');
        if (colon > 0 && !host.endsWith("]")) {
          host = host.substring(0, colon);
        }
      }
    } else if (isScpLike(u)) {
      int colon = u.indexOf(':');
      host = u.substring(0, colon);
      host = host.substring(host.lastIndexOf('@') + 1);
      path = u.substring(colon + 1);
    } else {
      host = "file";
      path = u;
    }
    path = path.replace('\\', '/').replaceAll("/{2,}", "/");
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    if (!host.equals("file") && path.startsWith("~")) {
      path = path.substring(1);
    }
    return host.toLowerCase(Locale.ROOT) + "/" + path;
  }

  // git's rule: "host:path" is scp-like when no slash comes before the first colon
  private static boolean isScpLike(String u) {
    int colon = u.indexOf(':');
    int slash = u.indexOf('/');
    return colon > 0 && (slash < 0 || colon < slash);
  }
}
