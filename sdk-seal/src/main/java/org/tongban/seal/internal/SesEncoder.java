package org.tongban.seal.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.tongban.seal.ses.CertDigest;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesVersion;

/** Writes the SES structures in DER, field by field, in the order of the standards. */
public final class SesEncoder {
  private SesEncoder() {}

  /** The fields of {@code SES_SealInfo}. */
  public record SealInfo(SesVersion version, String vendorId, String esId, int typeCode,
      String name, List<byte[]> holderCerts, List<CertDigest> holderDigests, Instant createDate,
      Instant validStart, Instant validEnd, SealPicture picture) {}

  private static byte[] der(ASN1Encodable e) {
    try {
      return e.toASN1Primitive().getEncoded("DER");
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static ASN1Encodable time(SesVersion v, Instant t) {
    Date d = Date.from(t.truncatedTo(ChronoUnit.SECONDS));
    return v == SesVersion.V4 ? new ASN1GeneralizedTime(d) : new ASN1UTCTime(d, Locale.ROOT);
  }

  private static DERSequence seq(ASN1Encodable... items) {
    ASN1EncodableVector v = new ASN1EncodableVector(items.length);
    for (ASN1Encodable i : items) {
      v.add(i);
    }
    return new DERSequence(v);
  }

  /**
   * Encodes {@code SES_SealInfo}.
   *
   * @param s the fields
   * @return the DER
   */
  public static byte[] sealInfo(SealInfo s) {
    ASN1EncodableVector list = new ASN1EncodableVector();
    if (s.holderDigests().isEmpty()) {
      for (byte[] c : s.holderCerts()) {
        list.add(new DEROctetString(c));
      }
    } else {
      for (CertDigest d : s.holderDigests()) {
        list.add(seq(new DERPrintableString(d.type()), new DEROctetString(d.value())));
      }
    }
    ASN1EncodableVector prop = new ASN1EncodableVector();
    prop.add(new ASN1Integer(s.typeCode()));
    prop.add(new DERUTF8String(s.name()));
    if (s.version() == SesVersion.V4) {
      prop.add(new ASN1Integer(s.holderDigests().isEmpty() ? 1 : 2));
    }
    prop.add(new DERSequence(list));
    prop.add(time(s.version(), s.createDate()));
    prop.add(time(s.version(), s.validStart()));
    prop.add(time(s.version(), s.validEnd()));
    SealPicture p = s.picture();
    return der(seq(
        seq(new DERIA5String("ES", true), new ASN1Integer(s.version().headerVersion()),
            new DERIA5String(s.vendorId(), true)),
        new DERIA5String(s.esId(), true),
        new DERSequence(prop),
        seq(new DERIA5String(p.type(), true), new DEROctetString(p.data()),
            new ASN1Integer(p.widthMm()), new ASN1Integer(p.heightMm()))));
  }

  /**
   * Returns the bytes the maker signs: v4 the SealInfo DER, v1 SEQUENCE{info, cert, alg}.
   *
   * @param version the generation
   * @param sealInfoDer the SealInfo DER
   * @param makerCertDer the maker certificate DER
   * @param algOid the maker's algorithm OID
   * @return the bytes to sign
   */
  public static byte[] makerToBeSigned(SesVersion version, byte[] sealInfoDer,
      byte[] makerCertDer, String algOid) {
    if (version == SesVersion.V4) {
      return sealInfoDer.clone();
    }
    return der(seq(Asn1Read.seq(parse(sealInfoDer)), new DEROctetString(makerCertDer),
        new ASN1ObjectIdentifier(algOid)));
  }

  /**
   * Encodes {@code SESeal}.
   *
   * @param version the generation
   * @param sealInfoDer the SealInfo DER
   * @param makerCertDer the maker certificate DER
   * @param algOid the algorithm OID
   * @param signature the maker's signature value
   * @return the DER
   */
  public static byte[] seal(SesVersion version, byte[] sealInfoDer, byte[] makerCertDer,
      String algOid, byte[] signature) {
    ASN1Encodable info = parse(sealInfoDer);
    if (version == SesVersion.V4) {
      return der(seq(info, new DEROctetString(makerCertDer), new ASN1ObjectIdentifier(algOid),
          new DERBitString(signature)));
    }
    return der(seq(info, seq(new DEROctetString(makerCertDer), new ASN1ObjectIdentifier(algOid),
        new DERBitString(signature))));
  }

  /**
   * Encodes {@code TBS_Sign}, the bytes the signer signs.
   *
   * @param version the generation
   * @param sealDer the seal DER
   * @param time the signing time
   * @param dataHash the document digest
   * @param propertyInfo the document properties (IA5)
   * @param signerCertDer the signer certificate DER (inside TBS_Sign only for v1)
   * @param algOid the signer's algorithm OID (inside TBS_Sign only for v1)
   * @return the DER
   */
  public static byte[] tbsSign(SesVersion version, byte[] sealDer, Instant time,
      byte[] dataHash, String propertyInfo, byte[] signerCertDer, String algOid) {
    ASN1Encodable seal = parse(sealDer);
    if (version == SesVersion.V4) {
      return der(seq(new ASN1Integer(4), seal, time(version, time), new DERBitString(dataHash),
          new DERIA5String(propertyInfo, true)));
    }
    return der(seq(new ASN1Integer(1), seal, new DERBitString(der(time(version, time))),
        new DERBitString(dataHash), new DERIA5String(propertyInfo, true),
        new DEROctetString(signerCertDer), new ASN1ObjectIdentifier(algOid)));
  }

  /**
   * Encodes {@code SES_Signature}.
   *
   * @param version the generation
   * @param tbsDer the TBS_Sign DER
   * @param signerCertDer the signer certificate DER
   * @param algOid the algorithm OID
   * @param signature the signature value
   * @return the DER
   */
  public static byte[] signature(SesVersion version, byte[] tbsDer, byte[] signerCertDer,
      String algOid, byte[] signature) {
    ASN1Encodable tbs = parse(tbsDer);
    if (version == SesVersion.V4) {
      return der(seq(tbs, new DEROctetString(signerCertDer), new ASN1ObjectIdentifier(algOid),
          new DERBitString(signature)));
    }
    return der(seq(tbs, new DERBitString(signature)));
  }

  /**
   * Appends {@code timeStamp [0] EXPLICIT BIT STRING} to a v4 {@code SES_Signature}.
   *
   * @param signatureDer the signature DER, without a time stamp
   * @param token the time stamp token
   * @return the DER with the time stamp
   */
  public static byte[] withTimeStamp(byte[] signatureDer, byte[] token) {
    org.bouncycastle.asn1.ASN1Sequence seq = Asn1Read.seq(parse(signatureDer));
    ASN1EncodableVector v = new ASN1EncodableVector();
    for (ASN1Encodable e : seq) {
      v.add(e);
    }
    v.add(new org.bouncycastle.asn1.DERTaggedObject(true, 0, new DERBitString(token)));
    return der(new DERSequence(v));
  }

  private static ASN1Encodable parse(byte[] der) {
    try {
      return org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
