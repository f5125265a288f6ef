package io.github.fss.redact;

import java.util.Set;

/**
 * Hides the credential of an {@code Authorization} header — {@code Authorization: Bearer …},
 * also inside a curl {@code -H "…"}, a JSON or dict entry, or {@code setHeader("Authorization", …)}
 * — keeping the scheme word. Hand-parsed, as it turns up in most API work.
 */
final class AuthHeaderRule extends SecretRule {
  private static final Set<String> SCHEMES = Set.of(
      "bearer", "basic", "token", "digest", "bot", "apikey", "api-key", "key", "negotiate", "ntlm",
      "sso-key", "hmac", "jwt", "otp", "aws4-hmac-sha256");
  private static final AsciiSet NOT_BEFORE = AsciiSet.of("A-Za-z0-9_");
  private static final AsciiSet SCHEME = AsciiSet.of("A-Za-z-");
  private static final String VALUE_ENDS = "\"'`,;\\";

  AuthHeaderRule() {
    super("auth-header");
  }

  @Override
  void collect(String text, String lower, Spans out, int priority) {
    int n = text.length();
    for (int p = lower.indexOf("authorization"); p >= 0; p = lower.indexOf("authorization", p + 1)) {
      if ((p > 0 && NOT_BEFORE.contains(text.charAt(p - 1))) || afterMarker(text, p)) {
        continue;
      }
      int i = skipQuote(text, p + 13);
      i = skipBlanks(text, i);
      if (i >= n || ":=,".indexOf(text.charAt(i)) < 0) {
        continue; // "the Authorization header": prose, not a header
      }
      i = skipBlanks(text, i + 1);
      if (i + 1 < n && Character.isLetter(text.charAt(i)) && isQuoteAt(text, i + 1)) {
        i++; // f"Bearer {token}"
      }
      i = skipQuote(text, i);
      boolean scheme = false;
      int word = SCHEME.runEnd(text, i);
      int after = skipBlanks(text, word);
      if (word > i && after > word && SCHEMES.contains(lower.substring(i, word))) {
        scheme = true;
        i = after;
      }
      int end = i;
      while (end < n && !Character.isWhitespace(text.charAt(end)) && VALUE_ENDS.indexOf(text.charAt(end)) < 0) {
        end++;
      }
      if (end > i && accepts(text.substring(i, end), scheme)) {
        out.add(i, end, priority);
      }
    }
  }

  private static boolean accepts(String value, boolean scheme) {
    if (SecretValues.isPlaceholder(value) || SecretValues.isCall(value)) {
      return false; // $TOKEN, <token>, base64(user:pass)
    }
    if (scheme) {
      return true;
    }
    // without a scheme: "Authorization: header" is prose, authorization = headers[1] is code
    return SecretValues.looksLikeToken(value) && !SecretValues.isCode(value, ' ', false);
  }

  private static boolean isQuoteAt(String text, int i) {
    char c = text.charAt(i);
    return c == '"' || c == '\'' || (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '"');
  }

  private static int skipQuote(String text, int i) {
    if (i < text.length() && isQuoteAt(text, i)) {
      return text.charAt(i) == '\\' ? i + 2 : i + 1;
    }
    return i;
  }
}
