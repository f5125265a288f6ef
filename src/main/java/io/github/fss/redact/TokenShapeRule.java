package io.github.fss.redact;

import java.util.List;

/**
 * A credential recognised by its shape alone: a fixed prefix (ghp_, AKIA, sk-ant-, xoxb-…)
 * followed by a run of token characters of a known length. Matched by hand, without a regex:
 * these rules are checked on every text and a cold JVM pays for every regex it touches.
 */
final class TokenShapeRule extends SecretRule {

  /** Extra conditions some shapes need beyond prefix and length. */
  enum Extra {
    NONE,
    /**
     * sk- also starts kebab-case words (sk-button-primary): needs a digit and a letter, and an
     * upper-case letter or the length of a real key; sk-ant- is Anthropic's.
     */
    OPENAI,
    /** header.payload.signature in base64url: two more segments after the first. */
    JWT
  }

  private final String[] prefixes;
  private final AsciiSet notBefore;
  private final AsciiSet body;
  private final int min;
  private final int max;
  private final AsciiSet notAfter;
  private final boolean keepPrefix;
  private final Extra extra;

  /**
   * @param notBefore characters besides letters and digits that must not precede the prefix;
   *     null when the prefix starts with its own delimiter (&sig=)
   * @param body the token characters after the prefix
   * @param min fewest body characters
   * @param max most body characters, -1 for no limit (a longer run is then not this shape)
   * @param notAfter characters that must not follow a bounded body (null: the body set)
   * @param keepPrefix hide only the body (hooks.slack.com/services/ is not the secret)
   */
  TokenShapeRule(String kind, String[] prefixes, String notBefore, String body, int min, int max,
      String notAfter, boolean keepPrefix, Extra extra) {
    super(kind);
    this.prefixes = prefixes;
    this.notBefore = notBefore == null ? null : AsciiSet.of("A-Za-z0-9" + notBefore);
    this.body = AsciiSet.of(body);
    this.min = min;
    this.max = max;
    this.notAfter = notAfter == null ? this.body : AsciiSet.of(notAfter);
    this.keepPrefix = keepPrefix;
    this.extra = extra;
  }

  /** A prefix and a run of at least {@code min} body characters, however long. */
  static TokenShapeRule open(String kind, String notBefore, String body, int min, String... prefixes) {
    return new TokenShapeRule(kind, prefixes, notBefore, body, min, -1, null, false, Extra.NONE);
  }

  @Override
  void collect(String text, String lower, Spans out, int priority) {
    collect(text, lower, null, out, priority);
  }

  @Override
  List<AnchorScan.Set> anchorSets() {
    return List.of(new AnchorScan.Set(prefixes, false));
  }

  @Override
  void collect(String text, String lower, AnchorScan.Found found, Spans out, int priority) {
    for (int p : positions(found, text, prefixes)) {
      if ((p > 0 && notBefore != null && notBefore.contains(text.charAt(p - 1))) || afterMarker(text, p)) {
        continue;
      }
      int start = p + prefixAt(text, p).length();
      int end = body.runEnd(text, start);
      if (max >= 0) {
        end = Math.min(end, start + max); // a bounded shape must then end: AKIA + 16, not 17
        if (end < text.length() && notAfter.contains(text.charAt(end))) {
          continue;
        }
      }
      if (end - start < min) {
        continue;
      }
      if (extra == Extra.JWT) {
        end = jwtEnd(text, end);
        if (end < 0) {
          continue;
        }
      }
      if (extra == Extra.OPENAI && !openAiBody(text, start, end)) {
        continue;
      }
      int from = keepPrefix ? start : p;
      if (!SecretValues.isMasked(text.substring(from, end))) {
        out.add(from, end, priority);
      }
    }
  }

  private String prefixAt(String text, int p) {
    for (String prefix : prefixes) {
      if (text.startsWith(prefix, p)) {
        return prefix;
      }
    }
    throw new IllegalStateException("anchor without prefix at " + p);
  }

  // after eyJ…: ".payload" of 10+ and ".signature" (possibly empty, for alg none)
  private int jwtEnd(String text, int end) {
    if (end >= text.length() || text.charAt(end) != '.') {
      return -1;
    }
    int payloadEnd = body.runEnd(text, end + 1);
    if (payloadEnd - end - 1 < 10 || payloadEnd >= text.length() || text.charAt(payloadEnd) != '.') {
      return -1;
    }
    return body.runEnd(text, payloadEnd + 1);
  }

  private static boolean openAiBody(String text, int start, int end) {
    if (text.startsWith("ant-", start)) {
      return false;
    }
    boolean digit = false;
    boolean letter = false;
    boolean upper = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      digit |= c >= '0' && c <= '9';
      upper |= c >= 'A' && c <= 'Z';
      letter |= (c >= 'a' && c <= 'z') || upper;
    }
    return digit && letter && (upper || end - start >= 32);
  }
}
