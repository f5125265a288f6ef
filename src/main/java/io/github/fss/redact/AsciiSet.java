package io.github.fss.redact;

/** A set of ASCII characters written like a regex class body ({@code "A-Za-z0-9_-"}), tested without a regex. */
final class AsciiSet {
  private final long low;
  private final long high;

  private AsciiSet(long low, long high) {
    this.low = low;
    this.high = high;
  }

  /** The characters of {@code spec}: single characters and {@code a-z} ranges; a '-' first or last is literal. */
  static AsciiSet of(String spec) {
    long low = 0;
    long high = 0;
    for (int i = 0; i < spec.length(); i++) {
      char from = spec.charAt(i);
      char to = from;
      if (i + 2 < spec.length() && spec.charAt(i + 1) == '-') {
        to = spec.charAt(i + 2);
        i += 2;
      }
      for (char c = from; c <= to; c++) {
        if (c < 64) {
          low |= 1L << c;
        } else {
          high |= 1L << (c - 64);
        }
      }
    }
    return new AsciiSet(low, high);
  }

  boolean contains(char c) {
    return c < 64 ? (low & (1L << c)) != 0 : c < 128 && (high & (1L << (c - 64))) != 0;
  }

  /** The end of the run of members starting at {@code i} in {@code text}. */
  int runEnd(String text, int i) {
    int j = i;
    while (j < text.length() && contains(text.charAt(j))) {
      j++;
    }
    return j;
  }
}
