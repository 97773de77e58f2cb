package org.tongban.seal.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.seal.SealPictures;
import org.tongban.seal.ses.SealPicture;

/**
 * Sealing into an existing field, cross-page seals, the CAdES sub-filter, certification
 * (DocMDP) and field locks (FieldMDP) — each checked by verifying the result, and each
 * permission violation by a later revision that breaks it.
 */
class PdfSealerFeaturesTest {
  private static final DemoPki PKI = DemoPki.create(KeyType.SM2, "Features");
  private static final DemoPki RSA = DemoPki.create(KeyType.RSA, "Features RSA");
  private static final DemoPki.Issued SIGNER = PKI.issueLeaf("CN=A,C=CN");
  private static final SealPicture PICTURE = SealPicture.of("PNG",
      SealPictures.emblem(42, 100), 42, 42);

  private static PdfVerificationReport verify(DemoPki pki, byte[] pdf) {
    return PdfSealVerifier.builder(pki.trustPolicy()).build()
        .verify(pdf);
  }

  /** A page with text fields {@code amount} and {@code note} and an empty signature field. */
  static byte[] formPdf() throws Exception {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDAcroForm form = new PDAcroForm(doc);
      doc.getDocumentCatalog().setAcroForm(form);
      PDResources dr = new PDResources();
      dr.put(COSName.HELV, new PDType1Font(Standard14Fonts.FontName.HELVETICA));
      form.setDefaultResources(dr);
      form.setDefaultAppearance("/Helv 12 Tf 0 g");
      float y = 700;
      for (String name : List.of("amount", "note")) {
        PDTextField tf = new PDTextField(form);
        tf.setPartialName(name);
        tf.setDefaultAppearance("/Helv 12 Tf 0 g");
        PDAnnotationWidget w = tf.getWidgets().get(0);
        w.setRectangle(new PDRectangle(72, y, 200, 20));
        w.setPage(page);
        page.getAnnotations().add(w);
        form.getFields().add(tf);
        tf.setValue("100");
        y -= 40;
      }
      PDSignatureField sf = new PDSignatureField(form);
      sf.setPartialName("Approver");
      PDAnnotationWidget w = sf.getWidgets().get(0);
      w.setRectangle(new PDRectangle(300, 100, 150, 150));
      w.setPage(page);
      page.getAnnotations().add(w);
      form.getFields().add(sf);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  static byte[] setField(byte[] pdf, String name, String value) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      ((PDTextField) doc.getDocumentCatalog().getAcroForm().getField(name)).setValue(value);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      return out.toByteArray();
    }
  }

  @Test
  void sealIntoAnExistingEmptyField_keepsItsPlace_andVerifies() throws Exception {
    byte[] sealed = PdfSealer.builder().build().seal(formPdf(), PICTURE,
        PdfSealPlacement.field("Approver"), SIGNER.signingKey());
    PdfVerificationReport report = verify(PKI, sealed);
    assertTrue(report.isValid(), report.toString());
    assertEquals("Approver", report.signatures().get(0).orElseThrow().fieldName());
    try (PDDocument doc = Loader.loadPDF(sealed)) {
      PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
      assertEquals(3, form.getFields().size(), "no field added");
      PDSignatureField f = (PDSignatureField) form.getField("Approver");
      assertTrue(f.getSignature() != null);
      PDRectangle r = f.getWidgets().get(0).getRectangle();
      assertEquals(List.of(300f, 100f, 450f, 250f), List.of(r.getLowerLeftX(),
          r.getLowerLeftY(), r.getUpperRightX(), r.getUpperRightY()));
      assertTrue(f.getWidgets().get(0).getAppearance().getNormalAppearance() != null);
    }
  }

  @Test
  void sealIntoAnExistingField_afterAnEarlierSeal_leavesTheEarlierOneValid() throws Exception {
    byte[] first = PdfSealer.builder().build().seal(formPdf(), PICTURE, PdfSealPlacement.at(1, 20,
        20),
        SIGNER.signingKey());
    byte[] second = PdfSealer.builder().build().seal(first, PICTURE,
        PdfSealPlacement.field("Approver"),
        PKI.issueLeaf("CN=B,C=CN").signingKey());
    PdfVerificationReport report = verify(PKI, second);
    assertTrue(report.isValid(), report.toString());
    assertEquals(2, report.signatures().size());
    assertFalse(report.signatures().get(0).orElseThrow().coversWholeDocument());
  }

  @Test
  void fieldPlacement_refusesWhatCannotBeSealed() throws Exception {
    byte[] pdf = formPdf();
    PdfSealer sealer = PdfSealer.builder().build();
    assertThrows(IllegalArgumentException.class, () -> sealer.seal(pdf, PICTURE,
        PdfSealPlacement.field("nope"), SIGNER.signingKey()));
    assertThrows(IllegalArgumentException.class, () -> sealer.seal(pdf, PICTURE,
        PdfSealPlacement.field("amount"), SIGNER.signingKey()));
    byte[] sealed = sealer.seal(pdf, PICTURE, PdfSealPlacement.field("Approver"),
        SIGNER.signingKey());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        sealer.seal(sealed, PICTURE, PdfSealPlacement.field("Approver"), SIGNER.signingKey()));
    assertTrue(e.getMessage().contains("already signed"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> sealer.seal(pdf, PICTURE,
        PdfSealPlacement.field("Approver").withCrossPage(), SIGNER.signingKey()));
  }

  @Test
  void crossPageSeal_isOneSignatureWithAWidgetPerPage_plusTheMainSeal() throws Exception {
    byte[] sealed = PdfSealer.builder().build().seal(PdfSealerInteropTest.samplePdf(3), PICTURE,
        PdfSealPlacement.lastPageBottomRight().withCrossPage(), SIGNER.signingKey());
    PdfVerificationReport report = verify(PKI, sealed);
    assertTrue(report.isValid(), report.toString());
    assertEquals(1, report.signatures().size());
    try (PDDocument doc = Loader.loadPDF(sealed)) {
      PDSignatureField f = doc.getSignatureFields().get(0);
      assertEquals(4, f.getWidgets().size(), "the main seal and three slices");
      float slice = 42 * 72f / 25.4f / 3;
      java.util.Set<String> contents = new java.util.HashSet<>();
      for (int i = 0; i < 3; i++) {
        PDPage page = doc.getPage(i);
        PDAnnotationWidget w = (PDAnnotationWidget) page.getAnnotations().stream()
            .filter(a -> a.getRectangle().getUpperRightX() == page.getMediaBox().getWidth())
            .findFirst().orElseThrow();
        assertEquals(slice, w.getRectangle().getWidth(), 0.01, "slice width, page " + (i + 1));
        assertTrue(f.getWidgets().stream().anyMatch(x -> x.getCOSObject() == w.getCOSObject()),
            "the slice on page " + (i + 1) + " is a widget of the seal's field");
        // Each slice shows its own part of the picture: the drawing is shifted by i slices.
        contents.add(new String(w.getAppearance().getNormalAppearance().getAppearanceStream()
            .getContents()
            .readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII));
      }
      assertEquals(3, contents.size(), "three different slices");
    }
  }

  @Test
  void crossPageSeal_afterAnEarlierSeal_leavesTheEarlierOneValid() throws Exception {
    byte[] first = PdfSealer.builder().build().seal(PdfSealerInteropTest.samplePdf(3), PICTURE,
        PdfSealPlacement.at(1, 20, 20), SIGNER.signingKey());
    byte[] second = PdfSealer.builder().build().seal(first, PICTURE,
        PdfSealPlacement.crossPageOnly(),
        PKI.issueLeaf("CN=B,C=CN").signingKey());
    PdfVerificationReport report = verify(PKI, second);
    assertTrue(report.isValid(), report.toString());
    assertEquals(2, report.signatures().size());
  }

  @Test
  void crossPageSeal_refusesOnePage() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> PdfSealer.builder().build().seal(
        PdfSealerInteropTest.samplePdf(1), PICTURE, PdfSealPlacement.crossPageOnly(),
        SIGNER.signingKey()));
  }

  @Test
  void cadesSubFilter_leavesOutSigningTime_andVerifies() throws Exception {
    byte[] cades = PdfSealer.builder().subFilter(PdfSubFilter.ETSI_CADES_DETACHED).build()
        .seal(PdfSealerInteropTest.samplePdf(1), PICTURE, PdfSealPlacement.at(1, 20, 20),
            SIGNER.signingKey());
    VerifiedPdfSignature s = verify(PKI, cades).signatures().get(0).orElseThrow();
    assertEquals("ETSI.CAdES.detached", s.subFilter());
    assertEquals(Optional.empty(), s.signingTime(), "PAdES forbids the signing-time attribute");
    byte[] adbe = PdfSealer.builder().build().seal(PdfSealerInteropTest.samplePdf(1), PICTURE,
        PdfSealPlacement.at(1, 20, 20), SIGNER.signingKey());
    VerifiedPdfSignature a = verify(PKI, adbe).signatures().get(0).orElseThrow();
    assertEquals("adbe.pkcs7.detached", a.subFilter());
    assertTrue(a.signingTime().isPresent());
  }

  @Test
  void certifiedNoChanges_thenAnotherSignature_isNotPermitted() throws Exception {
    byte[] certified = PdfSealer.builder().certify(DocMdpPermission.NO_CHANGES).build()
        .seal(PdfSealerInteropTest.samplePdf(1), PICTURE, PdfSealPlacement.at(1, 20, 20),
            SIGNER.signingKey());
    assertTrue(verify(PKI, certified).isValid());
    try (PDDocument doc = Loader.loadPDF(certified)) {
      assertTrue(doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS)
          .containsKey(COSName.DOCMDP));
    }
    // Our sealer refuses; someone else's signer does not.
    assertThrows(IllegalArgumentException.class, () -> PdfSealer.builder().build().seal(certified,
        PICTURE, PdfSealPlacement.at(1, 100, 20), SIGNER.signingKey()));
    byte[] second = PdfSealVerifierInteropTest.signWithBouncyCastleCms(certified,
        PKI.issueLeaf("CN=B,C=CN"), "SM3withSM2");
    PdfVerificationReport report = verify(PKI, second);
    assertEquals(Indication.FAILED, report.indication());
    assertEquals(Optional.of(Reason.MODIFICATION_NOT_PERMITTED), report.reason());
    assertEquals(Optional.of(Reason.MODIFICATION_NOT_PERMITTED),
        report.signatures().get(0).reason());
    assertTrue(report.signatures().get(1).isValid(), report.signatures().get(1).toString());
  }

  @Test
  void certifiedNoChanges_allowsValidationData_butNotAnInfoChange() throws Exception {
    byte[] certified = PdfSealer.builder().certify(DocMdpPermission.NO_CHANGES).build()
        .seal(PdfSealerInteropTest.samplePdf(1), PICTURE, PdfSealPlacement.at(1, 20, 20),
            SIGNER.signingKey());
    byte[] titled;
    byte[] withDss;
    try (PDDocument doc = Loader.loadPDF(certified)) {
      doc.getDocumentInformation().setTitle("changed later");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      titled = out.toByteArray();
    }
    try (PDDocument doc = Loader.loadPDF(certified)) {
      COSDictionary dss = new COSDictionary();
      dss.setItem(COSName.getPDFName("Certs"), new COSArray());
      doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("DSS"), dss);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      withDss = out.toByteArray();
    }
    assertEquals(Optional.of(Reason.MODIFICATION_NOT_PERMITTED), verify(PKI, titled).reason());
    assertTrue(verify(PKI, withDss).isValid(), verify(PKI, withDss).toString());
  }

  @Test
  void certifiedFormFillingAndSigning_allowsALaterSeal() throws Exception {
    byte[] certified = PdfSealer.builder().certify(DocMdpPermission.FORM_FILLING_AND_SIGNING)
        .build().seal(PdfSealerInteropTest.samplePdf(1), PICTURE, PdfSealPlacement.at(1, 20, 20),
            SIGNER.signingKey());
    byte[] second = PdfSealer.builder().build().seal(certified, PICTURE, PdfSealPlacement.at(1,
        100, 20),
        PKI.issueLeaf("CN=B,C=CN").signingKey());
    assertTrue(verify(PKI, second).isValid(), verify(PKI, second).toString());
    assertThrows(IllegalArgumentException.class, () -> PdfSealer.builder()
        .certify(DocMdpPermission.FORM_FILLING_AND_SIGNING).build().seal(second, PICTURE,
            PdfSealPlacement.at(1, 60, 20), SIGNER.signingKey()),
        "only the first signature certifies");
  }

  @Test
  void fieldLockedBySignature_changedLater_isNotPermitted_otherFieldIsAModification()
      throws Exception {
    DemoPki.Issued signer = RSA.issueLeaf("CN=R,C=CN");
    byte[] locked = PdfSealVerifierInteropTest.signWithBouncyCastleCms(formPdf(), signer,
        "SHA256withRSA", (doc, sig) -> {
          COSDictionary params = new COSDictionary();
          params.setItem(COSName.TYPE, COSName.TRANSFORM_PARAMS);
          params.setName(COSName.getPDFName("Action"), "Include");
          COSArray fields = new COSArray();
          fields.add(new COSString("amount"));
          params.setItem(COSName.FIELDS, fields);
          params.setName(COSName.V, "1.2");
          COSDictionary ref = new COSDictionary();
          ref.setItem(COSName.TYPE, COSName.SIG_REF);
          ref.setItem(COSName.TRANSFORM_METHOD, COSName.getPDFName("FieldMDP"));
          ref.setItem(COSName.TRANSFORM_PARAMS, params);
          COSArray refs = new COSArray();
          refs.add(ref);
          sig.getCOSObject().setItem(COSName.REFERENCE, refs);
        });
    assertTrue(verify(RSA, locked).isValid(), verify(RSA, locked).toString());
    assertEquals(Optional.of(Reason.MODIFICATION_NOT_PERMITTED),
        verify(RSA, setField(locked, "amount", "999999")).reason());
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL),
        verify(RSA, setField(locked, "note", "changed")).reason());
  }
}
