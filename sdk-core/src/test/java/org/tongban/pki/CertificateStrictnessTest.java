package org.tongban.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.tongban.MalformedInputException;
import org.tongban.crypto.KeyType;
import org.tongban.internal.crypto.Bc;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.Pem;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.testing.ResultAssertions;

/** Certificates are taken as received: DER only, and no critical extension left unprocessed. */
class CertificateStrictnessTest {
  private static final DemoPki PKI = DemoPki.create(KeyType.RSA, "Strict");

  /** A leaf under the issuing CA, with one more extension of our choosing. */
  private static X509Certificate leaf(String extraOid, boolean critical) throws Exception {
    KeyPair kp = KeyPairs.generate(KeyType.RSA);
    X509Certificate ca = PKI.intermediate().certificate();
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca,
        BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))),
        new javax.security.auth.x500.X500Principal("CN=Leaf,C=CN"), kp.getPublic());
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(new ASN1ObjectIdentifier(extraOid), critical, new DEROctetString(
        new byte[] {5, 0}));
    return new JcaX509CertificateConverter().setProvider(Bc.PROVIDER).getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER)
            .build(PKI.intermediate().privateKey())));
  }

  @Test
  void unknownCriticalExtension_isRefused_aNonCriticalOneIsNot() throws Exception {
    CertificateVerifier v = CertificateVerifier.builder(PKI.trustAnchors()).build();
    List<X509Certificate> ca = List.of(PKI.intermediate().certificate());
    ResultAssertions.assertPassed(v.verify(java.util.stream.Stream.concat(
        java.util.stream.Stream.of(leaf("1.2.156.99.1", false)), ca.stream()).toList()));
    var r = v.verify(java.util.stream.Stream.concat(
        java.util.stream.Stream.of(leaf("1.2.156.99.1", true)), ca.stream()).toList());
    ResultAssertions.assertResult(r, Indication.FAILED, Reason.CERT_CHAIN_INVALID);
    assertTrue(r.toString().contains("unknown critical extension 1.2.156.99.1"), r.toString());
    // Name constraints are not processed here yet: critical, they are refused too.
    ResultAssertions.assertResult(v.verify(java.util.stream.Stream.concat(
        java.util.stream.Stream.of(leaf("2.5.29.30", true)), ca.stream()).toList()),
        Indication.FAILED, Reason.CERT_CHAIN_INVALID);
  }

  @Test
  void berEncodedCertificate_isRefused() throws Exception {
    byte[] der = PKI.issueLeaf("CN=A,C=CN").certificate().getEncoded();
    assertEquals(der.length, Pem.toCertificate(der).getEncoded().length);
    // The critical flag of the key usage extension: BOOLEAN TRUE, DER 01 01 FF. BER allows any
    // non-zero byte; the certificate means the same, but its bytes differ.
    int at = -1;
    for (int i = 0; i + 2 < der.length; i++) {
      if (der[i] == 1 && der[i + 1] == 1 && der[i + 2] == (byte) 0xFF) {
        at = i + 2;
        break;
      }
    }
    assertTrue(at > 0, "a BOOLEAN TRUE in the certificate");
    byte[] ber = der.clone();
    ber[at] = 0x01;
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> Pem.toCertificate(ber));
    assertEquals(Reason.FORMAT_FAILURE, e.reason());
    assertTrue(e.getMessage().contains("not DER"), e.getMessage());
  }
}
