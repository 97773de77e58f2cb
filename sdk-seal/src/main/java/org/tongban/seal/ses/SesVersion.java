package org.tongban.seal.ses;

/**
 * The two generations of the electronic seal data format.
 *
 * @since 0.1
 */
public enum SesVersion {
  /**
   * GM/T 0031-2014 ("v1"): {@code SESeal ::= SEQUENCE { eSealInfo, signInfo SES_SignInfo }},
   * UTCTime dates, the signer's certificate and algorithm inside {@code TBS_Sign}.
   */
  V1(1),
  /**
   * GB/T 38540-2020 ("v4"): {@code SESeal ::= SEQUENCE { eSealInfo, cert, signAlgID,
   * signedValue }}, GeneralizedTime dates, certificate list or certificate digests.
   */
  V4(4);

  private final int headerVersion;

  SesVersion(int headerVersion) {
    this.headerVersion = headerVersion;
  }

  /**
   * Returns the version number written in {@code SES_Header.version} and
   * {@code TBS_Sign.version}.
   *
   * @return 1 or 4
   */
  public int headerVersion() {
    return headerVersion;
  }

  /**
   * Returns whether a {@code SES_Header.version} or {@code TBS_Sign.version} read from a
   * structure of this generation is accepted. The structure, not the number, decides the
   * generation (as ofdrw reads them): inside the v1 structure vendors write 1, 2 or 3; the v4
   * structure carries 4. Anything else (a 4 in the v1 structure, a 5 from GM/T 0031-2025) would
   * change what the fields mean, and is refused.
   *
   * @param seen the version read
   * @return true if accepted
   */
  public boolean acceptsHeaderVersion(int seen) {
    return this == V4 ? seen == 4 : seen >= 1 && seen <= 3;
  }
}
