package org.tongban.result;

/**
 * The overall outcome of a verification, as in ETSI EN 319 102-1 §5.1.3: the input is
 * {@link #PASSED valid}, {@link #FAILED definitely invalid}, or validity {@link #INDETERMINATE
 * cannot be decided} with the information at hand (a key source is down, revocation status is
 * unknown).
 *
 * @since 0.1
 */
public enum Indication {
  /** Every check that decides validity succeeded. */
  PASSED,
  /** At least one check proved the input invalid (forged, tampered, expired, revoked, ...). */
  FAILED,
  /** Validity cannot be decided now; trying later or configuring more trust data may help. */
  INDETERMINATE
}
