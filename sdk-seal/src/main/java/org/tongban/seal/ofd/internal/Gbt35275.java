package org.tongban.seal.ofd.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.tongban.MalformedInputException;
import org.tongban.internal.asn1.Der;
import org.tongban.io.Limits;

/**
 * Reads the signed value of an OFD {@code Type="Sign"} signature as GB/T 35275 (SM2
 * cryptographic message syntax) defines it and as producers write it:
 * {@code ContentInfo { 1.2.156.10197.6.1.4.2.2 (or PKCS#7 signedData), [0] SignedData }},
 * {@code SignedData { version, digestAlgorithms, contentInfo { data, [0] OCTET STRING
 * (optional) }, [0] certificates, [1] crls (optional), signerInfos }} with exactly one
 * {@code SignerInfo { version, issuerAndSerialNumber, digestAlgorithm, [0] authenticated
 * attributes (optional), digestEncryptionAlgorithm, encryptedDigest, [1] (optional) }}.
 *
 * <p>What the signer signed: the DER of the authenticated attributes when present (whose
 * {@code message-digest} is SM3 of the signed file), otherwise the content octets (SM3 of the
 * signed file, as ofdrw writes them). Strict DER, bounded size and depth.
 */
public final class Gbt35275 {
  /** GB/T 35275 signedData. */
  static final ASN1ObjectIdentifier SIGNED_DATA = new ASN1ObjectIdentifier("1.2.156.10197.6.1.4.2.2");
  /** PKCS#7 signedData, which some producers write with the same content. */
  static final ASN1ObjectIdentifier PKCS7_SIGNED_DATA =
      new ASN1ObjectIdentifier("1.2.840.113549.1.7.2");

  private Gbt35275() {}

  /**
   * The parts a verifier needs.
   *
   * @param signerCertificate the signer's certificate DER
   * @param signedBytes what the signature is over
   * @param signature the DER SM2 signature
   * @param digestInContent the content octets, if any (SM3 of the file)
   * @param messageDigest the message-digest attribute, if attributes are present
   * @param signatureAlgorithm the digestEncryptionAlgorithm OID
   */
  public record Parsed(byte[] signerCertificate, byte[] signedBytes, byte[] signature,
      Optional<byte[]> digestInContent, Optional<byte[]> messageDigest,
      String signatureAlgorithm) {}

  /**
   * Returns whether bytes look like a ContentInfo rather than a bare signature: a SEQUENCE
   * whose first element is an OBJECT IDENTIFIER.
   *
   * @param value the signed value
   * @return true for a ContentInfo
   */
  public static boolean isContentInfo(byte[] value) {
    try {
      ASN1Primitive p = Der.decode(value, Limits.MAX_ASN1_BYTES, Limits.MAX_ASN1_DEPTH);
      return p instanceof ASN1Sequence s && s.size() == 2
          && s.getObjectAt(0) instanceof ASN1ObjectIdentifier;
    } catch (MalformedInputException e) {
      return false;
    }
  }

  /**
   * Parses a signed value.
   *
   * @param value the DER
   * @param maxBytes the size limit
   * @return the parts
   * @throws MalformedInputException if it is not the structure above
   */
  public static Parsed parse(byte[] value, int maxBytes) {
    try {
      ASN1Sequence ci = seq(Der.decode(value, maxBytes, Limits.MAX_ASN1_DEPTH));
      ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(ci.getObjectAt(0));
      if (!type.equals(SIGNED_DATA) && !type.equals(PKCS7_SIGNED_DATA)) {
        throw new MalformedInputException("not a SignedData: " + type);
      }
      ASN1Sequence sd = seq(explicit0(ci.getObjectAt(1)));
      int i = 0;
      ASN1Integer.getInstance(sd.getObjectAt(i++));
      ASN1Set.getInstance(sd.getObjectAt(i++));
      ASN1Sequence content = seq(sd.getObjectAt(i++));
      Optional<byte[]> digest = content.size() > 1
          ? Optional.of(ASN1OctetString.getInstance(explicit0(content.getObjectAt(1)))
              .getOctets()) : Optional.empty();
      ASN1Set certificates = null;
      while (i < sd.size() && sd.getObjectAt(i) instanceof ASN1TaggedObject t) {
        if (t.getTagNo() == 0) {
          certificates = ASN1Set.getInstance(t, false);
        }
        i++;
      }
      if (i != sd.size() - 1) {
        throw new MalformedInputException("SignedData has fields after its signer infos");
      }
      ASN1Set signers = ASN1Set.getInstance(sd.getObjectAt(i));
      if (signers.size() != 1) {
        throw new MalformedInputException("expected exactly one SignerInfo, found "
            + signers.size());
      }
      ASN1Sequence si = seq(signers.getObjectAt(0));
      int j = 1;
      ASN1Sequence ias = seq(si.getObjectAt(j++));
      X500Name issuer = X500Name.getInstance(ias.getObjectAt(0));
      BigInteger serial = ASN1Integer.getInstance(ias.getObjectAt(1)).getValue();
      j++; // digestAlgorithm
      Optional<byte[]> messageDigest = Optional.empty();
      byte[] signed = null;
      if (si.getObjectAt(j) instanceof ASN1TaggedObject t && t.getTagNo() == 0) {
        ASN1Set attrs = ASN1Set.getInstance(t, false);
        signed = attrs.getEncoded("DER");
        for (ASN1Encodable a : attrs) {
          Attribute attr = Attribute.getInstance(a);
          if (attr.getAttrType().equals(CMSAttributes.messageDigest)) {
            if (messageDigest.isPresent() || attr.getAttrValues().size() != 1) {
              throw new MalformedInputException("message-digest is not single-valued");
            }
            messageDigest = Optional.of(ASN1OctetString.getInstance(
                attr.getAttrValues().getObjectAt(0)).getOctets());
          }
        }
        if (messageDigest.isEmpty()) {
          throw new MalformedInputException("authenticated attributes without message-digest");
        }
        j++;
      }
      String alg = ASN1ObjectIdentifier.getInstance(seq(si.getObjectAt(j++)).getObjectAt(0))
          .getId();
      byte[] signature = ASN1OctetString.getInstance(si.getObjectAt(j)).getOctets();
      if (signed == null) {
        signed = digest.orElseThrow(() -> new MalformedInputException(
            "neither authenticated attributes nor content: nothing was signed"));
      }
      byte[] cert = null;
      for (ASN1Encodable c : certificates == null ? new ASN1Encodable[0]
          : certificates.toArray()) {
        Certificate x = Certificate.getInstance(c);
        if (x.getIssuer().equals(issuer) && x.getSerialNumber().getValue().equals(serial)) {
          cert = x.getEncoded("DER");
        }
      }
      if (cert == null) {
        throw new MalformedInputException("no embedded certificate matches the signer");
      }
      return new Parsed(cert, signed, signature, digest, messageDigest, alg);
    } catch (MalformedInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new MalformedInputException("malformed GB/T 35275 SignedData", e);
    }
  }

  private static ASN1Sequence seq(ASN1Encodable e) {
    return ASN1Sequence.getInstance(e);
  }

  private static ASN1Encodable explicit0(ASN1Encodable e) {
    ASN1TaggedObject t = ASN1TaggedObject.getInstance(e);
    if (t.getTagNo() != 0 || !t.isExplicit()) {
      throw new MalformedInputException("expected [0] EXPLICIT");
    }
    return t.getBaseObject();
  }
}
