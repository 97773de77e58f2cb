package org.tongban.pki;

import java.math.BigInteger;
import java.net.URI;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.tongban.SigningException;
import org.tongban.crypto.SigningKey;
import org.tongban.internal.pki.X509Signatures;
import org.tongban.keys.Pem;

/**
 * Issues X.509 v3 certificates: self-signed roots, intermediate CAs and leaves, for SM2, RSA and
 * ECDSA keys, signed by any {@link SigningKey} (an HSM key included). For demos, tests and small
 * private PKIs; not a certification authority.
 *
 * <p>Every certificate gets subject and authority key identifiers; a CA gets basic constraints
 * (critical, with the path length) and keyCertSign + cRLSign; key usage is critical. SM2
 * certificates are signed with SM2/SM3 (OID 1.2.156.10197.1.501) and the default
 * distinguishing ID, as GM/T 0015 requires.
 *
 * <p>Not thread-safe.
 *
 * @since 0.1
 */
public final class CertificateBuilder {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PublicKey subjectKey;
  private final String subjectDn;
  private X509Certificate issuerCert;
  private SigningKey issuerKey;
  private BigInteger serial;
  private Instant notBefore;
  private Instant notAfter;
  private int pathLength = -2; // -2: not a CA; -1: CA without path length constraint
  private Set<KeyUsage> keyUsage = EnumSet.noneOf(KeyUsage.class);
  private URI crlDistributionPoint;
  private boolean timeStamping;

  private CertificateBuilder(PublicKey subjectKey, String subjectDn) {
    this.subjectKey = Objects.requireNonNull(subjectKey, "subjectKey");
    this.subjectDn = Objects.requireNonNull(subjectDn, "subjectDn");
  }

  /**
   * Starts a certificate for a subject.
   *
   * @param subjectKey the subject's public key
   * @param subjectDn the subject DN, e.g. {@code CN=某某局,O=某某市人民政府,C=CN}
   * @return a builder
   */
  public static CertificateBuilder forSubject(PublicKey subjectKey, String subjectDn) {
    return new CertificateBuilder(subjectKey, subjectDn);
  }

  /**
   * Signs with the issuer's key and names the issuer's certificate.
   *
   * @param issuerCertificate the issuer's certificate
   * @param issuerSigningKey the issuer's key
   * @return this builder
   */
  public CertificateBuilder issuer(X509Certificate issuerCertificate, SigningKey issuerSigningKey) {
    this.issuerCert = Objects.requireNonNull(issuerCertificate, "issuerCertificate");
    this.issuerKey = Objects.requireNonNull(issuerSigningKey, "issuerSigningKey");
    return this;
  }

  /**
   * Makes the certificate self-signed with the subject's own key.
   *
   * @param subjectSigningKey the subject's signing key
   * @return this builder
   */
  public CertificateBuilder selfSigned(SigningKey subjectSigningKey) {
    this.issuerCert = null;
    this.issuerKey = Objects.requireNonNull(subjectSigningKey, "subjectSigningKey");
    return this;
  }

  /**
   * Sets the serial number; a random positive 127-bit number by default.
   *
   * @param serialNumber the serial, positive
   * @return this builder
   */
  public CertificateBuilder serialNumber(BigInteger serialNumber) {
    if (serialNumber.signum() <= 0) {
      throw new IllegalArgumentException("serial number must be positive");
    }
    this.serial = serialNumber;
    return this;
  }

  /**
   * Sets the validity period.
   *
   * @param notBefore start
   * @param notAfter end, after start
   * @return this builder
   */
  public CertificateBuilder validity(Instant notBefore, Instant notAfter) {
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException("notAfter must be after notBefore");
    }
    this.notBefore = notBefore;
    this.notAfter = notAfter;
    return this;
  }

  /**
   * Makes the certificate a CA with keyCertSign and cRLSign.
   *
   * @param maxPathLength the path length constraint, or -1 for none
   * @return this builder
   */
  public CertificateBuilder ca(int maxPathLength) {
    if (maxPathLength < -1) {
      throw new IllegalArgumentException("path length must be -1 (none) or more");
    }
    this.pathLength = maxPathLength;
    this.keyUsage = EnumSet.of(KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN);
    return this;
  }

  /**
   * Sets the key usage (replacing the CA default if called after {@link #ca(int)}).
   *
   * @param usages the usages, not empty
   * @return this builder
   */
  public CertificateBuilder keyUsage(Set<KeyUsage> usages) {
    if (usages.isEmpty()) {
      throw new IllegalArgumentException("key usage must not be empty");
    }
    this.keyUsage = EnumSet.copyOf(usages);
    return this;
  }

  /**
   * Marks the certificate for a time-stamping authority: a critical extended key usage of
   * id-kp-timeStamping only (RFC 3161 §2.3).
   *
   * @return this builder
   */
  public CertificateBuilder timeStamping() {
    this.timeStamping = true;
    return this;
  }

  /**
   * Adds a CRL distribution point.
   *
   * @param uri an http(s) URI of the issuer's CRL
   * @return this builder
   */
  public CertificateBuilder crlDistributionPoint(URI uri) {
    this.crlDistributionPoint = Objects.requireNonNull(uri, "uri");
    return this;
  }

  /**
   * Signs and returns the certificate.
   *
   * @return the certificate
   * @throws IllegalStateException if the issuer or validity is missing
   * @throws SigningException if signing fails
   */
  public X509Certificate build() {
    if (issuerKey == null) {
      throw new IllegalStateException("call issuer(...) or selfSigned(...)");
    }
    if (notBefore == null) {
      throw new IllegalStateException("call validity(...)");
    }
    if (keyUsage.isEmpty()) {
      keyUsage = EnumSet.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.NON_REPUDIATION);
    }
    try {
      // Parse with the JDK so that the RFC 2253 order (most specific first) is kept.
      X500Name subject = X500Name.getInstance(
          new javax.security.auth.x500.X500Principal(subjectDn).getEncoded());
      X500Name issuer = issuerCert == null ? subject
          : X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
      BigInteger sn = serial != null ? serial : new BigInteger(127, RANDOM).setBit(126);
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded());
      X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer, sn,
          Date.from(notBefore), Date.from(notAfter), subject, spki);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.subjectKeyIdentifier, false,
          ext.createSubjectKeyIdentifier(spki));
      SubjectPublicKeyInfo issuerSpki = issuerCert == null ? spki
          : SubjectPublicKeyInfo.getInstance(issuerCert.getPublicKey().getEncoded());
      b.addExtension(Extension.authorityKeyIdentifier, false,
          ext.createAuthorityKeyIdentifier(issuerSpki));
      if (pathLength >= -1) {
        b.addExtension(Extension.basicConstraints, true, pathLength >= 0
            ? new BasicConstraints(pathLength) : new BasicConstraints(true));
      }
      int bits = 0;
      for (KeyUsage u : keyUsage) {
        bits |= 1 << (7 - u.bit()); // BC's KeyUsage constants: bit 0 is 0x80
      }
      b.addExtension(Extension.keyUsage, true,
          new org.bouncycastle.asn1.x509.KeyUsage(bits));
      if (timeStamping) {
        b.addExtension(Extension.extendedKeyUsage, true, new org.bouncycastle.asn1.x509
            .ExtendedKeyUsage(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_timeStamping));
      }
      if (crlDistributionPoint != null) {
        GeneralNames names = new GeneralNames(new GeneralName(
            GeneralName.uniformResourceIdentifier, crlDistributionPoint.toString()));
        b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
            new DistributionPoint[] {
              new DistributionPoint(new DistributionPointName(names), null, null)
            }));
      }
      byte[] der = b.build(X509Signatures.contentSigner(issuerKey)).getEncoded();
      return Pem.toCertificate(der);
    } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
      throw new SigningException("cannot build certificate", e);
    }
  }
}
