package org.tongban.crypto;

/**
 * The kind of key pair: SM2 on the curve {@code sm2p256v1} (GM/T 0003.5, OID
 * 1.2.156.10197.1.301), RSA, or ECDSA on NIST P-256 / P-384.
 *
 * @since 0.1
 */
public enum KeyType {
  /** SM2 on sm2p256v1 (GB/T 32918.5 recommended curve). */
  SM2("sm2p256v1", "1.2.156.10197.1.301"),
  /** RSA, 2048 bits or more. */
  RSA("", "1.2.840.113549.1.1.1"),
  /** ECDSA on NIST P-256 (secp256r1). */
  EC_P256("secp256r1", "1.2.840.10045.3.1.7"),
  /** ECDSA on NIST P-384 (secp384r1). */
  EC_P384("secp384r1", "1.3.132.0.34");

  private final String curveName;
  private final String oid;

  KeyType(String curveName, String oid) {
    this.curveName = curveName;
    this.oid = oid;
  }

  /**
   * Returns the curve's standard name ({@code sm2p256v1}, {@code secp256r1}, ...), or an empty
   * string for RSA.
   *
   * @return the curve name
   */
  public String curveName() {
    return curveName;
  }

  /**
   * Returns the curve OID, or for RSA the rsaEncryption OID.
   *
   * @return the OID in dotted form
   */
  public String oid() {
    return oid;
  }

  /**
   * Returns whether this is an elliptic-curve key type (SM2 included).
   *
   * @return true for SM2, P-256, P-384
   */
  public boolean isEllipticCurve() {
    return this != RSA;
  }
}
