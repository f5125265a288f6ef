package io.github.fss.redact;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule that is one regular expression, tried only where one of its anchors occurs (each
 * pattern begins with its anchor). The secret is group {@code v} when the pattern has it, else
 * the whole match, and a {@link Check} may still reject what the pattern found. The pattern is
 * compiled the first time an anchor turns up, then kept: a cold JVM pays about a millisecond
 * per pattern, and a hook mostly sees text that needs only a few of them.
 */
final class PatternRule extends SecretRule {

  /** What a match must also satisfy before it is redacted. */
  enum Check {
    /** Redact unless the value is a placeholder ($VAR, &lt;password&gt;, ***); numbers included. */
    NOT_PLACEHOLDER,
    /** A value in prose ("the api key is …"): must also look machine-made, not a word. */
    TOKEN_LIKE,
    /** A password stated in prose ("my password is …"): must not be a plain word ("… is wrong"). */
    NOT_A_WORD
  }

  private final String regex;
  private volatile Pattern pattern;
  private final Check check;
  private final String[] anchors;
  private final boolean anchorsIgnoreCase;
  private final boolean hasValueGroup;
  private final String notAfter;
  private String[] requires = {};

  /**
   * @param anchors literal strings at one of which every match begins (lower case when
   *     {@code anchorsIgnoreCase}); the regex is tried at their occurrences only
   */
  PatternRule(String kind, String regex, Check check, boolean anchorsIgnoreCase, String... anchors) {
    super(kind);
    this.regex = regex;
    this.check = check;
    this.anchors = anchors;
    this.anchorsIgnoreCase = anchorsIgnoreCase;
    this.hasValueGroup = regex.contains("(?<v>");
    this.notAfter = leadingGuard(regex);
  }

  /**
   * Also needs one of {@code literals} (lower case) somewhere in the text before the pattern is
   * worth compiling: "curl" is common, "curl … -u user:pass" much less so.
   */
  PatternRule requiring(String... literals) {
    this.requires = literals;
    return this;
  }

  private Pattern pattern() {
    Pattern p = pattern;
    if (p == null) {
      p = Pattern.compile(regex); // a race compiles twice at worst; both results are equal
      pattern = p;
    }
    return p;
  }

  @Override
  void collect(String text, String lower, Spans out, int priority) {
    collect(text, lower, null, out, priority);
  }

  @Override
  List<AnchorScan.Set> anchorSets() {
    return List.of(new AnchorScan.Set(anchors, anchorsIgnoreCase));
  }

  @Override
  void collect(String text, String lower, AnchorScan.Found found, Spans out, int priority) {
    int[] at = positions(found, anchorsIgnoreCase ? lower : text, anchors);
    if (at.length == 0 || !anyAtBoundary(text, at) || (requires.length > 0 && !containsAny(lower, requires))) {
      return;
    }
    Matcher m = pattern().matcher(text);
    // transparent: lookbehinds see before the anchor; no anchoring bounds: \z and $ mean the text's end
    m.useTransparentBounds(true).useAnchoringBounds(false);
    int done = 0;
    for (int p : at) {
      if (p >= done && atBoundary(text, p) && m.region(p, text.length()).lookingAt()) {
        take(m, text, out, priority);
        done = m.end();
      }
    }
  }

  // Checked before the pattern is even compiled: "sk-" in "task-list" or "curl" in "curly" never
  // needs it. Mirrors the pattern's leading (?<![…]) guard.
  private boolean atBoundary(String text, int p) {
    if (afterMarker(text, p)) {
      return false;
    }
    if (p == 0 || notAfter == null) {
      return true;
    }
    char c = text.charAt(p - 1);
    boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return !letterOrDigit && notAfter.indexOf(c) < 0;
  }

  private boolean anyAtBoundary(String text, int[] at) {
    for (int p : at) {
      if (atBoundary(text, p)) {
        return true;
      }
    }
    return false;
  }

  // The punctuation of a leading "(?<![A-Za-z0-9…])" (letters and digits are always in it), or
  // null when the pattern does not start with such a guard.
  private static String leadingGuard(String regex) {
    String r = regex.startsWith("(?i)") || regex.startsWith("(?m)") ? regex.substring(4) : regex;
    String open = "(?<![A-Za-z0-9";
    int close = r.indexOf("])");
    if (!r.startsWith(open) || close < 0) {
      return null;
    }
    return r.substring(open.length(), close);
  }

  private void take(Matcher m, String text, Spans out, int priority) {
    int start = hasValueGroup ? m.start("v") : m.start();
    int end = hasValueGroup ? m.end("v") : m.end();
    if (start >= 0 && accepts(unquote(text.substring(start, end)))) {
      out.add(start, end, priority);
    }
  }

  private boolean accepts(String value) {
    // if-chain rather than a switch: an enum switch costs a synthetic class to load on the hook path
    if (SecretValues.isPlaceholder(value)) {
      return false;
    }
    if (check == Check.TOKEN_LIKE) {
      return SecretValues.looksLikeToken(value);
    }
    if (check == Check.NOT_A_WORD) {
      return value.length() >= 6 && !SecretValues.isWord(value);
    }
    return true;
  }

  // -p'secret' and -p"secret" capture their quotes so that the whole argument is hidden
  private static String unquote(String v) {
    int n = v.length();
    if (n >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(n - 1) == v.charAt(0)) {
      return v.substring(1, n - 1);
    }
    return v;
  }
}
