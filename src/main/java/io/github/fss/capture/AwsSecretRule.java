package io.github.fss.capture;

/**
 * Hides an AWS secret access key: 40 base64 characters, which are only recognisable as one
 * within 100 characters after "aws" or "secret" on the same line. The run must mix upper and
 * lower case with a digit or '/' or '+', which keeps 40-hex git SHAs and identifiers out.
 */
final class AwsSecretRule extends SecretRule {
  private static final String[] CONTEXT = {"aws", "secret"};
  private static final AsciiSet BASE64 = AsciiSet.of("A-Za-z0-9/+");
  // ':' and '-' too, so the marker "[REDACTED:aws-secret-key]" is no context for a second pass
  private static final AsciiSet NOT_BEFORE = AsciiSet.of("A-Za-z0-9:-");

  AwsSecretRule() {
    super("aws-secret-key");
  }

  @Override
  void collect(String text, String lower, Spans out, int priority) {
    int n = text.length();
    int scanned = 0; // runs starting before this were judged already (a verdict needs no context)
    for (int p : anchorPositions(lower, CONTEXT)) {
      if (p > 0 && NOT_BEFORE.contains(text.charAt(p - 1))) {
        continue;
      }
      int wordEnd = p + (lower.startsWith("aws", p) ? 3 : 6);
      int limit = Math.min(n, wordEnd + 100);
      int i = Math.max(scanned, wordEnd);
      for (; i < limit && text.charAt(i) != '\n'; i++) {
        if (!BASE64.contains(text.charAt(i)) || (i > 0 && BASE64.contains(text.charAt(i - 1)))) {
          continue; // not the start of a run
        }
        int end = BASE64.runEnd(text, i);
        if (end - i == 40 && (end == n || text.charAt(end) != '=') && mixed(text, i, end)) {
          out.add(i, end, priority);
        }
        i = end - 1;
      }
      scanned = Math.max(scanned, i);
    }
  }

  private static boolean mixed(String text, int start, int end) {
    boolean upper = false;
    boolean lower = false;
    boolean other = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      other |= (c >= '0' && c <= '9') || c == '/' || c == '+';
    }
    return upper && lower && other;
  }
}
