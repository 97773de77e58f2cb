package org.tongban.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tongban.MalformedInputException;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.license.internal.CoseSign1;
import org.tongban.license.internal.Zlib;
import org.tongban.license.qr.Base45;
import org.tongban.license.qr.QrCodec;
import org.tongban.result.CheckStatus;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.testing.ResultAssertions;

class LicenseRoundTripTest {
  @ParameterizedTest
  @CsvSource({"SM2,SM2_SM3", "EC_P256,ECDSA_P256_SHA256", "RSA,RSA_PSS_SHA256"})
  void issueThenVerify_passes_andCoreFieldsFitIn500Characters(KeyType type, String alg) {
    LicenseFixtures f = new LicenseFixtures(type, SignatureAlgorithm.forName(alg).orElseThrow());
    License lic = LicenseFixtures.businessLicence("2026A0001");
    IssuedLicense issued = f.issuer().issue(lic);
    assertTrue(issued.text().startsWith("ZZ1:"));
    assertTrue(issued.text().chars().allMatch(c -> Base45.ALPHABET.indexOf(c) >= 0
        || c == 'Z'), "alphanumeric-mode text");
    if (type != KeyType.RSA) {
      String core = f.issuer().issue(LicenseFixtures.coreBusinessLicence("2026A0001")).text();
      System.out.println("[size] " + alg + ": core fields " + core.length()
          + " Base45 characters, with 3 data items " + issued.text().length());
      assertTrue(core.length() <= 500, "business licence core fields: " + core.length());
    }
    VerificationResult<VerifiedLicense> r = f.verifier().verify(issued.text());
    ResultAssertions.assertPassed(r);
    License back = r.orElseThrow().license().orElseThrow();
    assertEquals(lic.toWire(), back.toWire());
    assertEquals("张三", back.data().get("法定代表人"));
    assertEquals(CheckStatus.OK, r.check(LicenseVerifier.ISSUER_CHAIN).orElseThrow().status());
    assertEquals(CheckStatus.SKIPPED, r.check(LicenseVerifier.STATUS).orElseThrow().status());
  }

  @Test
  void largeItems_travelAsFileDigest() {
    LicenseFixtures f = new LicenseFixtures(KeyType.SM2, SignatureAlgorithm.SM2_SM3);
    byte[] file = "经营范围：软件开发；信息技术咨询服务；……".repeat(200)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    License lic = License.builder().name("营业执照").typeCode(LicenseFixtures.TYPE_CODE)
        .number("91440300708461136T")
        .identifier(LicenseIdentifier.create(LicenseFixtures.TYPE_CODE,
            LicenseFixtures.ISSUER_CODE, "F1", "001"))
        .issuingAuthority("某某市市场监督管理局", LicenseFixtures.ISSUER_CODE)
        .issueDate(LicenseFixtures.TODAY)
        .holder("某某科技有限公司", "91440300708461136T", HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE)
        .validFrom(LicenseFixtures.TODAY).fileDigest(org.tongban.crypto.DigestAlgorithm.SM3, file)
        .build(LicenseFixtures.TODAY);
    String text = f.issuer().issue(lic).text();
    assertTrue(text.length() < 600,
        "a 12 KB licence file costs a 32-byte digest: " + text.length());
    License back = f.verifier().verify(text).orElseThrow().license().orElseThrow();
    assertTrue(back.matchesFile(file));
    file[5] ^= 1;
    assertTrue(!back.matchesFile(file));
  }

  @Test
  void threeStepFlow_externalSigner_andBadSignatureRefused() {
    LicenseFixtures f = new LicenseFixtures(KeyType.SM2, SignatureAlgorithm.SM2_SM3);
    LicenseIssuer issuer = f.issuer();
    PreparedLicense p = issuer.prepare(LicenseFixtures.businessLicence("X1"));
    byte[] der = f.key.sign(p.toBeSigned());
    byte[] raw = org.tongban.internal.crypto.EcSignatureCodec.convert(der,
        org.tongban.crypto.SignatureEncoding.DER, org.tongban.crypto.SignatureEncoding.RAW_R_S, 32);
    ResultAssertions.assertPassed(f.verifier().verify(issuer.complete(p, raw).text()));
    raw[5] ^= 1;
    assertThrows(org.tongban.SigningException.class, () -> issuer.complete(p, raw));
  }

  @Test
  void tamperingAndProblems_failWithTheRightReason() {
    LicenseFixtures f = new LicenseFixtures(KeyType.SM2, SignatureAlgorithm.SM2_SM3);
    String text = f.issuer().issue(LicenseFixtures.businessLicence("T1")).text();
    LicenseVerifier v = f.verifier();

    // A changed payload with the old signature.
    QrCodec.Decoded d = QrCodec.decode(text, java.util.Set.of("ZZ1:"));
    CoseSign1.Parsed c = CoseSign1.parse(d.cose());
    CBORObject claims = CBORObject.DecodeFromBytes(c.payload());
    claims.get(CBORObject.FromObject(-260)).get(CBORObject.FromObject(2))
        .set(CBORObject.FromObject(6), CBORObject.FromObject("冒名公司")); // CZZT
    String forged = QrCodec.encode("ZZ1:", CoseSign1.assemble(c.protectedBytes(),
        claims.EncodeToBytes(), c.signature()));
    assertReason(v.verify(forged), Reason.SIG_CRYPTO_FAILURE);

    assertReason(v.verify("ZZ2:" + text.substring(4)), Reason.FORMAT_FAILURE);
    assertReason(v.verify(text.substring(0, text.length() - 3)), Reason.FORMAT_FAILURE);
    assertReason(v.verify("ZZ1:" + "A".repeat(5000)), Reason.SIZE_LIMIT_EXCEEDED);
    String bomb = "ZZ1:" + Base45.encode(Zlib.compress(new byte[2 << 20]));
    assertTrue(bomb.length() < 4096, "a 2 MiB zlib bomb fits in a QR text");
    assertReason(v.verify(bomb), Reason.SIZE_LIMIT_EXCEEDED);
    assertReason(v.verify("ZZ1:" + Base45.encode(Zlib.compress(new byte[] {1, 2, 3}))),
        Reason.FORMAT_FAILURE);

    LicenseFixtures other = new LicenseFixtures(KeyType.SM2, SignatureAlgorithm.SM2_SM3);
    assertReason(other.verifier().verify(text), Reason.KEY_NOT_FOUND);

    Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(365 * 21)), ZoneOffset.UTC);
    VerificationResult<VerifiedLicense> expired = LicenseVerifier.builder(List.of(f.cert))
        .clock(later).build().verify(text);
    // By then the issuer certificate, trusted as given, has expired as well: it decides.
    assertReason(expired, Reason.CERT_EXPIRED);
    assertEquals(Optional.of(Reason.EXPIRED),
        expired.check(LicenseVerifier.VALIDITY).orElseThrow().reason());

    VerificationResult<VerifiedLicense> untrusted = LicenseVerifier.builder(List.of(f.cert))
        .trust(other.pki.trustPolicy()).build().verify(text);
    assertEquals(Indication.INDETERMINATE, untrusted.indication());
  }

  @Test
  void invalidLicenceData_refusedAtIssue() {
    LicenseFixtures.businessLicence("OK1");
    assertThrows(MalformedInputException.class, () -> License.builder().name("营业执照")
        .typeCode(LicenseFixtures.TYPE_CODE).number("1")
        .identifier(LicenseIdentifier.create(LicenseFixtures.TYPE_CODE,
            LicenseFixtures.ISSUER_CODE, "S", "001"))
        .issuingAuthority("某局", LicenseFixtures.ISSUER_CODE)
        .issueDate(LicenseFixtures.TODAY)
        .holder("张三", "110105194912310021", HolderCodeType.RESIDENT_ID)
        .validFrom(LicenseFixtures.TODAY).build(LicenseFixtures.TODAY));
    assertThrows(MalformedInputException.class, () -> License.builder().name("营业执照")
        .typeCode(LicenseFixtures.TYPE_CODE).number("1")
        .identifier(LicenseIdentifier.create(LicenseFixtures.TYPE_CODE,
            "91110108551385082Q", "S", "001"))
        .issuingAuthority("某局", LicenseFixtures.ISSUER_CODE)
        .issueDate(LicenseFixtures.TODAY)
        .holder("某公司", "91440300708461136T", HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE)
        .validFrom(LicenseFixtures.TODAY).build(LicenseFixtures.TODAY),
        "identifier issuer code must be the issuing authority's");
    License person = License.builder().name("身份证明").typeCode(LicenseFixtures.TYPE_CODE)
        .number("1").identifier(LicenseIdentifier.create(LicenseFixtures.TYPE_CODE,
            LicenseFixtures.ISSUER_CODE, "P1", "001"))
        .issuingAuthority("某局", LicenseFixtures.ISSUER_CODE).issueDate(LicenseFixtures.TODAY)
        .holder("张三", "11010519491231002X", HolderCodeType.RESIDENT_ID)
        .validFrom(LicenseFixtures.TODAY).build(LicenseFixtures.TODAY);
    assertTrue(person.toString().contains("110***********002X"));
    assertTrue(!person.toString().contains("11010519491231002X"), "ID masked in toString");
  }

  @Test
  void genericPrefix_hcertStylePayload_verifiesContainerAndSignature() {
    LicenseFixtures f = new LicenseFixtures(KeyType.EC_P256, SignatureAlgorithm.ECDSA_P256_SHA256);
    CBORObject claims = CBORObject.NewOrderedMap();
    claims.Add(CBORObject.FromObject(1), CBORObject.FromObject("CN"));
    claims.Add(CBORObject.FromObject(6), CBORObject.FromObject(Instant.now().getEpochSecond()));
    claims.Add(CBORObject.FromObject(4), CBORObject.FromObject(Instant.now().plusSeconds(3600)
        .getEpochSecond()));
    CBORObject dcc = CBORObject.NewOrderedMap();
    dcc.Add(CBORObject.FromObject("ver"), CBORObject.FromObject("1.3.0"));
    CBORObject hc = CBORObject.NewOrderedMap();
    hc.Add(CBORObject.FromObject(1), dcc);
    claims.Add(CBORObject.FromObject(-260), hc);
    byte[] payload = claims.EncodeToBytes();
    byte[] prot = CoseSign1.protectedHeader(CoseSign1.ES256, LicenseIssuer.kid(f.cert));
    byte[] der = f.key.sign(CoseSign1.toBeSigned(prot, payload));
    byte[] raw = org.tongban.internal.crypto.EcSignatureCodec.convert(der,
        org.tongban.crypto.SignatureEncoding.DER, org.tongban.crypto.SignatureEncoding.RAW_R_S, 32);
    String text = QrCodec.encode("HC1:", CoseSign1.assemble(prot, payload, raw));
    VerificationResult<VerifiedLicense> r = LicenseVerifier.builder(List.of(f.cert))
        .acceptPrefix("HC1:").build().verify(text);
    ResultAssertions.assertPassed(r);
    assertEquals(Map.of("ver", "1.3.0"), r.orElseThrow().payload());
    assertTrue(r.orElseThrow().license().isEmpty());
    assertReason(LicenseVerifier.builder(List.of(f.cert)).build()
        .verify(text), Reason.FORMAT_FAILURE);
  }

  private static void assertReason(VerificationResult<?> r, Reason reason) {
    ResultAssertions.assertResult(r, reason.indication(), reason);
  }
}
