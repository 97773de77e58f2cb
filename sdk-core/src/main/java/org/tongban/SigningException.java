package org.tongban;

import org.tongban.result.Reason;

/**
 * Thrown when signing or issuing fails, for example when a {@link org.tongban.crypto.SigningKey} backed by an HSM reports an error.
 *
 * @since 0.1
 */
public class SigningException extends TongbanException {
  /**
   * Creates the exception with reason {@link Reason#SIG_CRYPTO_FAILURE}.
   *
   * @param message a short message, with no secrets and no personal data
   */
  public SigningException(String message) {
    super(Reason.SIG_CRYPTO_FAILURE, message);
  }

  /**
   * Creates the exception with reason {@link Reason#SIG_CRYPTO_FAILURE}.
   *
   * @param message a short message, with no secrets and no personal data
   * @param cause the underlying cause, kept for debugging
   */
  public SigningException(String message, Throwable cause) {
    super(Reason.SIG_CRYPTO_FAILURE, message, cause);
  }

  /**
   * Creates the exception with an explicit reason.
   *
   * @param reason the machine-readable reason
   * @param message a short message, with no secrets and no personal data
   * @param cause the underlying cause, kept for debugging; may be null
   */
  public SigningException(Reason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
