package org.tongban.seal.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.seal.SealPictures;
import org.tongban.seal.ses.SealPicture;

/**
 * Attacker-built and malformed PDFs, each named after its failure mode: none comes back PASSED,
 * none throws, each ends with the reason a program can act on.
 */
class PdfSealVerifierAttackTest {
  private static final DemoPki PKI = DemoPki.create(KeyType.SM2, "Attack");
  private static final PdfSealVerifier VERIFIER =
      PdfSealVerifier.builder(PKI.trustPolicy()).build();

  private static byte[] sealed() throws Exception {
    return PdfSealer.builder().build().seal(PdfSealerInteropTest.samplePdf(1), SealPicture.of("PNG",
        SealPictures.emblem(42, 100), 42, 42),
        PdfSealPlacement.at(1, 100, 150), PKI.issueLeaf("CN=A,C=CN").signingKey());
  }

  private static PdfVerificationReport verify(byte[] pdf) {
    PdfVerificationReport r = VERIFIER.verify(pdf);
    assertFalse(r.isValid(), r.toString());
    return r;
  }

  @Test
  void signatureDictionaryChangedInALaterRevision() throws Exception {
    byte[] changed;
    try (PDDocument doc = Loader.loadPDF(sealed())) {
      PDSignature sig = doc.getSignatureDictionaries().get(0);
      sig.setReason("approved by someone else");
      sig.getCOSObject().setNeedToBeUpdated(true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      changed = out.toByteArray();
    }
    assertEquals(Optional.of(Reason.SIGNATURE_DICTIONARY_CHANGED), verify(changed).reason());
  }

  @Test
  void objectDeletedInALaterRevision_freeEntryHidesPageContent() throws Exception {
    byte[] sealed = sealed();
    long contents;
    long root;
    long size;
    try (PDDocument doc = Loader.loadPDF(sealed)) {
      contents = ((org.apache.pdfbox.cos.COSObject) doc.getPage(0).getCOSObject()
          .getItem(COSName.CONTENTS)).getKey().getNumber();
      root = doc.getDocument().getTrailer().getCOSObject(COSName.ROOT).getKey().getNumber();
      size = doc.getDocument().getTrailer().getLong(COSName.SIZE);
    }
    String s = new String(sealed, StandardCharsets.ISO_8859_1);
    long prev = Long.parseLong(s.substring(s.lastIndexOf("startxref") + 9).trim()
        .split("\\s+")[0]);
    // A classic update section marking the page's content stream free: a reader that honours
    // it shows an empty page under a seal that still "covers" the revision it signed.
    String update = "\nxref\n0 1\n0000000000 65535 f \n" + contents + " 1\n"
        + "0000000000 00001 f \ntrailer\n<< /Size " + size + " /Root " + root + " 0 R /Prev "
        + prev + " >>\nstartxref\n" + (sealed.length + 1) + "\n%%EOF\n";
    byte[] changed = (s + update).getBytes(StandardCharsets.ISO_8859_1);
    PdfVerificationReport r = verify(changed);
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), r.reason(), r.toString());
    assertTrue(r.toString().contains("deleted"), r.toString());
  }

  @Test
  void appearanceOfASignedSealReplacedInALaterRevision() throws Exception {
    byte[] changed;
    try (PDDocument doc = Loader.loadPDF(sealed())) {
      org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget w =
          doc.getSignatureFields().get(0).getWidgets().get(0);
      org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream other =
          new org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream(doc);
      other.setBBox(w.getRectangle());
      org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary ap =
          new org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary();
      ap.setNormalAppearance(other);
      w.setAppearance(ap);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      changed = out.toByteArray();
    }
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), verify(changed).reason());
  }

  /** A one-page document with a second, unused content stream in the signed revision. */
  private static byte[] sealedWithShadow() throws Exception {
    byte[] base;
    try (PDDocument doc = Loader.loadPDF(PdfSealerInteropTest.samplePdf(1))) {
      org.apache.pdfbox.cos.COSStream shadow = doc.getDocument().createCOSStream();
      try (java.io.OutputStream o = shadow.createOutputStream()) {
        o.write("BT /F1 20 Tf 72 500 Td (Amount: 1,000,000) Tj ET".getBytes(
            StandardCharsets.US_ASCII));
      }
      doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("Shadow"), shadow);
      PDAnnotationText hidden = new PDAnnotationText();
      hidden.setRectangle(new org.apache.pdfbox.pdmodel.common.PDRectangle(72, 500, 200, 40));
      hidden.setContents("Approved: no");
      hidden.setHidden(true);
      doc.getPage(0).getAnnotations().add(hidden);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      base = out.toByteArray();
    }
    return PdfSealer.builder().build().seal(base,
        SealPicture.of("PNG", SealPictures.emblem(42, 100), 42, 42),
        PdfSealPlacement.at(1, 100, 150), PKI.issueLeaf("CN=A,C=CN").signingKey());
  }

  private static byte[] update(byte[] pdf, java.util.function.Consumer<PDDocument> change)
      throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      change.accept(doc);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      return out.toByteArray();
    }
  }

  @Test
  void shadowHideAndReplace_pageContentsRepointedAtAStreamTheSealCovered() throws Exception {
    byte[] sealed = sealedWithShadow();
    assertTrue(VERIFIER.verify(sealed).isValid());
    byte[] changed = update(sealed, doc -> doc.getPage(0).getCOSObject().setItem(
        COSName.CONTENTS, doc.getDocumentCatalog().getCOSObject().getItem(
            COSName.getPDFName("Shadow"))));
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), verify(changed).reason());
  }

  @Test
  void shadowHide_aHiddenAnnotationTheSealCoveredMadeVisible() throws Exception {
    byte[] changed = update(sealedWithShadow(), doc -> {
      try {
        doc.getPage(0).getAnnotations().stream().filter(a -> a.isHidden()).findFirst()
            .orElseThrow().setHidden(false);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), verify(changed).reason());
  }

  @Test
  void shadowReplace_theFontResourceRedefined() throws Exception {
    byte[] changed = update(sealedWithShadow(), doc -> {
      org.apache.pdfbox.pdmodel.PDResources res = doc.getPage(0).getResources();
      COSName f = res.getFontNames().iterator().next();
      res.put(f, new org.apache.pdfbox.pdmodel.font.PDType1Font(
          org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.COURIER));
    });
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), verify(changed).reason());
  }

  @Test
  void documentInformationRepointedAtAnObjectWithAnotherJob() throws Exception {
    byte[] changed = update(sealedWithShadow(), doc -> {
      org.apache.pdfbox.pdmodel.PDResources res = doc.getPage(0).getResources();
      COSName f = res.getFontNames().iterator().next();
      doc.getDocument().getTrailer().setItem(COSName.INFO,
          res.getCOSObject().getCOSDictionary(COSName.FONT).getItem(f));
    });
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), verify(changed).reason());
  }

  @Test
  void aLaterDssWithValidationData_isAllowed() throws Exception {
    byte[] sealed = sealed();
    byte[] withDss = update(sealed, doc -> {
      org.apache.pdfbox.cos.COSStream cert = doc.getDocument().createCOSStream();
      try (java.io.OutputStream o = cert.createOutputStream()) {
        o.write(PKI.trustAnchors().certificates().get(0).getEncoded());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      org.apache.pdfbox.cos.COSArray certs = new org.apache.pdfbox.cos.COSArray();
      certs.add(cert);
      org.apache.pdfbox.cos.COSDictionary dss = new org.apache.pdfbox.cos.COSDictionary();
      dss.setItem(COSName.getPDFName("Certs"), certs);
      dss.setItem(COSName.getPDFName("VRI"), new org.apache.pdfbox.cos.COSDictionary());
      doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("DSS"), dss);
    });
    PdfVerificationReport r = VERIFIER.verify(withDss);
    assertTrue(r.isValid(), r.toString());
    assertFalse(r.signatures().get(0).orElseThrow().coversWholeDocument());
  }

  @Test
  void signingCertificateAttributeNamingAnotherCertificate() throws Exception {
    DemoPki.Issued signer = PKI.issueLeaf("CN=A,C=CN");
    DemoPki.Issued other = PKI.issueLeaf("CN=Other,C=CN");
    byte[] signed;
    try (PDDocument doc = Loader.loadPDF(PdfSealerInteropTest.samplePdf(1))) {
      PDSignature sig = new PDSignature();
      sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      sig.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
      doc.addSignature(sig, content -> {
        try {
          org.bouncycastle.asn1.ess.ESSCertIDv2 id = new org.bouncycastle.asn1.ess.ESSCertIDv2(
              new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                  org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256),
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(other.certificate().getEncoded()));
          org.bouncycastle.asn1.ASN1EncodableVector v =
              new org.bouncycastle.asn1.ASN1EncodableVector();
          v.add(new org.bouncycastle.asn1.cms.Attribute(
              org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signingCertificateV2,
              new org.bouncycastle.asn1.DERSet(new org.bouncycastle.asn1.ess.SigningCertificateV2(
                  new org.bouncycastle.asn1.ess.ESSCertIDv2[] {id}))));
          org.bouncycastle.cms.CMSSignedDataGenerator gen =
              new org.bouncycastle.cms.CMSSignedDataGenerator();
          gen.addSignerInfoGenerator(new org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder(
              new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder()
                  .setProvider(org.tongban.internal.crypto.Bc.PROVIDER).build())
              .setSignedAttributeGenerator(
                  new org.bouncycastle.cms.DefaultSignedAttributeTableGenerator(
                      new org.bouncycastle.asn1.cms.AttributeTable(v)))
              .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SM3withSM2")
                  .setProvider(org.tongban.internal.crypto.Bc.PROVIDER)
                  .build(signer.privateKey()), signer.certificate()));
          gen.addCertificates(new org.bouncycastle.cert.jcajce.JcaCertStore(
              java.util.List.of(signer.certificate())));
          return gen.generate(new org.bouncycastle.cms.CMSProcessableByteArray(
              content.readAllBytes()), false).getEncoded();
        } catch (Exception e) {
          throw new java.io.IOException(e);
        }
      });
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      signed = out.toByteArray();
    }
    PdfVerificationReport r = verify(signed);
    assertEquals(Optional.of(Reason.SEAL_CERT_MISMATCH), r.reason(), r.toString());
    assertEquals(org.tongban.result.CheckStatus.OK, r.signatures().get(0)
        .check(org.tongban.result.CheckId.SIGNATURE).orElseThrow().status(),
        "only the attribute is wrong: the signature itself verifies");
  }

  @Test
  void pageTreeChangedInALaterRevision_pageAdded() throws Exception {
    byte[] changed;
    try (PDDocument doc = Loader.loadPDF(sealed())) {
      doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
      doc.getPages().getCOSObject().setNeedToBeUpdated(true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      changed = out.toByteArray();
    }
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), verify(changed).reason());
  }

  @Test
  void moreThanOneSignerInfo() throws Exception {
    DemoPki.Issued a = PKI.issueLeaf("CN=A,C=CN");
    byte[] two = PdfSealVerifierInteropTest.signWithBouncyCastleCms(
        PdfSealerInteropTest.samplePdf(1), a, "SM3withSM2", PKI.issueLeaf("CN=B,C=CN"));
    PdfVerificationReport r = verify(two);
    assertEquals(Optional.of(Reason.FORMAT_FAILURE), r.reason());
    assertTrue(r.signatures().get(0).checks().toString().contains("exactly one SignerInfo"),
        r.toString());
  }

  @Test
  void tenThousandRevisions() throws Exception {
    byte[] pdf = sealed();
    byte[] tail = "\nstartxref\n0\n%%EOF\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
    byte[] all = java.util.Arrays.copyOf(pdf, pdf.length + tail.length);
    System.arraycopy(tail, 0, all, pdf.length, tail.length);
    assertEquals(Optional.of(Reason.SIZE_LIMIT_EXCEEDED), verify(all).reason());
  }

  private static byte[] minimalPdf(String pageContentObject) {
    return ("%PDF-1.7\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
        + "2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
        + "3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 100 100]/Contents 4 0 R>> endobj\n"
        + pageContentObject + "\ntrailer <</Root 1 0 R>>\n%%EOF\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void hugeStreamLength() {
    PdfVerificationReport r = verify(minimalPdf(
        "4 0 obj <</Length 99999999999>> stream\nabc\nendstream endobj"));
    assertEquals(Indication.FAILED, r.indication());
    // The object is never reached (nothing refers to it), and the file has no signature.
    assertEquals(Optional.of(Reason.NO_SIGNATURE), r.reason());
  }

  @Test
  void deeplyNestedObjects() {
    PdfVerificationReport r = verify(minimalPdf("4 0 obj " + "[".repeat(200_000)
        + "]".repeat(200_000) + " endobj"));
    assertEquals(Indication.FAILED, r.indication());
    assertEquals(Optional.of(Reason.NO_SIGNATURE), r.reason());
  }

  @Test
  void brokenCrossReferenceOffset() throws Exception {
    byte[] pdf = sealed();
    String s = new String(pdf, StandardCharsets.ISO_8859_1);
    int i = s.lastIndexOf("startxref") + "startxref".length() + 1;
    pdf[i] = '9';
    pdf[i + 1] = '9';
    // The offset lies inside the second signed range: the digest breaks whatever PDFBox makes
    // of the damaged cross-reference.
    assertEquals(Optional.of(Reason.HASH_FAILURE), verify(pdf).reason());
  }
}
