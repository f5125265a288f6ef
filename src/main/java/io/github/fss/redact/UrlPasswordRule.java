package io.github.fss.redact;

/**
 * Hides the password in {@code scheme://user:password@host}, keeping user and host. The password
 * runs to the last '@' before the host part ends, so an unescaped '@' inside it is hidden too.
 * Hand-written: "://" is in almost every text, and this needs no regex.
 */
final class UrlPasswordRule extends SecretRule {

  UrlPasswordRule() {
    super("url-password");
  }

  @Override
  void collect(String text, String lower, Spans out, int priority) {
    int n = text.length();
    for (int p = text.indexOf("://"); p >= 0; p = text.indexOf("://", p + 3)) {
      int i = p + 3;
      while (i < n && !ends(text.charAt(i)) && text.charAt(i) != ':' && text.charAt(i) != '@') {
        i++;
      }
      if (i >= n || text.charAt(i) != ':') {
        continue; // no user:password, or a host:port
      }
      int start = i + 1;
      int at = -1;
      for (int j = start; j < n && !ends(text.charAt(j)); j++) {
        if (text.charAt(j) == '@') {
          at = j;
        }
      }
      if (at <= start) {
        continue;
      }
      String password = text.substring(start, at);
      // https://foo.com:123@bar is a host:port before an '@'
      boolean hostAndPort = text.substring(p + 3, i).indexOf('.') >= 0 && SecretValues.isNumber(password);
      if (!hostAndPort && !SecretValues.isPlaceholder(password)) {
        out.add(start, at, priority);
      }
    }
  }

  // the authority part ends at a blank, the path, query or fragment, or a quote around the URL
  private static boolean ends(char c) {
    return Character.isWhitespace(c) || "/?#\"'<>\\".indexOf(c) >= 0;
  }
}
