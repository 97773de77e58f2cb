package org.tongban.seal.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTCTime;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.crypto.SignatureAlgorithm;

/**
 * CMS SignedData (RFC 5652) for PDF signatures, detached, built field by field so that exactly
 * what is signed is visible: the DER {@code SET OF Attribute} of the signed attributes —
 * content type (id-data), signing time, message digest (of the PDF byte ranges), and
 * signing-certificate-v2 (SHA-256 of the signer certificate). SM2 signers use SM3 and the SM2
 * signature OID (GB/T 35275); RSA signers SHA-256 and sha256WithRSAEncryption.
 */
public final class Cms {
  private static final ASN1ObjectIdentifier SM3 = new ASN1ObjectIdentifier("1.2.156.10197.1.401");
  private static final ASN1ObjectIdentifier SM2_SM3 =
      new ASN1ObjectIdentifier("1.2.156.10197.1.501");

  private Cms() {}

  /**
   * Returns the digest algorithm identifier.
   *
   * @param d the digest
   * @return the identifier
   */
  public static AlgorithmIdentifier digestId(DigestAlgorithm d) {
    return d == DigestAlgorithm.SM3 ? new AlgorithmIdentifier(SM3)
        : new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
  }

  /**
   * Encodes the signed attributes: the bytes the signer signs.
   *
   * @param d the digest algorithm of the content digest
   * @param contentDigest the digest of the signed byte ranges
   * @param signingTime the claimed signing time; empty leaves the attribute out, as PAdES
   *     ({@code ETSI.CAdES.detached}) requires — the time is then the signature dictionary's
   *     {@code /M}
   * @param signer the signer certificate
   * @return DER of the SET OF Attribute
   */
  public static byte[] signedAttributes(DigestAlgorithm d, byte[] contentDigest,
      java.util.Optional<Instant> signingTime, X509Certificate signer) {
    try {
      ESSCertIDv2 certId = new ESSCertIDv2(new AlgorithmIdentifier(
          NISTObjectIdentifiers.id_sha256), DigestAlgorithm.SHA256.digest(signer.getEncoded()));
      ASN1EncodableVector v = new ASN1EncodableVector();
      v.add(new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.data)));
      if (signingTime.isPresent()) {
        v.add(new Attribute(CMSAttributes.signingTime,
            new DERSet(new DERUTCTime(Date.from(signingTime.get())))));
      }
      v.add(new Attribute(CMSAttributes.messageDigest,
          new DERSet(new DEROctetString(contentDigest))));
      v.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
          new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {certId}))));
      return new DERSet(v).getEncoded("DER");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode the signer certificate", e);
    }
  }

  /**
   * Assembles the detached SignedData ContentInfo.
   *
   * @param alg the signature algorithm
   * @param d the digest algorithm
   * @param signedAttributes the DER from {@link #signedAttributes}
   * @param signature the signature over it (DER for SM2)
   * @param chain the signer certificate first, then the chain
   * @return the DER ContentInfo
   */
  public static byte[] signedData(SignatureAlgorithm alg, DigestAlgorithm d,
      byte[] signedAttributes, byte[] signature, List<X509Certificate> chain) {
    try {
      Certificate signer = Certificate.getInstance(chain.get(0).getEncoded());
      SignerIdentifier sid = new SignerIdentifier(new IssuerAndSerialNumber(
          X500Name.getInstance(signer.getIssuer()), signer.getSerialNumber().getValue()));
      AlgorithmIdentifier sigId = alg == SignatureAlgorithm.SM2_SM3
          ? new AlgorithmIdentifier(SM2_SM3)
          : new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption,
              DERNull.INSTANCE);
      SignerInfo si = new SignerInfo(sid, digestId(d),
          ASN1Set.getInstance(ASN1Primitive.fromByteArray(signedAttributes)), sigId,
          new DEROctetString(signature), null);
      ASN1EncodableVector certs = new ASN1EncodableVector();
      for (X509Certificate c : chain) {
        certs.add(Certificate.getInstance(c.getEncoded()));
      }
      SignedData sd = new SignedData(new DERSet(digestId(d)),
          new ContentInfo(CMSObjectIdentifiers.data, null), new DERSet(certs), null,
          new DERSet(si));
      return new ContentInfo(CMSObjectIdentifiers.signedData, sd).getEncoded("DER");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode a certificate", e);
    }
  }
}
