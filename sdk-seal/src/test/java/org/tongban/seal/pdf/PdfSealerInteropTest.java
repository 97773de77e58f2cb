package org.tongban.seal.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.testing.Outside;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.seal.SealPictures;
import org.tongban.seal.ses.SealPicture;

/**
 * PDF seals checked by someone else's implementation: poppler's {@code pdfsig} validates our
 * RSA CMS seals ("Signature is Valid", "Total document signed"; it exits 0 even for bad
 * signatures, so its output is parsed), and {@code pdftoppm} shows the seal red where we put it.
 */
@Tag("interop")
class PdfSealerInteropTest {
  @TempDir Path dir;

  static byte[] samplePdf(int pages) throws Exception {
    try (PDDocument doc = new PDDocument()) {
      for (int i = 0; i < pages; i++) {
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
          cs.newLineAtOffset(72, 760);
          cs.showText("Notice on the one-stop government service pilot, page " + (i + 1));
          cs.endText();
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  static String run(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return out;
  }

  @Test
  void rsaCmsSeal_isValidInPdfsig_andVisibleInPdftoppm() throws Exception {
    Outside.program("pdfsig", "poppler-utils");
    Outside.program("pdftoppm", "poppler-utils");
    DemoPki pki = DemoPki.create(KeyType.RSA, "PDF");
    DemoPki.Issued signer = pki.issueLeaf("CN=某某局,O=Tongban Demo,C=CN");
    byte[] png = SealPictures.emblem(42, 200);
    byte[] sealed = PdfSealer.builder().build().seal(samplePdf(2), SealPicture.of("PNG", png, 42,
        42),
        PdfSealPlacement.at(1, 100, 150), signer.signingKey());
    Files.write(dir.resolve("sealed.pdf"), sealed);

    String out = run(dir, "pdfsig", "sealed.pdf");
    assertTrue(out.contains("Signature is Valid"), out);
    assertTrue(out.contains("Total document signed"), out);

    // An incremental update that changes content after the seal.
    byte[] changed = appendIncrementalChange(sealed);
    Files.write(dir.resolve("changed.pdf"), changed);
    String out2 = run(dir, "pdfsig", "changed.pdf");
    assertTrue(out2.contains("Not total document signed"), out2);

    run(dir, "pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-png", "sealed.pdf", "page");
    Path page = Files.list(dir).filter(p -> p.getFileName().toString().startsWith("page"))
        .findFirst().orElseThrow();
    BufferedImage img = ImageIO.read(page.toFile());
    // The seal sits 100 mm from the left, 150 mm from the bottom, 42 mm wide: at 72 dpi
    // 1 mm = 72/25.4 px. Count red pixels inside and outside that square.
    double px = 72 / 25.4;
    int x0 = (int) (100 * px) - 2; // 2 px of rounding and anti-aliasing at the edges
    int x1 = (int) (142 * px) + 2;
    int y1 = img.getHeight() - (int) (150 * px) + 2;
    int y0 = img.getHeight() - (int) (192 * px) - 2;
    int[] red = redPixels(img, x0, y0, x1, y1);
    int inside = red[0];
    int outside = red[1];
    assertTrue(inside > 500, "red seal pixels where the seal was placed: " + inside);
    assertEquals(0, outside, "no red pixels elsewhere");
  }

  @Test
  void crossPageSeal_isValidInPdfsig_andEachPageShowsItsSliceAtTheRightEdge() throws Exception {
    Outside.program("pdfsig", "poppler-utils");
    Outside.program("pdftoppm", "poppler-utils");
    DemoPki pki = DemoPki.create(KeyType.RSA, "PDF");
    DemoPki.Issued signer = pki.issueLeaf("CN=某某局,O=Tongban Demo,C=CN");
    byte[] png = SealPictures.emblem(42, 200);
    SealPicture picture = SealPicture.of("PNG", png, 42, 42);
    int pages = 3;
    Files.write(dir.resolve("cross.pdf"), PdfSealer.builder().build().seal(samplePdf(pages),
        picture,
        PdfSealPlacement.crossPageOnly(), signer.signingKey()));
    // The same picture whole, for comparison.
    Files.write(dir.resolve("whole.pdf"), PdfSealer.builder().build().seal(samplePdf(1), picture,
        PdfSealPlacement.at(1, 100, 150), signer.signingKey()));

    String out = run(dir, "pdfsig", "cross.pdf");
    assertTrue(out.contains("Signature is Valid"), out);
    assertTrue(out.contains("Total document signed"), out);
    assertEquals(1, out.split("Signature #").length - 1, "one signature: " + out);

    run(dir, "pdftoppm", "-r", "72", "-png", "cross.pdf", "cross");
    run(dir, "pdftoppm", "-r", "72", "-png", "whole.pdf", "whole");
    double px = 72 / 25.4;
    int sliceWidth = (int) Math.ceil(42 * px / pages);
    int total = 0;
    int[] perPage = new int[pages];
    for (int i = 0; i < pages; i++) {
      String name = "cross-" + (i + 1) + ".png";
      BufferedImage img = ImageIO.read(dir.resolve(name).toFile());
      int top = (int) ((img.getHeight() - 42 * px) / 2);
      int[] red = redPixels(img, img.getWidth() - sliceWidth - 2, top - 2, img.getWidth(),
          top + (int) (42 * px) + 2);
      assertTrue(red[0] > 100, "page " + (i + 1) + " shows its slice: " + red[0]);
      assertEquals(0, red[1], "page " + (i + 1) + ": no red outside the right-edge strip");
      perPage[i] = red[0];
      total += red[0];
    }
    BufferedImage whole = ImageIO.read(dir.resolve("whole-1.png").toFile());
    int wholeRed = redPixels(whole, 0, 0, whole.getWidth(), whole.getHeight())[0];
    // The slices are the picture cut in three: together about as red as the whole seal,
    // the outer two (a round seal's sides) alike, the middle one different.
    assertTrue(Math.abs(total - wholeRed) < wholeRed * 0.1, total + " vs whole " + wholeRed);
    assertTrue(Math.abs(perPage[0] - perPage[2]) < perPage[0] * 0.2,
        java.util.Arrays.toString(perPage));
    assertTrue(perPage[1] != perPage[0], java.util.Arrays.toString(perPage));
  }

  @Test
  void rsaCadesSeal_intoAnExistingField_isValidInPdfsig() throws Exception {
    Outside.program("pdfsig", "poppler-utils");
    DemoPki pki = DemoPki.create(KeyType.RSA, "PDF");
    byte[] png = SealPictures.emblem(42, 100);
    byte[] sealed = PdfSealer.builder().subFilter(PdfSubFilter.ETSI_CADES_DETACHED).build()
        .seal(PdfSealerFeaturesTest.formPdf(), SealPicture.of("PNG", png, 42, 42),
            PdfSealPlacement.field("Approver"), pki.issueLeaf("CN=B,C=CN").signingKey());
    Files.write(dir.resolve("cades.pdf"), sealed);
    String out = run(dir, "pdfsig", "cades.pdf");
    assertTrue(out.contains("Signature Field Name: Approver"), out);
    assertTrue(out.contains("Signature Type: ETSI.CAdES.detached"), out);
    assertTrue(out.contains("Signature is Valid"), out);
    assertTrue(out.contains("Total document signed"), out);
  }

  /** Counts seal-red pixels inside the box {@code [x0, x1] × [y0, y1]} and outside it. */
  static int[] redPixels(BufferedImage img, int x0, int y0, int x1, int y1) {
    int inside = 0;
    int outside = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        boolean red = ((rgb >> 16) & 0xff) > 180 && ((rgb >> 8) & 0xff) < 110
            && (rgb & 0xff) < 110;
        if (red) {
          if (x >= x0 && x <= x1 && y >= y0 && y <= y1) {
            inside++;
          } else {
            outside++;
          }
        }
      }
    }
    return new int[] {inside, outside};
  }

  /** Appends an incremental update that adds a page (a content change after the seal). */
  static byte[] appendIncrementalChange(byte[] sealed) throws Exception {
    try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(sealed)) {
      PDPage page = doc.getPage(0);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page,
          PDPageContentStream.AppendMode.APPEND, true)) {
        cs.beginText();
        cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 20);
        cs.newLineAtOffset(72, 500);
        cs.showText("Amount: 1,000,000");
        cs.endText();
      }
      page.getCOSObject().setNeedToBeUpdated(true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      return out.toByteArray();
    }
  }

  static List<String> lines(String s) {
    return new ArrayList<>(List.of(s.split("\n")));
  }
}
