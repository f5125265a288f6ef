package io.github.fss.redact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes secrets from text before anything is written: each secret becomes
 * {@code [REDACTED:kind]}, and {@code <private>…</private>} spans are dropped whole.
 *
 * <p>Kinds, by shape: {@code private-key}, {@code aws-access-key}, {@code aws-secret-key},
 * {@code google-api-key}, {@code github-token}, {@code gitlab-token}, {@code anthropic-key},
 * {@code openai-key}, {@code slack-webhook}, {@code slack-token}, {@code stripe-key},
 * {@code npm-token}, {@code huggingface-token}, {@code pypi-token}, {@code jwt},
 * {@code url-signature} (Azure SAS {@code sig=}, S3 {@code X-Amz-Signature=}). By place:
 * {@code url-password} (of {@code scheme://user:pass@host}), {@code password} (command-line and
 * SQL spellings: {@code mysql -pX}, {@code sshpass -p X}, {@code curl -u user:X},
 * {@code IDENTIFIED BY 'X'}…), {@code auth-header} ({@code Authorization: Bearer X}),
 * {@code bearer-token} ("Bearer X" in prose), {@code assignment} (the value of a name that says
 * secret: {@code API_KEY=X}, {@code "password": "X"}, {@code --token X}, "my password is X").
 * User patterns use their own names. Only the secret is replaced: names, users, hosts and
 * schemes around it stay, so the text still says what was set.
 *
 * <p>Redacting is idempotent: text that already holds a marker is left alone around it.
 * Runs on every captured string in the hook, in a cold JVM: rules start from literal anchors
 * found with {@code indexOf}, most match by hand, and the few regexes (free of nested
 * quantifiers) compile once, on the first text that holds their anchor.
 */
public final class Redactor {
  private final SecretRule[] rules;
  private final String[] kinds;
  private final AnchorScan scan;

  private Redactor(List<SecretRule> rules, boolean oneScan) {
    this.rules = rules.toArray(new SecretRule[0]);
    List<AnchorScan.Set> sets = new ArrayList<>();
    for (SecretRule r : this.rules) {
      sets.addAll(r.anchorSets());
    }
    this.scan = oneScan ? new AnchorScan(sets) : null;
    this.kinds = new String[this.rules.length];
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = this.rules[i].kind;
    }
  }

  /**
   * The built-in rules plus the user's extra patterns (name → regex, from
   * {@code redact.<name>=<regex>} config lines); the name becomes the kind. A pattern with a
   * group named {@code secret} hides only that group. A bad regex is skipped.
   */
  public static Redactor standard(Map<String, String> extra) {
    return standard(extra, true);
  }

  /** As {@link #standard(Map)}; without {@code oneScan} each rule finds its anchors by itself (for tests). */
  static Redactor standard(Map<String, String> extra, boolean oneScan) {
    List<SecretRule> rules = new ArrayList<>(BuiltInRules.ALL.length + 4);
    if (extra != null) {
      // first, so that a user's name for a secret wins over a built-in one
      for (Map.Entry<String, String> e : extra.entrySet()) {
        UserPatternRule r = UserPatternRule.compile(e.getKey(), e.getValue());
        if (r != null) {
          rules.add(r);
        }
      }
    }
    for (SecretRule r : BuiltInRules.ALL) {
      rules.add(r);
    }
    return new Redactor(rules, oneScan);
  }

  /** The user's patterns that do not compile (and so protect nothing), as "redact.NAME: why" lines. */
  public static List<String> invalidPatterns(Map<String, String> extra) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : extra.entrySet()) {
      try {
        java.util.regex.Pattern.compile(e.getValue());
      } catch (java.util.regex.PatternSyntaxException ex) {
        out.add("redact." + e.getKey() + ": " + ex.getDescription() + " — this pattern is skipped");
      }
    }
    return out;
  }

  /** The text with private spans dropped and secrets replaced; null stays null. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = text;
    String lower = asciiLower(s);
    if (lower.contains("<private>")) {
      s = dropPrivate(s, lower);
      lower = asciiLower(s);
    }
    Spans spans = new Spans();
    for (int i = s.indexOf(Spans.MARKER_START); i >= 0; i = s.indexOf(Spans.MARKER_START, i + 1)) {
      int end = Spans.markerEnd(s, i);
      if (end > 0) {
        spans.guard(i, end);
      }
    }
    AnchorScan.Found found = scan == null ? null : scan.find(s, lower);
    for (int i = 0; i < rules.length; i++) {
      try {
        rules[i].collect(s, lower, found, spans, i);
      } catch (RuntimeException e) {
        spans.hideAll(i); // a rule that breaks on some text must neither leak it nor break the hook
      }
    }
    return spans.isEmpty() ? s : spans.apply(s, kinds);
  }

  // <private>…</private> in any case; an unclosed one hides everything after it
  private static String dropPrivate(String s, String lower) {
    StringBuilder out = new StringBuilder(s.length());
    int copied = 0;
    for (int open = lower.indexOf("<private>"); open >= 0; open = lower.indexOf("<private>", copied)) {
      out.append(s, copied, open);
      int close = lower.indexOf("</private>", open + 9);
      if (close < 0) {
        return out.toString();
      }
      copied = close + 10;
    }
    return out.append(s, copied, s.length()).toString();
  }

  // Lower-cases A-Z only, so positions in the result are positions in the text (anchors are ASCII).
  private static String asciiLower(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && (s.charAt(i) < 'A' || s.charAt(i) > 'Z')) {
      i++;
    }
    if (i == n) {
      return s;
    }
    char[] c = s.toCharArray();
    for (; i < n; i++) {
      if (c[i] >= 'A' && c[i] <= 'Z') {
        c[i] += 32;
      }
    }
    return new String(c);
  }
}
