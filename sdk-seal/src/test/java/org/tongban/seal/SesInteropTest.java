package org.tongban.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tongban.seal.ofdrw.OfdrwClassLoader;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.crypto.KeyType;
import org.tongban.keys.Pem;
import org.tongban.result.VerificationResult;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesSignature;
import org.tongban.seal.ses.SesVersion;
import org.tongban.testing.Openssl;
import org.tongban.testing.ResultAssertions;

/**
 * Interop with ofdrw (org.ofdrw:ofdrw-gm, the SES implementation most Chinese Java systems use)
 * in both directions for v4 and v1, verifying the way ofdrw verifies (its ASN.1 classes and
 * BouncyCastle's SM3withSM2, run in an isolated class loader with the BouncyCastle 1.70 ofdrw is
 * built for), and with OpenSSL for the SM2 signatures inside our SES_Signature.
 */
@Tag("interop")
class SesInteropTest {
  private static final byte[] DOC = "<ofd:Signature>电子签章 interop</ofd:Signature>"
      .getBytes(StandardCharsets.UTF_8);

  private static OfdrwClassLoader ofdrw;

  @org.junit.jupiter.api.BeforeAll
  static void loadOfdrw() throws Exception {
    ofdrw = new OfdrwClassLoader();
  }

  @ParameterizedTest
  @EnumSource(SesVersion.class)
  void ours_isReadAndVerifiedByOfdrw(SesVersion version) throws Exception {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSignature ours = DataSealer.builder().build().seal(f.seal(version), f.holder.signingKey(),
        DOC,
        "/Doc_0/Signs/Sign_0/Signature.xml");
    Object verdict = ofdrw.call(version == SesVersion.V4 ? "verifyV4" : "verifyV1",
        ours.encoded(), DOC);
    assertEquals("OK|某某市市场监督管理局合同专用章", verdict);
    byte[] tampered = DOC.clone();
    tampered[3] ^= 1;
    assertEquals("dataHash differs", ofdrw.call(version == SesVersion.V4 ? "verifyV4"
        : "verifyV1", ours.encoded(), tampered));
  }

  @ParameterizedTest
  @EnumSource(SesVersion.class)
  void ofdrwMade_verifiesWithUs(SesVersion version) throws Exception {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    byte[] theirs = (byte[]) ofdrw.call(version == SesVersion.V4 ? "makeV4" : "makeV1",
        f.maker.certificate().getEncoded(), f.maker.privateKey().getEncoded(),
        f.holder.certificate().getEncoded(), f.holder.privateKey().getEncoded(), f.png, DOC);
    VerificationResult<VerifiedSeal> r = f.verifier().verify(theirs, DOC);
    ResultAssertions.assertPassed(r);
    assertEquals(version, r.orElseThrow().version());
    assertTrue(r.orElseThrow().sealName().startsWith("OFD R&W"));
    assertArrayEquals(f.png, r.orElseThrow().picture().data());
    byte[] tampered = DOC.clone();
    tampered[0] ^= 1;
    ResultAssertions.assertResult(f.verifier().verify(theirs, tampered),
        org.tongban.result.Indication.FAILED, org.tongban.result.Reason.HASH_FAILURE);
  }

  /**
   * A commercial producer's GM/T 0031 seal: the v1 structure with version 2 (or 3) in
   * {@code SES_Header} and {@code TBS_Sign}. Read by its structure, verified, and the numbers
   * seen are reported; a 4 inside the v1 structure is still refused.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3, 4})
  void vendorNumberedV1_isReadByItsStructure_andTheVersionSeenReported(int number)
      throws Exception {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    byte[] theirs = (byte[]) ofdrw.call("makeV1Numbered", f.maker.certificate().getEncoded(),
        f.maker.privateKey().getEncoded(), f.holder.certificate().getEncoded(),
        f.holder.privateKey().getEncoded(), f.png, DOC, number);
    VerificationResult<VerifiedSeal> r = f.verifier().verify(theirs, DOC);
    if (number == 4) {
      ResultAssertions.assertResult(r, org.tongban.result.Indication.FAILED,
          org.tongban.result.Reason.FORMAT_FAILURE);
      return;
    }
    ResultAssertions.assertPassed(r);
    assertEquals(SesVersion.V1, r.orElseThrow().version());
    assertEquals(Integer.toString(number), r.evidence().facts().get("seal.header-version"));
    assertEquals(Integer.toString(number), r.evidence().facts().get("sign.tbs-version"));
    assertTrue(r.check(org.tongban.result.CheckId.FORMAT).orElseThrow().detail()
        .contains("header version " + number), r.toString());
  }

  @Test
  void opensslConfirmsBothSm2SignaturesInOurSesSignature(@TempDir Path dir) throws Exception {
    Openssl.assumeAvailable();
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSignature sig = DataSealer.builder().build().seal(f.seal(SesVersion.V4),
        f.holder.signingKey(),
        DOC, "doc");
    SesSeal seal = sig.seal();
    Files.write(dir.resolve("tbs.der"), sig.toBeSigned());
    Files.write(dir.resolve("tbs.sig"), sig.signature());
    Files.writeString(dir.resolve("signer.pem"), Pem.writeCertificate(sig.signerCertificate()));
    Files.write(dir.resolve("info.der"), seal.makerSignedBytes());
    Files.write(dir.resolve("info.sig"), seal.signedValue());
    Files.writeString(dir.resolve("maker.pem"), Pem.writeCertificate(seal.makerCertificate()));
    for (String[] c : new String[][] {{"signer.pem", "tbs.der", "tbs.sig"},
        {"maker.pem", "info.der", "info.sig"}}) {
      Openssl.Run run = Openssl.run(dir, "pkeyutl", "-verify", "-certin", "-inkey", c[0],
          "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-in", c[1],
          "-sigfile", c[2]);
      assertEquals(0, run.exit(), c[0] + ": " + run.output());
    }
    Files.write(dir.resolve("tbs.der"), org.bouncycastle.util.Arrays.concatenate(
        sig.toBeSigned(), new byte[] {0}));
    assertNotEquals(0, Openssl.run(dir, "pkeyutl", "-verify", "-certin", "-inkey",
        "signer.pem", "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-in",
        "tbs.der", "-sigfile", "tbs.sig").exit());
  }
}
