package io.github.fss.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes secrets from text before anything is written: each secret becomes
 * {@code [REDACTED:kind]}, and {@code <private>…</private>} spans are dropped whole.
 *
 * <p>Kinds: {@code private-key}, {@code aws-access-key}, {@code aws-secret-key},
 * {@code google-api-key}, {@code github-token}, {@code gitlab-token}, {@code anthropic-key},
 * {@code openai-key}, {@code slack-webhook}, {@code slack-token}, {@code stripe-key},
 * {@code npm-token}, {@code huggingface-token}, {@code jwt}, {@code url-password} (the password of
 * {@code scheme://user:pass@host}), {@code password} (positional command-line and SQL passwords:
 * {@code mysql -pX}, {@code sshpass -p X}, {@code curl -u user:X}, {@code IDENTIFIED BY 'X'}…),
 * {@code auth-header}, {@code bearer-token}, {@code assignment} (the value of a name that says
 * secret: {@code API_KEY=X}, {@code "password": "X"}, {@code --token X}), and the names of the
 * user's own patterns. Only the secret is replaced; names, users and hosts around it stay.
 *
 * <p>Redacting is idempotent: text that already holds a marker is left alone around it.
 * Runs on the hook path, so every built-in pattern is compiled once, is free of nested
 * quantifiers, and is tried only where its literal anchor occurs in the text.
 */
public final class Redactor {
  private static final String MARKER_START = "[REDACTED:";

  private final SecretRule[] rules;
  private final String[] kinds;

  private Redactor(List<SecretRule> rules) {
    this.rules = rules.toArray(new SecretRule[0]);
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
    return new Redactor(rules);
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
    for (int i = s.indexOf(MARKER_START); i >= 0; i = s.indexOf(MARKER_START, i + 1)) {
      int end = markerEnd(s, i);
      if (end > 0) {
        spans.guard(i, end);
      }
    }
    for (int i = 0; i < rules.length; i++) {
      try {
        rules[i].collect(s, lower, spans, i);
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

  // end of the marker "[REDACTED:kind]" starting at i, or -1 if that is not one
  private static int markerEnd(String s, int i) {
    int j = i + MARKER_START.length();
    while (j < s.length()) {
      char c = s.charAt(j);
      if (c == ']') {
        return j + 1;
      }
      boolean kindChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.';
      if (!kindChar) {
        return -1;
      }
      j++;
    }
    return -1;
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
