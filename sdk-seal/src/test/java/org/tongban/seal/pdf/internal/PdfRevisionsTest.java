package org.tongban.seal.pdf.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.junit.jupiter.api.Test;
import org.tongban.seal.ModificationLevel;

/**
 * The classification of later updates on its own: a document time stamp is validation data
 * ({@code LTA_UPDATES}), a new signature field the {@code SIGNATURES} level.
 */
class PdfRevisionsTest {
  private static byte[] onePage() throws Exception {
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage(PDRectangle.A4));
      doc.getDocumentCatalog().setAcroForm(new PDAcroForm(doc));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  /** Appends a signature field whose value is a dictionary of the given type and sub-filter. */
  private static byte[] withSignatureField(byte[] pdf, String type, String subFilter)
      throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null); // no defaults added
      PDSignatureField f = new PDSignatureField(form);
      f.setPartialName("T1");
      COSDictionary v = new COSDictionary();
      v.setName(COSName.TYPE, type);
      v.setName(COSName.SUB_FILTER, subFilter);
      COSArray range = new COSArray();
      for (int i = 0; i < 4; i++) {
        range.add(COSInteger.ZERO);
      }
      v.setItem(COSName.BYTERANGE, range);
      v.setItem(COSName.CONTENTS, new COSString(new byte[8]));
      f.getCOSObject().setItem(COSName.V, v);
      PDAnnotationWidget w = f.getWidgets().get(0);
      w.setRectangle(new PDRectangle(0, 0, 0, 0));
      w.setPage(doc.getPage(0));
      doc.getPage(0).getAnnotations().add(w);
      form.getFields().add(f);
      doc.getPage(0).getCOSObject().setNeedToBeUpdated(true);
      form.getCOSObject().setNeedToBeUpdated(true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      return out.toByteArray();
    }
  }

  private static List<ModificationLevel> levels(byte[] before, byte[] after) throws Exception {
    return PdfRevisions.changes(after, before.length, PdfRevisions.Permissions.NONE).stream()
        .map(PdfRevisions.Change::level).distinct().toList();
  }

  @Test
  void aDocumentTimeStamp_isValidationData() throws Exception {
    byte[] pdf = onePage();
    assertEquals(List.of(ModificationLevel.LTA_UPDATES),
        levels(pdf, withSignatureField(pdf, "DocTimeStamp", "ETSI.RFC3161")));
  }

  @Test
  void aNewSignature_isTheSignaturesLevel() throws Exception {
    byte[] pdf = onePage();
    assertEquals(List.of(ModificationLevel.SIGNATURES),
        levels(pdf, withSignatureField(pdf, "Sig", "adbe.pkcs7.detached")));
  }

  @Test
  void nothingAppended_isNoChange() throws Exception {
    byte[] pdf = onePage();
    assertEquals(List.of(), levels(pdf, pdf));
  }
}
