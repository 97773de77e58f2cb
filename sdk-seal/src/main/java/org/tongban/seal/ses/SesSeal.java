package org.tongban.seal.ses;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.tongban.MalformedInputException;
import org.tongban.io.Limits;
import org.tongban.internal.asn1.Der;
import org.tongban.keys.Pem;
import org.tongban.seal.internal.Asn1Read;

/**
 * An electronic seal (电子印章, {@code SESeal}) of either generation, parsed strictly.
 *
 * <h2>What the maker signed</h2>
 *
 * {@link #makerSignedBytes()} returns the exact bytes the seal maker (制章人) signed:
 *
 * <ul>
 *   <li>v4 (GB/T 38540-2020): the DER encoding of {@code SES_SealInfo}, as ofdrw and the
 *       vendors it interoperates with sign and verify;
 *   <li>v1 (GM/T 0031-2014): the DER encoding of {@code SEQUENCE { eSealInfo SES_SealInfo, cert
 *       OCTET STRING, signatureAlgorithm OBJECT IDENTIFIER }}.
 * </ul>
 *
 * {@link #alternativeMakerSignedBytes()} is the other form, which some producers use for the
 * same generation; a verifier may accept either and must say which.
 *
 * <p>Rejects (with {@link MalformedInputException}): input over {@link Limits#MAX_ASN1_BYTES},
 * nesting deeper than {@link Limits#MAX_ASN1_DEPTH}, BER or trailing bytes, a header ID other
 * than {@code ES}, a header version other than 1–3 for the v1 structure (GM/T 0031 says 1;
 * vendors write 2 and 3 in the same structure, which reads the same) or other than 4 for the v4
 * structure (a 5 is GM/T 0031-2025, whose meaning this class does not read), wrong field
 * types, a malformed maker certificate.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SesSeal {
  /** Certificate list of type 1 (certificates) or 2 (certificate digests), v4 only. */
  public enum CertListType {
    /** The holders' certificates (DER). */
    CERTIFICATES,
    /** Digests of the holders' certificates. */
    DIGESTS
  }

  // The seal's DER is source[offset, offset + length): a seal parsed out of a signature shares
  // the signature's bytes (both immutable) instead of copying its picture again.
  private final byte[] source;
  private final int offset;
  private final int length;
  private final SesVersion version;
  private final int headerVersion;
  private final String vendorId;
  private final String esId;
  private final int typeCode;
  private final String name;
  private final CertListType certListType;
  private final List<byte[]> holderCertificates;
  private final List<CertDigest> holderCertDigests;
  private final Instant createDate;
  private final Instant validStart;
  private final Instant validEnd;
  private final SealPicture picture;
  private final X509Certificate makerCertificate;
  private final String signatureAlgorithmOid;
  private final byte[] signedValue;
  // DER(SES_SealInfo): source[infoOffset, infoOffset + infoLength).
  private final int infoOffset;
  private final int infoLength;
  private final ASN1Sequence info;
  private final byte[] certDer;
  private final ASN1Encodable algId;

  private SesSeal(byte[] source, int offset, int length, ASN1Sequence seq) throws IOException {
    this.source = source;
    this.offset = offset;
    this.length = length;
    ASN1Sequence info;
    byte[] certDer;
    ASN1Encodable algId;
    if (seq.size() == 4) {
      version = SesVersion.V4;
      info = Asn1Read.seq(seq.getObjectAt(0));
      certDer = Asn1Read.octets(seq.getObjectAt(1));
      algId = seq.getObjectAt(2);
      signatureAlgorithmOid = Asn1Read.oid(algId);
      signedValue = Asn1Read.bits(seq.getObjectAt(3));
    } else if (seq.size() == 2) {
      version = SesVersion.V1;
      info = Asn1Read.seq(seq.getObjectAt(0));
      ASN1Sequence signInfo = Asn1Read.seq(seq.getObjectAt(1), 3, 3);
      certDer = Asn1Read.octets(signInfo.getObjectAt(0));
      algId = signInfo.getObjectAt(1);
      signatureAlgorithmOid = Asn1Read.oid(algId);
      signedValue = Asn1Read.bits(signInfo.getObjectAt(2));
    } else {
      throw new MalformedInputException("not an SESeal: " + seq.size() + " fields");
    }
    if (info.size() < 4 || info.size() > 5) {
      throw new MalformedInputException("SES_SealInfo must have 4 or 5 fields");
    }
    ASN1Sequence header = Asn1Read.seq(info.getObjectAt(0), 3, 3);
    if (!"ES".equals(Asn1Read.ia5(header.getObjectAt(0)))) {
      throw new MalformedInputException("SES_Header.ID is not \"ES\"");
    }
    headerVersion = Asn1Read.smallInt(header.getObjectAt(1));
    if (!version.acceptsHeaderVersion(headerVersion)) {
      throw new MalformedInputException("unsupported seal version " + headerVersion + " for a "
          + version + " structure");
    }
    vendorId = Asn1Read.ia5(header.getObjectAt(2));
    esId = Asn1Read.ia5(info.getObjectAt(1));
    ASN1Sequence prop = Asn1Read.seq(info.getObjectAt(2));
    List<byte[]> certs = new ArrayList<>();
    List<CertDigest> digests = new ArrayList<>();
    int i = 0;
    typeCode = Asn1Read.smallInt(prop.getObjectAt(i++));
    name = Asn1Read.utf8(prop.getObjectAt(i++));
    if (version == SesVersion.V4) {
      if (prop.size() != 7) {
        throw new MalformedInputException("v4 SES_ESPropertyInfo must have 7 fields");
      }
      int listType = Asn1Read.smallInt(prop.getObjectAt(i++));
      ASN1Sequence list = Asn1Read.seq(prop.getObjectAt(i++));
      if (listType == 1) {
        certListType = CertListType.CERTIFICATES;
        for (ASN1Encodable e : list) {
          certs.add(Asn1Read.octets(e));
        }
      } else if (listType == 2) {
        certListType = CertListType.DIGESTS;
        for (ASN1Encodable e : list) {
          ASN1Sequence d = Asn1Read.seq(e, 2, 2);
          digests.add(CertDigest.of(Asn1Read.printable(d.getObjectAt(0)),
              Asn1Read.octets(d.getObjectAt(1))));
        }
      } else {
        throw new MalformedInputException("unknown certListType " + listType);
      }
      createDate = Asn1Read.generalizedTime(prop.getObjectAt(i++));
      validStart = Asn1Read.generalizedTime(prop.getObjectAt(i++));
      validEnd = Asn1Read.generalizedTime(prop.getObjectAt(i));
    } else {
      if (prop.size() != 6) {
        throw new MalformedInputException("v1 SES_ESPropertyInfo must have 6 fields");
      }
      certListType = CertListType.CERTIFICATES;
      for (ASN1Encodable e : Asn1Read.seq(prop.getObjectAt(i++))) {
        certs.add(Asn1Read.octets(e));
      }
      createDate = Asn1Read.utcTime(prop.getObjectAt(i++));
      validStart = Asn1Read.utcTime(prop.getObjectAt(i++));
      validEnd = Asn1Read.utcTime(prop.getObjectAt(i));
    }
    if (certs.isEmpty() && digests.isEmpty()) {
      throw new MalformedInputException("the seal lists no holder certificate");
    }
    holderCertificates = List.copyOf(certs);
    holderCertDigests = List.copyOf(digests);
    ASN1Sequence pic = Asn1Read.seq(info.getObjectAt(3), 4, 4);
    // The picture keeps the parsed tree's bytes, uncopied: the tree (kept in `info` only to
    // re-encode the alternative maker-signed form) never changes them, and the picture hands
    // out copies.
    picture = SealPicture.owning(Asn1Read.ia5(pic.getObjectAt(0)),
        Asn1Read.octets(pic.getObjectAt(1)), Asn1Read.smallInt(pic.getObjectAt(2)),
        Asn1Read.smallInt(pic.getObjectAt(3)));
    if (info.size() == 5) {
      Asn1Read.extensionDatas(info.getObjectAt(4));
    }
    makerCertificate = Pem.toCertificate(certDer);
    this.info = info;
    int[] infoRange = Der.childRange(source, offset, 0);
    this.infoOffset = infoRange[0];
    this.infoLength = infoRange[1];
    this.certDer = certDer;
    this.algId = algId;
  }

  private byte[] infoDer() {
    return Arrays.copyOfRange(source, infoOffset, infoOffset + infoLength);
  }

  private byte[] infoCertAlgDer() {
    ASN1EncodableVector tbs = new ASN1EncodableVector();
    tbs.add(info);
    tbs.add(Asn1Read.octetString(certDer));
    tbs.add(algId);
    try {
      return new DERSequence(tbs).getEncoded("DER");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses a seal strictly.
   *
   * @param der the DER bytes
   * @return the seal
   * @throws MalformedInputException FORMAT_FAILURE or SIZE_LIMIT_EXCEEDED
   */
  public static SesSeal parse(byte[] der) {
    return parse(der, Limits.defaults());
  }

  /**
   * Parses a seal strictly, within the given size limits.
   *
   * @param der the DER bytes
   * @param limits the limits; the size bound is {@link Limits#maxAsn1Bytes()}
   * @return the seal
   * @throws MalformedInputException FORMAT_FAILURE or SIZE_LIMIT_EXCEEDED
   */
  public static SesSeal parse(byte[] der, Limits limits) {
    Objects.requireNonNull(der, "der");
    ASN1Primitive p = Der.decode(der, limits.maxAsn1Bytes(), Limits.MAX_ASN1_DEPTH);
    return fromAsn1(p, der.clone(), 0, der.length);
  }

  /**
   * Builds a seal from an already decoded (and size-checked) value.
   *
   * @param p the value
   * @param source bytes holding its DER encoding, never modified afterwards
   * @param offset where the encoding starts
   * @param length its length
   * @return the seal
   */
  static SesSeal fromAsn1(ASN1Encodable p, byte[] source, int offset, int length) {
    try {
      return new SesSeal(source, offset, length, Asn1Read.seq(p));
    } catch (MalformedInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new MalformedInputException("malformed SESeal", e);
    }
  }

  /**
   * Returns the DER encoding (a copy).
   *
   * @return the bytes
   */
  public byte[] encoded() {
    return Arrays.copyOfRange(source, offset, offset + length);
  }

  /**
   * Returns the DER encoding as a read-only view, without copying it: a map key for "this exact
   * seal" (buffers compare by content).
   *
   * @return the bytes, position 0, read-only
   */
  public ByteBuffer encodedView() {
    return ByteBuffer.wrap(source, offset, length).slice().asReadOnlyBuffer();
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
   * Returns {@code SES_Header.version} as written: 4 for the v4 structure; 1 for the v1
   * structure as GM/T 0031 says, or 2 or 3 as some vendors write inside the same structure.
   *
   * @return the version seen
   */
  public int headerVersion() {
    return headerVersion;
  }

  /**
   * Returns the vendor id ({@code SES_Header.Vid}).
   *
   * @return the vendor id
   */
  public String vendorId() {
    return vendorId;
  }

  /**
   * Returns the seal identifier ({@code esID}).
   *
   * @return the identifier
   */
  public String esId() {
    return esId;
  }

  /**
   * Returns the seal type code (1 organisation 单位, 2 personal 个人; v4 allows others).
   *
   * @return the type code
   */
  public int typeCode() {
    return typeCode;
  }

  /**
   * Returns the seal name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns how the holders are listed.
   *
   * @return CERTIFICATES or DIGESTS
   */
  public CertListType certListType() {
    return certListType;
  }

  /**
   * Returns the holder certificates' DER encodings (copies), when listed as certificates.
   *
   * @return the certificates, possibly empty
   */
  public List<byte[]> holderCertificates() {
    return holderCertificates.stream().map(byte[]::clone).toList();
  }

  /**
   * Returns the holder certificate digests, when listed as digests.
   *
   * @return the digests, possibly empty
   */
  public List<CertDigest> holderCertDigests() {
    return holderCertDigests;
  }

  /**
   * Returns when the seal was made.
   *
   * @return the creation time
   */
  public Instant createDate() {
    return createDate;
  }

  /**
   * Returns the start of the seal's validity.
   *
   * @return the start
   */
  public Instant validStart() {
    return validStart;
  }

  /**
   * Returns the end of the seal's validity.
   *
   * @return the end
   */
  public Instant validEnd() {
    return validEnd;
  }

  /**
   * Returns the picture.
   *
   * @return the picture
   */
  public SealPicture picture() {
    return picture;
  }

  /**
   * Returns the seal maker's certificate.
   *
   * @return the certificate
   */
  public X509Certificate makerCertificate() {
    return makerCertificate;
  }

  /**
   * Returns the maker's signature algorithm OID.
   *
   * @return the OID
   */
  public String signatureAlgorithmOid() {
    return signatureAlgorithmOid;
  }

  /**
   * Returns the maker's signature value (a copy).
   *
   * @return the signature
   */
  public byte[] signedValue() {
    return signedValue.clone();
  }

  /**
   * Returns the bytes the maker signed (see the class comment).
   *
   * @return the bytes
   */
  public byte[] makerSignedBytes() {
    return version == SesVersion.V4 ? infoDer() : infoCertAlgDer();
  }

  /**
   * Returns the other accepted form of the maker-signed bytes.
   *
   * @return the bytes
   */
  public byte[] alternativeMakerSignedBytes() {
    return version == SesVersion.V4 ? infoCertAlgDer() : infoDer();
  }

  @Override
  public String toString() {
    return "SesSeal{" + version + ", esID=" + esId + ", name=" + name + ", type=" + typeCode
        + ", valid " + validStart + " to " + validEnd + ", " + picture + "}";
  }
}
