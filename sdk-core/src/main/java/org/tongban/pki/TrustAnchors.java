package org.tongban.pki;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The certificates a verifier trusts as roots. A chain is trusted only if it ends at one of
 * them; their own signatures and extensions are not required (RFC 5280 §6.1.1 treats an anchor
 * as configuration), but their validity period is checked.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class TrustAnchors {
  private static final TrustAnchors NONE = new TrustAnchors(List.of());

  private final List<X509Certificate> anchors;

  private TrustAnchors(List<X509Certificate> anchors) {
    this.anchors = anchors;
  }

  /**
   * Returns trust anchors.
   *
   * @param certificates the trusted certificates, not empty
   * @return the anchors
   */
  public static TrustAnchors of(List<X509Certificate> certificates) {
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("at least one trust anchor is needed");
    }
    return new TrustAnchors(List.copyOf(certificates));
  }

  /**
   * Returns trust anchors.
   *
   * @param certificates the trusted certificates, at least one
   * @return the anchors
   */
  public static TrustAnchors of(X509Certificate... certificates) {
    return of(List.of(certificates));
  }

  /**
   * Returns the empty set: nothing is trusted.
   *
   * @return no anchors
   */
  public static TrustAnchors none() {
    return NONE;
  }

  /**
   * Returns the certificates.
   *
   * @return the anchors
   */
  public List<X509Certificate> certificates() {
    return anchors;
  }

  /**
   * Returns whether this exact certificate is an anchor.
   *
   * @param cert the certificate
   * @return true if trusted as-is
   */
  public boolean contains(X509Certificate cert) {
    Objects.requireNonNull(cert, "cert");
    return anchors.stream().anyMatch(a -> sameEncoding(a, cert));
  }

  /**
   * Finds the anchors whose subject is the given issuer name.
   *
   * @param issuer the issuer name
   * @return the candidate anchors
   */
  public List<X509Certificate> bySubject(X500Principal issuer) {
    return anchors.stream().filter(a -> a.getSubjectX500Principal().equals(issuer)).toList();
  }

  /**
   * Returns the first anchor, for display.
   *
   * @return the anchor
   */
  public Optional<X509Certificate> first() {
    return anchors.stream().findFirst();
  }

  static boolean sameEncoding(X509Certificate a, X509Certificate b) {
    try {
      return Arrays.equals(a.getEncoded(), b.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "TrustAnchors" + anchors.stream().map(a -> a.getSubjectX500Principal().getName())
        .toList();
  }
}
