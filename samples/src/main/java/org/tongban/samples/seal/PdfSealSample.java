package org.tongban.samples.seal;

import java.io.ByteArrayOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.samples.Proof;
import org.tongban.seal.SealPictures;
import org.tongban.seal.pdf.PdfSealPlacement;
import org.tongban.seal.pdf.PdfSealVerifier;
import org.tongban.seal.pdf.PdfSealer;
import org.tongban.seal.pdf.PdfVerificationReport;
import org.tongban.seal.ses.SealPicture;

/**
 * Sample: seal a PDF with a visible SM2 seal and a cross-page seal (骑缝章), then verify it and
 * a copy changed afterwards.
 */
public final class PdfSealSample {
  /** What the sample proves when it ends with exit code 0. */
  public static final String PROVES =
      "a PDF with a visible and a cross-page seal verifies against the "
      + "trusted root, and one bit changed inside what the seal signed is "
      + "caught";

  private PdfSealSample() {}

  /**
   * Runs the sample.
   *
   * @return true if the sealed PDF verified and the changed copy did not
   * @throws Exception if the sample PDF cannot be made
   */
  public static boolean run() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "PDF sample");
    DemoPki.Issued department = pki.issueLeaf("CN=某某市市场监督管理局,C=CN");
    byte[] contract = threePages();

    SealPicture picture = SealPicture.of("PNG",
        SealPictures.roundSeal("某某市市场监督管理局", "合同专用章", 42, 200), 42, 42);
    byte[] sealed = PdfSealer.builder().build().seal(contract, picture,
        PdfSealPlacement.lastPageBottomRight().withCrossPage(), department.signingKey());

    PdfSealVerifier verifier = PdfSealVerifier.builder(pki.trustPolicy())
        .build();
    PdfVerificationReport report = verifier.verify(sealed);
    System.out.println("sealed: " + report.indication() + ", " + report.signatures().size()
        + " signature");

    byte[] changed = sealed.clone();
    changed[100] ^= 1; // one bit inside what the seal signed
    PdfVerificationReport tampered = verifier.verify(changed);
    System.out.println("changed: " + tampered.indication() + " " + tampered.reason()
        .map(Enum::name).orElse(""));
    return report.isValid() && !tampered.isValid();
  }

  private static byte[] threePages() throws Exception {
    try (PDDocument doc = new PDDocument()) {
      for (int i = 0; i < 3; i++) {
        doc.addPage(new PDPage(PDRectangle.A4));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  /**
   * Runs the sample and says what it proved:
   * {@code java -cp samples/target/tongban.jar org.tongban.samples.seal.PdfSealSample}.
   *
   * @param args none
   * @throws Exception if it cannot run
   */
  public static void main(String[] args) throws Exception {
    System.exit(Proof.report(run(), PROVES));
  }
}
