package org.tongban.pki;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.tongban.SigningException;
import org.tongban.crypto.SigningKey;
import org.tongban.internal.pki.X509Signatures;
import org.tongban.keys.Pem;

/**
 * Issues an X.509 v2 CRL (RFC 5280 §5) signed by a CA's {@link SigningKey}, with CRL number and
 * authority key identifier. For demos, tests and small private PKIs. Not thread-safe.
 *
 * @since 0.1
 */
public final class CrlBuilder {
  private final X509Certificate issuerCert;
  private final SigningKey issuerKey;
  private Instant thisUpdate;
  private Instant nextUpdate;
  private BigInteger number = BigInteger.ONE;
  private final Map<BigInteger, Instant> revoked = new LinkedHashMap<>();

  private CrlBuilder(X509Certificate issuerCert, SigningKey issuerKey) {
    this.issuerCert = Objects.requireNonNull(issuerCert, "issuerCert");
    this.issuerKey = Objects.requireNonNull(issuerKey, "issuerKey");
  }

  /**
   * Starts a CRL.
   *
   * @param issuerCertificate the CA certificate
   * @param issuerSigningKey the CA key
   * @return a builder
   */
  public static CrlBuilder forIssuer(X509Certificate issuerCertificate,
      SigningKey issuerSigningKey) {
    return new CrlBuilder(issuerCertificate, issuerSigningKey);
  }

  /**
   * Sets thisUpdate and nextUpdate.
   *
   * @param thisUpdate issue time
   * @param nextUpdate when the next CRL is due, after thisUpdate
   * @return this builder
   */
  public CrlBuilder updates(Instant thisUpdate, Instant nextUpdate) {
    if (!nextUpdate.isAfter(thisUpdate)) {
      throw new IllegalArgumentException("nextUpdate must be after thisUpdate");
    }
    this.thisUpdate = thisUpdate;
    this.nextUpdate = nextUpdate;
    return this;
  }

  /**
   * Sets the CRL number.
   *
   * @param crlNumber a positive number
   * @return this builder
   */
  public CrlBuilder number(BigInteger crlNumber) {
    if (crlNumber.signum() <= 0) {
      throw new IllegalArgumentException("CRL number must be positive");
    }
    this.number = crlNumber;
    return this;
  }

  /**
   * Lists a certificate as revoked (reason keyCompromise).
   *
   * @param serialNumber the certificate's serial number
   * @param revocationTime when it was revoked
   * @return this builder
   */
  public CrlBuilder revoke(BigInteger serialNumber, Instant revocationTime) {
    revoked.put(Objects.requireNonNull(serialNumber, "serialNumber"),
        Objects.requireNonNull(revocationTime, "revocationTime"));
    return this;
  }

  /**
   * Signs and returns the CRL.
   *
   * @return the CRL
   */
  public X509CRL build() {
    if (thisUpdate == null) {
      throw new IllegalStateException("call updates(...)");
    }
    try {
      X509v2CRLBuilder b = new X509v2CRLBuilder(
          X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded()),
          Date.from(thisUpdate));
      b.setNextUpdate(Date.from(nextUpdate));
      for (Map.Entry<BigInteger, Instant> e : revoked.entrySet()) {
        b.addCRLEntry(e.getKey(), Date.from(e.getValue()), CRLReason.keyCompromise);
      }
      b.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
      b.addExtension(Extension.authorityKeyIdentifier, false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(
              SubjectPublicKeyInfo.getInstance(issuerCert.getPublicKey().getEncoded())));
      byte[] der = b.build(X509Signatures.contentSigner(issuerKey)).getEncoded();
      return Pem.readCrl(der, Integer.MAX_VALUE);
    } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
      throw new SigningException("cannot build CRL", e);
    }
  }
}
