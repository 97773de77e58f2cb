package org.tongban.license;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.tongban.MalformedInputException;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.keys.Pem;
import org.tongban.license.internal.CompactLicense;
import org.tongban.license.internal.CoseSign1;
import org.tongban.license.internal.QrDictionary;
import org.tongban.license.qr.Base45;
import org.tongban.license.qr.QrCodec;
import org.tongban.pki.TrustAnchors;
import org.tongban.pki.TrustPolicy;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.testing.ResultAssertions;

/**
 * The QR wire form of a licence: integer keys, codes packed, the preset dictionary — small
 * enough (README's licence ≤ 500 characters), lossless (every field back as issued), strict
 * (malformed parts refused with a reason), and codes issued in the text-keyed form before still
 * verify.
 */
class CompactLicenseFormatTest {
  private static final LocalDate TODAY = LicenseFixtures.TODAY;

  /** README's quick-start licence (LicenseSample), and the demo's, with an item and a status. */
  private static License readmeLicence() {
    return License.builder().name("营业执照").typeCode("91110108551385082Q001")
        .number("91440300708461136T")
        .identifier(LicenseIdentifier.create("91110108551385082Q001", "91350100M000100Y43",
            "2026A0001", "001"))
        .issuingAuthority("某某市市场监督管理局", "91350100M000100Y43").issueDate(TODAY)
        .holder("某某科技有限公司", "91440300708461136T", HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE)
        .validFrom(TODAY).validUntil(TODAY.plusYears(20)).build(TODAY);
  }

  private static License demoLicence() {
    return License.builder().name("营业执照").typeCode("91110108551385082Q001")
        .number("91440300708461136T")
        .identifier(LicenseIdentifier.create("91110108551385082Q001", "91350100M000100Y43",
            "2026DEMO0001", "001"))
        .issuingAuthority("某某市市场监督管理局", "91350100M000100Y43").issueDate(TODAY)
        .holder("某某科技有限公司", "91440300708461136T", HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE)
        .validFrom(TODAY).validUntil(TODAY.plusYears(20)).item("法定代表人", "张三")
        .build(TODAY);
  }

  @Test
  void readmesLicence_fitsIn500Characters_withEveryFieldBack() {
    LicenseFixtures f = new LicenseFixtures(KeyType.SM2, SignatureAlgorithm.SM2_SM3);
    StatusReference status = new StatusReference(
        URI.create("https://status.example.gov.cn/lists/1"), 12345);
    IssuedLicense withStatus = f.issuer().issue(demoLicence(), status);
    for (IssuedLicense issued : List.of(f.issuer().issue(readmeLicence()), withStatus,
        f.issuer().issue(LicenseFixtures.businessLicence("2026A0001")))) {
      String text = issued.text();
      System.out.println("[size] " + issued.license().data().size() + " data items: "
          + text.length() + " characters");
      assertTrue(text.length() <= 500, text.length() + " characters");
      VerificationResult<VerifiedLicense> r = f.verifier().verify(text);
      if (text.equals(withStatus.text())) {
        // No status source here: every other check holds, the status is not known.
        ResultAssertions.assertResult(r, Reason.REVOCATION_UNKNOWN.indication(),
            Reason.REVOCATION_UNKNOWN);
        assertEquals(org.tongban.result.CheckStatus.OK,
            r.check(LicenseVerifier.DATA).orElseThrow().status());
      } else {
        ResultAssertions.assertPassed(r);
      }
      assertEquals(issued.license().toWire(), fields(text).toWire());
    }
  }

  /** The licence in a code, read straight from its payload. */
  private static License fields(String text) {
    CBORObject claims = CBORObject.DecodeFromBytes(CoseSign1.parse(QrCodec.decode(text,
        Set.of("ZZ1:")).cose()).payload());
    return CompactLicense.fromIntegerKeys(claims.get(-260).get(2), claims.get(1).AsString(),
        TODAY);
  }

  @Test
  void everyOptionalField_andAResidentHolder_roundTrip() {
    LicenseFixtures f = new LicenseFixtures(KeyType.SM2, SignatureAlgorithm.SM2_SM3);
    License person = License.builder().name("居民身份证").typeCode("91110108551385082Q001")
        .number("证-0001 号")
        .identifier(LicenseIdentifier.create("91110108551385082Q001", "91350100M000100Y43",
            "ZZ9", "012"))
        .issuingAuthority("某某市公安局", "91350100M000100Y43")
        .issueDate(TODAY.minusDays(3))
        .holder("张三", "11010519491231002X", HolderCodeType.RESIDENT_ID)
        .validFrom(TODAY.minusDays(1))
        .fileDigest(org.tongban.crypto.DigestAlgorithm.SM3, "文件".getBytes(
            StandardCharsets.UTF_8))
        .build(TODAY);
    VerificationResult<VerifiedLicense> r = f.verifier().verify(f.issuer().issue(person).text());
    ResultAssertions.assertPassed(r);
    assertEquals(person.toWire(), r.orElseThrow().license().orElseThrow().toWire());
  }

  @Test
  void codes_takeTheirShortestLosslessForm() {
    CBORObject credit = CompactLicense.encode(readmeLicence()).get(2);
    assertEquals(CBORType.ByteString, credit.getType());
    assertEquals(11, credit.GetByteString().length);
    assertEquals("91440300708461136T", roundTrip("91440300708461136T"));
    String zero = "00000000000000000" + UnifiedSocialCreditCode.checkCharacter(
        "00000000000000000");
    assertEquals(zero, roundTrip(zero), "leading zeros kept");
    String maxCredit = "YYYYYYYYYYYYYYYYY";
    assertEquals(maxCredit + UnifiedSocialCreditCode.checkCharacter(maxCredit),
        roundTrip(maxCredit + UnifiedSocialCreditCode.checkCharacter(maxCredit)));
    assertEquals("11010519491231002X", roundTrip("11010519491231002X"));
    assertEquals("01010519491231002" + ResidentIdNumber.checkCharacter("01010519491231002"),
        roundTrip("01010519491231002" + ResidentIdNumber.checkCharacter("01010519491231002")));
    assertEquals("91440300708461136A", roundTrip("91440300708461136A"), "a wrong check stays text");
    assertEquals("证-0001 号", roundTrip("证-0001 号"));
  }

  private static String roundTrip(String code) {
    License l = License.builder().name("营业执照").typeCode("91110108551385082Q001")
        .number(code)
        .identifier(LicenseIdentifier.create("91110108551385082Q001", "91350100M000100Y43",
            "A1", "001"))
        .issuingAuthority("某局", "91350100M000100Y43").issueDate(TODAY)
        .holder("某公司", "91440300708461136T", HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE)
        .validFrom(TODAY).build(TODAY);
    CBORObject o = CBORObject.DecodeFromBytes(CompactLicense.encode(l).EncodeToBytes());
    return CompactLicense.fromIntegerKeys(o, "91350100M000100Y43", TODAY).number();
  }

  @Test
  void malformedIntegerKeyedLicences_areRefused() {
    CBORObject good = CompactLicense.encode(readmeLicence());
    assertEquals(readmeLicence().toWire(), CompactLicense.fromIntegerKeys(good,
        "91350100M000100Y43", TODAY).toWire());
    assertRefused(with(good, 99, CBORObject.FromObject("x")), "unknown licence field 99");
    assertRefused(with(good, 3, CBORObject.NewArray().Add("91110108551385082Q001")),
        "ZZBS must be");
    assertRefused(with(good, 2, CBORObject.FromObject(new byte[10])), "11 bytes");
    byte[] tooBig = new byte[11];
    java.util.Arrays.fill(tooBig, (byte) 0xff);
    assertRefused(with(good, 2, CBORObject.FromObject(tooBig)), "not a credit code");
    assertRefused(with(good, 7, CBORObject.FromObject(-1)), "not a resident identity number");
    assertRefused(with(good, 8, CBORObject.FromObject(5)), "unknown CZZTDMLX");
    assertRefused(with(good, 5, CBORObject.FromObject(99_999_999)), "out of range");
    CBORObject missing = CBORObject.DecodeFromBytes(good.EncodeToBytes());
    missing.Remove(CBORObject.FromObject(6));
    assertRefused(missing, "missing licence fields");
    // The identifier's issuer code is the (signed) iss claim: another iss, another licence.
    License other = CompactLicense.fromIntegerKeys(good, "91440300708461136T", TODAY);
    assertEquals("91440300708461136T", other.identifier().issuerCode());
  }

  private static CBORObject with(CBORObject map, int key, CBORObject value) {
    CBORObject copy = CBORObject.DecodeFromBytes(map.EncodeToBytes());
    copy.set(CBORObject.FromObject(key), value);
    return copy;
  }

  private static void assertRefused(CBORObject licence, String message) {
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> CompactLicense.fromIntegerKeys(licence, "91350100M000100Y43", TODAY));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void codesIssuedInTheTextKeyedForm_keepVerifying() throws Exception {
    Path dir = Path.of("src/test/resources/license/v1");
    String text = Files.readString(dir.resolve("business-licence.txt")).strip();
    List<java.security.cert.X509Certificate> chain = Pem.readCertificates(
        Files.readString(dir.resolve("chain.pem")));
    Clock then = Clock.fixed(Instant.parse("2026-12-02T03:00:00Z"), ZoneOffset.UTC);
    TrustPolicy trust = TrustPolicy.builder(TrustAnchors.of(Pem.readCertificates(
        Files.readString(dir.resolve("root.pem"))))).intermediates(chain.subList(1, 2))
        .clock(then).build();
    LicenseVerifier v = LicenseVerifier.builder(chain.subList(0, 1)).trust(trust).build();
    VerificationResult<VerifiedLicense> r = v.verify(text);
    ResultAssertions.assertPassed(r);
    License l = r.orElseThrow().license().orElseThrow();
    assertEquals("某某科技有限公司", l.holder());
    assertEquals("1.2.156.3005.2.91110108551385082Q001.91350100M000100Y43.2026A0001.001.3",
        l.identifier().toString());
    assertEquals("有限责任公司", l.data().get("类型"));
    // The old form is still covered by its signature.
    String changed = text.substring(0, 40) + (text.charAt(40) == 'A' ? 'B' : 'A')
        + text.substring(41);
    assertTrue(!v.verify(changed).isValid());
  }

  @Test
  void theDictionary_isOnlyOurs_andAnotherOneIsRefused() {
    byte[] cose = CoseSign1.assemble(CoseSign1.protectedHeader(CoseSign1.ES256, new byte[8]),
        "营业执照 市场监督管理局 科技有限公司".getBytes(StandardCharsets.UTF_8), new byte[64]);
    String ours = QrCodec.encode(QrCodec.TONGBAN_PREFIX, cose);
    assertTrue((Base45.decode(ours.substring(4))[1] & 0x20) != 0, "FDICT set for ZZ1:");
    assertArrayEquals(cose, QrCodec.decode(ours, Set.of("ZZ1:")).cose());
    String hcert = QrCodec.encode(QrCodec.HCERT_PREFIX, cose);
    assertEquals(0, Base45.decode(hcert.substring(4))[1] & 0x20, "no dictionary for HC1:");
    assertArrayEquals(cose, QrCodec.decode(hcert, Set.of("HC1:")).cose());

    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    d.setDictionary("another dictionary".getBytes(StandardCharsets.UTF_8));
    d.setInput(cose);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1024];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> QrCodec.decode("ZZ1:" + Base45.encode(out.toByteArray()), Set.of("ZZ1:")));
    assertEquals(Reason.FORMAT_FAILURE, e.reason());
    assertTrue(e.getMessage().contains("unknown preset dictionary"), e.getMessage());
    assertThrows(MalformedInputException.class, () -> QrCodec.decode(
        "HC1:" + Base45.encode(Base45.decode(ours.substring(4))), Set.of("HC1:")));
  }

  @Test
  void readme_listsTheDictionaryWords_inOrder() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    String words = String.join(" ", QrDictionary.words());
    assertTrue(readme.contains(words), "README must list the dictionary: " + words);
  }
}
