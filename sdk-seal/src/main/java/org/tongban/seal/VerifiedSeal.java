package org.tongban.seal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesVersion;

/**
 * What a verified seal signature says, for display and records: the seal's name, type,
 * identifier and picture, who made it, who signed, when, and over which document properties.
 * Only ever obtained from a PASSED {@link org.tongban.result.VerificationResult}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class VerifiedSeal {
  private final SesVersion version;
  private final String sealName;
  private final String esId;
  private final int typeCode;
  private final SealPicture picture;
  private final X509Certificate maker;
  private final X509Certificate signer;
  private final Instant signingTime;
  private final String propertyInfo;
  private final Instant timeStampTime;

  VerifiedSeal(SesVersion version, String sealName, String esId, int typeCode,
      SealPicture picture, X509Certificate maker, X509Certificate signer, Instant signingTime,
      String propertyInfo, Instant timeStampTime) {
    this.version = version;
    this.sealName = sealName;
    this.esId = esId;
    this.typeCode = typeCode;
    this.picture = picture;
    this.maker = maker;
    this.signer = signer;
    this.signingTime = signingTime;
    this.propertyInfo = propertyInfo;
    this.timeStampTime = timeStampTime;
  }

  /**
   * Returns the generation the signature was in.
   *
   * @return V1 or V4
   */
  public SesVersion version() {
    return version;
  }

  /**
   * Returns the seal name.
   *
   * @return the name
   */
  public String sealName() {
    return sealName;
  }

  /**
   * Returns the seal identifier.
   *
   * @return the esID
   */
  public String esId() {
    return esId;
  }

  /**
   * Returns the seal type code.
   *
   * @return the code
   */
  public int typeCode() {
    return typeCode;
  }

  /**
   * Returns the seal picture for display.
   *
   * @return the picture
   */
  public SealPicture picture() {
    return picture;
  }

  /**
   * Returns the seal maker's certificate.
   *
   * @return the certificate
   */
  public X509Certificate maker() {
    return maker;
  }

  /**
   * Returns the signer's certificate.
   *
   * @return the certificate
   */
  public X509Certificate signer() {
    return signer;
  }

  /**
   * Returns the signing time the signer claimed.
   *
   * @return the time
   */
  public Instant signingTime() {
    return signingTime;
  }

  /**
   * Returns the document properties.
   *
   * @return the properties
   */
  public String propertyInfo() {
    return propertyInfo;
  }

  /**
   * Returns the time of a verified time stamp.
   *
   * @return the time, if the signature carried a time stamp
   */
  public Optional<Instant> timeStampTime() {
    return Optional.ofNullable(timeStampTime);
  }

  @Override
  public String toString() {
    return "VerifiedSeal{" + version + ", " + sealName + ", esID=" + esId + ", signer="
        + signer.getSubjectX500Principal().getName() + ", at " + signingTime + "}";
  }
}
