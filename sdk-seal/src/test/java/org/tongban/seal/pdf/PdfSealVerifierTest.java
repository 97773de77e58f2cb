package org.tongban.seal.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.pki.TrustPolicy;
import org.tongban.result.CheckId;
import org.tongban.result.CheckStatus;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.seal.SealPictures;
import org.tongban.seal.internal.SealAlgorithms;
import org.tongban.seal.ses.SealPicture;
import org.tongban.testing.ResultAssertions;

class PdfSealVerifierTest {
  private static final SealPicture PICTURE = SealPicture.of("PNG",
      SealPictures.emblem(42, 120), 42, 42);

  private static byte[] seal(DemoPki.Issued signer, byte[] pdf) {
    return PdfSealer.builder().build().seal(pdf, PICTURE, PdfSealPlacement.at(1, 100, 150),
        signer.signingKey());
  }

  private static PdfSealVerifier verifier(DemoPki pki) {
    return PdfSealVerifier.builder(pki.trustPolicy()).build();
  }

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"SM2", "RSA"})
  void sealedPdf_passes_withEveryCheckRecorded(KeyType type) throws Exception {
    DemoPki pki = DemoPki.create(type, "PDF");
    DemoPki.Issued signer = pki.issueLeaf("CN=某某局,O=Tongban Demo,C=CN");
    byte[] sealed = seal(signer, PdfSealerInteropTest.samplePdf(1));

    PdfVerificationReport report = verifier(pki).verify(sealed);
    assertTrue(report.isValid(), report.toString());
    assertEquals(1, report.signatures().size());
    VerificationResult<VerifiedPdfSignature> r = report.signatures().get(0);
    for (var id : new org.tongban.result.CheckId[] {PdfSealVerifier.BYTE_RANGE,
        PdfSealVerifier.DATA_HASH, PdfSealVerifier.SIGNING_CERTIFICATE,
        org.tongban.result.CheckId.SIGNATURE, PdfSealVerifier.SIGNER_CHAIN}) {
      assertEquals(CheckStatus.OK, r.check(id).orElseThrow().status(), id.toString());
    }
    VerifiedPdfSignature v = r.orElseThrow();
    assertTrue(v.coversWholeDocument());
    assertEquals(signer.certificate(), v.signer());
    assertEquals(sealed.length, v.byteRange()[2] + v.byteRange()[3]);
    assertTrue(v.signingTime().isPresent());
  }

  @Test
  void withoutTrust_theSealIsIndeterminate_neverPassed() throws Exception {
    // A self-signed impostor named after a real bureau: every check holds but trust.
    DemoPki impostor = DemoPki.create(KeyType.SM2, "某某市市场监督管理局");
    byte[] sealed = seal(impostor.issueLeaf("CN=某某市市场监督管理局,C=CN"),
        PdfSealerInteropTest.samplePdf(1));
    PdfVerificationReport report = PdfSealVerifier.builder(TrustPolicy.none()).build()
        .verify(sealed);
    assertEquals(Indication.INDETERMINATE, report.indication());
    assertEquals(Optional.of(Reason.TRUST_NOT_CONFIGURED), report.reason());
    VerificationResult<VerifiedPdfSignature> r = report.signatures().get(0);
    ResultAssertions.assertResult(r, Indication.INDETERMINATE, Reason.TRUST_NOT_CONFIGURED);
    assertEquals(CheckStatus.OK, r.check(CheckId.SIGNATURE).orElseThrow().status());
  }

  @Test
  void untrustedSigner_fails() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "PDF");
    DemoPki other = DemoPki.create(KeyType.SM2, "Other");
    byte[] sealed = seal(pki.issueLeaf("CN=A,C=CN"), PdfSealerInteropTest.samplePdf(1));
    PdfVerificationReport report = verifier(other).verify(sealed);
    assertEquals(Indication.FAILED, report.indication());
    assertEquals(Optional.of(Reason.UNTRUSTED_ROOT), report.reason());
    assertEquals(CheckStatus.FAILED, report.signatures().get(0)
        .check(PdfSealVerifier.SIGNER_CHAIN).orElseThrow().status());
  }

  @Test
  void contentChangedAfterTheSeal_isDetected_theSignatureItselfStillVerifies() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.RSA, "PDF");
    byte[] sealed = seal(pki.issueLeaf("CN=A,C=CN"), PdfSealerInteropTest.samplePdf(1));
    byte[] changed = PdfSealerInteropTest.appendIncrementalChange(sealed);
    PdfVerificationReport report = verifier(pki).verify(changed);
    assertEquals(Indication.FAILED, report.indication());
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), report.reason());
    VerificationResult<VerifiedPdfSignature> r = report.signatures().get(0);
    assertEquals(CheckStatus.OK, r.check(org.tongban.result.CheckId.SIGNATURE).orElseThrow()
        .status());
    assertEquals(CheckStatus.OK, r.check(PdfSealVerifier.DATA_HASH).orElseThrow().status());
    assertEquals(CheckStatus.FAILED, r.check(PdfSealVerifier.COVERAGE).orElseThrow().status());
  }

  @Test
  void anAnnotationAddedAfterTheSeal_isDetected() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "PDF");
    byte[] sealed = seal(pki.issueLeaf("CN=A,C=CN"), PdfSealerInteropTest.samplePdf(1));
    byte[] changed;
    try (PDDocument doc = Loader.loadPDF(sealed)) {
      PDPage page = doc.getPage(0);
      PDAnnotationText note = new PDAnnotationText();
      note.setRectangle(new PDRectangle(100, 100, 200, 50));
      note.setContents("Amount: 1,000,000");
      page.getAnnotations().add(note);
      page.getCOSObject().setNeedToBeUpdated(true);
      page.getCOSObject().getCOSArray(COSName.ANNOTS).setNeedToBeUpdated(true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      changed = out.toByteArray();
    }
    assertTrue(changed.length > sealed.length);
    PdfVerificationReport report = verifier(pki).verify(changed);
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), report.reason(),
        report.toString());
  }

  @Test
  void aContentStreamRedefinedUnderItsOwnNumber_isDetected() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "PDF");
    byte[] sealed = seal(pki.issueLeaf("CN=A,C=CN"), PdfSealerInteropTest.samplePdf(1));
    byte[] changed;
    try (PDDocument doc = Loader.loadPDF(sealed)) {
      // Hide-and-replace: the page keeps its /Contents reference, the object behind it changes.
      org.apache.pdfbox.cos.COSStream contents = (org.apache.pdfbox.cos.COSStream) doc.getPage(0)
          .getCOSObject().getDictionaryObject(COSName.CONTENTS);
      try (java.io.OutputStream o = contents.createOutputStream()) {
        o.write("BT /F1 20 Tf 72 500 Td (Amount: 1,000,000) Tj ET".getBytes(
            StandardCharsets.US_ASCII));
      }
      contents.setNeedToBeUpdated(true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      changed = out.toByteArray();
    }
    PdfVerificationReport report = verifier(pki).verify(changed);
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), report.reason(),
        report.toString());
    assertTrue(report.signatures().get(0).check(PdfSealVerifier.COVERAGE).orElseThrow()
        .detail().contains("redefined"), report.toString());
  }

  @Test
  void metadataOnlyUpdates_andAppendedComments_areAllowed() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "PDF");
    byte[] sealed = seal(pki.issueLeaf("CN=A,C=CN"), PdfSealerInteropTest.samplePdf(1));
    byte[] info;
    try (PDDocument doc = Loader.loadPDF(sealed)) {
      doc.getDocumentInformation().setTitle("Notice");
      doc.getDocumentInformation().getCOSObject().setNeedToBeUpdated(true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      info = out.toByteArray();
    }
    assertTrue(info.length > sealed.length);
    PdfVerificationReport report = verifier(pki).verify(info);
    assertTrue(report.isValid(), report.toString());
    assertFalse(report.signatures().get(0).orElseThrow().coversWholeDocument());

    // Only text may change in an info dictionary the signed revision had: a crafted file can
    // give it a second role.
    byte[] withInfo;
    try (PDDocument doc = Loader.loadPDF(PdfSealerInteropTest.samplePdf(1))) {
      doc.getDocumentInformation().setTitle("Notice");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      withInfo = seal(pki.issueLeaf("CN=B,C=CN"), out.toByteArray());
    }
    byte[] nonText;
    try (PDDocument doc = Loader.loadPDF(withInfo)) {
      doc.getDocumentInformation().getCOSObject().setItem(COSName.getPDFName("Font"),
          new org.apache.pdfbox.cos.COSDictionary());
      doc.getDocumentInformation().getCOSObject().setNeedToBeUpdated(true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      nonText = out.toByteArray();
    }
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL),
        verifier(pki).verify(nonText).reason());

    byte[] comment = java.util.Arrays.copyOf(sealed, sealed.length + 12);
    System.arraycopy("\n% comment\n".getBytes(StandardCharsets.US_ASCII), 0, comment,
        sealed.length, 11);
    assertTrue(verifier(pki).verify(comment).isValid());
  }

  @Test
  void twoSeals_bothVerify_theLastCoversTheWholeFile() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "PDF");
    byte[] once = seal(pki.issueLeaf("CN=A,C=CN"), PdfSealerInteropTest.samplePdf(1));
    byte[] twice = PdfSealer.builder().build().seal(once, PICTURE, PdfSealPlacement.at(1, 20, 150),
        pki.issueLeaf("CN=B,C=CN").signingKey());
    PdfVerificationReport report = verifier(pki).verify(twice);
    assertTrue(report.isValid(), report.toString());
    assertEquals(2, report.signatures().size());
    assertFalse(report.signatures().get(0).orElseThrow().coversWholeDocument());
    assertEquals(CheckStatus.OK, report.signatures().get(0).check(PdfSealVerifier.COVERAGE)
        .orElseThrow().status());
    assertTrue(report.signatures().get(1).orElseThrow().coversWholeDocument());
  }

  @Test
  void aByteChangedInsideTheSignedRange_failsTheDigest() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "PDF");
    byte[] sealed = seal(pki.issueLeaf("CN=A,C=CN"), PdfSealerInteropTest.samplePdf(1));
    // The header's binary comment line: changing it alters signed bytes, not the PDF's meaning.
    int i = indexOf(sealed, "%PDF-".getBytes(StandardCharsets.US_ASCII)) + 10;
    sealed[i] ^= 0x01;
    PdfVerificationReport report = verifier(pki).verify(sealed);
    assertEquals(Indication.FAILED, report.indication());
    assertEquals(Optional.of(Reason.HASH_FAILURE), report.reason());
  }

  @Test
  void aByteRangeNotStartingAtZero_isRejected() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "PDF");
    byte[] sealed = seal(pki.issueLeaf("CN=A,C=CN"), PdfSealerInteropTest.samplePdf(1));
    String s = new String(sealed, StandardCharsets.ISO_8859_1);
    Matcher m = Pattern.compile("/ByteRange \\[0 ").matcher(s);
    assertTrue(m.find());
    sealed[m.end() - 2] = '1';
    assertEquals(Optional.of(Reason.BYTE_RANGE_INVALID), verifier(pki).verify(sealed).reason());
  }

  @Test
  void aShiftedByteRange_thatExcludesMoreThanTheSignature_isRejected() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.RSA, "PDF");
    byte[] sealed = seal(pki.issueLeaf("CN=A,C=CN"), PdfSealerInteropTest.samplePdf(1));
    String s = new String(sealed, StandardCharsets.ISO_8859_1);
    Matcher m = Pattern.compile("/ByteRange \\[0 (\\d+) ").matcher(s);
    assertTrue(m.find());
    // a - 1: the gap would start one byte before '<', hiding an unsigned byte.
    int a = Integer.parseInt(m.group(1));
    // PDF integers may carry leading zeros, so the shifted value fits the same digits.
    String shorter = String.format("%0" + m.group(1).length() + "d", a - 1);
    byte[] digits = shorter.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, sealed, m.start(1), digits.length);
    assertEquals(Optional.of(Reason.BYTE_RANGE_INVALID), verifier(pki).verify(sealed).reason());
  }

  /** Rewrites the sealed file's /ByteRange in place, in the spaces PDFBox reserved after it. */
  private static byte[] withByteRange(byte[] sealed, java.util.function.LongUnaryOperator a,
      java.util.function.LongUnaryOperator b, java.util.function.LongUnaryOperator c) {
    String s = new String(sealed, StandardCharsets.ISO_8859_1);
    Matcher m = Pattern.compile("/ByteRange \\[0 (\\d+) (\\d+) (\\d+)\\] *").matcher(s);
    assertTrue(m.find());
    String range = "/ByteRange [0 " + a.applyAsLong(Long.parseLong(m.group(1))) + " "
        + b.applyAsLong(Long.parseLong(m.group(2))) + " "
        + c.applyAsLong(Long.parseLong(m.group(3))) + "]";
    assertTrue(range.length() <= m.end() - m.start());
    byte[] out = sealed.clone();
    byte[] text = String.format("%-" + (m.end() - m.start()) + "s", range)
        .getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, out, m.start(), text.length);
    return out;
  }

  @Test
  void aByteRangeReachingBeyondTheFile_isRejected() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "PDF");
    byte[] sealed = seal(pki.issueLeaf("CN=A,C=CN"), PdfSealerInteropTest.samplePdf(1));
    byte[] beyond = withByteRange(sealed, x -> x, x -> x, x -> x + 1);
    assertEquals(Optional.of(Reason.BYTE_RANGE_INVALID), verifier(pki).verify(beyond).reason());
  }

  @Test
  void overlappingByteRanges_areRejected() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "PDF");
    byte[] sealed = seal(pki.issueLeaf("CN=A,C=CN"), PdfSealerInteropTest.samplePdf(1));
    // The second range starts inside the first: the signature's own bytes would be "signed".
    byte[] overlapping = withByteRange(sealed, x -> x, x -> 10, x -> x);
    assertEquals(Optional.of(Reason.BYTE_RANGE_INVALID),
        verifier(pki).verify(overlapping).reason());
    // And the untouched file still verifies: the rewriting itself is not what fails.
    assertTrue(verifier(pki).verify(withByteRange(sealed, x -> x, x -> x, x -> x)).isValid());
  }

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"SM2", "RSA"})
  void aChangedSignatureValue_failsTheSignature(KeyType type) throws Exception {
    DemoPki pki = DemoPki.create(type, "PDF");
    DemoPki.Issued signer = pki.issueLeaf("CN=A,C=CN");
    PdfSealer sealer = PdfSealer.builder().build();
    PreparedPdfSeal p = sealer.prepare(PdfSealerInteropTest.samplePdf(1), PICTURE,
        PdfSealPlacement.at(1, 100, 150), signer.signingKey().certificateChain());
    byte[] sealed = sealer.complete(p, SealAlgorithms.sign(signer.signingKey(), p.toBeSigned()));
    // The signature value is the last field of the CMS: change a hex digit near its end.
    int start = p.byteRange()[1] + 1;
    int len = cmsLength(sealed, start);
    int at = start + 2 * len - 8;
    sealed[at] = (byte) (sealed[at] == '0' ? '1' : '0');
    PdfVerificationReport report = verifier(pki).verify(sealed);
    assertEquals(Indication.FAILED, report.indication());
    assertEquals(Optional.of(Reason.SIG_CRYPTO_FAILURE), report.reason());
  }

  @Test
  void anUnsignedPlaceholder_isMalformed() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "PDF");
    PreparedPdfSeal p = PdfSealer.builder().build().prepare(PdfSealerInteropTest.samplePdf(1),
        PICTURE,
        PdfSealPlacement.at(1, 100, 150), pki.issueLeaf("CN=A,C=CN").signingKey()
            .certificateChain());
    PdfVerificationReport report = verifier(pki).verify(p.pdf().orElseThrow());
    assertEquals(Optional.of(Reason.FORMAT_FAILURE), report.reason());
    assertEquals(1, report.signatures().size());
  }

  @Test
  void notAPdf_isAFormatFailure_anUnsignedPdfHasItsOwnReason() throws Exception {
    PdfSealVerifier v = PdfSealVerifier.builder(TrustPolicy.none()).build();
    assertEquals(Optional.of(Reason.FORMAT_FAILURE),
        v.verify("not a pdf".getBytes(StandardCharsets.US_ASCII)).reason());
    assertEquals(Optional.of(Reason.FORMAT_FAILURE), v.verify(new byte[0]).reason());
    PdfVerificationReport unsigned = v.verify(PdfSealerInteropTest.samplePdf(1));
    assertEquals(Indication.FAILED, unsigned.indication());
    assertEquals(Optional.of(Reason.NO_SIGNATURE), unsigned.reason());
    assertTrue(unsigned.signatures().isEmpty());
  }

  @Test
  void truncatedSealedPdfs_neverThrow_andNeverPass() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "PDF");
    byte[] sealed = seal(pki.issueLeaf("CN=A,C=CN"), PdfSealerInteropTest.samplePdf(1));
    PdfSealVerifier v = verifier(pki);
    for (int cut = 1; cut < 200; cut += 7) {
      byte[] t = java.util.Arrays.copyOf(sealed, sealed.length - cut);
      PdfVerificationReport r = v.verify(t);
      // Cutting the file's end cuts the second byte range: either PDFBox finds the signature
      // and its range now overruns the file, or the file no longer parses.
      assertTrue(r.reason().equals(Optional.of(Reason.BYTE_RANGE_INVALID))
          || r.reason().equals(Optional.of(Reason.FORMAT_FAILURE)), "cut " + cut + ": " + r);
    }
  }

  private static int cmsLength(byte[] pdf, int hexStart) {
    String h = new String(pdf, hexStart, 8, StandardCharsets.US_ASCII);
    assertEquals("3082", h.substring(0, 4));
    return 4 + Integer.parseInt(h.substring(4, 8), 16);
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void toResult_isTheDocumentVerdict_inTheCommonModel() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "PDF");
    byte[] sealed = seal(pki.issueLeaf("CN=A,C=CN"), PdfSealerInteropTest.samplePdf(1));
    PdfVerificationReport ok = verifier(pki).verify(sealed);
    VerificationResult<PdfVerificationReport> r = ok.toResult();
    ResultAssertions.assertPassed(r);
    assertEquals(ok, r.orElseThrow());
    assertEquals(CheckStatus.OK, r.check(CheckId.of("signature.1")).orElseThrow().status());
    for (PdfVerificationReport bad : java.util.List.of(
        PdfSealVerifier.builder(TrustPolicy.none()).build().verify(sealed),
        verifier(pki).verify(PdfSealerInteropTest.samplePdf(1)),
        verifier(pki).verify("not a pdf".getBytes(StandardCharsets.US_ASCII)))) {
      VerificationResult<PdfVerificationReport> br = bad.toResult();
      ResultAssertions.assertResult(br, bad.indication(), bad.reason().orElseThrow());
    }
  }
}
