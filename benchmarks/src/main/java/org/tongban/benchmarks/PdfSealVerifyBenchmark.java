package org.tongban.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.seal.SealPictures;
import org.tongban.seal.pdf.PdfSealPlacement;
import org.tongban.seal.pdf.PdfSealVerifier;
import org.tongban.seal.pdf.PdfSealer;
import org.tongban.seal.pdf.PdfVerificationReport;
import org.tongban.seal.ses.SealPicture;

/**
 * Verifying an SM2 CMS seal on a 40-page PDF (about 300 KiB, uncompressed text) with
 * {@link PdfSealVerifier} against the baseline of hashing its signed byte ranges with
 * BouncyCastle's {@code SM3Digest} — the one cost no verifier can avoid — same run.
 * {@code tongbanVerify} skips the chain (the baseline does not build one either);
 * {@code tongbanVerifyWithChain} adds it.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PdfSealVerifyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PdfSealVerifyBenchmark {
  private byte[] pdf;
  private int[] range;
  private PdfSealVerifier noChain;
  private PdfSealVerifier withChain;

  /** Makes a PKI, a 40-page PDF and seals it. */
  @Setup
  public void setUp() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "Bench");
    DemoPki.Issued dept = pki.issueLeaf("CN=Dept,C=CN");
    byte[] png = SealPictures.roundSeal("某某市市场监督管理局", Optional.empty(), 42, 150);
    pdf = PdfSealer.create().seal(document(40), SealPicture.of("PNG", png, 42, 42),
        PdfSealPlacement.lastPageBottomRight(), dept.signingKey());
    noChain = PdfSealVerifier.builder().build();
    withChain = PdfSealVerifier.builder().trustAnchors(pki.trustAnchors()).build();
    PdfVerificationReport r = withChain.verify(pdf);
    if (!r.isValid()) {
      throw new IllegalStateException("setup: " + r);
    }
    range = r.signatures().get(0).orElseThrow().byteRange();
  }

  private static byte[] document(int pages) {
    try (PDDocument doc = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (int p = 0; p < pages; p++) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page,
            PDPageContentStream.AppendMode.OVERWRITE, false)) {
          cs.beginText();
          cs.setFont(font, 9);
          cs.setLeading(11);
          cs.newLineAtOffset(50, 800);
          for (int line = 0; line < 70; line++) {
            cs.showText("Page " + (p + 1) + ", line " + (line + 1)
                + ": notice on the one-stop government service pilot programme.");
            cs.newLine();
          }
          cs.endText();
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Baseline: SM3 over the two signed byte ranges.
   *
   * @return the digest
   */
  @Benchmark
  public byte[] baselineSm3OfByteRanges() {
    SM3Digest d = new SM3Digest();
    d.update(pdf, 0, range[1]);
    d.update(pdf, range[2], range[3]);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  /**
   * Every check but the chain.
   *
   * @return the report
   */
  @Benchmark
  public PdfVerificationReport tongbanVerify() {
    return noChain.verify(pdf);
  }

  /**
   * Every check, the chain included.
   *
   * @return the report
   */
  @Benchmark
  public PdfVerificationReport tongbanVerifyWithChain() {
    return withChain.verify(pdf);
  }
}
