package org.tongban.license;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a verified QR code says: the container prefix, the issuer certificate whose key
 * verified it, the CWT times, and — for a Tongban licence ({@code ZZ1:}) — the licence; for any
 * other HCERT-style payload ({@code HC1:}) the claim under −260/1 as a map.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class VerifiedLicense {
  private final String prefix;
  private final X509Certificate issuer;
  private final Optional<Instant> issuedAt;
  private final Optional<Instant> expires;
  private final Optional<License> license;
  private final java.util.function.Supplier<Map<String, Object>> payload;

  VerifiedLicense(String prefix, X509Certificate issuer, Optional<Instant> issuedAt,
      Optional<Instant> expires, Optional<License> license,
      java.util.function.Supplier<Map<String, Object>> payload) {
    this.prefix = prefix;
    this.issuer = issuer;
    this.issuedAt = issuedAt;
    this.expires = expires;
    this.license = license;
    this.payload = payload;
  }

  /**
   * Returns the QR prefix, e.g. {@code ZZ1:}.
   *
   * @return the prefix
   */
  public String prefix() {
    return prefix;
  }

  /**
   * Returns the certificate whose key verified the signature.
   *
   * @return the certificate
   */
  public X509Certificate issuerCertificate() {
    return issuer;
  }

  /**
   * Returns the CWT {@code iat}.
   *
   * @return the issue time
   */
  public Optional<Instant> issuedAt() {
    return issuedAt;
  }

  /**
   * Returns the CWT {@code exp}.
   *
   * @return the expiry
   */
  public Optional<Instant> expires() {
    return expires;
  }

  /**
   * Returns the licence, for a Tongban licence.
   *
   * @return the licence
   */
  public Optional<License> license() {
    return license;
  }

  /**
   * Returns the signed payload under claim −260/1 as a map (text keys; values String, Long,
   * Double, Boolean, byte[], List or Map).
   *
   * @return the payload
   */
  public Map<String, Object> payload() {
    return payload.get();
  }

  @Override
  public String toString() {
    return "VerifiedLicense{" + prefix + license.map(License::toString).orElse(" payload") + "}";
  }
}
