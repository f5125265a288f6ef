package io.github.fss.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before anything is written: each match becomes
 * {@code [REDACTED:kind]}, and {@code <private>…</private>} spans are dropped whole.
 */
public final class Redactor {
  private record Rule(String kind, Pattern pattern, int group) {}

  private static final Pattern PRIVATE_SPAN = Pattern.compile("(?is)<private>.*?(</private>|\\z)");

  private final List<Rule> rules;

  private Redactor(List<Rule> rules) {
    this.rules = rules;
  }

  /** The built-in rules plus the user's extra patterns (name → regex); a bad regex is skipped. */
  public static Redactor standard(Map<String, String> extra) {
    List<Rule> rules = new ArrayList<>();
    rules.add(new Rule("private-key", Pattern.compile(
        "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|\\z)"), 0));
    rules.add(new Rule("github-token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})"), 0));
    rules.add(new Rule("aws-access-key", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"), 0));
    for (Map.Entry<String, String> e : extra.entrySet()) {
      try {
        rules.add(new Rule(e.getKey(), Pattern.compile(e.getValue()), 0));
      } catch (RuntimeException ex) {
        // an invalid user pattern must not disable the others
      }
    }
    return new Redactor(List.copyOf(rules));
  }

  /** The text with private spans dropped and secrets replaced; null stays null. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = PRIVATE_SPAN.matcher(text).replaceAll("");
    for (Rule r : rules) {
      Matcher m = r.pattern().matcher(out);
      if (m.find()) {
        out = m.replaceAll(Matcher.quoteReplacement("[REDACTED:" + r.kind() + "]"));
      }
    }
    return out;
  }
}
