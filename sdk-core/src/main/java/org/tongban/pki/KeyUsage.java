package org.tongban.pki;

/**
 * X.509 key usage bits (RFC 5280 §4.2.1.3) that Tongban sets and checks.
 *
 * @since 0.1
 */
public enum KeyUsage {
  /** digitalSignature (0): signing data, tokens, seals. */
  DIGITAL_SIGNATURE(0),
  /** nonRepudiation / contentCommitment (1): signatures that commit the signer. */
  NON_REPUDIATION(1),
  /** keyEncipherment (2). */
  KEY_ENCIPHERMENT(2),
  /** dataEncipherment (3). */
  DATA_ENCIPHERMENT(3),
  /** keyAgreement (4). */
  KEY_AGREEMENT(4),
  /** keyCertSign (5): issuing certificates. */
  KEY_CERT_SIGN(5),
  /** cRLSign (6): issuing CRLs. */
  CRL_SIGN(6);

  private final int bit;

  KeyUsage(int bit) {
    this.bit = bit;
  }

  /**
   * Returns the bit index in the KeyUsage BIT STRING.
   *
   * @return the index, 0 to 6
   */
  public int bit() {
    return bit;
  }
}
