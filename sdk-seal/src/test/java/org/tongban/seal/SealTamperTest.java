package org.tongban.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.pki.DemoPki;
import org.tongban.result.CheckStatus;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.seal.internal.SealAlgorithms;
import org.tongban.seal.internal.SesEncoder;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesSignature;
import org.tongban.seal.ses.SesVersion;
import org.tongban.testing.ResultAssertions;

/** Tampering anywhere fails with the right reason; malformed input never escapes as a crash. */
class SealTamperTest {
  private static final byte[] DOC = "不动产登记证明 No. 0001\n".repeat(100)
      .getBytes(StandardCharsets.UTF_8);

  private static int lastIndexOf(byte[] hay, byte[] needle) {
    for (int i = hay.length - needle.length; i >= 0; i--) {
      if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    for (int i = 0; i + needle.length <= hay.length; i++) {
      if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }

  private static VerificationResult<VerifiedSeal> verify(SealFixtures f, byte[] sig, byte[] doc) {
    VerificationResult<VerifiedSeal> r = f.verifier().verify(sig, doc);
    ResultAssertions.assertConsistent(r);
    return r;
  }

  @ParameterizedTest
  @EnumSource(SesVersion.class)
  void flippedBitAnywhere_failsWithTheRightReason(SesVersion version) throws Exception {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSeal seal = f.seal(version);
    byte[] good = DataSealer.builder().build().seal(seal, f.holder.signingKey(), DOC, "doc")
        .encoded();
    ResultAssertions.assertPassed(verify(f, good, DOC));

    byte[] doc = DOC.clone();
    doc[100] ^= 0x04;
    ResultAssertions.assertResult(verify(f, good, doc), Indication.FAILED, Reason.HASH_FAILURE);

    byte[] picture = good.clone();
    int p = indexOf(picture, Arrays.copyOfRange(f.png, 200, 232));
    assertTrue(p > 0);
    picture[p + 5] ^= 0x01;
    VerificationResult<VerifiedSeal> r = verify(f, picture, DOC);
    ResultAssertions.assertResult(r, Indication.FAILED, Reason.SIG_CRYPTO_FAILURE);
    assertEquals(CheckStatus.FAILED, r.check(SealVerifier.MAKER_SIGNATURE).orElseThrow()
        .status(), "the maker's signature covers the picture");

    byte[] dates = good.clone();
    String end = version == SesVersion.V4 ? "20" : "";
    int yearDigit = indexOf(dates, (end + String.valueOf(
        java.time.ZonedDateTime.ofInstant(seal.validEnd(), java.time.ZoneOffset.UTC).getYear())
        .substring(end.isEmpty() ? 2 : 2)).getBytes(StandardCharsets.US_ASCII));
    assertTrue(yearDigit > 0);
    // Find the validEnd time: the last of the three seal times.
    int lastTime = lastIndexOf(Arrays.copyOf(dates, indexOf(dates, Arrays.copyOfRange(f.png, 0,
        8))), seal.version() == SesVersion.V4 ? new byte[] {0x18, 0x0f} : new byte[] {0x17, 0x0d});
    assertTrue(lastTime > 0);
    dates[lastTime + 2 + (version == SesVersion.V4 ? 3 : 1)] += 1; // one more year of validity
    r = verify(f, dates, DOC);
    ResultAssertions.assertResult(r, Indication.FAILED, Reason.SIG_CRYPTO_FAILURE);
    assertEquals(CheckStatus.FAILED, r.check(SealVerifier.MAKER_SIGNATURE).orElseThrow()
        .status(), "the maker's signature covers the validity dates");

    byte[] signerCert = f.holder.certificate().getEncoded();
    byte[] certs = good.clone();
    int c = lastIndexOf(certs, signerCert);
    certs[c + signerCert.length - 3] ^= 0x01; // inside the certificate's own signature
    r = verify(f, certs, DOC);
    ResultAssertions.assertResult(r, Indication.FAILED, version == SesVersion.V4
        ? Reason.SEAL_CERT_MISMATCH : Reason.SIG_CRYPTO_FAILURE);
    assertEquals(CheckStatus.FAILED, r.check(SealVerifier.SIGNER_CHAIN).orElseThrow().status());
  }

  @Test
  void flippedSignatureValue_failsOnSignature() {
    SealFixtures f = SealFixtures.of(KeyType.RSA);
    byte[] good = DataSealer.builder().build().seal(f.seal(SesVersion.V4), f.holder.signingKey(),
        DOC,
        "doc").encoded();
    byte[] bad = good.clone();
    bad[bad.length - 1] ^= 0x01; // the last byte of the signature BIT STRING
    VerificationResult<VerifiedSeal> r = verify(f, bad, DOC);
    ResultAssertions.assertResult(r, Indication.FAILED, Reason.SIG_CRYPTO_FAILURE);
    assertEquals(CheckStatus.OK, r.check(SealVerifier.MAKER_SIGNATURE).orElseThrow().status());
    assertEquals(CheckStatus.FAILED, r.check(org.tongban.result.CheckId.SIGNATURE).orElseThrow()
        .status());
  }

  /** A correctly signed signature by someone the seal does not list. */
  @Test
  void craftedSignatureByUnlistedSigner_failsWithSealCertMismatch() throws Exception {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSeal seal = f.seal(SesVersion.V4);
    DemoPki.Issued stranger = f.pki.issueLeaf("CN=Stranger,C=CN");
    byte[] sig = craft(seal, stranger, Instant.now());
    ResultAssertions.assertResult(verify(f, sig, DOC), Indication.FAILED,
        Reason.SEAL_CERT_MISMATCH);
  }

  @Test
  void craftedSignatureAfterSealExpiry_failsWithExpired() throws Exception {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSeal seal = f.seal(SesVersion.V4);
    byte[] late = craft(seal, f.holder, seal.validEnd().plus(Duration.ofDays(1)));
    ResultAssertions.assertResult(verify(f, late, DOC), Indication.FAILED, Reason.EXPIRED);
    byte[] early = craft(seal, f.holder, seal.validStart().minus(Duration.ofDays(1)));
    ResultAssertions.assertResult(verify(f, early, DOC), Indication.FAILED, Reason.NOT_YET_VALID);
  }

  @Test
  void makerAlgorithmNamedForAnotherKeyType_failsWithAlgorithmMismatch() throws Exception {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSeal seal = f.seal(SesVersion.V4);
    byte[] info = SesEncoder.sealInfo(new SesEncoder.SealInfo(SesVersion.V4, "X", "id", 1, "n",
        List.of(f.holder.certificate().getEncoded()), List.of(), Instant.now(),
        seal.validStart(), seal.validEnd(), seal.picture()));
    byte[] forged = SesEncoder.seal(SesVersion.V4, info, f.maker.certificate().getEncoded(),
        SignatureAlgorithm.RSA_PKCS1_SHA256.oid(), f.maker.signingKey().sign(info));
    byte[] sig = craft(SesSeal.parse(forged), f.holder, Instant.now());
    ResultAssertions.assertResult(verify(f, sig, DOC), Indication.FAILED,
        Reason.ALGORITHM_MISMATCH);
  }

  private static byte[] craft(SesSeal seal, DemoPki.Issued signer, Instant time)
      throws Exception {
    byte[] tbs = SesEncoder.tbsSign(seal.version(), seal.encoded(), time,
        org.tongban.crypto.DigestAlgorithm.SM3.digest(DOC), "doc",
        signer.certificate().getEncoded(), SignatureAlgorithm.SM2_SM3.oid());
    return SesEncoder.signature(seal.version(), tbs, signer.certificate().getEncoded(),
        SignatureAlgorithm.SM2_SM3.oid(), SealAlgorithms.sign(signer.signingKey(), tbs));
  }

  @Test
  void malformedInputs_formatOrSizeFailure() {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    byte[] good = DataSealer.builder().build().seal(f.seal(SesVersion.V4), f.holder.signingKey(),
        DOC,
        "doc").encoded();
    assertFormat(f, new byte[] {1, 2, 3}, Reason.FORMAT_FAILURE);
    assertFormat(f, Arrays.copyOf(good, good.length - 10), Reason.FORMAT_FAILURE);
    assertFormat(f, Arrays.copyOf(good, good.length + 1), Reason.FORMAT_FAILURE);
    byte[] ber = good.clone();
    ber[1] = (byte) 0x80; // indefinite length
    assertFormat(f, ber, Reason.FORMAT_FAILURE);
    byte[] deep = new byte[4000];
    for (int i = 0; i < 2000; i++) {
      deep[2 * i] = 0x30;
      deep[2 * i + 1] = (byte) 0x80;
    }
    assertFormat(f, deep, Reason.FORMAT_FAILURE);
    byte[] nested = new byte[120]; // 60 levels of SEQUENCE: deeper than the limit of 32
    for (int i = 0; i < 60; i++) {
      nested[2 * i] = 0x30;
      nested[2 * i + 1] = (byte) (118 - 2 * i);
    }
    assertFormat(f, nested, Reason.SIZE_LIMIT_EXCEEDED);
    byte[] huge = new byte[9 * 1024 * 1024];
    huge[0] = 0x30;
    assertFormat(f, huge, Reason.SIZE_LIMIT_EXCEEDED);
    byte[] version5 = good.clone();
    int h = indexOf(version5, new byte[] {0x16, 0x02, 'E', 'S', 0x02, 0x01, 0x04});
    version5[h + 6] = 0x05;
    VerificationResult<VerifiedSeal> r = verify(f, version5, DOC);
    ResultAssertions.assertResult(r, Indication.FAILED, Reason.FORMAT_FAILURE);
    assertTrue(r.checks().get(0).detail().contains("version"), r.toString());
  }

  private static void assertFormat(SealFixtures f, byte[] input, Reason reason) {
    ResultAssertions.assertResult(verify(f, input, DOC), Indication.FAILED, reason);
  }

  @Test
  void fuzz_mutatedSignatures_neverCrashNeverPass() {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    byte[] good = DataSealer.builder().build().seal(f.seal(SesVersion.V1), f.holder.signingKey(),
        DOC,
        "doc").encoded();
    Random rnd = new Random(38540);
    for (int i = 0; i < 400; i++) {
      byte[] m = good.clone();
      for (int k = 0; k < 1 + rnd.nextInt(3); k++) {
        m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
      }
      if (rnd.nextInt(10) == 0) {
        m = Arrays.copyOf(m, rnd.nextInt(m.length));
      }
      try {
        VerificationResult<VerifiedSeal> r = f.verifier().verify(m, DOC);
        ResultAssertions.assertConsistent(r);
        if (!Arrays.equals(m, good)) {
          assertNotEquals(Indication.PASSED, r.indication(), "mutation " + i + " passed");
        }
      } catch (RuntimeException e) {
        fail("mutation " + i + " escaped: " + e, e);
      }
    }
  }

  @Test
  void signerCertificateReEncodedAsBer_v4_isRefused() throws Exception {
    // In v4 the signer's certificate lies outside TBS_Sign: a BER re-encoding of it (the same
    // certificate, other bytes) must not slip through as if nothing changed.
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSignature sig = DataSealer.builder().build().seal(f.seal(SesVersion.V4),
        f.holder.signingKey(),
        DOC, "doc");
    byte[] encoded = sig.encoded();
    byte[] cert = f.holder.certificate().getEncoded();
    int start = lastIndexOf(encoded, cert);
    assertTrue(start > 0, "the signer certificate is embedded");
    int flag = -1;
    for (int i = start; i + 2 < start + cert.length; i++) {
      if (encoded[i] == 1 && encoded[i + 1] == 1 && encoded[i + 2] == (byte) 0xFF) {
        flag = i + 2;
        break;
      }
    }
    assertTrue(flag > 0, "a BOOLEAN TRUE in the certificate");
    byte[] ber = encoded.clone();
    ber[flag] = 0x01;
    VerificationResult<VerifiedSeal> r = verify(f, ber, DOC);
    assertEquals(Indication.FAILED, r.indication(), r.toString());
    assertEquals(java.util.Optional.of(Reason.FORMAT_FAILURE), r.reason(), r.toString());
  }
}
