package io.github.fss.redact;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern from the user's config ({@code redact.<name>=<regex>}): hides its named group
 * {@code secret} if it has one, else the whole match. A pattern that backtracks out of bounds
 * on some text gives up on that text by hiding all of it: failing closed keeps an unmatched
 * secret out of the store, and the hook keeps its time budget.
 */
final class UserPatternRule extends SecretRule {
  private final Pattern pattern;
  private final boolean hasSecretGroup;

  UserPatternRule(String kind, Pattern pattern) {
    super(kind);
    this.pattern = pattern;
    this.hasSecretGroup = pattern.pattern().contains("(?<secret>");
  }

  /** The rule for {@code regex}, or null when it does not compile (a bad pattern is skipped). */
  static UserPatternRule compile(String name, String regex) {
    if (name == null || regex == null || regex.isEmpty()) {
      return null;
    }
    try {
      return new UserPatternRule(kindOf(name), Pattern.compile(regex));
    } catch (RuntimeException e) {
      return null;
    }
  }

  // The kind ends up inside "[REDACTED:…]"; a ']' or blank there would break idempotence.
  static String kindOf(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      b.append(Spans.isKindChar(c) ? c : '-');
    }
    return b.length() == 0 ? "custom" : b.toString();
  }

  @Override
  void collect(String text, String lower, Spans out, int priority) {
    Matcher m = pattern.matcher(new BoundedText(text, 200L * text.length() + 200_000L));
    try {
      while (m.find()) {
        int start = hasSecretGroup ? m.start("secret") : m.start();
        int end = hasSecretGroup ? m.end("secret") : m.end();
        if (start >= 0) {
          out.add(start, end, priority);
        }
      }
    } catch (BoundedText.Exhausted e) {
      out.hideAll(priority);
    }
  }
}
