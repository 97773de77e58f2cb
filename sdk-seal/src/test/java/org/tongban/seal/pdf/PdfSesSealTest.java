package org.tongban.seal.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.result.CheckStatus;
import org.tongban.result.Reason;
import org.tongban.seal.SealMaker;
import org.tongban.seal.SealPictures;
import org.tongban.seal.SealSpec;
import org.tongban.seal.SealVerifier;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesSeal;

/** The {@code ses} format: a GB/T 38540 SES_Signature in {@code /Contents}. */
class PdfSesSealTest {
  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"SM2", "RSA"})
  void sesPdfSeal_verifies_andATamperedCopyDoesNot(KeyType type) throws Exception {
    DemoPki pki = DemoPki.create(type, "SES PDF");
    DemoPki.Issued maker = pki.issueLeaf("CN=制章中心,C=CN");
    DemoPki.Issued dept = pki.issueLeaf("CN=某某局,C=CN");
    SesSeal seal = SealMaker.builder(maker.signingKey()).build().make(SealSpec.builder()
        .name("某某局合同专用章").picture(SealPicture.of("PNG", SealPictures.emblem(42, 120), 42, 42))
        .validity(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30)))
        .holders(List.of(dept.certificate())).build());
    byte[] sealed = PdfSealer.builder().build().sealSes(PdfSealerInteropTest.samplePdf(1), seal,
        PdfSealPlacement.at(1, 100, 150), dept.signingKey());

    // SES_Signature carries only the leaf certificates: the issuing CA is configured.
    PdfSealVerifier verifier = PdfSealVerifier.builder(pki.trustPolicy()).build();
    PdfVerificationReport report = verifier.verify(sealed);
    assertTrue(report.isValid(), report.toString());
    var r = report.signatures().get(0);
    assertEquals(PdfSealer.SES_SUB_FILTER, r.orElseThrow().subFilter());
    assertEquals(dept.certificate(), r.orElseThrow().signer());
    for (var id : List.of(SealVerifier.MAKER_SIGNATURE, SealVerifier.DATA_HASH,
        SealVerifier.SIGNER_ALLOWED, SealVerifier.MAKER_CHAIN, SealVerifier.SIGNER_CHAIN,
        PdfSealVerifier.BYTE_RANGE, PdfSealVerifier.COVERAGE)) {
      assertEquals(CheckStatus.OK, r.check(id).orElseThrow().status(), id + " in " + r);
    }

    int i = new String(sealed, StandardCharsets.ISO_8859_1).indexOf("%PDF-") + 10;
    sealed[i] ^= 0x01;
    assertEquals(Optional.of(Reason.HASH_FAILURE), verifier.verify(sealed).reason());

    byte[] noted = PdfSealerInteropTest.appendIncrementalChange(PdfSealer.builder().build().sealSes(
        PdfSealerInteropTest.samplePdf(1), seal, PdfSealPlacement.at(1, 100, 150),
        dept.signingKey()));
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL),
        verifier.verify(noted).reason());
  }
}
