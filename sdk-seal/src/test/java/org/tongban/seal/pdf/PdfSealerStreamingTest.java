package org.tongban.seal.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.pki.TrustAnchors;
import org.tongban.pki.TrustPolicy;

/**
 * A 50 MB PDF sealed through the {@link java.nio.file.Path} methods in a JVM with a 40 MB heap:
 * if the sealer held the document in memory even once, the child would die of
 * OutOfMemoryError. The result verifies.
 */
class PdfSealerStreamingTest {
  private static final int MEGABYTES = 50;
  private static final String HEAP = "-Xmx40m";

  @TempDir Path dir;

  @Test
  void fiftyMegabytePdf_sealsInAHeapSmallerThanTheDocument() throws Exception {
    Path in = dir.resolve("large.pdf");
    writeLargePdf(in);
    assertTrue(Files.size(in) > MEGABYTES * 1_000_000L);
    Path out = dir.resolve("large-sealed.pdf");
    Path cert = dir.resolve("root.der");

    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), HEAP, "-cp", System.getProperty("java.class.path"),
        LargePdfSealMain.class.getName(), in.toString(), out.toString(), cert.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), log);
    assertEquals(0, p.exitValue(), "sealing with " + HEAP + ": " + log);

    X509Certificate root = (X509Certificate) CertificateFactory.getInstance("X.509",
        org.tongban.internal.crypto.Bc.PROVIDER)
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cert)));
    byte[] sealed = Files.readAllBytes(out);
    assertTrue(sealed.length > Files.size(in));
    PdfVerificationReport report = PdfSealVerifier.builder(TrustPolicy.builder(
        TrustAnchors.of(List.of(root))).build()).build().verify(sealed);
    assertTrue(report.isValid(), report.toString());
    assertTrue(report.signatures().get(0).orElseThrow().coversWholeDocument());
  }

  /** Two pages and a 50 MB incompressible stream the first page uses as an XObject. */
  private static void writeLargePdf(Path file) throws Exception {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      doc.addPage(new PDPage(PDRectangle.A4));
      COSStream big = doc.getDocument().createCOSStream();
      big.setItem(COSName.TYPE, COSName.XOBJECT);
      big.setItem(COSName.SUBTYPE, COSName.FORM);
      byte[] chunk = new byte[1 << 20];
      Random random = new Random(5);
      try (OutputStream os = big.createRawOutputStream()) {
        for (int i = 0; i < MEGABYTES; i++) {
          random.nextBytes(chunk);
          os.write(chunk);
        }
      }
      page.getCOSObject().setItem(COSName.getPDFName("PieceInfo"), big);
      doc.save(file.toFile());
    }
  }
}
