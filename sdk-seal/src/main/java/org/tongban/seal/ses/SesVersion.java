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
}
