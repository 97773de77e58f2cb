package org.tongban.pki;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A validated certificate path, leaf first, ending with the trust anchor.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CertificatePath {
  private final List<X509Certificate> certificates;

  CertificatePath(List<X509Certificate> certificates) {
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("empty path");
    }
    this.certificates = List.copyOf(certificates);
  }

  /**
   * Returns the certificates, leaf first, anchor last.
   *
   * @return the certificates
   */
  public List<X509Certificate> certificates() {
    return certificates;
  }

  /**
   * Returns the leaf (end-entity) certificate.
   *
   * @return the leaf
   */
  public X509Certificate leaf() {
    return certificates.get(0);
  }

  /**
   * Returns the trust anchor the path ends at.
   *
   * @return the anchor
   */
  public X509Certificate anchor() {
    return certificates.get(certificates.size() - 1);
  }

  @Override
  public String toString() {
    return "CertificatePath" + certificates.stream()
        .map(c -> c.getSubjectX500Principal().getName()).toList();
  }
}
