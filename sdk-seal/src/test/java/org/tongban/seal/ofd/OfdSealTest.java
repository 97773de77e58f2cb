package org.tongban.seal.ofd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tongban.SigningException;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.pki.TrustPolicy;
import org.tongban.result.CheckStatus;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.seal.ModificationLevel;
import org.tongban.seal.SealMaker;
import org.tongban.seal.SealPictures;
import org.tongban.seal.SealSpec;
import org.tongban.seal.SealType;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesVersion;

/**
 * OFD seals end to end: sealed by {@link OfdSealer}, verified by {@link OfdSealVerifier}, and
 * each way of changing the package after the seal failing with its own reason.
 */
class OfdSealTest {
  private static final DemoPki SM2 = DemoPki.create(KeyType.SM2, "OFD");
  private static final DemoPki RSA = DemoPki.create(KeyType.RSA, "OFD RSA");
  private static final DemoPki.Issued MAKER = SM2.issueLeaf("CN=制章中心,C=CN");
  private static final DemoPki.Issued HOLDER = SM2.issueLeaf("CN=某某市市场监督管理局,C=CN");
  private static final DemoPki.Issued SECOND = SM2.issueLeaf("CN=某某市税务局,C=CN");

  static SesSeal seal(DemoPki.Issued maker, SesVersion version, DemoPki.Issued... holders) {
    Instant now = Instant.now();
    return SealMaker.builder(maker.signingKey()).version(version).build().make(SealSpec.builder()
        .name("某某市市场监督管理局公章").type(SealType.ORGANIZATION)
        .picture(SealPicture.of("PNG", SealPictures.emblem(40, 100), 40, 40))
        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)))
        .holders(java.util.Arrays.stream(holders).map(DemoPki.Issued::certificate).toList())
        .build());
  }

  private static OfdVerificationReport verify(DemoPki pki, byte[] ofd) {
    return OfdSealVerifier.builder(pki.trustPolicy()).build().verify(ofd);
  }

  private static byte[] sealed(SesVersion version) {
    return OfdSealer.builder().build().seal(OfdFixtures.unsigned(2), seal(MAKER, version, HOLDER),
        OfdSealPlacement.at(1, 120, 200), HOLDER.signingKey());
  }

  @ParameterizedTest
  @CsvSource({"SM2,V4", "SM2,V1", "RSA,V4"})
  void sealedOfd_verifies_withEveryCheckAndWhatADisplayNeeds(KeyType type, SesVersion version) {
    DemoPki pki = type == KeyType.SM2 ? SM2 : RSA;
    DemoPki.Issued maker = type == KeyType.SM2 ? MAKER : pki.issueLeaf("CN=Maker,C=CN");
    DemoPki.Issued holder = type == KeyType.SM2 ? HOLDER : pki.issueLeaf("CN=Holder,C=CN");
    byte[] input = OfdFixtures.unsigned(2);
    byte[] copy = input.clone();
    byte[] out = OfdSealer.builder().build().seal(input, seal(maker, version, holder),
        OfdSealPlacement.at(1, 120, 200), holder.signingKey());
    assertArrayEquals(copy, input, "the input is never modified");
    OfdVerificationReport report = verify(pki, out);
    assertTrue(report.isValid(), report.toString());
    VerificationResult<VerifiedOfdSignature> r = report.signatures().get(0);
    for (var id : List.of(OfdSealVerifier.REFERENCES, OfdSealVerifier.SEAL_FILE,
        OfdSealVerifier.COVERAGE, org.tongban.result.CheckId.SIGNATURE)) {
      assertEquals(CheckStatus.OK, r.check(id).orElseThrow().status(), id + ": " + r);
    }
    VerifiedOfdSignature s = r.orElseThrow();
    assertEquals("Seal", s.type());
    assertEquals(version, s.seal().orElseThrow().version());
    assertEquals("某某市市场监督管理局公章", s.seal().orElseThrow().sealName());
    assertEquals(List.of(new OfdStamp("10", OptionalInt.of(1), 120, 200, 40, 40)), s.stamps());
    assertTrue(s.protectedParts().containsAll(List.of("OFD.xml", "Doc_0/Document.xml",
        "Doc_0/Pages/Page_0/Content.xml", "Doc_0/Pages/Page_1/Content.xml",
        "Doc_0/Signs/Sign_0/Seal.esl")), s.protectedParts().toString());
    assertEquals(ModificationLevel.NONE, s.modificationLevel());
    assertEquals(holder.certificate(), s.signer());
  }

  @Test
  void twoSeals_bothVerify_theFirstSeesOnlyTheSecondsFiles() {
    byte[] first = sealed(SesVersion.V4);
    byte[] both = OfdSealer.builder().build().seal(first, seal(MAKER, SesVersion.V4, SECOND),
        OfdSealPlacement.lastPageBottomRight(), SECOND.signingKey());
    OfdVerificationReport report = verify(SM2, both);
    assertTrue(report.isValid(), report.toString());
    assertEquals(2, report.signatures().size());
    VerifiedOfdSignature a = report.signatures().get(0).orElseThrow();
    assertEquals(ModificationLevel.SIGNATURES, a.modificationLevel());
    assertTrue(a.modifications().stream().allMatch(m -> m.description().contains("Sign_1")
        || m.description().contains("Signatures.xml")), a.modifications().toString());
    VerifiedOfdSignature b = report.signatures().get(1).orElseThrow();
    assertEquals(ModificationLevel.NONE, b.modificationLevel());
    assertTrue(b.protectedParts().contains("Doc_0/Signs/Sign_0/SignedValue.dat"));
    // Bottom right of the last page (A4, 15 mm from the edges).
    assertEquals(List.of(new OfdStamp("11", OptionalInt.of(2), 155, 242, 40, 40)), b.stamps());
  }

  @Test
  void aSignatureListWithoutMaxSignId_isExtendedWithOne() {
    byte[] first = OfdFixtures.change(sealed(SesVersion.V4), parts -> {
      String list = new String(parts.get("Doc_0/Signs/Signatures.xml"), StandardCharsets.UTF_8);
      parts.put("Doc_0/Signs/Signatures.xml", list.replaceAll("<ofd:MaxSignId>[^<]*"
          + "</ofd:MaxSignId>\\n?", "").getBytes(StandardCharsets.UTF_8));
    });
    byte[] both = OfdSealer.builder().build().seal(first, seal(MAKER, SesVersion.V4, SECOND),
        OfdSealPlacement.lastPageBottomRight(), SECOND.signingKey());
    String list = new String(OfdFixtures.parts(both).get("Doc_0/Signs/Signatures.xml"),
        StandardCharsets.UTF_8);
    assertTrue(list.contains("<ofd:MaxSignId>3</ofd:MaxSignId>"), list);
    OfdVerificationReport report = verify(SM2, both);
    assertTrue(report.isValid(), report.toString());
    assertEquals(2, report.signatures().size());
  }

  @Test
  void crossPageSeal_isOneSignatureWithASliceOnEveryPage() {
    byte[] out = OfdSealer.builder().build().seal(OfdFixtures.unsigned(3),
        seal(MAKER, SesVersion.V4, HOLDER), OfdSealPlacement.at(1, 20, 20).withCrossPage(),
        HOLDER.signingKey());
    VerifiedOfdSignature s = verify(SM2, out).signatures().get(0).orElseThrow();
    assertEquals(4, s.stamps().size());
    String xml = new String(OfdFixtures.parts(out).get("Doc_0/Signs/Sign_0/Signature.xml"),
        StandardCharsets.UTF_8);
    assertTrue(xml.contains("PageRef=\"12\" Boundary=\"170 128.5 40 40\" Clip=\"26.667 0 13.333 "
        + "40\""), xml);
    assertThrows(IllegalArgumentException.class, () -> OfdSealer.builder().build().seal(
        OfdFixtures.unsigned(1), seal(MAKER, SesVersion.V4, HOLDER),
        OfdSealPlacement.crossPageOnly(), HOLDER.signingKey()));
  }

  @Test
  void threeSteps_withAnExternalSigner() {
    OfdSealer sealer = OfdSealer.builder().build();
    PreparedOfdSeal p = sealer.prepare(OfdFixtures.unsigned(1), seal(MAKER, SesVersion.V4,
        HOLDER), HOLDER.certificate(), OfdSealPlacement.lastPageBottomRight());
    assertEquals("Doc_0/Signs/Sign_0/Signature.xml", p.signatureFile());
    byte[] out = sealer.complete(p, HOLDER.signingKey().sign(p.toBeSigned()));
    assertTrue(verify(SM2, out).isValid());
    assertThrows(SigningException.class,
        () -> sealer.complete(p, SECOND.signingKey().sign(p.toBeSigned())));
  }

  @Test
  void aChangedPage_failsTheReferences_namingThePart() {
    byte[] changed = OfdFixtures.change(sealed(SesVersion.V4), parts -> parts.put(
        "Doc_0/Pages/Page_1/Content.xml", OfdFixtures.page("金额：壹佰万元", 51)
            .getBytes(StandardCharsets.UTF_8)));
    OfdVerificationReport report = verify(SM2, changed);
    assertEquals(Optional.of(Reason.HASH_FAILURE), report.reason());
    assertTrue(report.signatures().get(0).check(OfdSealVerifier.REFERENCES).orElseThrow()
        .detail().contains("Doc_0/Pages/Page_1/Content.xml"), report.toString());
  }

  @Test
  void aMissingPart_hasItsOwnReason() {
    byte[] missing = OfdFixtures.change(sealed(SesVersion.V4),
        parts -> parts.remove("Doc_0/PublicRes.xml"));
    OfdVerificationReport report = verify(SM2, missing);
    assertEquals(Optional.of(Reason.REFERENCED_PART_MISSING), report.reason(),
        report.toString());
  }

  @Test
  void anAddedPartNoSignatureCovers_isAModification() {
    byte[] added = OfdFixtures.change(sealed(SesVersion.V4), parts -> parts.put(
        "Doc_0/Pages/Page_2/Content.xml", OfdFixtures.page("附件", 52)
            .getBytes(StandardCharsets.UTF_8)));
    OfdVerificationReport report = verify(SM2, added);
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), report.reason());
    assertTrue(report.signatures().get(0).evidence().facts().get("ofd.modifications")
        .contains("OTHER: Doc_0/Pages/Page_2/Content.xml"), report.toString());
  }

  @Test
  void aChangedSignatureFile_failsTheDataHash() {
    byte[] moved = OfdFixtures.change(sealed(SesVersion.V4), parts -> {
      String xml = new String(parts.get("Doc_0/Signs/Sign_0/Signature.xml"),
          StandardCharsets.UTF_8);
      parts.put("Doc_0/Signs/Sign_0/Signature.xml", xml.replace("Boundary=\"120 200",
          "Boundary=\"10 10").getBytes(StandardCharsets.UTF_8));
    });
    assertEquals(Optional.of(Reason.HASH_FAILURE), verify(SM2, moved).reason());
  }

  @Test
  void anotherSealFile_failsTheSealFileCheck() {
    byte[] other = seal(MAKER, SesVersion.V4, SECOND).encoded();
    byte[] swapped = OfdFixtures.change(sealed(SesVersion.V4),
        parts -> parts.put("Doc_0/Signs/Sign_0/Seal.esl", other));
    VerificationResult<VerifiedOfdSignature> r = verify(SM2, swapped).signatures().get(0);
    assertEquals(Indication.FAILED, r.indication());
    // Seal.esl is a listed reference, so its digest fails first; the seal-file check says why.
    assertEquals(Optional.of(Reason.HASH_FAILURE), r.reason(), r.toString());
    assertEquals(CheckStatus.FAILED, r.check(OfdSealVerifier.SEAL_FILE).orElseThrow().status());
    assertEquals(Optional.of(Reason.FORMAT_FAILURE),
        r.check(OfdSealVerifier.SEAL_FILE).orElseThrow().reason());
  }

  @Test
  void unsignedGarbageAndUntrusted_eachHaveTheirReason() {
    assertEquals(Optional.of(Reason.NO_SIGNATURE), verify(SM2, OfdFixtures.unsigned(1))
        .reason());
    assertEquals(Optional.of(Reason.FORMAT_FAILURE), verify(SM2,
        "not an ofd".getBytes(StandardCharsets.UTF_8)).reason());
    OfdVerificationReport untrusted = OfdSealVerifier.builder(TrustPolicy.none()).build()
        .verify(sealed(SesVersion.V4));
    assertEquals(Indication.INDETERMINATE, untrusted.indication());
    assertEquals(Optional.of(Reason.TRUST_NOT_CONFIGURED), untrusted.reason());
    assertEquals(Indication.INDETERMINATE, untrusted.toResult().indication());
    // Trusting another PKI's root: no chain, never PASSED.
    assertEquals(Optional.of(Reason.NO_CERTIFICATE_CHAIN_FOUND),
        verify(RSA, sealed(SesVersion.V4)).reason());
  }

  @Test
  void truncatedPackages_neverThrow_andNeverPass() {
    byte[] ofd = sealed(SesVersion.V4);
    for (int cut = 0; cut < ofd.length; cut += Math.max(1, ofd.length / 97)) {
      OfdVerificationReport r = verify(SM2, java.util.Arrays.copyOf(ofd, cut));
      assertTrue(r.indication() != Indication.PASSED, "cut at " + cut);
    }
  }
}
