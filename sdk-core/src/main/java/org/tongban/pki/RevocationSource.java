package org.tongban.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Tells whether a certificate was revoked. {@link CrlRevocationSource} is the CRL
 * implementation; an OCSP client can implement this too.
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
}
