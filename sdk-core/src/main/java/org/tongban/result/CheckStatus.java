package org.tongban.result;

/**
 * The status of one {@link Check} in a {@link VerificationResult}.
 *
 * @since 0.1
 */
public enum CheckStatus {
  /** The check ran and succeeded. */
  OK,
  /** The check ran and failed; its reason decides the result's indication. */
  FAILED,
  /** The check found something a caller should know about that policy allows. */
  WARNING,
  /** The check was not run (not configured, or not applicable to this input). */
  SKIPPED
}
