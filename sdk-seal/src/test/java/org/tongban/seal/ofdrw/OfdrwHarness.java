package org.tongban.seal.ofdrw;

import java.io.ByteArrayInputStream;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Date;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.ofdrw.gm.ses.parse.SESVersion;
import org.ofdrw.gm.ses.parse.VersionParser;

/**
 * The ofdrw side of the interop tests. Loaded by {@code OfdrwClassLoader} together with
 * ofdrw-gm 2.3.6 and the BouncyCastle 1.70 it was built for, isolated from Tongban and from
 * BouncyCastle 1.87; it therefore uses only the JDK, BouncyCastle and ofdrw, and exchanges only
 * byte arrays and strings. It makes and checks seals exactly as ofdrw's own code does: its ASN.1
 * classes, and BouncyCastle's SM3withSM2 over {@code SES_SealInfo} (v4), {@code SEQUENCE{
 * SES_SealInfo, cert, signatureAlgorithm}} (v1) and {@code TBS_Sign} (both).
 */
public final class OfdrwHarness {
  private static final String SM2 = "1.2.156.10197.1.501";
  private static final Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

  private OfdrwHarness() {}

  private static X509Certificate cert(byte[] der) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509", BC)
        .generateCertificate(new ByteArrayInputStream(der));
  }

  private static boolean verify(byte[] certDer, byte[] data, byte[] sig) throws Exception {
    Signature s = Signature.getInstance("SM3withSM2", BC);
    s.initVerify(cert(certDer).getPublicKey());
    s.update(data);
    return s.verify(sig);
  }

  private static byte[] sign(byte[] pkcs8, byte[] data) throws Exception {
    PrivateKey k = KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    Signature s = Signature.getInstance("SM3withSM2", BC);
    s.initSign(k);
    s.update(data);
    return s.sign();
  }

  private static byte[] sm3(byte[] data) {
    SM3Digest d = new SM3Digest();
    d.update(data, 0, data.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  /**
   * Reads and verifies a v4 SES_Signature the ofdrw way.
   *
   * @param ses the DER
   * @param doc the document
   * @return "OK|seal name" or the failure
   * @throws Exception on errors
   */
  public static String verifyV4(byte[] ses, byte[] doc) throws Exception {
    if (VersionParser.parseSES_SignatureVersion(ses).getVersion() != SESVersion.v4) {
      return "not detected as v4";
    }
    org.ofdrw.gm.ses.v4.SES_Signature s = org.ofdrw.gm.ses.v4.SES_Signature.getInstance(ses);
    if (!Arrays.equals(ses, s.getEncoded("DER"))) {
      return "re-encoding differs";
    }
    if (!verify(s.getCert().getOctets(), s.getToSign().getEncoded("DER"),
        s.getSignature().getBytes())) {
      return "signer signature invalid";
    }
    org.ofdrw.gm.ses.v4.SESeal seal = s.getToSign().getEseal();
    if (!verify(seal.getCert().getOctets(), seal.geteSealInfo().getEncoded("DER"),
        seal.getSignedValue().getBytes())) {
      return "maker signature invalid";
    }
    if (!Arrays.equals(sm3(doc), s.getToSign().getDataHash().getBytes())) {
      return "dataHash differs";
    }
    return "OK|" + seal.geteSealInfo().getProperty().getName().getString();
  }

  /**
   * Reads and verifies a v1 SES_Signature the ofdrw way.
   *
   * @param ses the DER
   * @param doc the document
   * @return "OK|seal name" or the failure
   * @throws Exception on errors
   */
  public static String verifyV1(byte[] ses, byte[] doc) throws Exception {
    if (VersionParser.parseSES_SignatureVersion(ses).getVersion() != SESVersion.v1) {
      return "not detected as v1";
    }
    org.ofdrw.gm.ses.v1.SES_Signature s = org.ofdrw.gm.ses.v1.SES_Signature.getInstance(ses);
    if (!Arrays.equals(ses, s.getEncoded("DER"))) {
      return "re-encoding differs";
    }
    org.ofdrw.gm.ses.v1.TBS_Sign tbs = s.getToSign();
    if (!verify(tbs.getCert().getOctets(), tbs.getEncoded("DER"), s.getSignature().getBytes())) {
      return "signer signature invalid";
    }
    org.ofdrw.gm.ses.v1.SESeal seal = tbs.getEseal();
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(seal.getEsealInfo());
    v.add(seal.getSignInfo().getCert());
    v.add(seal.getSignInfo().getSignatureAlgorithm());
    if (!verify(seal.getSignInfo().getCert().getOctets(), new DERSequence(v).getEncoded("DER"),
        seal.getSignInfo().getSignData().getBytes())) {
      return "maker signature invalid";
    }
    if (!Arrays.equals(sm3(doc), tbs.getDataHash().getBytes())) {
      return "dataHash differs";
    }
    return "OK|" + seal.getEsealInfo().getProperty().getName().getString();
  }

  /**
   * Makes a v4 seal and signs a document with ofdrw's classes.
   *
   * @param makerCert maker certificate DER
   * @param makerKey maker PKCS#8
   * @param holderCert holder certificate DER
   * @param holderKey holder PKCS#8
   * @param png picture
   * @param doc document
   * @return the SES_Signature DER
   * @throws Exception on errors
   */
  public static byte[] makeV4(byte[] makerCert, byte[] makerKey, byte[] holderCert,
      byte[] holderKey, byte[] png, byte[] doc) throws Exception {
    Date now = new Date();
    Date end = new Date(now.getTime() + 365L * 24 * 3600 * 1000);
    ASN1EncodableVector holders = new ASN1EncodableVector();
    holders.add(new DEROctetString(holderCert));
    org.ofdrw.gm.ses.v4.SES_ESPropertyInfo prop = new org.ofdrw.gm.ses.v4.SES_ESPropertyInfo()
        .setType(new ASN1Integer(1L))
        .setName(new DERUTF8String("OFD R&W 测试用印章"))
        .setCertListType(org.ofdrw.gm.ses.v4.SES_ESPropertyInfo.CertListType)
        .setCertList(org.ofdrw.gm.ses.v4.SES_CertList.getInstance(
            org.ofdrw.gm.ses.v4.SES_ESPropertyInfo.CertListType, new DERSequence(holders)))
        .setCreateDate(new ASN1GeneralizedTime(now))
        .setValidStart(new ASN1GeneralizedTime(now))
        .setValidEnd(new ASN1GeneralizedTime(end));
    org.ofdrw.gm.ses.v4.SES_SealInfo info = new org.ofdrw.gm.ses.v4.SES_SealInfo()
        .setHeader(new org.ofdrw.gm.ses.v1.SES_Header(org.ofdrw.gm.ses.v1.SES_Header.V4,
            new DERIA5String("OFDR&WTest")))
        .setEsID(new DERIA5String("ofdrw-interop-0001"))
        .setProperty(prop)
        .setPicture(new org.ofdrw.gm.ses.v1.SES_ESPictrueInfo().setType("PNG").setData(png)
            .setWidth(40).setHeight(40));
    org.ofdrw.gm.ses.v4.SESeal seal = new org.ofdrw.gm.ses.v4.SESeal().seteSealInfo(info)
        .setCert(new DEROctetString(makerCert)).setSignAlgID(new ASN1ObjectIdentifier(SM2))
        .setSignedValue(sign(makerKey, info.getEncoded("DER")));
    org.ofdrw.gm.ses.v4.TBS_Sign tbs = new org.ofdrw.gm.ses.v4.TBS_Sign()
        .setVersion(org.ofdrw.gm.ses.v1.SES_Header.V4).setEseal(seal)
        .setTimeInfo(new ASN1GeneralizedTime(now))
        .setDataHash(sm3(doc))
        .setPropertyInfo("/Doc_0/Signs/Sign_0/Signature.xml");
    return new org.ofdrw.gm.ses.v4.SES_Signature().setToSign(tbs)
        .setCert(new DEROctetString(holderCert))
        .setSignatureAlgID(new ASN1ObjectIdentifier(SM2))
        .setSignature(sign(holderKey, tbs.getEncoded("DER"))).getEncoded("DER");
  }

  /**
   * Makes a v1 seal and signs a document with ofdrw's classes.
   *
   * @param makerCert maker certificate DER
   * @param makerKey maker PKCS#8
   * @param holderCert holder certificate DER
   * @param holderKey holder PKCS#8
   * @param png picture
   * @param doc document
   * @return the SES_Signature DER
   * @throws Exception on errors
   */
  public static byte[] makeV1(byte[] makerCert, byte[] makerKey, byte[] holderCert,
      byte[] holderKey, byte[] png, byte[] doc) throws Exception {
    return makeV1Numbered(makerCert, makerKey, holderCert, holderKey, png, doc, 1);
  }

  /**
   * As {@link #makeV1}, with {@code SES_Header.version} and {@code TBS_Sign.version} set to
   * {@code version}, as some commercial producers write the v1 structure (2 or 3).
   *
   * @param makerCert maker certificate DER
   * @param makerKey maker PKCS#8
   * @param holderCert holder certificate DER
   * @param holderKey holder PKCS#8
   * @param png picture
   * @param doc document
   * @param version the number written
   * @return the SES_Signature DER
   * @throws Exception on errors
   */
  public static byte[] makeV1Numbered(byte[] makerCert, byte[] makerKey, byte[] holderCert,
      byte[] holderKey, byte[] png, byte[] doc, Integer version) throws Exception {
    Date now = new Date();
    Date end = new Date(now.getTime() + 365L * 24 * 3600 * 1000);
    ASN1EncodableVector holders = new ASN1EncodableVector();
    holders.add(new DEROctetString(holderCert));
    org.ofdrw.gm.ses.v1.SES_ESPropertyInfo prop = new org.ofdrw.gm.ses.v1.SES_ESPropertyInfo(
        new ASN1Integer(1L), new DERUTF8String("OFD R&W v1 印章"), new DERSequence(holders),
        new ASN1UTCTime(now, Locale.CHINA), new ASN1UTCTime(now, Locale.CHINA),
        new ASN1UTCTime(end, Locale.CHINA));
    org.ofdrw.gm.ses.v1.SES_SealInfo info = new org.ofdrw.gm.ses.v1.SES_SealInfo()
        .setHeader(new org.ofdrw.gm.ses.v1.SES_Header().setVersion(version).setVid("OFDR&WTest"))
        .setEsID("ofdrw-v1-0001").setProperty(prop)
        .setPicture(new org.ofdrw.gm.ses.v1.SES_ESPictrueInfo().setType("PNG").setData(png)
            .setWidth(40).setHeight(40));
    DEROctetString maker = new DEROctetString(makerCert);
    ASN1ObjectIdentifier alg = new ASN1ObjectIdentifier(SM2);
    ASN1EncodableVector tbsSeal = new ASN1EncodableVector();
    tbsSeal.add(info);
    tbsSeal.add(maker);
    tbsSeal.add(alg);
    org.ofdrw.gm.ses.v1.SESeal seal = new org.ofdrw.gm.ses.v1.SESeal(info,
        new org.ofdrw.gm.ses.v1.SES_SignInfo().setCert(maker).setSignatureAlgorithm(alg)
            .setSignData(new DERBitString(sign(makerKey,
                new DERSequence(tbsSeal).getEncoded("DER")))));
    org.ofdrw.gm.ses.v1.TBS_Sign tbs = new org.ofdrw.gm.ses.v1.TBS_Sign()
        .setVersion(new ASN1Integer(version.longValue())).setEseal(seal)
        .setTimeInfo(new DERBitString(new ASN1UTCTime(now, Locale.CHINA)))
        .setDataHash(new DERBitString(sm3(doc)))
        .setPropertyInfo(new DERIA5String("/Doc_0/Signs/Signatures.xml"))
        .setCert(new DEROctetString(holderCert))
        .setSignatureAlgorithm(alg);
    return new org.ofdrw.gm.ses.v1.SES_Signature(tbs,
        new DERBitString(sign(holderKey, tbs.getEncoded("DER")))).getEncoded("DER");
  }
}
