package org.tongban.seal.ofd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tongban.pki.TrustAnchors;
import org.tongban.pki.TrustPolicy;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.seal.ModificationLevel;

/**
 * Sealed OFD files made by other producers (a commercial sealing product and an older ofdrw;
 * provenance and licence in {@code ofd/producers/PROVENANCE.md}) verify as their producers
 * intended — with the certificates they carry trusted as given, at a time they were valid — and
 * a changed part fails.
 */
class OfdProducerFilesTest {
  private static byte[] file(String name) throws Exception {
    try (InputStream in = OfdProducerFilesTest.class.getResourceAsStream("/ofd/producers/"
        + name)) {
      return in.readAllBytes();
    }
  }

  /**
   * A real tax bureau's seal (国家税务总局江苏省税务局) in {@code signedFile.ofd} holds in every
   * check but one: the seal says it was made on 2019-10-10, six days before its maker's
   * certificate became valid. The maker chain is judged at the seal's creation, so that is
   * reported, FAILED {@link Reason#CERT_NOT_YET_VALID} on {@code maker.chain} — everything else
   * verifies.
   */
  @org.junit.jupiter.api.Test
  void aRealSealMadeBeforeItsMakersCertificate_isReportedAsSuch() throws Exception {
    byte[] ofd = file("signedFile.ofd");
    VerificationResult<VerifiedOfdSignature> first = OfdSealVerifier.builder(
        TrustPolicy.none()).build().verify(ofd).signatures().get(0);
    OfdVerificationReport report = OfdSealVerifier.builder(TrustPolicy.builder(
        TrustAnchors.of(first.evidence().certificates())).clock(Clock.fixed(
            Instant.parse("2021-06-01T00:00:00Z"), ZoneOffset.UTC)).build()).build().verify(ofd);
    VerificationResult<VerifiedOfdSignature> r = report.signatures().get(0);
    assertEquals(Optional.of(Reason.CERT_NOT_YET_VALID), r.reason(), r.toString());
    assertEquals(Optional.of(Reason.CERT_NOT_YET_VALID),
        r.check(org.tongban.seal.SealVerifier.MAKER_CHAIN).orElseThrow().reason());
    assertEquals(1, r.checks().stream().filter(c -> c.status()
        == org.tongban.result.CheckStatus.FAILED).count(), r.toString());
  }

  @ParameterizedTest
  @CsvSource({"v4signed.ofd, 2021-06-01T00:00:00Z, 13",
      "allprotected.ofd, 2021-06-01T00:00:00Z, 6"})
  void verifiesAsItsProducerIntended_andAChangedPartFails(String name, String at, int parts)
      throws Exception {
    byte[] ofd = file(name);
    // First without trust: every check but the chains holds, so the verdict is undecided.
    OfdVerificationReport untrusted = OfdSealVerifier.builder(TrustPolicy.none()).build()
        .verify(ofd);
    assertEquals(Optional.of(Reason.TRUST_NOT_CONFIGURED), untrusted.reason(),
        untrusted.toString());
    VerificationResult<VerifiedOfdSignature> first = untrusted.signatures().get(0);
    TrustPolicy theirs = TrustPolicy.builder(TrustAnchors.of(first.evidence().certificates()))
        .clock(Clock.fixed(Instant.parse(at), ZoneOffset.UTC)).build();
    OfdSealVerifier verifier = OfdSealVerifier.builder(theirs).build();
    OfdVerificationReport report = verifier.verify(ofd);
    assertTrue(report.isValid(), report.toString());
    VerifiedOfdSignature s = report.signatures().get(0).orElseThrow();
    assertEquals(parts, s.protectedParts().size());
    assertEquals(ModificationLevel.NONE, s.modificationLevel());
    assertTrue(s.seal().isPresent());

    String victim = s.protectedParts().stream().filter(p -> p.endsWith("Document.xml"))
        .findFirst().orElseThrow();
    byte[] changed = OfdFixtures.change(ofd, m -> m.put(victim, (new String(m.get(victim),
        StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8)));
    OfdVerificationReport bad = verifier.verify(changed);
    assertEquals(Indication.FAILED, bad.indication());
    assertEquals(Optional.of(Reason.HASH_FAILURE), bad.reason(), bad.toString());
    assertTrue(bad.signatures().get(0).check(OfdSealVerifier.REFERENCES).orElseThrow().detail()
        .contains(victim));
  }

  @org.junit.jupiter.api.Test
  void aWholeProtectedSignatureList_cannotBeExtended() throws Exception {
    byte[] ofd = file("allprotected.ofd");
    org.tongban.pki.DemoPki pki = org.tongban.pki.DemoPki.create(
        org.tongban.crypto.KeyType.SM2, "Producer files");
    org.tongban.pki.DemoPki.Issued holder = pki.issueLeaf("CN=H,C=CN");
    var seal = OfdSealTest.seal(pki.issueLeaf("CN=M,C=CN"),
        org.tongban.seal.ses.SesVersion.V4, holder);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> OfdSealer.builder().build().seal(ofd, seal,
            OfdSealPlacement.lastPageBottomRight(), holder.signingKey()));
    assertTrue(e.getMessage().contains("protects the signature list"), e.getMessage());
  }
}
