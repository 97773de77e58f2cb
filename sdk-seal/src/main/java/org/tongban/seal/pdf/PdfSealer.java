package org.tongban.seal.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.pdfbox.cos.COSName;
import org.tongban.seal.DataSealer;
import org.tongban.seal.PreparedSealSignature;
import org.tongban.seal.ses.SesSeal;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.tongban.MalformedInputException;
import org.tongban.SigningException;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SigningKey;
import org.tongban.io.Limits;
import org.tongban.result.Reason;
import org.tongban.seal.internal.Cms;
import org.tongban.seal.internal.SealAlgorithms;
import org.tongban.seal.ses.SealPicture;

/**
 * Seals PDF documents (PDFBox 3): a visible seal — the picture at its true size in millimetres
 * — at a page position, and a CMS signature ({@code /SubFilter adbe.pkcs7.detached}) in an
 * incremental update, so that earlier signatures stay valid. Three steps, so that any
 * {@link SigningKey} can sign: {@link #prepare} → sign {@link PreparedPdfSeal#toBeSigned()} →
 * {@link #complete}; {@link #seal} does all three.
 *
 * <h2>What is signed</h2>
 *
 * The CMS signed attributes (DER {@code SET OF Attribute}: content type id-data, signing time,
 * message digest = SHA-256 (RSA) or SM3 (SM2) of the bytes {@code [0, a)} and {@code [b, b+c)}
 * of the sealed file — everything but the {@code /Contents} hex string — and
 * signing-certificate-v2), signed with sha256WithRSAEncryption or SM2/SM3 (GB/T 35275).
 *
 * <p>Refuses: input over {@link Limits#MAX_PDF_BYTES}, a malformed or encrypted PDF, a page out
 * of range, a seal that falls outside the page, a signer without certificate.
 *
 * <p>Formats: {@code cms} ({@link #prepare}, {@link #seal}) and {@code ses}
 * ({@link #prepareSes}, {@link #sealSes}). Cross-page seals are not built yet.
 *
 * <p>Immutable and thread-safe; build once and share.
 *
 * @since 0.1
 */
public final class PdfSealer {
  /**
   * The {@code /SubFilter} of the {@code ses} format. GB/T 38540 defines no PDF sub-filter; this
   * name is Tongban's, and {@link PdfSealVerifier} recognises it.
   */
  public static final String SES_SUB_FILTER = "GBT38540.SES";
  /** Bytes reserved for the CMS signature (hex doubles it in the file). */
  public static final int DEFAULT_SIGNATURE_SIZE = 16 * 1024;
  private static final float POINTS_PER_MM = 72f / 25.4f;

  private final Clock clock;

  private PdfSealer(Clock clock) {
    this.clock = clock;
  }

  /**
   * Returns a sealer using the system clock.
   *
   * @return the sealer
   */
  public static PdfSealer create() {
    return new PdfSealer(Clock.systemUTC());
  }

  /**
   * Returns a sealer using a clock for the signing time.
   *
   * @param clock the clock
   * @return the sealer
   */
  public static PdfSealer withClock(Clock clock) {
    return new PdfSealer(Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Step 1: adds the visible seal and the signature dictionary in an incremental update,
   * reserves the signature's space, and computes the bytes to sign.
   *
   * @param pdf the document
   * @param picture the seal picture (PNG, JPG or GIF), drawn at its size in mm
   * @param placement where
   * @param chain the signer certificate first, then its chain
   * @return the prepared seal
   */
  public PreparedPdfSeal prepare(byte[] pdf, SealPicture picture, PdfSealPlacement placement,
      List<X509Certificate> chain) {
    return prepare(pdf, picture, placement, chain, Optional.empty());
  }

  /**
   * Step 1 of the {@code ses} format: as {@link #prepare}, with the seal's own picture, and
   * {@code /Contents} reserved for a DER {@code SES_Signature} (GB/T 38540, the seal's version)
   * whose {@code dataHash} is SM3 (SM2 signer) or SHA-256 (RSA signer) of the byte ranges;
   * {@code /SubFilter} is {@link #SES_SUB_FILTER}. What the signer signs is DER
   * {@code TBS_Sign}, as for data seals.
   *
   * @param pdf the document
   * @param seal the seal, which must list the signer
   * @param placement where
   * @param signer the signer's certificate
   * @return the prepared seal
   */
  public PreparedPdfSeal prepareSes(byte[] pdf, SesSeal seal, PdfSealPlacement placement,
      X509Certificate signer) {
    Objects.requireNonNull(seal, "seal");
    Objects.requireNonNull(signer, "signer");
    return prepare(pdf, seal.picture(), placement, List.of(signer), Optional.of(seal));
  }

  private PreparedPdfSeal prepare(byte[] pdf, SealPicture picture, PdfSealPlacement placement,
      List<X509Certificate> chain, Optional<SesSeal> ses) {
    Objects.requireNonNull(pdf, "pdf");
    Objects.requireNonNull(picture, "picture");
    Objects.requireNonNull(placement, "placement");
    if (chain.isEmpty()) {
      throw new SigningException("the signer's certificate is needed");
    }
    if (pdf.length > Limits.MAX_PDF_BYTES) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED, "PDF too large", null);
    }
    SignatureAlgorithm alg = SealAlgorithms.forCertificate(chain.get(0));
    DigestAlgorithm d = SealAlgorithms.digestFor(alg);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    try (PDDocument doc = load(pdf)) {
      int pageIndex = placement.page().orElse(doc.getNumberOfPages()) - 1;
      if (pageIndex < 0 || pageIndex >= doc.getNumberOfPages()) {
        throw new IllegalArgumentException("page " + (pageIndex + 1) + " is out of range");
      }
      PDPage page = doc.getPage(pageIndex);
      PDRectangle media = page.getMediaBox();
      float w = picture.widthMm() * POINTS_PER_MM;
      float h = picture.heightMm() * POINTS_PER_MM;
      float margin = 15 * POINTS_PER_MM;
      float x = placement.xMm().map(v -> (float) (v * POINTS_PER_MM))
          .orElse(media.getWidth() - w - margin);
      float y = placement.yMm().map(v -> (float) (v * POINTS_PER_MM)).orElse(margin);
      if (x < 0 || y < 0 || x + w > media.getWidth() || y + h > media.getHeight()) {
        throw new IllegalArgumentException("the seal falls outside the page");
      }
      PDRectangle rect = new PDRectangle(media.getLowerLeftX() + x, media.getLowerLeftY() + y,
          w, h);

      PDSignature sig = new PDSignature();
      sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      sig.setSubFilter(ses.isPresent() ? COSName.getPDFName(SES_SUB_FILTER)
          : PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
      sig.setName(chain.get(0).getSubjectX500Principal().getName());
      Calendar cal = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
      cal.setTimeInMillis(now.toEpochMilli());
      sig.setSignDate(cal);
      try (SignatureOptions options = new SignatureOptions()) {
        options.setPreferredSignatureSize(ses.map(sl -> sl.encoded().length + 8 * 1024)
            .orElse(DEFAULT_SIGNATURE_SIZE));
        options.setPage(pageIndex);
        options.setVisualSignature(new ByteArrayInputStream(appearance(media, rect, picture)));
        doc.addSignature(sig, options);
        ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 64 * 1024);
        ExternalSigningSupport ext = doc.saveIncrementalForExternalSigning(out);
        byte[] digest;
        try (InputStream content = ext.getContent()) {
          digest = d.digest(content);
        }
        ext.setSignature(new byte[0]); // writes the document with the zero-filled placeholder
        int[] range = sig.getByteRange();
        if (ses.isPresent()) {
          PreparedSealSignature p = DataSealer.withClock(Clock.fixed(now, ZoneOffset.UTC))
              .prepareDigest(ses.get(), chain.get(0), digest, "PDF");
          return new PreparedPdfSeal(out.toByteArray(), range, p.toBeSigned(), alg, d, chain,
              Optional.of(p));
        }
        byte[] tbs = Cms.signedAttributes(d, digest, now, chain.get(0));
        return new PreparedPdfSeal(out.toByteArray(), range, tbs, alg, d, chain,
            Optional.empty());
      }
    } catch (IOException e) {
      throw new MalformedInputException("cannot seal this PDF", e);
    }
  }

  /**
   * Step 3: writes the CMS signature into the reserved space.
   *
   * @param prepared step 1's output
   * @param signature the signature over {@link PreparedPdfSeal#toBeSigned()} (DER for SM2)
   * @return the sealed PDF
   */
  public byte[] complete(PreparedPdfSeal prepared, byte[] signature) {
    Objects.requireNonNull(prepared, "prepared");
    Objects.requireNonNull(signature, "signature");
    if (!SealAlgorithms.verificationKey(prepared.chain().get(0).getPublicKey(),
        prepared.algorithm()).verifier().isValid(signature, prepared.tbs())) {
      throw new SigningException("the signature does not verify with the signer certificate");
    }
    byte[] cms = prepared.ses().isPresent()
        ? DataSealer.withClock(clock).complete(prepared.ses().get(), signature).encoded()
        : Cms.signedData(prepared.algorithm(), prepared.digest(), prepared.tbs(), signature,
            prepared.chain());
    byte[] hex = HexFormat.of().withUpperCase().formatHex(cms).getBytes(StandardCharsets.US_ASCII);
    int[] r = prepared.byteRange();
    int start = r[1] + 1;
    int room = r[2] - r[1] - 2;
    if (hex.length > room) {
      throw new SigningException("the signature is larger than the space reserved for it");
    }
    byte[] out = prepared.pdf().clone();
    System.arraycopy(hex, 0, out, start, hex.length);
    return out;
  }

  /**
   * All three steps with one key.
   *
   * @param pdf the document
   * @param picture the seal picture
   * @param placement where
   * @param key the signer's key, with its certificate chain
   * @return the sealed PDF
   */
  public byte[] seal(byte[] pdf, SealPicture picture, PdfSealPlacement placement,
      SigningKey key) {
    Objects.requireNonNull(key, "key");
    PreparedPdfSeal p = prepare(pdf, picture, placement, key.certificateChain());
    return complete(p, SealAlgorithms.sign(key, p.toBeSigned()));
  }

  /**
   * All three steps of the {@code ses} format with one key.
   *
   * @param pdf the document
   * @param seal the seal, listing the key's certificate
   * @param placement where
   * @param key the signer's key, with its certificate
   * @return the sealed PDF
   */
  public byte[] sealSes(byte[] pdf, SesSeal seal, PdfSealPlacement placement, SigningKey key) {
    Objects.requireNonNull(key, "key");
    if (key.certificateChain().isEmpty()) {
      throw new SigningException("the signer's certificate is needed");
    }
    PreparedPdfSeal p = prepareSes(pdf, seal, placement, key.certificateChain().get(0));
    return complete(p, SealAlgorithms.sign(key, p.toBeSigned()));
  }

  private static PDDocument load(byte[] pdf) throws IOException {
    PDDocument doc = Loader.loadPDF(pdf);
    if (doc.isEncrypted()) {
      doc.close();
      throw new MalformedInputException("encrypted PDFs are not sealed");
    }
    return doc;
  }

  /** A one-page template whose signature widget shows the picture, for PDFBox to merge. */
  private static byte[] appearance(PDRectangle media, PDRectangle rect, SealPicture picture)
      throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(media);
      doc.addPage(page);
      PDAcroForm form = new PDAcroForm(doc);
      doc.getDocumentCatalog().setAcroForm(form);
      PDSignatureField field = new PDSignatureField(form);
      PDAnnotationWidget widget = field.getWidgets().get(0);
      form.setSignaturesExist(true);
      form.setAppendOnly(true);
      form.getCOSObject().setDirect(true);
      form.getFields().add(field);
      widget.setRectangle(rect);
      widget.setPage(page);
      page.getAnnotations().add(widget);
      PDFormXObject xobject = new PDFormXObject(new PDStream(doc));
      xobject.setResources(new PDResources());
      xobject.setFormType(1);
      xobject.setBBox(new PDRectangle(rect.getWidth(), rect.getHeight()));
      PDAppearanceDictionary ap = new PDAppearanceDictionary();
      ap.getCOSObject().setDirect(true);
      PDAppearanceStream stream = new PDAppearanceStream(xobject.getCOSObject());
      ap.setNormalAppearance(stream);
      widget.setAppearance(ap);
      try (PDPageContentStream cs = new PDPageContentStream(doc, stream)) {
        PDImageXObject img = PDImageXObject.createFromByteArray(doc, picture.data(), "seal");
        cs.drawImage(img, 0, 0, rect.getWidth(), rect.getHeight());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }
}
