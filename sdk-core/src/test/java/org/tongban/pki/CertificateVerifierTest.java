package org.tongban.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SigningKey;
import org.tongban.http.HttpLimits;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.Pem;
import org.tongban.keys.SigningKeys;
import org.tongban.result.CheckId;
import org.tongban.result.CheckStatus;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.testing.CrlServer;
import org.tongban.testing.ResultAssertions;

class CertificateVerifierTest {
  private static CrlServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new CrlServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static DemoPki pki(KeyType type, String name) {
    DemoPki pki = DemoPki.create(type, name, Clock.systemUTC(),
        server.base().resolve("/" + name + "/"));
    server.serve("/" + name + "/intermediate.crl", () -> encoded(pki.intermediateCrl()));
    server.serve("/" + name + "/root.crl", () -> encoded(pki.rootCrl()));
    return pki;
  }

  private static byte[] encoded(X509CRL crl) {
    try {
      return crl.getEncoded();
    } catch (java.security.cert.CRLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CertificateVerifier verifier(DemoPki pki) {
    return CertificateVerifier.builder(pki.trustAnchors())
        .revocation(CrlRevocationSource.builder().build()).build();
  }

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"SM2", "RSA", "EC_P256"})
  void verify_validChainWithCrls_passes(KeyType type) {
    DemoPki pki = pki(type, "valid-" + type);
    DemoPki.Issued leaf = pki.issueLeaf("CN=Leaf,O=Dept,C=CN");
    VerificationResult<CertificatePath> r = verifier(pki).verify(leaf.chain());
    ResultAssertions.assertPassed(r);
    assertEquals(3, r.orElseThrow().certificates().size());
    assertEquals(pki.root().certificate(), r.orElseThrow().anchor());
    assertEquals(CheckStatus.OK, r.check(CheckId.REVOCATION).orElseThrow().status());
  }

  @Test
  void verify_leafOnlyWithIntermediatesOutOfOrder_passes() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "order");
    DemoPki.Issued leaf = pki.issueLeaf("CN=Leaf,C=CN");
    VerificationResult<CertificatePath> r = CertificateVerifier.builder(pki.trustAnchors())
        .build().verify(List.of(leaf.certificate(), pki.root().certificate(),
            pki.intermediate().certificate()));
    ResultAssertions.assertPassed(r);
    assertEquals(CheckStatus.SKIPPED, r.check(CheckId.REVOCATION).orElseThrow().status());
  }

  @Test
  void verify_expiredLeaf_failsWithCertExpired() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "expired",
        Clock.offset(Clock.systemUTC(), Duration.ofDays(-30)));
    Instant now = Instant.now();
    DemoPki.Issued leaf = pki.issueLeaf("CN=Old,C=CN",
        Set.of(KeyUsage.DIGITAL_SIGNATURE), now.minus(Duration.ofDays(10)),
        now.minus(Duration.ofDays(1)));
    VerificationResult<CertificatePath> r = CertificateVerifier.builder(pki.trustAnchors())
        .build().verify(leaf.chain());
    ResultAssertions.assertResult(r, Indication.FAILED, Reason.CERT_EXPIRED);
    // ... but it was valid when (say) a document was signed five days ago.
    ResultAssertions.assertPassed(CertificateVerifier.builder(pki.trustAnchors()).build()
        .verify(leaf.chain(), now.minus(Duration.ofDays(5))));
  }

  @Test
  void verify_notYetValidLeaf_failsWithCertNotYetValid() {
    DemoPki pki = DemoPki.create(KeyType.RSA, "future");
    Instant now = Instant.now();
    DemoPki.Issued leaf = pki.issueLeaf("CN=New,C=CN", Set.of(KeyUsage.DIGITAL_SIGNATURE),
        now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)));
    ResultAssertions.assertResult(CertificateVerifier.builder(pki.trustAnchors()).build()
        .verify(leaf.chain()), Indication.FAILED, Reason.CERT_NOT_YET_VALID);
  }

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"SM2", "RSA"})
  void verify_revokedLeafByFetchedCrl_failsWithRevoked(KeyType type) {
    DemoPki pki = pki(type, "revoked-" + type);
    DemoPki.Issued leaf = pki.issueLeaf("CN=Bad,C=CN");
    Instant revokedAt = Instant.now().minus(Duration.ofHours(1));
    pki.revoke(leaf.certificate(), revokedAt);
    CertificateVerifier v = verifier(pki);
    VerificationResult<CertificatePath> r = v.verify(leaf.chain());
    ResultAssertions.assertResult(r, Indication.FAILED, Reason.REVOKED);
    // A signature made before the revocation is judged at its own time.
    ResultAssertions.assertPassed(v.verify(leaf.chain(), revokedAt.minus(Duration.ofHours(1))));
  }

  @Test
  void verify_revokedLeafByStaticCrl_failsWithRevoked() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "static");
    DemoPki.Issued leaf = pki.issueLeaf("CN=Bad,C=CN");
    pki.revoke(leaf.certificate(), Instant.now().minusSeconds(60));
    CertificateVerifier v = CertificateVerifier.builder(pki.trustAnchors())
        .revocation(CrlRevocationSource.builder().offline().crl(pki.intermediateCrl())
            .crl(pki.rootCrl()).build()).build();
    ResultAssertions.assertResult(v.verify(leaf.chain()), Indication.FAILED, Reason.REVOKED);
  }

  @Test
  void verify_crlUnreachable_isIndeterminateRevocationUnknown() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "unreachable", Clock.systemUTC(),
        server.base().resolve("/nothing-here/"));
    DemoPki.Issued leaf = pki.issueLeaf("CN=Leaf,C=CN");
    VerificationResult<CertificatePath> r = verifier(pki).verify(leaf.chain());
    ResultAssertions.assertResult(r, Indication.INDETERMINATE, Reason.REVOCATION_UNKNOWN);
  }

  @Test
  void verify_crlSignedByWrongKey_isNotTrusted() {
    DemoPki pki = pki(KeyType.SM2, "forged-crl");
    DemoPki other = DemoPki.create(KeyType.SM2, "other");
    DemoPki.Issued leaf = pki.issueLeaf("CN=Leaf,C=CN");
    // A CRL naming the right issuer but signed by another key must be ignored.
    X509CRL forged = CrlBuilder.forIssuer(pki.intermediate().certificate(),
            other.intermediate().signingKey())
        .updates(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600)).build();
    server.serve("/forged-crl/intermediate.crl", () -> encoded(forged));
    VerificationResult<CertificatePath> r = verifier(pki).verify(leaf.chain());
    ResultAssertions.assertResult(r, Indication.INDETERMINATE, Reason.REVOCATION_UNKNOWN);
    assertTrue(r.check(CheckId.REVOCATION).orElseThrow().detail().contains("signature"));
  }

  @Test
  void verify_staleCrl_isIndeterminate() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "stale");
    DemoPki.Issued leaf = pki.issueLeaf("CN=Leaf,C=CN");
    X509CRL crl = pki.intermediateCrl();
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(8));
    CertificateVerifier v = CertificateVerifier.builder(pki.trustAnchors())
        .revocation(CrlRevocationSource.builder().offline().crl(crl).crl(pki.rootCrl())
            .clock(later).build()).build();
    ResultAssertions.assertResult(v.verify(leaf.chain()), Indication.INDETERMINATE,
        Reason.REVOCATION_UNKNOWN);
  }

  @Test
  void verify_oversizedCrl_isIndeterminateAndBounded() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "huge", Clock.systemUTC(),
        server.base().resolve("/huge/"));
    server.serve("/huge/intermediate.crl", () -> new byte[64 * 1024]);
    DemoPki.Issued leaf = pki.issueLeaf("CN=Leaf,C=CN");
    CertificateVerifier v = CertificateVerifier.builder(pki.trustAnchors())
        .revocation(CrlRevocationSource.builder()
            .limits(HttpLimits.defaults().withMaxBodyBytes(1024)).build()).build();
    VerificationResult<CertificatePath> r = v.verify(leaf.chain());
    ResultAssertions.assertResult(r, Indication.INDETERMINATE, Reason.REVOCATION_UNKNOWN);
    assertTrue(r.check(CheckId.REVOCATION).orElseThrow().detail().contains("exceeds"));
  }

  @Test
  void verify_fetchedCrl_isCachedUntilTtl() {
    DemoPki pki = pki(KeyType.SM2, "cache");
    DemoPki.Issued leaf = pki.issueLeaf("CN=Leaf,C=CN");
    CertificateVerifier v = verifier(pki);
    int before = server.requests();
    ResultAssertions.assertPassed(v.verify(leaf.chain()));
    int afterFirst = server.requests();
    ResultAssertions.assertPassed(v.verify(leaf.chain()));
    assertEquals(2, afterFirst - before, "one fetch per CRL (intermediate and root)");
    assertEquals(afterFirst, server.requests(), "second verification served from cache");
  }

  @Test
  void verify_wrongKeyUsage_failsWithKeyUsageInvalid() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "ku");
    Instant now = Instant.now();
    DemoPki.Issued leaf = pki.issueLeaf("CN=Enc,C=CN", Set.of(KeyUsage.KEY_ENCIPHERMENT),
        now.minusSeconds(60), now.plus(Duration.ofDays(1)));
    ResultAssertions.assertResult(CertificateVerifier.builder(pki.trustAnchors()).build()
        .verify(leaf.chain()), Indication.FAILED, Reason.KEY_USAGE_INVALID);
  }

  @Test
  void verify_untrustedRoot_failsWithUntrustedRoot() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "mine");
    DemoPki other = DemoPki.create(KeyType.SM2, "theirs");
    DemoPki.Issued leaf = other.issueLeaf("CN=Leaf,C=CN");
    ResultAssertions.assertResult(CertificateVerifier.builder(pki.trustAnchors()).build()
        .verify(leaf.chain()), Indication.FAILED, Reason.UNTRUSTED_ROOT);
  }

  @Test
  void verify_missingIntermediate_isIndeterminateNoChain() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "gap");
    DemoPki.Issued leaf = pki.issueLeaf("CN=Leaf,C=CN");
    ResultAssertions.assertResult(CertificateVerifier.builder(pki.trustAnchors()).build()
        .verify(List.of(leaf.certificate())), Indication.INDETERMINATE,
        Reason.NO_CERTIFICATE_CHAIN_FOUND);
  }

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"SM2", "RSA"})
  void verify_brokenSignatureInChain_failsWithCertSignatureInvalid(KeyType type)
      throws Exception {
    DemoPki pki = DemoPki.create(type, "broken-" + type);
    DemoPki.Issued leaf = pki.issueLeaf("CN=Leaf,C=CN");
    byte[] der = leaf.certificate().getEncoded();
    der[der.length - 5] ^= 0x01; // inside the signature value
    X509Certificate broken = Pem.toCertificate(der);
    VerificationResult<CertificatePath> r = CertificateVerifier.builder(pki.trustAnchors())
        .revocation(CrlRevocationSource.builder().build()).build()
        .verify(List.of(broken, pki.intermediate().certificate()));
    ResultAssertions.assertResult(r, Indication.FAILED, Reason.CERT_SIGNATURE_INVALID);
    assertEquals(CheckStatus.SKIPPED, r.check(CheckId.REVOCATION).orElseThrow().status(),
        "no CRL fetched for an inauthentic certificate");
  }

  @Test
  void verify_certIssuedByLeaf_failsWithCertChainInvalid() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "notca");
    DemoPki.Issued leaf = pki.issueLeaf("CN=Leaf,C=CN");
    KeyPair kp = KeyPairs.generate(KeyType.SM2);
    SigningKey leafKey = leaf.signingKey();
    X509Certificate sub = CertificateBuilder.forSubject(kp.getPublic(), "CN=Sub,C=CN")
        .issuer(leaf.certificate(), leafKey)
        .validity(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600)).build();
    ResultAssertions.assertResult(CertificateVerifier.builder(pki.trustAnchors()).build()
        .verify(List.of(sub, leaf.certificate(), pki.intermediate().certificate())),
        Indication.FAILED, Reason.CERT_CHAIN_INVALID);
    assertTrue(SigningKeys.of(kp.getPrivate(), List.of()).algorithm() != null);
  }

  @Test
  void verify_atFixedClock_usesClock() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "clock");
    DemoPki.Issued leaf = pki.issueLeaf("CN=Leaf,C=CN");
    Clock farFuture = Clock.fixed(Instant.now().plus(Duration.ofDays(400)), ZoneOffset.UTC);
    ResultAssertions.assertResult(CertificateVerifier.builder(pki.trustAnchors())
        .clock(farFuture).build().verify(leaf.chain()), Indication.FAILED, Reason.CERT_EXPIRED);
  }

  @Test
  void verify_emptyChain_failsWithFormatFailure() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "empty");
    ResultAssertions.assertResult(CertificateVerifier.builder(pki.trustAnchors()).build()
        .verify(List.of()), Indication.FAILED, Reason.FORMAT_FAILURE);
  }
}
