package io.github.fss.redact;

/**
 * Hides what follows "Bearer" in free text ("replied 401 with Bearer 9f8e…") when it looks
 * machine-made; "bearer token" and "Bearer authentication" are prose and stay.
 */
final class BearerTokenRule extends SecretRule {
  private static final AsciiSet NOT_BEFORE = AsciiSet.of("A-Za-z0-9_-");
  private static final AsciiSet TOKEN = AsciiSet.of("A-Za-z0-9._~+/=-");

  BearerTokenRule() {
    super("bearer-token");
  }

  @Override
  void collect(String text, String lower, Spans out, int priority) {
    for (int p = lower.indexOf("bearer"); p >= 0; p = lower.indexOf("bearer", p + 1)) {
      if ((p > 0 && NOT_BEFORE.contains(text.charAt(p - 1))) || afterMarker(text, p)) {
        continue;
      }
      int start = skipBlanks(text, p + 6);
      if (start == p + 6) {
        continue;
      }
      int end = TOKEN.runEnd(text, start);
      String value = text.substring(start, end);
      if (end > start && !SecretValues.isPlaceholder(value) && SecretValues.looksLikeToken(value)) {
        out.add(start, end, priority);
      }
    }
  }
}
