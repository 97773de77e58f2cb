package org.tongban.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Tells whether a certificate was revoked: {@link CrlRevocationSource} by CRL,
 * {@link OcspRevocationSource} by OCSP, {@link #firstKnown} one after the other.
 *
 * <p>Implementations must be safe for concurrent use and must not throw for unreachable or bad
 * revocation data: they return {@link RevocationStatus#unknown(String)}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RevocationSource {

  /**
   * Checks a certificate, whose issuer's signature has already been verified.
   *
   * @param certificate the certificate
   * @param issuer its issuer's certificate
   * @param validationTime the time that matters (e.g. the signing time)
   * @return the status
   */
  RevocationStatus check(X509Certificate certificate, X509Certificate issuer,
      Instant validationTime);

  /**
   * Asks the sources in order and returns the first status that is not unknown (e.g. OCSP,
   * then the CRL when the responder cannot be reached); unknown, with every source's reason,
   * when none knows.
   *
   * @param sources the sources, at least one
   * @return the combined source
   */
  static RevocationSource firstKnown(RevocationSource... sources) {
    java.util.List<RevocationSource> all = java.util.List.of(sources);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("at least one revocation source");
    }
    return (certificate, issuer, validationTime) -> {
      java.util.List<String> problems = new java.util.ArrayList<>();
      for (RevocationSource s : all) {
        RevocationStatus status;
        try {
          status = s.check(certificate, issuer, validationTime);
        } catch (RuntimeException e) {
          status = RevocationStatus.unknown("revocation source failed");
        }
        if (status.status() != RevocationStatus.Status.UNKNOWN) {
          return status;
        }
        problems.add(status.detail());
      }
      return RevocationStatus.unknown(String.join("; ", problems));
    };
  }
}
