package org.tongban;

import org.tongban.result.Reason;

/**
 * Thrown by the low-level {@link org.tongban.crypto.Verifier} when a signature does not verify or is not strictly encoded. The message is always the same short text, so that it cannot serve as an oracle.
 *
 * @since 0.1
 */
public class SignatureInvalidException extends TongbanException {
  /**
   * Creates the exception with reason {@link Reason#SIG_CRYPTO_FAILURE}.
   *
   * @param message a short message, with no secrets and no personal data
   */
  public SignatureInvalidException(String message) {
    super(Reason.SIG_CRYPTO_FAILURE, message);
  }

  /**
   * Creates the exception with reason {@link Reason#SIG_CRYPTO_FAILURE}.
   *
   * @param message a short message, with no secrets and no personal data
   * @param cause the underlying cause, kept for debugging
   */
  public SignatureInvalidException(String message, Throwable cause) {
    super(Reason.SIG_CRYPTO_FAILURE, message, cause);
  }

  /**
   * Creates the exception with an explicit reason.
   *
   * @param reason the machine-readable reason
   * @param message a short message, with no secrets and no personal data
   * @param cause the underlying cause, kept for debugging; may be null
   */
  public SignatureInvalidException(Reason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
