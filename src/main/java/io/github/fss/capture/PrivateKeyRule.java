package io.github.fss.capture;

/**
 * Hides a whole {@code -----BEGIN … PRIVATE KEY-----} block through its END line; a block cut
 * short (no END) is hidden to the end of the text, since what follows is more of the key.
 */
final class PrivateKeyRule extends SecretRule {
  private static final AsciiSet HEADER = AsciiSet.of("A-Z0-9 ");

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
      }
      out.add(p, end, priority);
      done = end;
    }
  }
}
