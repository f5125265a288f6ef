package io.github.fss.redact;

/**
 * Hides a whole {@code -----BEGIN … PRIVATE KEY-----} block through its END line; a block cut
 * short (no END, but key material after the header) is hidden to the end of the text, since
 * what follows is more of the key.
 */
final class PrivateKeyRule extends SecretRule {
  private static final AsciiSet HEADER = AsciiSet.of("A-Z0-9 ");

  private static final AsciiSet BODY = AsciiSet.of("A-Za-z0-9+/=");

  PrivateKeyRule() {
    super("private-key");
  }

  @Override
  void collect(String text, String lower, Spans out, int priority) {
    int done = 0;
    for (int p = text.indexOf("-----BEGIN "); p >= 0; p = text.indexOf("-----BEGIN ", Math.max(p + 1, done))) {
      int headerEnd = text.indexOf("-----", p + 11);
      if (headerEnd < 0 || headerEnd - p > 80 || HEADER.runEnd(text, p + 11) != headerEnd) {
        continue;
      }
      String header = text.substring(p + 11, headerEnd);
      if (!header.endsWith("PRIVATE KEY") && !header.endsWith("PRIVATE KEY BLOCK")) {
        continue; // a certificate or public key
      }
      int end = text.length();
      int endLine = text.indexOf("-----END ", headerEnd + 5);
      if (endLine >= 0) {
        int close = text.indexOf("-----", endLine + 9);
        end = close >= 0 && close - endLine < 80 ? close + 5 : text.length();
      } else if (!bodyFollows(text, headerEnd + 5)) {
        continue; // the header alone, quoted in code or docs: b"-----BEGIN OPENSSH PRIVATE KEY-----"
      }
      out.add(p, end, priority);
      done = end;
    }
  }

  // Key material after the header: 16+ base64 characters once blanks and (escaped) line breaks
  // are skipped, or the Proc-Type line of an encrypted PEM.
  private static boolean bodyFollows(String text, int i) {
    int n = text.length();
    int j = i;
    while (j < n) {
      char c = text.charAt(j);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        j++;
      } else if (c == '\\' && j + 1 < n && (text.charAt(j + 1) == 'n' || text.charAt(j + 1) == 'r')) {
        j += 2;
      } else {
        break;
      }
    }
    return text.startsWith("Proc-Type:", j) || BODY.runEnd(text, j) - j >= 16;
  }
}
