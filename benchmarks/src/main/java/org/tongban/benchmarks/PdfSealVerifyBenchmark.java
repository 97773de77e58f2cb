package org.tongban.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.pki.TrustPolicy;
import org.tongban.seal.SealPictures;
import org.tongban.seal.pdf.PdfSealPlacement;
import org.tongban.seal.pdf.PdfSealVerifier;
import org.tongban.seal.pdf.PdfSealer;
import org.tongban.seal.pdf.PdfVerificationReport;
import org.tongban.seal.ses.SealPicture;

/**
 * Verifying a CMS seal on a 1 MB and a 20 MB PDF (two text pages plus an embedded payload of
 * incompressible bytes) with {@link PdfSealVerifier}, SM2 and RSA, against the baseline of
 * hashing the signed byte ranges with the seal's digest (BouncyCastle {@code SM3Digest} for SM2,
 * the JDK's SHA-256 for RSA) — the one cost no verifier can avoid — same run.
 * {@code tongbanVerify} skips the chain (the baseline builds none either);
 * {@code tongbanVerifyWithChain} adds it.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PdfSealVerifyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PdfSealVerifyBenchmark {
  /** Document size in MB. */
  @Param({"1", "20"})
  public int megabytes;

  /** SM2 (SM3) or RSA (SHA-256). */
  @Param({"SM2", "RSA"})
  public String algorithm;

  private byte[] pdf;
  private int[] range;
  private PdfSealVerifier noChain;
  private PdfSealVerifier withChain;

  /** Makes a PKI and a sealed PDF of the requested size. */
  @Setup
  public void setUp() {
    DemoPki pki = DemoPki.create(KeyType.valueOf(algorithm), "Bench");
    DemoPki.Issued dept = pki.issueLeaf("CN=Dept,C=CN");
    byte[] png = SealPictures.roundSeal("某某市市场监督管理局", 42, 150);
    pdf = PdfSealer.builder().build().seal(document(megabytes * 1_000_000),
        SealPicture.of("PNG", png, 42, 42), PdfSealPlacement.lastPageBottomRight(),
        dept.signingKey());
    // "Without the chain": the signer trusted as given (validity only).
    noChain = PdfSealVerifier.builder(TrustPolicy.trustedAsGiven(List.of(dept.certificate())))
        .build();
    withChain = PdfSealVerifier.builder(pki.trustPolicy()).build();
    PdfVerificationReport r = withChain.verify(pdf);
    if (!r.isValid()) {
      throw new IllegalStateException("setup: " + r);
    }
    range = r.signatures().get(0).orElseThrow().byteRange();
  }

  private static byte[] document(int size) {
    try (PDDocument doc = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (int p = 0; p < 2; p++) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(font, 12);
          cs.newLineAtOffset(50, 780);
          cs.showText("Notice on the one-stop government service pilot, page " + (p + 1));
          cs.endText();
        }
      }
      // Incompressible bytes standing in for scanned pages, so the file has the stated size.
      byte[] payload = new byte[size];
      new java.util.Random(42).nextBytes(payload);
      COSStream s = doc.getDocument().createCOSStream();
      try (OutputStream o = s.createRawOutputStream()) {
        o.write(payload);
      }
      doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("BenchPayload"), s);
      ByteArrayOutputStream out = new ByteArrayOutputStream(size + 64 * 1024);
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Baseline: the seal's digest over the two signed byte ranges.
   *
   * @return the digest
   * @throws Exception never
   */
  @Benchmark
  public byte[] baselineHashOfByteRanges() throws Exception {
    if (algorithm.equals("SM2")) {
      SM3Digest d = new SM3Digest();
      d.update(pdf, 0, range[1]);
      d.update(pdf, range[2], range[3]);
      byte[] out = new byte[32];
      d.doFinal(out, 0);
      return out;
    }
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(pdf, 0, range[1]);
    md.update(pdf, range[2], range[3]);
    return md.digest();
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
