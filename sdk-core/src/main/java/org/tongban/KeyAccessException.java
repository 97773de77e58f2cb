package org.tongban;

import org.tongban.result.Reason;

/**
 * Thrown when a key or certificate cannot be loaded or used: a wrong PKCS#12 password, a PEM block of the wrong kind, a key that does not fit the requested algorithm, an unreachable HSM.
 *
 * @since 0.1
 */
public class KeyAccessException extends TongbanException {
  /**
   * Creates the exception with reason {@link Reason#FORMAT_FAILURE}.
   *
   * @param message a short message, with no secrets and no personal data
   */
  public KeyAccessException(String message) {
    super(Reason.FORMAT_FAILURE, message);
  }

  /**
   * Creates the exception with reason {@link Reason#FORMAT_FAILURE}.
   *
   * @param message a short message, with no secrets and no personal data
   * @param cause the underlying cause, kept for debugging
   */
  public KeyAccessException(String message, Throwable cause) {
    super(Reason.FORMAT_FAILURE, message, cause);
  }

  /**
   * Creates the exception with an explicit reason.
   *
   * @param reason the machine-readable reason
   * @param message a short message, with no secrets and no personal data
   * @param cause the underlying cause, kept for debugging; may be null
   */
  public KeyAccessException(Reason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
