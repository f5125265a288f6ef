package io.github.fss.json;

/** Malformed JSON; the message is one line, fit for a log or an error message. */
public final class JsonException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JsonException(String message) {
    super(message, null, false, false);
  }
}
