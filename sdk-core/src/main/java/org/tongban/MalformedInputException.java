package org.tongban;

import org.tongban.result.Reason;

/**
 * Thrown by a standalone parser of untrusted bytes or text (a PEM file, a DER structure) that is malformed ({@link Reason#FORMAT_FAILURE}) or larger than its limit ({@link Reason#SIZE_LIMIT_EXCEEDED}).
 *
 * @since 0.1
 */
public class MalformedInputException extends TongbanException {
  /**
   * Creates the exception with reason {@link Reason#FORMAT_FAILURE}.
   *
   * @param message a short message, with no secrets and no personal data
   */
  public MalformedInputException(String message) {
    super(Reason.FORMAT_FAILURE, message);
  }

  /**
   * Creates the exception with reason {@link Reason#FORMAT_FAILURE}.
   *
   * @param message a short message, with no secrets and no personal data
   * @param cause the underlying cause, kept for debugging
   */
  public MalformedInputException(String message, Throwable cause) {
    super(Reason.FORMAT_FAILURE, message, cause);
  }

  /**
   * Creates the exception with an explicit reason.
   *
   * @param reason the machine-readable reason
   * @param message a short message, with no secrets and no personal data
   * @param cause the underlying cause, kept for debugging; may be null
   */
  public MalformedInputException(Reason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
