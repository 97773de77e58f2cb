package org.tongban.seal.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tongban.MalformedInputException;
import org.tongban.seal.pdf.internal.CmsSlices;
import org.tongban.seal.pdf.internal.PdfRevisions;
import org.junit.jupiter.api.Test;
import org.tongban.seal.ModificationLevel;
import org.tongban.seal.pdf.internal.SignatureDictionary;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesSignature;

/**
 * Coverage-guided fuzzing (Jazzer) of the seal parsers: the strict SES DER codec (seals and
 * signatures), the CMS slicer, the direct PDF signature-dictionary reader, and the reader of
 * later revisions (our cross-reference table and stream reader, and the classification of what
 * an update changed) over any bytes appended to a small signed-looking PDF. The SES codec may
 * throw only {@link MalformedInputException}; the two readers never throw (they decline with
 * an empty result); the revision reader only {@link IOException}. {@code mvn verify} replays the corpus under
 * {@code samples/src/test/resources/org/tongban/seal/fuzz/}.
 */
class SealParsersFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void sesSignature(byte[] input) {
    try {
      SesSignature.parse(input);
    } catch (MalformedInputException e) {
      // declared
    }
  }

  @FuzzTest(maxDuration = "2m")
  void sesSeal(byte[] input) {
    try {
      SesSeal.parse(input);
    } catch (MalformedInputException e) {
      // declared
    }
  }

  @FuzzTest(maxDuration = "2m")
  void cmsSlices(byte[] input) {
    CmsSlices.read(input);
  }

  @FuzzTest(maxDuration = "2m")
  void signatureDictionary(byte[] input) {
    SignatureDictionary.parse(input, 0, 44, 0); // the seed is object 44 0
  }

  @FuzzTest(maxDuration = "2m")
  void laterRevisions(byte[] input) {
    byte[] pdf = new byte[BASE.length + input.length];
    System.arraycopy(BASE, 0, pdf, 0, BASE.length);
    System.arraycopy(input, 0, pdf, BASE.length, input.length);
    try {
      PdfRevisions.changes(pdf, BASE.length, PdfRevisions.Permissions.NONE);
    } catch (IOException e) {
      // declared
    }
  }

  /** The seeds reach the code they are for: a redefined and a freed object are found. */
  @Test
  void laterRevisionSeeds_areUpdatesOfTheBase() throws IOException {
    assertEquals(432, BASE.length);
    for (String seed : List.of("redefined", "freed")) {
      byte[] tail;
      try (var in = getClass().getResourceAsStream("SealParsersFuzzTestInputs/laterRevisions/"
          + seed)) {
        tail = in.readAllBytes();
      }
      byte[] pdf = new byte[BASE.length + tail.length];
      System.arraycopy(BASE, 0, pdf, 0, BASE.length);
      System.arraycopy(tail, 0, pdf, BASE.length, tail.length);
      List<PdfRevisions.Change> changes = PdfRevisions.changes(pdf, BASE.length,
          PdfRevisions.Permissions.NONE);
      assertEquals(List.of(ModificationLevel.OTHER), changes.stream()
          .map(PdfRevisions.Change::level).toList(), seed + ": " + changes);
    }
  }

  /**
   * One page with one content stream and a classic cross-reference table; the seeds under
   * {@code laterRevisions/} are updates of exactly these bytes (432 of them).
   */
  static final byte[] BASE = base();

  private static byte[] base() {
    List<String> objects = List.of("<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        "<< /Length 18 >>\nstream\nBT (sealed) Tj ET\nendstream");
    StringBuilder pdf = new StringBuilder("%PDF-1.7\n");
    StringBuilder xref = new StringBuilder("xref\n0 5\n0000000000 65535 f \n");
    for (int i = 0; i < objects.size(); i++) {
      xref.append(String.format("%010d 00000 n \n", pdf.length()));
      pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
    }
    int start = pdf.length();
    pdf.append(xref).append("trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n").append(start)
        .append("\n%%EOF\n");
    return pdf.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
