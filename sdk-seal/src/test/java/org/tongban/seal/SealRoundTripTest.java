package org.tongban.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tongban.KeyAccessException;
import org.tongban.SigningException;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.pki.KeyUsage;
import org.tongban.pki.TrustPolicy;
import org.tongban.result.CheckId;
import org.tongban.result.CheckStatus;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesSignature;
import org.tongban.seal.ses.SesVersion;
import org.tongban.testing.ResultAssertions;

class SealRoundTripTest {
  private static final byte[] DOC = "关于开展一网通办试点工作的通知\n".repeat(200)
      .getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @CsvSource({"SM2,V4", "SM2,V1", "RSA,V4", "RSA,V1"})
  void makeSealVerify_passesWithEveryCheck(KeyType type, SesVersion version) throws Exception {
    SealFixtures f = SealFixtures.of(type);
    SesSeal seal = f.seal(version);
    assertEquals(version, seal.version());
    assertEquals(SesSeal.parse(seal.encoded()).esId(), seal.esId());
    SesSignature sig = DataSealer.builder().build().seal(seal, f.holder.signingKey(), DOC,
        "notice.txt");
    VerificationResult<VerifiedSeal> r = f.verifier().verify(sig.encoded(), DOC);
    ResultAssertions.assertPassed(r);
    VerifiedSeal v = r.orElseThrow();
    assertEquals("某某市市场监督管理局合同专用章", v.sealName());
    assertEquals("notice.txt", v.propertyInfo());
    assertArrayEquals(f.png, v.picture().data());
    assertEquals(42, v.picture().widthMm());
    assertEquals(f.holder.certificate(), v.signer());
    assertEquals(f.maker.certificate(), v.maker());
    for (CheckId id : List.of(CheckId.FORMAT, SealVerifier.MAKER_SIGNATURE, CheckId.SIGNATURE,
        SealVerifier.DATA_HASH, SealVerifier.SIGNER_ALLOWED, SealVerifier.SEAL_VALIDITY,
        SealVerifier.MAKER_CHAIN, SealVerifier.SIGNER_CHAIN)) {
      assertEquals(CheckStatus.OK, r.check(id).orElseThrow().status(), id.name());
    }
    assertEquals(CheckStatus.SKIPPED, r.check(SealVerifier.TIMESTAMP).orElseThrow().status());
    // Stream form gives the same verdict.
    ResultAssertions.assertPassed(f.verifier().verify(sig.encoded(),
        new ByteArrayInputStream(DOC)));
  }

  /**
   * The copy-free accessors the verifier uses: the seal parsed out of a signature (sharing its
   * bytes) reads as the seal itself, its view is read-only and equal to its encoding, and the
   * signer's signature is checked over exactly DER(TBS_Sign).
   */
  @ParameterizedTest
  @CsvSource({"SM2,V4", "RSA,V1"})
  void parsedSignature_sharesNothingMutable_andChecksExactlyTbsSign(KeyType type,
      SesVersion version) {
    SealFixtures f = SealFixtures.of(type);
    SesSeal seal = f.seal(version);
    SesSignature sig = SesSignature.parse(DataSealer.builder().build().seal(seal,
        f.holder.signingKey(), DOC, "notice.txt").encoded());
    SesSeal inner = sig.seal();
    assertArrayEquals(seal.encoded(), inner.encoded());
    assertArrayEquals(seal.makerSignedBytes(), inner.makerSignedBytes());
    assertArrayEquals(seal.alternativeMakerSignedBytes(), inner.alternativeMakerSignedBytes());
    java.nio.ByteBuffer view = inner.encodedView();
    assertTrue(view.isReadOnly());
    assertEquals(java.nio.ByteBuffer.wrap(seal.encoded()), view);
    assertEquals(seal.encodedView(), view);
    assertEquals(0, view.position());
    assertEquals(sig.toBeSigned().length, sig.toBeSignedLength());
    org.tongban.crypto.VerificationKey signer = org.tongban.crypto.VerificationKey.builder(
        f.holder.certificate().getPublicKey()).build();
    assertTrue(sig.signatureValidUnder(signer));
    assertTrue(signer.verifier().isValid(sig.signature(), sig.toBeSigned()));
    org.tongban.crypto.VerificationKey maker = org.tongban.crypto.VerificationKey.builder(
        f.maker.certificate().getPublicKey()).build();
    assertEquals(false, sig.signatureValidUnder(maker));
    // The copies handed out are copies: changing one changes nothing inside.
    byte[] tbs = sig.toBeSigned();
    tbs[tbs.length - 1] ^= 1;
    byte[] enc = inner.encoded();
    enc[enc.length - 1] ^= 1;
    assertTrue(sig.signatureValidUnder(signer));
    assertEquals(seal.encodedView(), inner.encodedView());
  }

  @Test
  void certDigestList_v4_verifies() {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSeal seal = SealMaker.builder(f.maker.signingKey()).build()
        .make(f.spec().listHolderDigests().build());
    assertEquals(SesSeal.CertListType.DIGESTS, seal.certListType());
    assertEquals("SM3", seal.holderCertDigests().get(0).type());
    SesSignature sig = DataSealer.builder().build().seal(seal, f.holder.signingKey(), DOC, "d");
    VerificationResult<VerifiedSeal> r = f.verifier().verify(sig.encoded(), DOC);
    ResultAssertions.assertPassed(r);
    assertTrue(r.check(SealVerifier.SIGNER_ALLOWED).orElseThrow().detail().contains("digest"));
  }

  @Test
  void threeStepFlow_externalSigner() {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSeal seal = f.seal(SesVersion.V4);
    DataSealer sealer = DataSealer.builder().build();
    PreparedSealSignature p = sealer.prepare(seal, f.holder.certificate(), DOC, "contract.pdf");
    byte[] value = f.holder.signingKey().sign(p.toBeSigned()); // e.g. on an HSM
    SesSignature sig = sealer.complete(p, value);
    ResultAssertions.assertPassed(f.verifier().verify(sig.encoded(), DOC));
    byte[] wrong = value.clone();
    wrong[wrong.length - 1] ^= 1;
    assertThrows(SigningException.class, () -> sealer.complete(p, wrong));
  }

  @Test
  void seal_signerNotListed_refusedWithSealCertMismatch() {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSeal seal = f.seal(SesVersion.V4);
    DemoPki.Issued stranger = f.pki.issueLeaf("CN=Stranger,C=CN");
    SigningException e = assertThrows(SigningException.class,
        () -> DataSealer.builder().build().seal(seal, stranger.signingKey(), DOC, "x"));
    assertEquals(Reason.SEAL_CERT_MISMATCH, e.reason());
  }

  @Test
  void seal_outsideValidity_refused() {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSeal seal = f.seal(SesVersion.V4);
    Clock late = Clock.fixed(Instant.now().plus(Duration.ofDays(400)), ZoneOffset.UTC);
    assertEquals(Reason.EXPIRED, assertThrows(SigningException.class,
        () -> DataSealer.builder().clock(late).build().seal(seal, f.holder.signingKey(), DOC,
            "x")).reason());
    Clock early = Clock.fixed(Instant.now().minus(Duration.ofDays(3)), ZoneOffset.UTC);
    assertEquals(Reason.NOT_YET_VALID, assertThrows(SigningException.class,
        () -> DataSealer.builder().clock(early).build().seal(seal, f.holder.signingKey(), DOC,
            "x")).reason());
  }

  @Test
  void make_refusesBadRequests() {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    Instant now = Instant.now();
    assertThrows(IllegalArgumentException.class,
        () -> SealSpec.builder().validity(now, now.minusSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> SealSpec.builder().holders(List.of()));
    assertThrows(IllegalArgumentException.class, () -> SealSpec.builder()
        .picture(SealPicture.of("PNG", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}, 40,
            40)));
    assertThrows(IllegalArgumentException.class, () -> SealSpec.builder()
        .picture(SealPicture.of("GIF", f.png, 40, 40)));
    DemoPki.Issued encOnly = f.pki.issueLeaf("CN=Enc,C=CN", Set.of(KeyUsage.KEY_ENCIPHERMENT),
        now.minusSeconds(60), now.plus(Duration.ofDays(1)));
    assertThrows(KeyAccessException.class,
        () -> SealMaker.builder(encOnly.signingKey()).build());
    assertThrows(IllegalArgumentException.class, () -> SealMaker.builder(f.maker.signingKey())
        .version(SesVersion.V1).build().make(f.spec().listHolderDigests().build()));
  }

  @Test
  void verify_noTrust_isIndeterminateNeverPassed() {
    assertThrows(NullPointerException.class, () -> SealVerifier.builder(null));
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSignature sig = DataSealer.builder().build().seal(f.seal(SesVersion.V4),
        f.holder.signingKey(),
        DOC, "x");
    VerificationResult<VerifiedSeal> r = SealVerifier.builder(TrustPolicy.none())
        .build().verify(sig.encoded(), DOC);
    ResultAssertions.assertResult(r, Indication.INDETERMINATE, Reason.TRUST_NOT_CONFIGURED);
    assertEquals(CheckStatus.OK, r.check(SealVerifier.DATA_HASH).orElseThrow().status(),
        "everything else was checked");
    assertEquals(CheckStatus.FAILED, r.check(SealVerifier.SIGNER_CHAIN).orElseThrow().status());
    // A tampered document under no trust is FAILED, not merely undecided.
    ResultAssertions.assertResult(SealVerifier.builder(TrustPolicy.none()).build()
        .verify(sig.encoded(), "changed".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        Indication.FAILED, Reason.HASH_FAILURE);
  }

  @Test
  void verify_signerTrustedAsGiven_passesWithoutAnyChain() {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSignature sig = DataSealer.builder().build().seal(f.seal(SesVersion.V4),
        f.holder.signingKey(),
        DOC, "x");
    VerificationResult<VerifiedSeal> r = SealVerifier.builder(TrustPolicy.trustedAsGiven(
        List.of(f.maker.certificate(), f.holder.certificate()))).build()
        .verify(sig.encoded(), DOC);
    ResultAssertions.assertPassed(r);
    VerificationResult<VerifiedSeal> onlySigner = SealVerifier.builder(
        TrustPolicy.trustedAsGiven(List.of(f.holder.certificate()))).build()
        .verify(sig.encoded(), DOC);
    // The maker is neither trusted as given nor chained to anything: undecided.
    ResultAssertions.assertResult(onlySigner, Indication.INDETERMINATE,
        Reason.NO_CERTIFICATE_CHAIN_FOUND);
  }

  @Test
  void verify_untrustedRoot_failsOnMakerChain() {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSignature sig = DataSealer.builder().build().seal(f.seal(SesVersion.V4),
        f.holder.signingKey(),
        DOC, "x");
    VerificationResult<VerifiedSeal> r = SealVerifier.builder(TrustPolicy.builder(
        DemoPki.create(KeyType.SM2, "other").trustAnchors())
        .intermediates(List.of(f.pki.intermediate().certificate(), f.pki.root().certificate()))
        .build()).build()
        .verify(sig.encoded(), DOC);
    ResultAssertions.assertResult(r, Indication.FAILED, Reason.UNTRUSTED_ROOT);
    assertEquals(CheckStatus.FAILED, r.check(SealVerifier.MAKER_CHAIN).orElseThrow().status());
  }
}
