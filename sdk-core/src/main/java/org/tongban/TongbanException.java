package org.tongban;

import java.util.Objects;
import org.tongban.result.Reason;

/**
 * Base of every exception Tongban throws on purpose. Each carries a {@link Reason} that a
 * program can act on.
 *
 * <p>All Tongban exceptions are unchecked: untrusted input that fails verification comes back
 * as a {@link org.tongban.result.VerificationResult}, never as an exception, so exceptions are
 * left for misuse, key access and signing failures, and standalone parsing.
 *
 * <p>The message never copies a provider's message (no oracle); the cause is kept for debugging.
 *
 * @since 0.1
 */
public class TongbanException extends RuntimeException {
  private final Reason reason;

  /**
   * Creates an exception.
   *
   * @param reason the machine-readable reason
   * @param message a short message, with no secrets and no personal data
   */
  public TongbanException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates an exception with a cause.
   *
   * @param reason the machine-readable reason
   * @param message a short message, with no secrets and no personal data
   * @param cause the underlying cause, kept for debugging
   */
  public TongbanException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Returns the machine-readable reason.
   *
   * @return the reason, never null
   */
  public Reason reason() {
    return reason;
  }
}
