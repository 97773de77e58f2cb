package org.tongban.seal.pdf.internal;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import org.tongban.MalformedInputException;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.internal.asn1.Der;
import org.tongban.io.Limits;
import org.tongban.seal.internal.Asn1Read;

/**
 * The CMS signature in a PDF's {@code /Contents}: one {@code ContentInfo} (BER, bounded in
 * size and depth, followed only by zero padding) of a detached {@code SignedData} with exactly
 * one {@code SignerInfo} carrying signed attributes ({@code message-digest} required,
 * {@code content-type} id-data when present, {@code signing-time} and a SHA-256
 * {@code signing-certificate-v2} read when present) and its certificate. What is signed is the
 * DER {@code SET OF Attribute} of the signed attributes.
 */
public final class CmsSignature {
  private static final ASN1ObjectIdentifier SM3 = new ASN1ObjectIdentifier("1.2.156.10197.1.401");
  private static final ASN1ObjectIdentifier SM2_SM3 =
      new ASN1ObjectIdentifier("1.2.156.10197.1.501");

  private CmsSignature() {}

  /**
   * Returns the algorithm a signature and digest OID pair names: SM2 with SM3, or RSA
   * (sha256WithRSAEncryption or rsaEncryption) with SHA-256.
   *
   * @param sigOid the signature algorithm
   * @param digestOid the digest algorithm
   * @return the algorithm, or empty for any other pair
   */
  public static Optional<SignatureAlgorithm> algorithm(String sigOid, String digestOid) {
    boolean sm3 = digestOid.equals(SM3.getId());
    boolean sha256 = digestOid.equals(NISTObjectIdentifiers.id_sha256.getId());
    if (sm3 && sigOid.equals(SM2_SM3.getId())) {
      return Optional.of(SignatureAlgorithm.SM2_SM3);
    }
    if (sha256 && (sigOid.equals(PKCSObjectIdentifiers.sha256WithRSAEncryption.getId())
        || sigOid.equals(PKCSObjectIdentifiers.rsaEncryption.getId()))) {
      return Optional.of(SignatureAlgorithm.RSA_PKCS1_SHA256);
    }
    return Optional.empty();
  }

  /**
   * Returns the one ASN.1 SEQUENCE at the start of {@code /Contents}, which only zeros may
   * follow.
   *
   * @param contents the decoded {@code /Contents}
   * @param maxBytes the size limit
   * @return the value's bytes
   * @throws MalformedInputException if it is not that
   */
  public static byte[] leadingValue(byte[] contents, int maxBytes) {
    if (contents.length == 0 || contents[0] != 0x30) {
      throw new MalformedInputException("/Contents does not start with an ASN.1 SEQUENCE");
    }
    int length = Der.berLength(contents, maxBytes, Limits.MAX_ASN1_DEPTH);
    for (int i = length; i < contents.length; i++) {
      if (contents[i] != 0) {
        throw new MalformedInputException("bytes after the signature are not zero padding");
      }
    }
    return Arrays.copyOf(contents, length);
  }

  /** The parts of a CMS signature the verifier uses, read from untrusted bytes. */
  public static final class ParsedCms {
    /** The SignerInfo's signature algorithm OID. */
    public String signatureOid;
    /** The SignerInfo's digest algorithm OID. */
    public String digestOid;
    /** DER {@code SET OF Attribute}: what the signer signed. */
    public byte[] signedAttributes;
    /** The signature value. */
    public byte[] signatureValue;
    /** The message-digest attribute. */
    public byte[] messageDigest;
    /** The signing-certificate-v2 SHA-256, when present. */
    public Optional<byte[]> certHash = Optional.empty();
    /** The signing-time attribute, when present. */
    public Optional<Instant> signingTime = Optional.empty();
    /** The signer's certificate. */
    public X509Certificate signer;
    /** Its DER. */
    public byte[] signerDer;
    /** The other embedded certificates, DER. */
    public final List<byte[]> others = new ArrayList<>();

    /** Turns certificate DER into an {@link X509Certificate}. */
    public interface Certificates {
      /**
       * Parses one certificate.
       *
       * @param der the DER
       * @return the certificate
       * @throws CertificateException if it is not one
       */
      X509Certificate of(byte[] der) throws CertificateException;
    }

    /**
     * Reads the CMS from a signature's {@code /Contents}.
     *
     * @param contents the decoded {@code /Contents}
     * @param maxBytes the size limit
     * @param certificates parses (and may cache) certificates
     * @return the parts
     * @throws MalformedInputException if it is not the structure this class describes
     */
    public static ParsedCms parse(byte[] contents, int maxBytes, Certificates certificates) {
      // BER, not only DER: common signers (BouncyCastle's CMS generator among them) write
      // indefinite lengths. The signed attributes are re-encoded as DER before verification.
      byte[] ber = leadingValue(contents, maxBytes);
      try {
        return read(ber, certificates);
      } catch (MalformedInputException e) {
        throw e;
      } catch (IOException | CertificateException | RuntimeException e) {
        throw new MalformedInputException("malformed CMS SignedData", e);
      }
    }

    private static ParsedCms read(byte[] ber, Certificates certificates)
        throws IOException, CertificateException {
      // The usual case, DER with the signer's certificate embedded, is read as slices of the
      // input; anything else goes through BouncyCastle's object model, which explains itself.
      Optional<CmsSlices.Slices> slices = CmsSlices.read(ber);
      if (slices.isPresent()) {
        CmsSlices.Slices sl = slices.get();
        ParsedCms p = new ParsedCms();
        p.digestOid = ASN1ObjectIdentifier.getInstance(sl.digestAlgorithm()).getId();
        p.signatureOid = ASN1ObjectIdentifier.getInstance(sl.signatureAlgorithm()).getId();
        p.signatureValue = sl.signature();
        attributes(p, ASN1Set.getInstance(sl.signedAttributes()));
        p.signerDer = sl.signer();
        p.signer = certificates.of(p.signerDer);
        p.others.addAll(sl.others());
        return p;
      }
      ContentInfo ci;
      // Lazily: the certificates' insides are parsed only if they are used.
      try (org.bouncycastle.asn1.ASN1InputStream in =
          new org.bouncycastle.asn1.ASN1InputStream(ber, true)) {
        ci = ContentInfo.getInstance(in.readObject());
      }
      if (!CMSObjectIdentifiers.signedData.equals(ci.getContentType())) {
        throw new MalformedInputException("not a SignedData");
      }
      SignedData sd = SignedData.getInstance(ci.getContent());
      if (sd.getEncapContentInfo().getContent() != null) {
        throw new MalformedInputException("the SignedData is not detached");
      }
      if (sd.getSignerInfos().size() != 1) {
        throw new MalformedInputException("expected exactly one SignerInfo, found "
            + sd.getSignerInfos().size());
      }
      SignerInfo si = SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0));
      ASN1Set attrs = si.getAuthenticatedAttributes();
      if (attrs == null) {
        throw new MalformedInputException("no signed attributes");
      }
      ParsedCms p = new ParsedCms();
      p.signatureOid = si.getDigestEncryptionAlgorithm().getAlgorithm().getId();
      p.digestOid = si.getDigestAlgorithm().getAlgorithm().getId();
      p.signatureValue = si.getEncryptedDigest().getOctets();
      attributes(p, attrs);
      if (sd.getCertificates() == null) {
        throw new MalformedInputException("the signer certificate is not embedded");
      }
      if (!si.getSID().isTagged()) {
        IssuerAndSerialNumber ias = IssuerAndSerialNumber.getInstance(si.getSID().getId());
        for (ASN1Encodable e : sd.getCertificates()) {
          Certificate c = Certificate.getInstance(e);
          if (p.signer == null && c.getIssuer().equals(ias.getName())
              && c.getSerialNumber().getValue().equals(ias.getSerialNumber().getValue())) {
            p.signerDer = c.getEncoded("DER");
            p.signer = certificates.of(p.signerDer);
          } else {
            p.others.add(c.getEncoded("DER"));
          }
        }
      }
      if (p.signer == null) {
        throw new MalformedInputException("no embedded certificate matches the signer "
            + "identifier (issuer and serial number)");
      }
      return p;
    }

    /** Reads the signed attributes every format needs, and their DER (what is signed). */
    private static void attributes(ParsedCms p, ASN1Set attrs) throws IOException {
      p.signedAttributes = attrs.getEncoded("DER");
      AttributeTable table = new AttributeTable(attrs);
      p.messageDigest = ASN1OctetString.getInstance(single(table, CMSAttributes.messageDigest,
          true).orElseThrow()).getOctets();
      Optional<ASN1Encodable> type = single(table, CMSAttributes.contentType, false);
      if (type.isPresent() && !CMSObjectIdentifiers.data.equals(type.get())) {
        throw new MalformedInputException("content-type attribute is not id-data");
      }
      p.signingTime = single(table, CMSAttributes.signingTime, false)
          .map(Asn1Read::time);
      Optional<ASN1Encodable> scv2 = single(table,
          PKCSObjectIdentifiers.id_aa_signingCertificateV2, false);
      if (scv2.isPresent()) {
        ESSCertIDv2 id = SigningCertificateV2.getInstance(scv2.get()).getCerts()[0];
        if (!NISTObjectIdentifiers.id_sha256.equals(id.getHashAlgorithm().getAlgorithm())) {
          throw new MalformedInputException("signing-certificate-v2 uses a hash other than "
              + "SHA-256");
        }
        p.certHash = Optional.of(id.getCertHash());
      }
    }

    /** The one value of a signed attribute; more than one attribute or value is malformed. */
    private static Optional<ASN1Encodable> single(AttributeTable t, ASN1ObjectIdentifier oid,
        boolean required) {
      var all = t.getAll(oid);
      if (all.size() == 0) {
        if (required) {
          throw new MalformedInputException("missing signed attribute " + oid);
        }
        return Optional.empty();
      }
      Attribute a = Attribute.getInstance(all.get(0));
      if (all.size() != 1 || a.getAttrValues().size() != 1) {
        throw new MalformedInputException("signed attribute " + oid + " is not single-valued");
      }
      return Optional.of(a.getAttrValues().getObjectAt(0));
    }
  }
}
