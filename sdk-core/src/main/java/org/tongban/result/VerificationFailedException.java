package org.tongban.result;

import org.tongban.TongbanException;

/**
 * Thrown by {@link VerificationResult#orElseThrow()} when a caller insists on validity and the
 * result is not {@link Indication#PASSED}. Carries the whole result.
 *
 * @since 0.1
 */
public final class VerificationFailedException extends TongbanException {
  private final transient VerificationResult<?> result;

  VerificationFailedException(VerificationResult<?> result) {
    super(result.reason().orElseThrow(), "verification " + result.indication() + ": "
        + result.reason().orElseThrow());
    this.result = result;
  }

  /**
   * Returns the result that was not valid.
   *
   * @return the result
   */
  public VerificationResult<?> result() {
    return result;
  }
}
