package io.github.fss;

/**
 * The one exception a verb (or the agent setup code it calls) throws for a user-facing failure;
 * it sits above {@code cli} and {@code agents} so neither imports the other for it. It carries the exit code (1 for a
 * clear error, 2 for a usage error) and a one-line message that names the object and what to do.
 */
public final class FssException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  private FssException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** Wrong flags or arguments: exit 2. */
  public static FssException usage(String message) {
    return new FssException(2, message, null);
  }

  /** Input the user can fix (a bad value, a malformed file): exit 1. */
  public static FssException invalid(String message) {
    return new FssException(1, message, null);
  }

  /** The thing asked for does not exist: exit 1. */
  public static FssException notFound(String message) {
    return new FssException(1, message, null);
  }

  /** The environment stopped us (unwritable store, I/O error): exit 1, cause kept for --verbose. */
  public static FssException failed(String message, Throwable cause) {
    return new FssException(1, message, cause);
  }
}
