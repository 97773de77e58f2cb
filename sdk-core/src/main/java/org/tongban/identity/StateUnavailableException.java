package org.tongban.identity;

import org.tongban.TongbanException;
import org.tongban.result.Reason;

/**
 * Shared state (sessions, one-use values, pending logins) could not be read or written in time:
 * {@link Reason#STATE_UNAVAILABLE}. Callers fail closed: a logout endpoint answers 5xx so the
 * platform retries, a request whose session cannot be checked is refused.
 *
 * @since 0.1
 */
public final class StateUnavailableException extends TongbanException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be reached
   * @param cause the store's error
   */
  public StateUnavailableException(String message, Throwable cause) {
    super(Reason.STATE_UNAVAILABLE, message, cause);
  }
}
