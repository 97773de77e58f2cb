package org.tongban.crypto;

/**
 * How a signature value is encoded. Always explicit, and strictly enforced on verification.
 *
 * @since 0.1
 */
public enum SignatureEncoding {
  /**
   * ASN.1 DER {@code SEQUENCE { r INTEGER, s INTEGER }} (GM/T 0009 §7 for SM2, RFC 3279 for
   * ECDSA). BER variants (long-form lengths, redundant leading zeros, trailing bytes) are
   * rejected.
   */
  DER,
  /**
   * Fixed-length big-endian {@code r ‖ s}, each padded to the curve's byte length (64 bytes for
   * SM2 and P-256, 96 for P-384): the JWS/COSE and IEEE P1363 form.
   */
  RAW_R_S,
  /** An RSA signature: a big-endian integer exactly as long as the modulus. */
  RSA
}
