package io.github.fss.render;

/**
 * Estimates tokens without a tokenizer: one token per 4 ASCII characters (rounded up) plus one per
 * non-ASCII character. Real tokenizers give about 4 characters per token for English and code and
 * at most one token per CJK character, so the estimate errs on the high side and a budget is never
 * overrun in practice.
 */
public final class Tokens {
  private Tokens() {}

  public static int estimate(CharSequence text) {
    int ascii = 0;
    int other = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 128) {
        ascii++;
      } else if (!Character.isLowSurrogate(c)) {
        other++;
      }
    }
    return (ascii + 3) / 4 + other;
  }
}
