package org.tongban.seal.ses;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.tongban.MalformedInputException;
import org.tongban.crypto.VerificationKey;
import org.tongban.internal.asn1.Der;
import org.tongban.io.Limits;
import org.tongban.keys.Pem;
import org.tongban.seal.internal.Asn1Read;
import org.tongban.seal.internal.ProducerTimes;

/**
 * An electronic signature made with a seal (电子签章, {@code SES_Signature}) of either
 * generation, parsed strictly. It embeds the whole seal.
 *
 * <h2>What the signer signed</h2>
 *
 * {@link #toBeSigned()} returns the DER encoding of {@code TBS_Sign}, which the signer (签章人)
 * signs in both generations:
 *
 * <ul>
 *   <li>v4: {@code TBS_Sign ::= SEQUENCE { version INTEGER (4), eseal SESeal, timeInfo
 *       GeneralizedTime, dataHash BIT STRING, propertyInfo IA5String, extDatas [0] EXPLICIT
 *       ExtensionDatas OPTIONAL }}; the signer's certificate and algorithm follow outside
 *       {@code TBS_Sign}, and an optional {@code [0] EXPLICIT} time stamp over the signature;
 *   <li>v1: {@code TBS_Sign ::= SEQUENCE { version INTEGER (1), eseal SESeal, timeInfo BIT STRING
 *       (the DER of a UTCTime), dataHash BIT STRING, propertyInfo IA5String, cert OCTET STRING,
 *       signatureAlgorithm OBJECT IDENTIFIER }}.
 * </ul>
 *
 * {@code dataHash} is SM3 of the document for SM2 signers and SHA-256 for RSA signers.
 *
 * <p>Rejects (with {@link MalformedInputException}) what {@link SesSeal#parse} rejects, plus a
 * {@code TBS_Sign.version} of another generation than the structure's or the seal's, and wrong
 * field types.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SesSignature {
  private final byte[] encoded;
  private final SesVersion version;
  private final int tbsVersion;
  private final SesSeal seal;
  private final Instant signingTime;
  private final byte[] dataHash;
  private final String propertyInfo;
  private final X509Certificate signerCertificate;
  private final String signatureAlgorithmOid;
  private final byte[] signature;
  private final byte[] timeStamp;
  /** DER({@code TBS_Sign}) is {@code encoded[tbsOffset, tbsOffset + tbsLength)}: not copied. */
  private final int tbsOffset;
  private final int tbsLength;

  private SesSignature(byte[] encoded, ASN1Sequence seq) throws IOException {
    this.encoded = encoded;
    ASN1Sequence tbs;
    byte[] certDer;
    if (seq.size() == 4 || seq.size() == 5) {
      version = SesVersion.V4;
      tbs = Asn1Read.seq(seq.getObjectAt(0), 5, 6);
      certDer = Asn1Read.octets(seq.getObjectAt(1));
      signatureAlgorithmOid = Asn1Read.oid(seq.getObjectAt(2));
      signature = Asn1Read.bits(seq.getObjectAt(3));
      if (seq.size() == 5) {
        ASN1TaggedObject t = tagged0(seq.getObjectAt(4));
        timeStamp = Asn1Read.bits(t.getBaseObject());
      } else {
        timeStamp = null;
      }
    } else if (seq.size() == 2) {
      version = SesVersion.V1;
      tbs = Asn1Read.seq(seq.getObjectAt(0), 7, 7);
      certDer = Asn1Read.octets(tbs.getObjectAt(5));
      signatureAlgorithmOid = Asn1Read.oid(tbs.getObjectAt(6));
      signature = Asn1Read.bits(seq.getObjectAt(1));
      timeStamp = null;
    } else {
      throw new MalformedInputException("not an SES_Signature: " + seq.size() + " fields");
    }
    tbsVersion = Asn1Read.smallInt(tbs.getObjectAt(0));
    int[] tbsRange = Der.childRange(encoded, 0, 0);
    int[] sealRange = Der.childRange(encoded, tbsRange[0], 1);
    seal = SesSeal.fromAsn1(tbs.getObjectAt(1), encoded, sealRange[0], sealRange[1]);
    if (!version.acceptsHeaderVersion(tbsVersion) || seal.version() != version) {
      throw new MalformedInputException("TBS_Sign version " + tbsVersion + " does not match a "
          + version + " signature over a " + seal.version() + " seal");
    }
    if (version == SesVersion.V4) {
      signingTime = Asn1Read.generalizedTime(tbs.getObjectAt(2));
      if (tbs.size() == 6) {
        Asn1Read.extensionDatas(tagged0(tbs.getObjectAt(5)).getBaseObject());
      }
    } else {
      signingTime = v1Time(Asn1Read.bits(tbs.getObjectAt(2)));
    }
    dataHash = Asn1Read.bits(tbs.getObjectAt(3));
    propertyInfo = Asn1Read.ia5(tbs.getObjectAt(4));
    signerCertificate = Pem.toCertificate(certDer);
    tbsOffset = tbsRange[0];
    tbsLength = tbsRange[1];
  }

  /**
   * The v1 {@code timeInfo} BIT STRING as producers fill it: the DER of a UTCTime (as GM/T 0031
   * intends) or of a GeneralizedTime, or the text {@code yyyy-MM-dd HH:mm:ss} (ofdrw-sign and
   * others), read as China time.
   */
  private static Instant v1Time(byte[] content) {
    if (content.length > 0 && (content[0] == 0x17 || content[0] == 0x18)) {
      ASN1Primitive t = Der.decode(content, 64, 2);
      return content[0] == 0x17 ? Asn1Read.utcTime(t) : Asn1Read.generalizedTime(t);
    }
    return ProducerTimes.dashedChinaTime(new String(content,
        java.nio.charset.StandardCharsets.US_ASCII)).orElseThrow(() ->
            new MalformedInputException("TBS_Sign.timeInfo is neither a DER time nor a valid "
                + "yyyy-MM-dd HH:mm:ss"));
  }

  private static ASN1TaggedObject tagged0(ASN1Encodable o) {
    if (o instanceof ASN1TaggedObject && ((ASN1TaggedObject) o).getTagNo() == 0
        && ((ASN1TaggedObject) o).getTagClass() == org.bouncycastle.asn1.BERTags.CONTEXT_SPECIFIC
        && ((ASN1TaggedObject) o).isExplicit()) {
      return (ASN1TaggedObject) o;
    }
    throw new MalformedInputException("expected [0] EXPLICIT");
  }

  /**
   * Parses a signature strictly.
   *
   * @param der the DER bytes
   * @return the signature
   * @throws MalformedInputException FORMAT_FAILURE or SIZE_LIMIT_EXCEEDED
   */
  public static SesSignature parse(byte[] der) {
    return parse(der, Limits.defaults());
  }

  /**
   * Parses a signature strictly, within the given size limits.
   *
   * @param der the DER bytes
   * @param limits the limits; the size bound is {@link Limits#maxAsn1Bytes()}
   * @return the signature
   * @throws MalformedInputException FORMAT_FAILURE or SIZE_LIMIT_EXCEEDED
   */
  public static SesSignature parse(byte[] der, Limits limits) {
    Objects.requireNonNull(der, "der");
    ASN1Primitive p = Der.decode(der, limits.maxAsn1Bytes(), Limits.MAX_ASN1_DEPTH);
    try {
      return new SesSignature(der.clone(), Asn1Read.seq(p));
    } catch (MalformedInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new MalformedInputException("malformed SES_Signature", e);
    }
  }

  /**
   * Returns the DER encoding (a copy).
   *
   * @return the bytes
   */
  public byte[] encoded() {
    return encoded.clone();
  }

  /**
   * Returns the generation.
   *
   * @return V1 or V4
   */
  public SesVersion version() {
    return version;
  }

  /**
   * Returns {@code TBS_Sign.version} as written (see {@link SesVersion#acceptsHeaderVersion}).
   *
   * @return the version seen
   */
  public int tbsVersion() {
    return tbsVersion;
  }

  /**
   * Returns the embedded seal.
   *
   * @return the seal
   */
  public SesSeal seal() {
    return seal;
  }

  /**
   * Returns the signing time the signature claims ({@code timeInfo}).
   *
   * @return the time
   */
  public Instant signingTime() {
    return signingTime;
  }

  /**
   * Returns the document digest ({@code dataHash}, a copy).
   *
   * @return the digest
   */
  public byte[] dataHash() {
    return dataHash.clone();
  }

  /**
   * Returns the document properties ({@code propertyInfo}).
   *
   * @return the properties
   */
  public String propertyInfo() {
    return propertyInfo;
  }

  /**
   * Returns the signer's certificate.
   *
   * @return the certificate
   */
  public X509Certificate signerCertificate() {
    return signerCertificate;
  }

  /**
   * Returns the signer's algorithm OID.
   *
   * @return the OID
   */
  public String signatureAlgorithmOid() {
    return signatureAlgorithmOid;
  }

  /**
   * Returns the signature value (a copy).
   *
   * @return the signature
   */
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * Returns the time stamp over the signature value, v4 only.
   *
   * @return the time stamp token bytes
   */
  public Optional<byte[]> timeStamp() {
    return Optional.ofNullable(timeStamp).map(byte[]::clone);
  }

  /**
   * Returns the bytes the signer signed: the DER of {@code TBS_Sign}.
   *
   * @return the bytes
   */
  public byte[] toBeSigned() {
    return java.util.Arrays.copyOfRange(encoded, tbsOffset, tbsOffset + tbsLength);
  }

  /**
   * Returns the length of {@link #toBeSigned()}, without copying it.
   *
   * @return the length in bytes
   */
  public int toBeSignedLength() {
    return tbsLength;
  }

  /**
   * Whether the signer's signature ({@link #signature()}) is valid over DER({@code TBS_Sign})
   * ({@link #toBeSigned()}) under the key — the certificate, chain and algorithm checks are the
   * caller's. Neither is copied.
   *
   * @param key the signer's key, with its algorithm and parameters
   * @return the verdict
   */
  public boolean signatureValidUnder(VerificationKey key) {
    return key.verifier().isValid(signature, encoded, tbsOffset, tbsLength);
  }

  @Override
  public String toString() {
    return "SesSignature{" + version + ", seal=" + seal.esId() + ", time=" + signingTime
        + ", signer=" + signerCertificate.getSubjectX500Principal().getName() + "}";
  }
}
