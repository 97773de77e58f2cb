package org.tongban.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.KeyType;
import org.tongban.io.Limits;
import org.tongban.result.Reason;
import org.tongban.seal.pdf.PdfSealPlacement;
import org.tongban.seal.pdf.PdfSealVerifier;
import org.tongban.seal.pdf.PdfSealer;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesSignature;
import org.tongban.seal.ses.SesVersion;

/** The seal and PDF verifiers take their size limits from the builder, as {@link Limits} says. */
class SealLimitsTest {
  private static final byte[] DOC = "通知".getBytes(StandardCharsets.UTF_8);

  @Test
  void sealVerifier_honoursTheAsn1Limit() {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    SesSignature sig = DataSealer.builder().build().seal(f.seal(SesVersion.V4),
        f.holder.signingKey(), DOC, "n.txt");
    int size = sig.encoded().length;
    assertTrue(SealVerifier.builder(f.pki.trustPolicy())
        .limits(Limits.builder().maxAsn1Bytes(size).build()).build()
        .verify(sig.encoded(), DOC).isValid());
    assertEquals(Optional.of(Reason.SIZE_LIMIT_EXCEEDED), SealVerifier.builder(f.pki.trustPolicy())
        .limits(Limits.builder().maxAsn1Bytes(size - 1).build()).build()
        .verify(sig.encoded(), DOC).reason());
  }

  @Test
  void pdfVerifier_honoursTheFileRevisionAndCmsLimits() throws Exception {
    SealFixtures f = SealFixtures.of(KeyType.SM2);
    byte[] pdf;
    try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
      doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      doc.save(out);
      pdf = out.toByteArray();
    }
    SealPicture picture = SealPicture.of("PNG", f.png, 42, 42);
    byte[] one = PdfSealer.builder().build().seal(pdf, picture, PdfSealPlacement.at(1, 20, 20),
        f.holder.signingKey());
    byte[] two = PdfSealer.builder().build().seal(one, picture, PdfSealPlacement.at(1, 90, 20),
        f.maker.signingKey());
    PdfSealVerifier.Builder b = PdfSealVerifier.builder(f.pki.trustPolicy());
    assertTrue(b.build().verify(two).isValid());
    assertEquals(Optional.of(Reason.SIZE_LIMIT_EXCEEDED), b.limits(Limits.builder()
        .maxPdfBytes(two.length - 1).build()).build().verify(two).reason());
    assertTrue(b.limits(Limits.builder().maxPdfBytes(two.length).build()).build().verify(two)
        .isValid());
    // Two signatures, three revisions: classifying the later updates needs more than two.
    assertEquals(Optional.of(Reason.SIZE_LIMIT_EXCEEDED), b.limits(Limits.builder()
        .maxPdfRevisions(2).build()).build().verify(two).reason());
    assertEquals(Optional.of(Reason.SIZE_LIMIT_EXCEEDED), b.limits(Limits.builder()
        .maxAsn1Bytes(64).build()).build().verify(two).reason());
  }
}
