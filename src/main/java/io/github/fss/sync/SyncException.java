package io.github.fss.sync;

/** A sync that stopped: the message is one line saying what happened and what to do. */
public class SyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SyncException(String message) {
    super(message);
  }

  SyncException(String message, Throwable cause) {
    super(message, cause);
  }
}
