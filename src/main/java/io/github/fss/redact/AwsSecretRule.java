package io.github.fss.redact;

import java.util.List;

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
    collect(text, lower, null, out, priority);
  }

  @Override
  List<AnchorScan.Set> anchorSets() {
    return List.of(new AnchorScan.Set(CONTEXT, true));
  }

  @Override
  void collect(String text, String lower, AnchorScan.Found found, Spans out, int priority) {
    int n = text.length();
    int scanned = 0; // runs starting before this were judged already (a verdict needs no context)
    for (int p : positions(found, lower, CONTEXT)) {
      if ((p > 0 && NOT_BEFORE.contains(text.charAt(p - 1))) || afterMarker(text, p)) {
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
        if (end - i == 40 && (end == n || text.charAt(end) != '=') && mixed(text, i, end) && !inUrl(text, i)
            && !wordPath(text, i, end)) {
          out.add(i, end, priority);
        }
        i = end - 1;
      }
      scanned = Math.max(scanned, i);
    }
  }

  // docs.aws.amazon.com/AWSEC2/latest/UserGuide/…: a path of the right length is still a path
  private static boolean inUrl(String text, int start) {
    if (start > 0 && text.charAt(start - 1) == '.') {
      return true;
    }
    int i = start;
    while (i > 0 && !Character.isWhitespace(text.charAt(i - 1)) && "\"'`(<".indexOf(text.charAt(i - 1)) < 0) {
      i--;
    }
    return text.substring(i, start).contains("://");
  }

  // Resources/AWS::EC2::LaunchTemplate/Properties/…: '/'-separated words without a digit are a
  // path; a random key with slashes has digits in some part (38 random characters)
  private static boolean wordPath(String text, int start, int end) {
    if (text.substring(start, end).indexOf('/') < 0) {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if ((c >= '0' && c <= '9') || c == '+') {
        return false;
      }
    }
    return true;
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
