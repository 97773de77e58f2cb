package org.tongban.license;

/**
 * The first step's output of {@link LicenseIssuer}: the exact bytes to sign — the CBOR
 * {@code Sig_structure ["Signature1", protected, h'', payload]} of RFC 9052 §4.4 — for an HSM or
 * remote signer. Pass the signature back to {@link LicenseIssuer#complete}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class PreparedLicense {
  private final License license;
  private final byte[] protectedHeader;
  private final byte[] payload;
  private final byte[] toBeSigned;

  PreparedLicense(License license, byte[] protectedHeader, byte[] payload, byte[] toBeSigned) {
    this.license = license;
    this.protectedHeader = protectedHeader;
    this.payload = payload;
    this.toBeSigned = toBeSigned;
  }

  /**
   * Returns the bytes to sign (as a message: the signer hashes them).
   *
   * @return a copy
   */
  public byte[] toBeSigned() {
    return toBeSigned.clone();
  }

  /**
   * Returns the licence being issued.
   *
   * @return the licence
   */
  public License license() {
    return license;
  }

  byte[] protectedHeader() {
    return protectedHeader;
  }

  byte[] payload() {
    return payload;
  }

  byte[] tbs() {
    return toBeSigned;
  }
}
