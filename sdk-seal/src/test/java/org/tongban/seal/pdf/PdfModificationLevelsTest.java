package org.tongban.seal.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.seal.ModificationLevel;
import org.tongban.seal.ModificationPolicy;
import org.tongban.seal.SealPictures;
import org.tongban.seal.ses.SealPicture;

/**
 * Changes after a PDF seal as levels: each later update is classified (none, validation data,
 * signatures, form filling, annotations, other), listed in the result's evidence, and judged by
 * the approval policy or by a certification's DocMDP permission — with the crafted files that
 * dress a content change up as a permitted one.
 */
class PdfModificationLevelsTest {
  private static final DemoPki PKI = DemoPki.create(KeyType.SM2, "Levels");
  private static final DemoPki.Issued SIGNER = PKI.issueLeaf("CN=A,C=CN");
  private static final SealPicture PICTURE = SealPicture.of("PNG",
      SealPictures.emblem(42, 100), 42, 42);
  private static final ModificationPolicy FORMS =
      ModificationPolicy.permitting(ModificationLevel.FORM_FILLING);
  private static final ModificationPolicy NOTES =
      ModificationPolicy.permitting(ModificationLevel.ANNOTATIONS);
  private static final ModificationPolicy BOTH = ModificationPolicy.permitting(
      ModificationLevel.FORM_FILLING, ModificationLevel.ANNOTATIONS);

  private static PdfVerificationReport verify(byte[] pdf, ModificationPolicy policy) {
    return PdfSealVerifier.builder(PKI.trustPolicy()).modificationPolicy(policy).build()
        .verify(pdf);
  }

  private static PdfVerificationReport verify(byte[] pdf) {
    return PdfSealVerifier.builder(PKI.trustPolicy()).build().verify(pdf);
  }

  private static byte[] approved() throws Exception {
    return PdfSealer.builder().build().seal(PdfSealerFeaturesTest.formPdf(), PICTURE,
        PdfSealPlacement.at(1, 20, 20), SIGNER.signingKey());
  }

  private static byte[] certified(DocMdpPermission p) throws Exception {
    return PdfSealer.builder().certify(p).build().seal(PdfSealerFeaturesTest.formPdf(),
        PICTURE, PdfSealPlacement.at(1, 20, 20), SIGNER.signingKey());
  }

  interface Change {
    void apply(PDDocument doc) throws Exception;
  }

  private static byte[] update(byte[] pdf, Change change) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      change.apply(doc);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      return out.toByteArray();
    }
  }

  private static byte[] addNote(byte[] pdf) throws Exception {
    return update(pdf, doc -> {
      PDPage page = doc.getPage(0);
      PDAnnotationText note = new PDAnnotationText();
      note.setRectangle(new PDRectangle(100, 100, 200, 50));
      note.setContents("checked");
      page.getAnnotations().add(note);
      page.getCOSObject().setNeedToBeUpdated(true);
      page.getCOSObject().getCOSArray(COSName.ANNOTS).setNeedToBeUpdated(true);
    });
  }

  private static String facts(VerificationResult<?> r) {
    return r.evidence().facts().getOrDefault("pdf.modifications", "");
  }

  private static ModificationLevel level(VerificationResult<?> r) {
    return ModificationLevel.valueOf(r.evidence().facts().get("pdf.modification-level"));
  }

  @Test
  void formFillingAfterAnApprovalSeal_refusedByDefault_permittedOnRequest() throws Exception {
    byte[] filled = PdfSealerFeaturesTest.setField(approved(), "amount", "250");
    PdfVerificationReport strict = verify(filled);
    VerificationResult<VerifiedPdfSignature> r = strict.signatures().get(0);
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), strict.reason(),
        strict.toString());
    assertEquals(ModificationLevel.FORM_FILLING, level(r), r.toString());
    assertTrue(facts(r).contains("FORM_FILLING: field amount"), facts(r));

    PdfVerificationReport permitted = verify(filled, FORMS);
    assertTrue(permitted.isValid(), permitted.toString());
    VerifiedPdfSignature s = permitted.signatures().get(0).orElseThrow();
    assertEquals(ModificationLevel.FORM_FILLING, s.modificationLevel());
    assertTrue(s.modifications().stream().allMatch(m -> m.level()
        == ModificationLevel.FORM_FILLING), s.modifications().toString());
    // Permitting annotations does not permit form filling.
    PdfVerificationReport notesOnly = verify(filled, NOTES);
    assertEquals(Indication.FAILED, notesOnly.indication());
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), notesOnly.reason(),
        notesOnly.toString());
  }

  @Test
  void anAnnotationAfterAnApprovalSeal_refusedByDefault_permittedOnRequest() throws Exception {
    byte[] noted = addNote(approved());
    PdfVerificationReport strict = verify(noted);
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), strict.reason());
    assertEquals(ModificationLevel.ANNOTATIONS, level(strict.signatures().get(0)));
    assertTrue(facts(strict.signatures().get(0)).contains("a /Text annotation added"),
        facts(strict.signatures().get(0)));
    PdfVerificationReport formsOnly = verify(noted, FORMS);
    assertEquals(Indication.FAILED, formsOnly.indication());
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), formsOnly.reason(),
        formsOnly.toString());
    PdfVerificationReport permitted = verify(noted, NOTES);
    assertTrue(permitted.isValid(), permitted.toString());
    assertEquals(ModificationLevel.ANNOTATIONS,
        permitted.signatures().get(0).orElseThrow().modificationLevel());

    // Removing it again is an annotation change too; removing a seal's picture is not.
    byte[] removed = update(noted, doc -> {
      List<PDAnnotation> annots = doc.getPage(0).getAnnotations();
      annots.removeIf(a -> a instanceof PDAnnotationText);
      doc.getPage(0).setAnnotations(annots);
      doc.getPage(0).getCOSObject().setNeedToBeUpdated(true);
    });
    assertTrue(verify(removed, NOTES).isValid(), verify(removed, NOTES).toString());
    byte[] unseen = update(approved(), doc -> {
      List<PDAnnotation> annots = doc.getPage(0).getAnnotations();
      annots.removeIf(a -> a instanceof PDAnnotationWidget w
          && w.getCOSObject().getCOSDictionary(COSName.PARENT) == null
          && COSName.SIG.equals(w.getCOSObject().getCOSName(COSName.FT))
          && w.getCOSObject().getItem(COSName.V) != null);
      doc.getPage(0).setAnnotations(annots);
      doc.getPage(0).getCOSObject().setNeedToBeUpdated(true);
    });
    PdfVerificationReport hidden = verify(unseen, BOTH);
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), hidden.reason(),
        hidden.toString());
    assertTrue(facts(hidden.signatures().get(0)).contains("OTHER: page 1: widget"),
        facts(hidden.signatures().get(0)));
  }

  @Test
  void aLaterSeal_isTheSignaturesLevel_underEveryPolicy() throws Exception {
    byte[] two = PdfSealer.builder().build().seal(approved(), PICTURE,
        PdfSealPlacement.at(1, 100, 20), PKI.issueLeaf("CN=B,C=CN").signingKey());
    PdfVerificationReport r = verify(two);
    assertTrue(r.isValid(), r.toString());
    assertEquals(ModificationLevel.SIGNATURES,
        r.signatures().get(0).orElseThrow().modificationLevel());
    assertEquals(ModificationLevel.NONE, r.signatures().get(1).orElseThrow().modificationLevel());
    assertEquals("NONE", r.signatures().get(1).evidence().facts()
        .get("pdf.modification-level"));
  }

  @Test
  void certifiedP2_permitsFormFillingAndSigning_notAnnotations() throws Exception {
    byte[] cert = certified(DocMdpPermission.FORM_FILLING_AND_SIGNING);
    byte[] filled = PdfSealerFeaturesTest.setField(cert, "amount", "250");
    // The certification's own permission decides, not the verifier's approval policy.
    assertTrue(verify(filled).isValid(), verify(filled).toString());
    PdfVerificationReport noted = verify(addNote(cert), BOTH);
    assertEquals(Optional.of(Reason.MODIFICATION_NOT_PERMITTED), noted.reason(),
        noted.toString());
    assertTrue(noted.signatures().get(0).check(PdfSealVerifier.COVERAGE).orElseThrow().detail()
        .contains("DocMDP P 2"), noted.toString());
  }

  @Test
  void certifiedP3_permitsAnnotationsAndFormFilling_notContent() throws Exception {
    byte[] cert = certified(DocMdpPermission.ANNOTATIONS_FORM_FILLING_AND_SIGNING);
    byte[] both = addNote(PdfSealerFeaturesTest.setField(cert, "amount", "250"));
    PdfVerificationReport r = verify(both);
    assertTrue(r.isValid(), r.toString());
    assertEquals(ModificationLevel.ANNOTATIONS,
        r.signatures().get(0).orElseThrow().modificationLevel());
    byte[] content = PdfSealerInteropTest.appendIncrementalChange(cert);
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), verify(content).reason());
  }

  @Test
  void certifiedP1_refusesFormFilling_permitsValidationData() throws Exception {
    byte[] cert = certified(DocMdpPermission.NO_CHANGES);
    PdfVerificationReport filled = verify(PdfSealerFeaturesTest.setField(cert, "amount", "250"),
        BOTH);
    assertEquals(Optional.of(Reason.MODIFICATION_NOT_PERMITTED), filled.reason());
    byte[] dss = update(cert, doc -> {
      COSDictionary d = new COSDictionary();
      d.setItem(COSName.getPDFName("Certs"), new COSArray());
      doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("DSS"), d);
    });
    PdfVerificationReport r = verify(dss);
    assertTrue(r.isValid(), r.toString());
    assertEquals(ModificationLevel.LTA_UPDATES,
        r.signatures().get(0).orElseThrow().modificationLevel());
  }

  /**
   * A form field's appearance stream that the page content also paints: rewriting it looks like
   * form filling but changes the page, so it is OTHER even where form filling is permitted.
   */
  @Test
  void anAppearanceStreamThePageAlsoPaints_isContent_notFormFilling() throws Exception {
    byte[] shared;
    try (PDDocument doc = Loader.loadPDF(PdfSealerFeaturesTest.formPdf())) {
      COSStream ap = appearanceOf(doc, "amount");
      PDPage page = doc.getPage(0);
      COSDictionary xobjects = new COSDictionary();
      xobjects.setItem(COSName.getPDFName("Fm9"), ap);
      COSDictionary resources = new COSDictionary();
      resources.setItem(COSName.XOBJECT, xobjects);
      page.getCOSObject().setItem(COSName.RESOURCES, resources);
      COSStream content = doc.getDocument().createCOSStream();
      try (OutputStream o = content.createOutputStream()) {
        o.write("q 1 0 0 1 72 400 cm /Fm9 Do Q".getBytes(StandardCharsets.US_ASCII));
      }
      page.getCOSObject().setItem(COSName.CONTENTS, content);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      shared = out.toByteArray();
    }
    byte[] sealed = PdfSealer.builder().build().seal(shared, PICTURE,
        PdfSealPlacement.at(1, 20, 20), SIGNER.signingKey());
    Change rewrite = doc -> {
      COSStream ap = appearanceOf(doc, "amount");
      try (OutputStream o = ap.createOutputStream()) {
        o.write("BT /Helv 12 Tf 2 5 Td (999999) Tj ET".getBytes(StandardCharsets.US_ASCII));
      }
      ap.setNeedToBeUpdated(true);
    };
    PdfVerificationReport r = verify(update(sealed, rewrite), BOTH);
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), r.reason(), r.toString());
    assertEquals(ModificationLevel.OTHER, level(r.signatures().get(0)));
    // The same rewrite of an appearance only the field uses is form filling.
    PdfVerificationReport plain = verify(update(approved(), rewrite), FORMS);
    assertTrue(plain.isValid(), plain.toString());
    assertEquals(ModificationLevel.FORM_FILLING, level(plain.signatures().get(0)));
  }

  @Test
  void aNewTextFieldWidget_isNotFormFilling() throws Exception {
    byte[] added = update(approved(), doc -> {
      PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
      PDTextField tf = new PDTextField(form);
      tf.setPartialName("extra");
      PDAnnotationWidget w = tf.getWidgets().get(0);
      w.setRectangle(new PDRectangle(72, 500, 200, 20));
      w.setPage(doc.getPage(0));
      doc.getPage(0).getAnnotations().add(w);
      form.getFields().add(tf);
      doc.getPage(0).getCOSObject().setNeedToBeUpdated(true);
      form.getCOSObject().setNeedToBeUpdated(true);
    });
    PdfVerificationReport r = verify(added, BOTH);
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), r.reason(), r.toString());
    assertTrue(facts(r.signatures().get(0)).contains("OTHER: page 1: a widget of a new form "
        + "field added"), facts(r.signatures().get(0)));
  }

  private static COSStream appearanceOf(PDDocument doc, String field) {
    PDTextField tf = (PDTextField) doc.getDocumentCatalog().getAcroForm().getField(field);
    return tf.getWidgets().get(0).getAppearance().getNormalAppearance().getAppearanceStream()
        .getCOSObject();
  }
}
