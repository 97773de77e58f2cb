package org.tongban.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.crypto.KeyType;
import org.tongban.internal.crypto.Bc;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;
import org.tongban.pki.CertificateBuilder;
import org.tongban.pki.CrlRevocationSource;
import org.tongban.pki.KeyUsage;
import org.tongban.pki.TrustPolicy;
import org.tongban.result.CheckStatus;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.seal.ses.SesSignature;
import org.tongban.seal.ses.SesVersion;
import org.tongban.testing.ResultAssertions;

class SealTimeStampRevocationTest {
  private static final byte[] DOC = "营业执照 timestamped\n".getBytes(StandardCharsets.UTF_8);

  // (A TSA certificate without the timeStamping EKU cannot even be used with BouncyCastle's
  // token generator, so that refusal is tested by the generator, not here.)
  private static X509Certificate tsaCert(SealFixtures f, KeyPair kp, boolean eku) {
    CertificateBuilder b = CertificateBuilder.forSubject(kp.getPublic(), "CN=Demo TSA,C=CN")
        .issuer(f.pki.intermediate().certificate(), f.pki.intermediate().signingKey())
        .keyUsage(Set.of(KeyUsage.DIGITAL_SIGNATURE))
        .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
    if (eku) {
      b.timeStamping();
    }
    return b.build();
  }

  private static byte[] token(PrivateKey key, X509Certificate cert, byte[] covered)
      throws Exception {
    TimeStampTokenGenerator gen = new TimeStampTokenGenerator(
        new JcaSimpleSignerInfoGeneratorBuilder().setProvider(Bc.PROVIDER)
            .build("SM3withSM2", key, cert),
        new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build()
            .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
        new ASN1ObjectIdentifier("1.2.156.9999.1"));
    gen.addCertificates(new JcaCertStore(List.of(cert)));
    TimeStampRequestGenerator req = new TimeStampRequestGenerator();
    req.setCertReq(true);
    return gen.generate(req.generate(
            new ASN1ObjectIdentifier(DigestAlgorithm.SM3.oid()),
            DigestAlgorithm.SM3.digest(covered)), BigInteger.ONE, new Date())
        .toCMSSignedData().getEncoded();
  }

  @Test
  void timeStamp_overTheSignatureValue_verifiesAndFixesTheTime() throws Exception {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSignature sig = DataSealer.builder().build().seal(f.seal(SesVersion.V4),
        f.holder.signingKey(),
        DOC, "doc");
    KeyPair tsa = KeyPairs.generate(KeyType.SM2);
    X509Certificate tsaCert = tsaCert(f, tsa, true);
    SesSignature stamped = DataSealer.builder().build().addTimeStamp(sig,
        token(tsa.getPrivate(), tsaCert, sig.signature()));
    assertTrue(stamped.timeStamp().isPresent());
    VerificationResult<VerifiedSeal> r = f.verifier().verify(stamped.encoded(), DOC);
    ResultAssertions.assertPassed(r);
    assertEquals(CheckStatus.OK, r.check(SealVerifier.TIMESTAMP).orElseThrow().status());
    assertTrue(r.orElseThrow().timeStampTime().isPresent());
    assertThrows(IllegalArgumentException.class,
        () -> DataSealer.builder().build().addTimeStamp(stamped, new byte[] {1}));
  }

  @Test
  void timeStamp_problems_failWithTheirReason() throws Exception {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSignature sig = DataSealer.builder().build().seal(f.seal(SesVersion.V4),
        f.holder.signingKey(),
        DOC, "doc");
    KeyPair tsa = KeyPairs.generate(KeyType.SM2);
    X509Certificate good = tsaCert(f, tsa, true);

    byte[] otherValue = token(tsa.getPrivate(), good, "something else".getBytes(
        StandardCharsets.US_ASCII));
    assertTs(f, sig, otherValue, Reason.HASH_FAILURE);

    assertTs(f, sig, new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, Reason.FORMAT_FAILURE);

    KeyPair strangerKey = KeyPairs.generate(KeyType.SM2);
    X509Certificate selfSigned = CertificateBuilder.forSubject(strangerKey.getPublic(),
            "CN=Rogue TSA,C=CN")
        .selfSigned(SigningKeys.of(strangerKey.getPrivate(), List.of()))
        .keyUsage(Set.of(KeyUsage.DIGITAL_SIGNATURE)).timeStamping()
        .validity(Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600)).build();
    assertTs(f, sig, token(strangerKey.getPrivate(), selfSigned, sig.signature()),
        Reason.UNTRUSTED_ROOT);
  }

  private static void assertTs(SealFixtures f, SesSignature sig, byte[] token, Reason reason) {
    SesSignature stamped = DataSealer.builder().build().addTimeStamp(sig, token);
    VerificationResult<VerifiedSeal> r = f.verifier().verify(stamped.encoded(), DOC);
    ResultAssertions.assertResult(r, reason.indication(), reason);
    assertEquals(CheckStatus.FAILED, r.check(SealVerifier.TIMESTAMP).orElseThrow().status());
  }

  @Test
  void revokedSigner_failsWithRevoked() {
    SealFixtures f = SealFixtures.of(KeyType.RSA);
    var holder = f.pki.issueLeaf("CN=Soon revoked,C=CN");
    var seal = SealMaker.builder(f.maker.signingKey()).build()
        .make(f.spec().holders(List.of(holder.certificate())).build());
    SesSignature sig = DataSealer.builder().build().seal(seal, holder.signingKey(), DOC, "doc");
    f.pki.revoke(holder.certificate(), Instant.now().minusSeconds(5));
    SealVerifier v = SealVerifier.builder(TrustPolicy.builder(f.pki.trustAnchors())
        .intermediates(List.of(f.pki.intermediate().certificate()))
        .revocation(CrlRevocationSource.builder().offline().crl(f.pki.intermediateCrl())
            .crl(f.pki.rootCrl()).build()).build()).build();
    VerificationResult<VerifiedSeal> r = v.verify(sig.encoded(), DOC);
    ResultAssertions.assertResult(r, Indication.FAILED, Reason.REVOKED);
    assertEquals(CheckStatus.FAILED, r.check(SealVerifier.SIGNER_CHAIN).orElseThrow().status());
    assertEquals(CheckStatus.OK, r.check(SealVerifier.MAKER_CHAIN).orElseThrow().status());
  }

  @Test
  void sharedVerifier_16Threads_consistent() throws Exception {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    byte[] good = DataSealer.builder().build().seal(f.seal(SesVersion.V4), f.holder.signingKey(),
        DOC,
        "doc").encoded();
    byte[] bad = DOC.clone();
    bad[0] ^= 1;
    SealVerifier v = f.verifier();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Boolean>> fs = new ArrayList<>();
      for (int i = 0; i < 96; i++) {
        boolean ok = i % 3 != 0;
        fs.add(pool.submit(() -> v.verify(good, ok ? DOC : bad).isValid() == ok));
      }
      for (Future<Boolean> fu : fs) {
        assertTrue(fu.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
