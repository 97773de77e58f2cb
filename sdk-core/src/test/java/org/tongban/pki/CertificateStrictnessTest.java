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
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
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
  }

  /** An issuing CA under the root, constrained to these subtrees. */
  private static DemoPki.Issued constrainedCa(GeneralSubtree[] permitted,
      GeneralSubtree[] excluded) throws Exception {
    KeyPair kp = KeyPairs.generate(KeyType.RSA);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(PKI.root().certificate(),
        BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))),
        new javax.security.auth.x500.X500Principal("CN=Constrained CA,O=Tongban Demo,C=CN"),
        kp.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
    b.addExtension(Extension.nameConstraints, true, new NameConstraints(permitted, excluded));
    X509Certificate cert = new JcaX509CertificateConverter().setProvider(Bc.PROVIDER)
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA")
            .setProvider(Bc.PROVIDER).build(PKI.root().privateKey())));
    return new DemoPki.Issued(org.tongban.keys.SigningKeys.of(kp.getPrivate(), List.of(cert)),
        kp.getPrivate(), List.of(cert, PKI.root().certificate()));
  }

  private static X509Certificate leafUnder(DemoPki.Issued ca, String dn, String dns)
      throws Exception {
    KeyPair kp = KeyPairs.generate(KeyType.RSA);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.certificate(),
        BigInteger.valueOf(now.toEpochMilli() + dn.hashCode()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
        new javax.security.auth.x500.X500Principal(dn), kp.getPublic());
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    if (dns != null) {
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
          new GeneralName(GeneralName.dNSName, dns)));
    }
    return new JcaX509CertificateConverter().setProvider(Bc.PROVIDER).getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER)
            .build(ca.privateKey())));
  }

  @Test
  void nameConstraints_permittedAndExcludedSubtrees_areEnforced() throws Exception {
    DemoPki.Issued ca = constrainedCa(new GeneralSubtree[] {
        // As encoded (C first): the JDK's principal reverses RFC 2253's most-specific-first text.
        new GeneralSubtree(new GeneralName(X500Name.getInstance(
            new javax.security.auth.x500.X500Principal("O=Tongban Demo,C=CN").getEncoded()))),
        new GeneralSubtree(new GeneralName(GeneralName.dNSName, "gov.example"))},
        new GeneralSubtree[] {new GeneralSubtree(new GeneralName(GeneralName.dNSName,
            "blocked.gov.example"))});
    CertificateVerifier v = CertificateVerifier.builder(PKI.trustAnchors()).build();
    ResultAssertions.assertPassed(v.verify(List.of(leafUnder(ca, "CN=Bureau,O=Tongban Demo,C=CN",
        "www.gov.example"), ca.certificate())));
    ResultAssertions.assertResult(v.verify(List.of(leafUnder(ca, "CN=Bureau,O=Elsewhere,C=CN",
        null), ca.certificate())), Indication.FAILED, Reason.CERT_CHAIN_INVALID);
    ResultAssertions.assertResult(v.verify(List.of(leafUnder(ca,
        "CN=Bureau,O=Tongban Demo,C=CN", "www.other.example"), ca.certificate())),
        Indication.FAILED, Reason.CERT_CHAIN_INVALID);
    var excluded = v.verify(List.of(leafUnder(ca, "CN=Bureau,O=Tongban Demo,C=CN",
        "x.blocked.gov.example"), ca.certificate()));
    ResultAssertions.assertResult(excluded, Indication.FAILED, Reason.CERT_CHAIN_INVALID);
    assertTrue(excluded.toString().contains("name constraints"), excluded.toString());
  }

  /**
   * Parsed certificates are remembered by their exact bytes: the same bytes give the same
   * certificate, the caller's array changing afterwards changes nothing remembered, and bytes
   * that differ in one place are parsed (and judged) on their own.
   */
  @Test
  void parsedCertificates_areRememberedByExactBytes() throws Exception {
    byte[] der = PKI.issueLeaf("CN=Remembered,C=CN").certificate().getEncoded();
    byte[] mine = der.clone();
    X509Certificate first = Pem.toCertificate(mine);
    assertTrue(first == Pem.toCertificate(der.clone()), "the same bytes: the same object");
    // Corrupt the caller's array after the call: the remembered entry is unaffected.
    mine[mine.length - 1] ^= 1;
    assertEquals(java.util.Arrays.hashCode(der), java.util.Arrays.hashCode(
        Pem.toCertificate(der.clone()).getEncoded()));
    // The corrupted bytes are a different certificate (its signature byte changed): parsed on
    // their own, not served from the entry.
    X509Certificate other = Pem.toCertificate(mine);
    assertTrue(other != first);
    assertTrue(java.util.Arrays.equals(mine, other.getEncoded()));
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

  /** The JDK's PKIX validator's verdict on a chain ending below the root, no revocation. */
  private static boolean jdkPkixAccepts(List<X509Certificate> chain) throws Exception {
    java.security.cert.PKIXParameters params = new java.security.cert.PKIXParameters(
        java.util.Set.of(new java.security.cert.TrustAnchor(PKI.root().certificate(), null)));
    params.setRevocationEnabled(false);
    try {
      java.security.cert.CertPathValidator.getInstance("PKIX").validate(
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertPath(chain),
          params);
      return true;
    } catch (java.security.cert.CertPathValidatorException e) {
      return false;
    }
  }

  @Test
  void differential_sameVerdictsAsTheJdksPkixValidator_onRsaChains() throws Exception {
    GeneralSubtree[] permitted = {new GeneralSubtree(new GeneralName(X500Name.getInstance(
        new javax.security.auth.x500.X500Principal("O=Tongban Demo,C=CN").getEncoded())))};
    GeneralSubtree[] excluded = {new GeneralSubtree(new GeneralName(GeneralName.dNSName,
        "blocked.example"))};
    DemoPki.Issued ca = constrainedCa(permitted, excluded);
    X509Certificate inter = PKI.intermediate().certificate();
    java.util.Map<String, List<X509Certificate>> cases = new java.util.LinkedHashMap<>();
    cases.put("valid", List.of(PKI.issueLeaf("CN=Ok,C=CN").certificate(), inter));
    cases.put("unknown critical", List.of(leaf("1.2.156.99.2", true), inter));
    cases.put("unknown non-critical", List.of(leaf("1.2.156.99.2", false), inter));
    cases.put("within constraints", List.of(leafUnder(ca, "CN=A,O=Tongban Demo,C=CN", null),
        ca.certificate()));
    cases.put("DN outside", List.of(leafUnder(ca, "CN=A,O=Other,C=CN", null),
        ca.certificate()));
    cases.put("DNS excluded", List.of(leafUnder(ca, "CN=A,O=Tongban Demo,C=CN",
        "a.blocked.example"), ca.certificate()));
    cases.put("DNS allowed", List.of(leafUnder(ca, "CN=A,O=Tongban Demo,C=CN",
        "a.open.example"), ca.certificate()));
    cases.put("expired leaf", PKI.issueLeaf("CN=Old,C=CN",
        java.util.Set.of(org.tongban.pki.KeyUsage.DIGITAL_SIGNATURE),
        Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)))
        .chain().subList(0, 2));
    CertificateVerifier ours = CertificateVerifier.builder(PKI.trustAnchors()).build();
    for (var c : cases.entrySet()) {
      assertEquals(jdkPkixAccepts(c.getValue()), ours.verify(c.getValue()).isValid(),
          c.getKey());
    }
  }

  /** A leaf under the issuing CA with these extended key usages (none: no extension). */
  private static X509Certificate leafWithPurposes(String... purposes) throws Exception {
    KeyPair kp = KeyPairs.generate(KeyType.RSA);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
        PKI.intermediate().certificate(), BigInteger.valueOf(System.nanoTime()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
        new javax.security.auth.x500.X500Principal("CN=Purpose,C=CN"), kp.getPublic());
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    if (purposes.length > 0) {
      org.bouncycastle.asn1.x509.KeyPurposeId[] ids =
          new org.bouncycastle.asn1.x509.KeyPurposeId[purposes.length];
      for (int i = 0; i < purposes.length; i++) {
        ids[i] = org.bouncycastle.asn1.x509.KeyPurposeId.getInstance(
            new ASN1ObjectIdentifier(purposes[i]));
      }
      b.addExtension(Extension.extendedKeyUsage, false,
          new org.bouncycastle.asn1.x509.ExtendedKeyUsage(ids));
    }
    return new JcaX509CertificateConverter().setProvider(Bc.PROVIDER).getCertificate(
        b.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER)
            .build(PKI.intermediate().privateKey())));
  }

  @Test
  void extendedKeyUsage_perRole() throws Exception {
    String documentSigning = "1.3.6.1.5.5.7.3.36";
    TrustPolicy policy = TrustPolicy.builder(PKI.trustAnchors())
        .intermediates(List.of(PKI.intermediate().certificate()))
        .extendedKeyUsage(TrustPolicy.Role.SIGNER, java.util.Set.of(documentSigning)).build();
    Instant now = Instant.now();
    ResultAssertions.assertPassed(policy.validate(TrustPolicy.Role.SIGNER,
        List.of(leafWithPurposes(documentSigning)), now));
    ResultAssertions.assertPassed(policy.validate(TrustPolicy.Role.SIGNER,
        List.of(leafWithPurposes("2.5.29.37.0")), now)); // anyExtendedKeyUsage
    for (X509Certificate wrong : List.of(leafWithPurposes(), leafWithPurposes(
        "1.3.6.1.5.5.7.3.1"))) { // none at all; TLS server only
      ResultAssertions.assertResult(policy.validate(TrustPolicy.Role.SIGNER, List.of(wrong),
          now), Indication.FAILED, Reason.KEY_USAGE_INVALID);
    }
    // Other roles keep their own rules: the seal maker needs no purpose here ...
    ResultAssertions.assertPassed(policy.validate(TrustPolicy.Role.SEAL_MAKER,
        List.of(leafWithPurposes()), now));
    // ... and a time-stamp authority needs id-kp-timeStamping by default.
    ResultAssertions.assertResult(policy.validate(TrustPolicy.Role.TIME_STAMP_AUTHORITY,
        List.of(leafWithPurposes(documentSigning)), now), Indication.FAILED,
        Reason.KEY_USAGE_INVALID);
    ResultAssertions.assertPassed(policy.validate(TrustPolicy.Role.TIME_STAMP_AUTHORITY,
        List.of(leafWithPurposes(TrustPolicy.TIME_STAMPING)), now));
  }

  @Test
  void trustPolicyNone_isIndeterminate_forEveryRole() {
    for (TrustPolicy.Role role : TrustPolicy.Role.values()) {
      ResultAssertions.assertResult(TrustPolicy.none().validate(role,
          List.of(PKI.issueLeaf("CN=X,C=CN").certificate()), Instant.now()),
          Indication.INDETERMINATE, Reason.TRUST_NOT_CONFIGURED);
    }
    assertThrows(IllegalArgumentException.class, () -> TrustPolicy.builder(
        TrustAnchors.none()));
  }
}
