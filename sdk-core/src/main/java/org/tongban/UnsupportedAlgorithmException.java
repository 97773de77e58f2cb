package org.tongban;

import org.tongban.result.Reason;

/**
 * Thrown when a caller asks for an algorithm, curve or key size that Tongban does not support or that is not configured.
 *
 * @since 0.1
 */
public class UnsupportedAlgorithmException extends TongbanException {
  /**
   * Creates the exception with reason {@link Reason#ALGORITHM_NOT_ALLOWED}.
   *
   * @param message a short message, with no secrets and no personal data
   */
  public UnsupportedAlgorithmException(String message) {
    super(Reason.ALGORITHM_NOT_ALLOWED, message);
  }

  /**
   * Creates the exception with reason {@link Reason#ALGORITHM_NOT_ALLOWED}.
   *
   * @param message a short message, with no secrets and no personal data
   * @param cause the underlying cause, kept for debugging
   */
  public UnsupportedAlgorithmException(String message, Throwable cause) {
    super(Reason.ALGORITHM_NOT_ALLOWED, message, cause);
  }

  /**
   * Creates the exception with an explicit reason.
   *
   * @param reason the machine-readable reason
   * @param message a short message, with no secrets and no personal data
   * @param cause the underlying cause, kept for debugging; may be null
   */
  public UnsupportedAlgorithmException(Reason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
