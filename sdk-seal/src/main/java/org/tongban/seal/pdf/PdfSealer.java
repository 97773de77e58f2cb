package org.tongban.seal.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.tongban.MalformedInputException;
import org.tongban.SigningException;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SigningKey;
import org.tongban.io.Limits;
import org.tongban.result.Reason;
import org.tongban.seal.DataSealer;
import org.tongban.seal.PreparedSealSignature;
import org.tongban.seal.internal.Cms;
import org.tongban.seal.pdf.internal.PdfPermissions;
import org.tongban.seal.internal.SealAlgorithms;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesSeal;

/**
 * Seals PDF documents (PDFBox 3) by an incremental update, so that earlier signatures stay
 * valid: the seal's picture at its true size in millimetres at a page position or in an
 * existing empty signature field, optionally a cross-page seal (骑缝章, see
 * {@link PdfSealPlacement#withCrossPage()}), and one signature covering all of it. Three steps,
 * so that any {@link SigningKey} (an HSM, a USB key, a remote service) can sign:
 * {@link #prepare} → sign {@link PreparedPdfSeal#toBeSigned()} → {@link #complete};
 * {@link #seal} does all three.
 *
 * <h2>What is signed</h2>
 *
 * The signed byte range is {@code [0, a)} and {@code [b, b+c)} of the sealed file —
 * everything but the {@code /Contents} hex string. Format {@code cms}: the signer signs the
 * CMS signed attributes (DER {@code SET OF Attribute}: content type id-data, signing time —
 * left out for {@link PdfSubFilter#ETSI_CADES_DETACHED} —, message digest = SHA-256 (RSA) or
 * SM3 (SM2) of the byte range, signing-certificate-v2) with sha256WithRSAEncryption or
 * SM2/SM3 (GB/T 35275). Format {@code ses} ({@link #prepareSes}): the signer signs DER
 * {@code TBS_Sign} of a GB/T 38540 {@code SES_Signature} whose {@code dataHash} is that digest
 * of the byte range, exactly as for data seals.
 *
 * <h2>Large documents</h2>
 *
 * The {@code byte[]} methods hold the document and the sealed copy in memory. The {@link Path}
 * methods ({@link #prepare(Path, Path, SealPicture, PdfSealPlacement, List)}, {@link #seal(Path,
 * Path, SealPicture, PdfSealPlacement, SigningKey)}, {@link #completeFile}) stream: PDFBox reads
 * the input lazily, the original bytes are copied to the output, and the signature is written
 * into the output file in place, so the heap needed does not grow with the document's size.
 *
 * <p>Refuses: input over {@link Limits#MAX_PDF_BYTES} ({@link MalformedInputException} with
 * {@link Reason#SIZE_LIMIT_EXCEEDED}), a malformed or encrypted PDF, a document certified with
 * {@link DocMdpPermission#NO_CHANGES}, a certification when the document is already signed, a
 * page out of range, a seal that falls outside the page, a field that does not exist, is not a
 * signature field or is already signed, a cross-page seal on a one-page document or with slices
 * narrower than 1 mm, a signer without certificate.
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
  private static final float MARGIN = 15 * POINTS_PER_MM;
  /** Annotation flags Print (4) and Locked (128): printed, and not movable in a reader. */
  private static final int WIDGET_FLAGS = 4 | 128;

  private final Clock clock;
  private final PdfSubFilter subFilter;
  private final Optional<DocMdpPermission> certification;

  private PdfSealer(Builder b) {
    this.clock = b.clock;
    this.subFilter = b.subFilter;
    this.certification = b.certification;
  }

  /**
   * Starts a builder (defaults: the system clock, {@link PdfSubFilter#ADBE_PKCS7_DETACHED}, no
   * certification). Not thread-safe.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Step 1: adds the seal's widgets and the signature dictionary in an incremental update,
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
    Objects.requireNonNull(pdf, "pdf");
    return prepareInMemory(pdf, picture, placement, chain, Optional.empty());
  }

  /**
   * Step 1, streaming: as {@link #prepare(byte[], SealPicture, PdfSealPlacement, List)}, reading
   * {@code in} and writing the document with a zero-filled signature placeholder to
   * {@code out}, which {@link #completeFile} then fills in.
   *
   * @param in the document
   * @param out where the sealed document goes; not the input file
   * @param picture the seal picture
   * @param placement where
   * @param chain the signer certificate first, then its chain
   * @return the prepared seal
   * @throws IOException if a file cannot be read or written
   */
  public PreparedPdfSeal prepare(Path in, Path out, SealPicture picture,
      PdfSealPlacement placement, List<X509Certificate> chain) throws IOException {
    return prepareFile(in, out, picture, placement, chain, Optional.empty());
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
    Objects.requireNonNull(pdf, "pdf");
    Objects.requireNonNull(seal, "seal");
    Objects.requireNonNull(signer, "signer");
    return prepareInMemory(pdf, seal.picture(), placement, List.of(signer), Optional.of(seal));
  }

  /**
   * Step 1 of the {@code ses} format, streaming (see {@link #prepare(Path, Path, SealPicture,
   * PdfSealPlacement, List)}).
   *
   * @param in the document
   * @param out where the sealed document goes; not the input file
   * @param seal the seal, which must list the signer
   * @param placement where
   * @param signer the signer's certificate
   * @return the prepared seal
   * @throws IOException if a file cannot be read or written
   */
  public PreparedPdfSeal prepareSes(Path in, Path out, SesSeal seal, PdfSealPlacement placement,
      X509Certificate signer) throws IOException {
    Objects.requireNonNull(seal, "seal");
    Objects.requireNonNull(signer, "signer");
    return prepareFile(in, out, seal.picture(), placement, List.of(signer), Optional.of(seal));
  }

  private PreparedPdfSeal prepareInMemory(byte[] pdf, SealPicture picture,
      PdfSealPlacement placement, List<X509Certificate> chain, Optional<SesSeal> ses) {
    if (pdf.length > Limits.MAX_PDF_BYTES) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED, "PDF too large", null);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 64 * 1024);
    try (PDDocument doc = Loader.loadPDF(new RandomAccessReadBuffer(pdf))) {
      Prepared p = prepare(doc, out, picture, placement, chain, ses);
      return new PreparedPdfSeal(Optional.of(out.toByteArray()), Optional.empty(), p.range,
          p.tbs, p.alg, p.digest, chain, p.ses);
    } catch (IOException e) {
      throw new MalformedInputException("cannot seal this PDF", e);
    }
  }

  private PreparedPdfSeal prepareFile(Path in, Path out, SealPicture picture,
      PdfSealPlacement placement, List<X509Certificate> chain, Optional<SesSeal> ses)
      throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    if (Files.exists(out) && Files.isSameFile(in, out)) {
      throw new IllegalArgumentException("the output file must not be the input file");
    }
    if (Files.size(in) > Limits.MAX_PDF_BYTES) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED, "PDF too large", null);
    }
    PDDocument doc;
    try {
      doc = Loader.loadPDF(new RandomAccessReadBufferedFile(in));
    } catch (IOException e) {
      throw new MalformedInputException("cannot seal this PDF", e);
    }
    boolean done = false;
    try (doc; OutputStream os = Files.newOutputStream(out)) {
      Prepared p = prepare(doc, os, picture, placement, chain, ses);
      done = true;
      return new PreparedPdfSeal(Optional.empty(), Optional.of(out), p.range, p.tbs, p.alg,
          p.digest, chain, p.ses);
    } finally {
      if (!done) {
        Files.deleteIfExists(out); // no half-written document left behind
      }
    }
  }

  private record Prepared(int[] range, byte[] tbs, SignatureAlgorithm alg, DigestAlgorithm digest,
      Optional<PreparedSealSignature> ses) {}

  /** Adds the widgets and the signature dictionary, writes the update, digests the ranges. */
  private Prepared prepare(PDDocument doc, OutputStream out, SealPicture picture,
      PdfSealPlacement placement, List<X509Certificate> chain, Optional<SesSeal> ses)
      throws IOException {
    Objects.requireNonNull(picture, "picture");
    Objects.requireNonNull(placement, "placement");
    if (chain.isEmpty()) {
      throw new SigningException("the signer's certificate is needed");
    }
    if (doc.isEncrypted()) {
      throw new MalformedInputException("encrypted PDFs are not sealed");
    }
    refuseIfLocked(doc);
    SignatureAlgorithm alg = SealAlgorithms.forCertificate(chain.get(0));
    DigestAlgorithm d = SealAlgorithms.digestFor(alg);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);

    PDSignature sig = new PDSignature();
    sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
    sig.setSubFilter(COSName.getPDFName(ses.isPresent() ? SES_SUB_FILTER : subFilter.pdfName()));
    sig.setName(chain.get(0).getSubjectX500Principal().getName());
    Calendar cal = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    cal.setTimeInMillis(now.toEpochMilli());
    sig.setSignDate(cal);
    if (certification.isPresent()) {
      certify(doc, sig, certification.get());
    }
    List<Widget> widgets = widgets(doc, picture, placement, sig);
    try (SignatureOptions options = new SignatureOptions()) {
      options.setPreferredSignatureSize(ses.map(sl -> sl.encoded().length + 8 * 1024)
          .orElse(DEFAULT_SIGNATURE_SIZE));
      // No visual template: PDFBox would give its one widget an invisible appearance; the
      // widgets already exist and get their appearances back below.
      doc.addSignature(sig, options);
      for (Widget w : widgets) {
        w.widget.setRectangle(w.rect);
        w.widget.setAppearance(w.appearance);
        w.widget.setAnnotationFlags(WIDGET_FLAGS);
      }
      ExternalSigningSupport ext = doc.saveIncrementalForExternalSigning(out);
      byte[] digest;
      try (InputStream content = ext.getContent()) {
        digest = d.digest(content);
      }
      ext.setSignature(new byte[0]); // writes the document with the zero-filled placeholder
      int[] range = sig.getByteRange();
      if (ses.isPresent()) {
        PreparedSealSignature p = DataSealer.builder()
            .clock(Clock.fixed(now, ZoneOffset.UTC)).build()
            .prepareDigest(ses.get(), chain.get(0), digest, "PDF");
        return new Prepared(range, p.toBeSigned(), alg, d, Optional.of(p));
      }
      Optional<Instant> signingTime = subFilter == PdfSubFilter.ETSI_CADES_DETACHED
          ? Optional.empty() : Optional.of(now);
      return new Prepared(range, Cms.signedAttributes(d, digest, signingTime, chain.get(0)),
          alg, d, Optional.empty());
    }
  }

  /** A document certified with "no changes" takes no further signature; say so now. */
  private static void refuseIfLocked(PDDocument doc) {
    COSDictionary perms = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
    COSDictionary docMdp = perms == null ? null : perms.getCOSDictionary(COSName.DOCMDP);
    OptionalInt p = docMdp == null ? OptionalInt.empty() : PdfPermissions.docMdp(docMdp);
    if (p.isPresent() && p.getAsInt() == DocMdpPermission.NO_CHANGES.value()) {
      throw new IllegalArgumentException("the document is certified with no changes allowed; "
          + "another seal would break its certification");
    }
  }

  /** Makes {@code sig} a certification signature: a DocMDP reference and the catalog's /Perms. */
  private static void certify(PDDocument doc, PDSignature sig, DocMdpPermission permission)
      throws IOException {
    if (!doc.getSignatureDictionaries().isEmpty()) {
      throw new IllegalArgumentException("only a document's first signature can certify it");
    }
    COSDictionary params = new COSDictionary();
    params.setItem(COSName.TYPE, COSName.TRANSFORM_PARAMS);
    params.setInt(COSName.P, permission.value());
    params.setName(COSName.V, "1.2");
    COSDictionary ref = new COSDictionary();
    ref.setItem(COSName.TYPE, COSName.SIG_REF);
    ref.setItem(COSName.TRANSFORM_METHOD, COSName.DOCMDP);
    ref.setItem(COSName.TRANSFORM_PARAMS, params);
    COSArray refs = new COSArray();
    refs.add(ref);
    sig.getCOSObject().setItem(COSName.REFERENCE, refs);
    COSDictionary perms = new COSDictionary();
    perms.setItem(COSName.DOCMDP, sig);
    doc.getDocumentCatalog().getCOSObject().setItem(COSName.PERMS, perms);
  }

  /** A widget of the seal's field, with the rectangle and appearance it must end with. */
  private record Widget(PDAnnotationWidget widget, PDRectangle rect,
      PDAppearanceDictionary appearance) {}

  /**
   * Creates (or, for {@link PdfSealPlacement#field}, finds) the signature field whose value is
   * {@code sig}, with one widget per visible piece: the seal, and a slice per page for a
   * cross-page seal.
   */
  private static List<Widget> widgets(PDDocument doc, SealPicture picture,
      PdfSealPlacement placement, PDSignature sig) throws IOException {
    PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
    if (form == null) {
      form = new PDAcroForm(doc);
      doc.getDocumentCatalog().setAcroForm(form);
    }
    PDImageXObject img = PDImageXObject.createFromByteArray(doc, picture.data(), "seal");
    float w = picture.widthMm() * POINTS_PER_MM;
    float h = picture.heightMm() * POINTS_PER_MM;
    List<Widget> out = new ArrayList<>();
    if (placement.field().isPresent()) {
      if (placement.crossPage()) {
        throw new IllegalArgumentException("a cross-page seal gets a field of its own; it is "
            + "not combined with an existing field");
      }
      PDSignatureField field = emptySignatureField(form, placement.field().get());
      PDAnnotationWidget widget = field.getWidgets().get(0);
      PDRectangle rect = widget.getRectangle();
      if (rect == null || rect.getWidth() <= 0 || rect.getHeight() <= 0) {
        throw new IllegalArgumentException("the field " + placement.field().get()
            + " has no visible area");
      }
      float scale = Math.min(1f, Math.min(rect.getWidth() / w, rect.getHeight() / h));
      float dw = w * scale;
      float dh = h * scale;
      out.add(new Widget(widget, rect, appearance(doc, img, rect.getWidth(), rect.getHeight(),
          (rect.getWidth() - dw) / 2, (rect.getHeight() - dh) / 2, dw, dh)));
      field.getCOSObject().setItem(COSName.V, sig);
      return out;
    }
    PDSignatureField field = new PDSignatureField(form);
    form.getFields().add(field);
    field.getCOSObject().setItem(COSName.V, sig);
    int pages = doc.getNumberOfPages();
    List<PDAnnotationWidget> pieces = new ArrayList<>();
    if (placement.hasMainSeal()) {
      int index = placement.page().orElse(pages) - 1;
      if (index < 0 || index >= pages) {
        throw new IllegalArgumentException("page " + (index + 1) + " is out of range");
      }
      PDPage page = doc.getPage(index);
      PDRectangle media = page.getMediaBox();
      float x = placement.xMm().map(v -> (float) (v * POINTS_PER_MM))
          .orElse(media.getWidth() - w - MARGIN);
      float y = placement.yMm().map(v -> (float) (v * POINTS_PER_MM)).orElse(MARGIN);
      if (x < 0 || y < 0 || x + w > media.getWidth() || y + h > media.getHeight()) {
        throw new IllegalArgumentException("the seal falls outside the page");
      }
      PDRectangle rect = new PDRectangle(media.getLowerLeftX() + x, media.getLowerLeftY() + y,
          w, h);
      out.add(onPage(doc, page, placement.crossPage() ? new PDAnnotationWidget()
          : field.getWidgets().get(0), rect, appearance(doc, img, w, h, 0, 0, w, h)));
    }
    if (placement.crossPage()) {
      if (pages < 2) {
        throw new IllegalArgumentException("a cross-page seal needs at least two pages");
      }
      float slice = w / pages;
      if (slice < POINTS_PER_MM) {
        throw new IllegalArgumentException("too many pages for one cross-page seal: slices "
            + "would be narrower than 1 mm");
      }
      for (int i = 0; i < pages; i++) {
        PDPage page = doc.getPage(i);
        PDRectangle media = page.getMediaBox();
        if (h > media.getHeight()) {
          throw new IllegalArgumentException("the seal is taller than page " + (i + 1));
        }
        PDRectangle rect = new PDRectangle(media.getUpperRightX() - slice,
            media.getLowerLeftY() + (media.getHeight() - h) / 2, slice, h);
        // Each slice shows its part of the whole picture: the picture is drawn shifted left
        // and the appearance's bounding box clips the rest.
        out.add(onPage(doc, page, new PDAnnotationWidget(), rect,
            appearance(doc, img, slice, h, -i * slice, 0, w, h)));
      }
      for (Widget piece : out) {
        pieces.add(piece.widget);
      }
      // The field keeps only field keys; its widgets become kids.
      for (COSName k : List.of(COSName.TYPE, COSName.SUBTYPE, COSName.F, COSName.RECT,
          COSName.AP, COSName.P)) {
        field.getCOSObject().removeItem(k);
      }
      field.setWidgets(pieces);
      // ISO 32000 asks kids to name their /Parent, but poppler before 23 then reads each kid
      // as a child field without /V and reports the seal as unsigned (pdfsig, Evince, Okular
      // on Debian 12). Without it, poppler, PDFBox and pdf.js all find one signed field.
      for (PDAnnotationWidget piece : pieces) {
        piece.getCOSObject().removeItem(COSName.PARENT);
      }
    }
    return out;
  }

  private static Widget onPage(PDDocument doc, PDPage page, PDAnnotationWidget widget,
      PDRectangle rect, PDAppearanceDictionary appearance) throws IOException {
    widget.setPage(page);
    widget.setRectangle(rect);
    widget.setAppearance(appearance);
    widget.setAnnotationFlags(WIDGET_FLAGS);
    List<PDAnnotation> annots = page.getAnnotations();
    annots.add(widget);
    page.setAnnotations(annots);
    return new Widget(widget, rect, appearance);
  }

  private static PDSignatureField emptySignatureField(PDAcroForm form, String name) {
    PDField f = form.getField(name);
    if (!(f instanceof PDSignatureField field)) {
      throw new IllegalArgumentException(f == null ? "no field named " + name
          : "the field " + name + " is not a signature field");
    }
    if (field.getCOSObject().containsKey(COSName.V)) {
      throw new IllegalArgumentException("the field " + name + " is already signed");
    }
    if (field.getWidgets().isEmpty() || field.getWidgets().get(0).getPage() == null) {
      throw new IllegalArgumentException("the field " + name + " has no widget on a page");
    }
    return field;
  }

  /** An appearance (form XObject) of size w×h drawing the picture at (dx, dy), dw×dh. */
  private static PDAppearanceDictionary appearance(PDDocument doc, PDImageXObject img, float w,
      float h, float dx, float dy, float dw, float dh) throws IOException {
    PDAppearanceStream stream = new PDAppearanceStream(doc);
    stream.setBBox(new PDRectangle(w, h));
    stream.setResources(new PDResources());
    try (PDPageContentStream cs = new PDPageContentStream(doc, stream)) {
      cs.drawImage(img, dx, dy, dw, dh);
    }
    PDAppearanceDictionary ap = new PDAppearanceDictionary();
    ap.setNormalAppearance(stream);
    return ap;
  }

  /**
   * Step 3: writes the signature into the reserved space of an in-memory prepared seal.
   *
   * @param prepared step 1's output, from a {@code byte[]} method
   * @param signature the signature over {@link PreparedPdfSeal#toBeSigned()} (DER for SM2)
   * @return the sealed PDF
   * @throws IllegalArgumentException if the seal was prepared to a file (use
   *     {@link #completeFile})
   * @throws SigningException if the signature does not verify with the signer's certificate
   */
  public byte[] complete(PreparedPdfSeal prepared, byte[] signature) {
    Objects.requireNonNull(prepared, "prepared");
    byte[] hex = signatureHex(prepared, signature);
    byte[] out = prepared.pdf().orElseThrow(() -> new IllegalArgumentException(
        "this seal was prepared to a file; complete it with completeFile")).clone();
    System.arraycopy(hex, 0, out, prepared.byteRange()[1] + 1, hex.length);
    return out;
  }

  /**
   * Step 3, streaming: writes the signature into the reserved space of the output file of
   * {@link #prepare(Path, Path, SealPicture, PdfSealPlacement, List)}, in place.
   *
   * @param prepared step 1's output, from a {@link Path} method
   * @param signature the signature over {@link PreparedPdfSeal#toBeSigned()} (DER for SM2)
   * @return the sealed file
   * @throws IOException if the file cannot be written, or no longer holds the placeholder
   * @throws IllegalArgumentException if the seal was prepared in memory
   * @throws SigningException if the signature does not verify with the signer's certificate
   */
  public Path completeFile(PreparedPdfSeal prepared, byte[] signature) throws IOException {
    Objects.requireNonNull(prepared, "prepared");
    byte[] hex = signatureHex(prepared, signature);
    Path file = prepared.file().orElseThrow(() -> new IllegalArgumentException(
        "this seal was prepared in memory; complete it with complete"));
    int[] r = prepared.byteRange();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      ByteBuffer open = ByteBuffer.allocate(2);
      if (ch.size() != (long) r[2] + r[3] || ch.read(open, r[1]) != 2 || open.get(0) != '<'
          || open.get(1) != '0') {
        throw new IOException(file + " no longer holds the prepared signature placeholder");
      }
      ByteBuffer src = ByteBuffer.wrap(hex);
      long pos = r[1] + 1L;
      while (src.hasRemaining()) {
        pos += ch.write(src, pos);
      }
    }
    return file;
  }

  /** Checks the signature, builds the CMS or SES_Signature, and returns it as hex. */
  private byte[] signatureHex(PreparedPdfSeal prepared, byte[] signature) {
    Objects.requireNonNull(signature, "signature");
    if (!SealAlgorithms.verificationKey(prepared.chain().get(0).getPublicKey(),
        prepared.algorithm()).verifier().isValid(signature, prepared.tbs())) {
      throw new SigningException("the signature does not verify with the signer certificate");
    }
    byte[] cms = prepared.ses().isPresent()
        ? DataSealer.builder().clock(clock).build().complete(prepared.ses().get(), signature)
            .encoded()
        : Cms.signedData(prepared.algorithm(), prepared.digest(), prepared.tbs(), signature,
            prepared.chain());
    byte[] hex = HexFormat.of().withUpperCase().formatHex(cms).getBytes(StandardCharsets.US_ASCII);
    int[] r = prepared.byteRange();
    if (hex.length > r[2] - r[1] - 2) {
      throw new SigningException("the signature is larger than the space reserved for it");
    }
    return hex;
  }

  /**
   * All three steps with one key, in memory.
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
   * All three steps with one key, streaming from {@code in} to {@code out}.
   *
   * @param in the document
   * @param out the sealed document; not the input file
   * @param picture the seal picture
   * @param placement where
   * @param key the signer's key, with its certificate chain
   * @return {@code out}
   * @throws IOException if a file cannot be read or written
   */
  public Path seal(Path in, Path out, SealPicture picture, PdfSealPlacement placement,
      SigningKey key) throws IOException {
    Objects.requireNonNull(key, "key");
    PreparedPdfSeal p = prepare(in, out, picture, placement, key.certificateChain());
    return completeFile(p, SealAlgorithms.sign(key, p.toBeSigned()));
  }

  /**
   * All three steps of the {@code ses} format with one key, in memory.
   *
   * @param pdf the document
   * @param seal the seal, listing the key's certificate
   * @param placement where
   * @param key the signer's key, with its certificate
   * @return the sealed PDF
   */
  public byte[] sealSes(byte[] pdf, SesSeal seal, PdfSealPlacement placement, SigningKey key) {
    PreparedPdfSeal p = prepareSes(pdf, seal, placement, signerOf(key));
    return complete(p, SealAlgorithms.sign(key, p.toBeSigned()));
  }

  /**
   * All three steps of the {@code ses} format with one key, streaming.
   *
   * @param in the document
   * @param out the sealed document; not the input file
   * @param seal the seal, listing the key's certificate
   * @param placement where
   * @param key the signer's key, with its certificate
   * @return {@code out}
   * @throws IOException if a file cannot be read or written
   */
  public Path sealSes(Path in, Path out, SesSeal seal, PdfSealPlacement placement,
      SigningKey key) throws IOException {
    PreparedPdfSeal p = prepareSes(in, out, seal, placement, signerOf(key));
    return completeFile(p, SealAlgorithms.sign(key, p.toBeSigned()));
  }

  private static X509Certificate signerOf(SigningKey key) {
    Objects.requireNonNull(key, "key");
    if (key.certificateChain().isEmpty()) {
      throw new SigningException("the signer's certificate is needed");
    }
    return key.certificateChain().get(0);
  }

  /** Builds a {@link PdfSealer}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private PdfSubFilter subFilter = PdfSubFilter.ADBE_PKCS7_DETACHED;
    private Optional<DocMdpPermission> certification = Optional.empty();

    private Builder() {}

    /**
     * Sets the clock for the signing time.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the {@code /SubFilter} of the {@code cms} format (default
     * {@link PdfSubFilter#ADBE_PKCS7_DETACHED}); the {@code ses} format has its own.
     *
     * @param subFilter the sub-filter
     * @return this builder
     */
    public Builder subFilter(PdfSubFilter subFilter) {
      this.subFilter = Objects.requireNonNull(subFilter, "subFilter");
      return this;
    }

    /**
     * Makes every seal a certification signature (DocMDP) with this permission: the
     * signature dictionary gets a DocMDP {@code /Reference} and the catalog
     * {@code /Perms /DocMDP}. Only a document's first signature can certify it.
     *
     * @param permission what later revisions may do
     * @return this builder
     */
    public Builder certify(DocMdpPermission permission) {
      this.certification = Optional.of(Objects.requireNonNull(permission, "permission"));
      return this;
    }

    /**
     * Builds the sealer.
     *
     * @return the sealer
     */
    public PdfSealer build() {
      return new PdfSealer(this);
    }
  }
}
