package org.tongban.seal.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.security.cert.X509Certificate;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.KeyType;
import org.tongban.internal.crypto.Bc;
import org.tongban.pki.DemoPki;
import org.tongban.result.Reason;

/**
 * PDF signatures made by someone else's implementation — PDFBox's signing interface with
 * BouncyCastle's {@code CMSSignedDataGenerator} building the CMS (its own attribute set, its own
 * encoding) — verify with {@link PdfSealVerifier}; a tampered copy does not.
 */
class PdfSealVerifierInteropTest {
  static byte[] signWithBouncyCastleCms(byte[] pdf, DemoPki.Issued signer, String alg,
      DemoPki.Issued... moreSigners) throws Exception {
    return signWithBouncyCastleCms(pdf, signer, alg, (doc, sig) -> { }, moreSigners);
  }

  /** As above, with a hook that adjusts the document and signature dictionary first. */
  static byte[] signWithBouncyCastleCms(byte[] pdf, DemoPki.Issued signer, String alg,
      java.util.function.BiConsumer<PDDocument, PDSignature> customize,
      DemoPki.Issued... moreSigners) throws Exception {
    List<X509Certificate> chain = signer.signingKey().certificateChain();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDSignature sig = new PDSignature();
      sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      sig.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
      sig.setSignDate(Calendar.getInstance());
      customize.accept(doc, sig);
      doc.addSignature(sig, content -> {
        try {
          CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
          gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
              new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build())
              .build(new JcaContentSignerBuilder(alg).setProvider(Bc.PROVIDER)
                  .build(signer.privateKey()), chain.get(0)));
          gen.addCertificates(new JcaCertStore(chain));
          for (DemoPki.Issued other : moreSigners) {
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build())
                .build(new JcaContentSignerBuilder(alg).setProvider(Bc.PROVIDER)
                    .build(other.privateKey()), other.certificate()));
            gen.addCertificates(new JcaCertStore(List.of(other.certificate())));
          }
          CMSSignedData data = gen.generate(
              new CMSProcessableByteArray(content.readAllBytes()), false);
          return data.getEncoded();
        } catch (Exception e) {
          throw new java.io.IOException(e);
        }
      });
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      return out.toByteArray();
    }
  }

  @Test
  void rsaSignatureFromBouncyCastleCms_verifies() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.RSA, "PDF");
    DemoPki.Issued signer = pki.issueLeaf("CN=Other Signer,C=CN");
    byte[] signed = signWithBouncyCastleCms(PdfSealerInteropTest.samplePdf(1), signer,
        "SHA256withRSA");
    PdfSealVerifier v = PdfSealVerifier.builder(pki.trustPolicy())
        .build();
    PdfVerificationReport report = v.verify(signed);
    assertTrue(report.isValid(), report.toString());
    assertEquals(signer.certificate(), report.signatures().get(0).orElseThrow().signer());

    byte[] changed = PdfSealerInteropTest.appendIncrementalChange(signed);
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), v.verify(changed).reason());
  }

  @Test
  void signatureDictionaryTheFileReaderDeclines_isVerifiedThroughPdfBox() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.RSA, "PDF");
    DemoPki.Issued signer = pki.issueLeaf("CN=Other Signer,C=CN");
    // A name with a space is written with a #20 escape, which the direct reader leaves to
    // PDFBox; the verdict must not depend on which reader was used.
    byte[] signed = signWithBouncyCastleCms(PdfSealerInteropTest.samplePdf(1), signer,
        "SHA256withRSA", (doc, sig) -> sig.getCOSObject().setName(
            org.apache.pdfbox.cos.COSName.getPDFName("Tongban Note"), "a b"));
    assertTrue(new String(signed, java.nio.charset.StandardCharsets.ISO_8859_1)
        .contains("/Tongban#20Note"));
    PdfSealVerifier v = PdfSealVerifier.builder(pki.trustPolicy())
        .build();
    assertTrue(v.verify(signed).isValid(), v.verify(signed).toString());
    byte[] changed = PdfSealerInteropTest.appendIncrementalChange(signed);
    assertEquals(Optional.of(Reason.DOCUMENT_MODIFIED_AFTER_SEAL), v.verify(changed).reason());
  }

  @Test
  void sm2SignatureFromBouncyCastleCms_verifies() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "PDF");
    DemoPki.Issued signer = pki.issueLeaf("CN=Other Signer,C=CN");
    byte[] signed = signWithBouncyCastleCms(PdfSealerInteropTest.samplePdf(1), signer,
        "SM3withSM2");
    PdfVerificationReport report = PdfSealVerifier.builder(pki.trustPolicy()).build()
        .verify(signed);
    assertTrue(report.isValid(), report.toString());
  }
}
