package io.github.fss.redact;

/**
 * A text that allows only so many character reads, so that a regex search over it — which reads
 * through {@link #charAt} — ends with {@link Exhausted} instead of backtracking for minutes.
 */
final class BoundedText implements CharSequence {

  /** Thrown when the read budget is spent; carries no stack trace (it is control flow). */
  static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted() {
      super("regex read budget spent", null, false, false);
    }
  }

  private final String text;
  private long budget;

  BoundedText(String text, long budget) {
    this.text = text;
    this.budget = budget;
  }

  @Override
  public char charAt(int index) {
    if (--budget < 0) {
      throw new Exhausted();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.subSequence(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
