package org.tongban.seal.pdf.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/**
 * Finds the signatures of a PDF: every signature field with a value, its signature dictionary
 * read straight from the file when it is an indirect, uncompressed object (so the position of
 * its {@code /Contents} string is known exactly), otherwise through PDFBox; empty fields are
 * skipped.
 */
public final class SignatureFields {
  private SignatureFields() {}

  /**
   * Finds the signatures.
   *
   * @param pdf the file
   * @return the signatures, in field order
   * @throws IOException if PDFBox cannot read the file
   */
  public static List<SigField> find(byte[] pdf) throws IOException {
    List<SigField> fields = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      Map<COSObjectKey, Long> xref = doc.getDocument().getXrefTable();
      for (PDSignatureField field : doc.getSignatureFields()) {
        String name = Optional.ofNullable(field.getFullyQualifiedName()).orElse("");
        Optional<SigField> direct = fromFile(pdf, xref, name, field.getCOSObject()
            .getItem(COSName.V));
        if (direct.isPresent()) {
          fields.add(direct.get());
          continue;
        }
        PDSignature s = field.getSignature();
        if (s == null) {
          continue; // an empty field waiting to be signed
        }
        long[] range = null;
        COSArray a = s.getCOSObject().getCOSArray(COSName.BYTERANGE);
        if (a != null && a.size() == 4) {
          range = new long[4];
          for (int i = 0; i < 4; i++) {
            // Not an integer: −1, which no valid range has.
            range[i] = a.getObject(i) instanceof COSInteger n ? n.longValue() : -1;
          }
        }
        fields.add(new SigField(name, Optional.ofNullable(s.getSubFilter()).orElse(""),
            Optional.ofNullable(range), Optional.of(s.getContents()), -1, -1,
            PdfRevisions.Permissions.of(s.getCOSObject()), signDate(s.getCOSObject())));
      }
    }
    return fields;
  }

  /**
   * A signature as found: read straight from the file (the {@code /Contents} string's position
   * known) or, when that reader declines, through PDFBox (its decoded value known).
   *
   * @param name the field's fully qualified name
   * @param subFilter the {@code /SubFilter}
   * @param byteRange the {@code /ByteRange} values (−1 where not an integer)
   * @param contents the decoded {@code /Contents}, when read through PDFBox
   * @param contentsStart where the {@code /Contents} string starts, when read from the file
   * @param contentsEnd where it ends
   * @param permissions its DocMDP and FieldMDP
   * @param signDate its {@code /M}
   */
  public record SigField(String name, String subFilter, Optional<long[]> byteRange,
      Optional<byte[]> contents, int contentsStart, int contentsEnd,
      PdfRevisions.Permissions permissions, Optional<Instant> signDate) {}

  /** The dictionary's {@code /M}: the signing time it claims, when it is a valid date. */
  private static Optional<Instant> signDate(COSDictionary signature) {
    try {
      return Optional.ofNullable(new PDSignature(signature).getSignDate())
          .map(c -> c.toInstant());
    } catch (RuntimeException e) {
      return Optional.empty(); // not a date: no claim
    }
  }

  /** Reads an indirect, uncompressed signature dictionary from the file itself. */
  private static Optional<SigField> fromFile(byte[] pdf, Map<COSObjectKey, Long> xref,
      String name, COSBase value) {
    if (!(value instanceof COSObject ref) || ref.getKey() == null) {
      return Optional.empty();
    }
    Long offset = xref.get(ref.getKey());
    if (offset == null || offset < 0) {
      return Optional.empty();
    }
    return SignatureDictionary.parse(pdf, offset, ref.getKey().getNumber(),
        ref.getKey().getGeneration()).map(p -> new SigField(name, p.subFilter(), p.byteRange(),
            Optional.empty(), p.contentsStart(), p.contentsEnd(), p.hasReference()
                && ref.getObject() instanceof COSDictionary d
                ? PdfRevisions.Permissions.of(d) : PdfRevisions.Permissions.NONE,
            ref.getObject() instanceof COSDictionary sd ? signDate(sd) : Optional.empty()));
  }
}
