package org.tongban.seal.pdf.internal;

import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;

/**
 * Reads the modification-detection permissions of a signature dictionary (ISO 32000-1
 * §12.8.2): DocMDP (a certification signature's {@code /P}) and FieldMDP (fields locked by a
 * signature). Untrusted input: anything malformed reads as "no permission dictionary", and the
 * verifier's own change classification still applies.
 */
public final class PdfPermissions {
  private static final COSName FIELD_MDP = COSName.getPDFName("FieldMDP");
  private static final int MAX_REFERENCES = 16;
  private static final int MAX_FIELDS = 1024;

  private PdfPermissions() {}

  /**
   * The fields a FieldMDP transform locks.
   *
   * @param action {@code All}, {@code Include} or {@code Exclude}
   * @param fields the listed fully qualified names
   */
  public record FieldLock(String action, Set<String> fields) {
    /**
     * Whether a field is locked.
     *
     * @param name the fully qualified field name
     * @return true if changing it violates the lock
     */
    public boolean locks(String name) {
      return switch (action) {
        case "All" -> true;
        case "Include" -> fields.contains(name);
        case "Exclude" -> !fields.contains(name);
        default -> true;
      };
    }
  }

  /**
   * Returns the DocMDP {@code /P} (1, 2 or 3; 2 when absent) if the signature dictionary carries
   * a DocMDP transform.
   *
   * @param sig the signature dictionary
   * @return the permission, or empty for a signature that certifies nothing
   */
  public static OptionalInt docMdp(COSDictionary sig) {
    Optional<COSDictionary> params = transformParams(sig, COSName.DOCMDP);
    if (params.isEmpty()) {
      return OptionalInt.empty();
    }
    int p = params.get().getInt(COSName.P, 2);
    // Out-of-range values are read as the strictest level rather than as no restriction.
    return OptionalInt.of(p >= 1 && p <= 3 ? p : 1);
  }

  /**
   * Returns the FieldMDP lock of a signature dictionary, if any.
   *
   * @param sig the signature dictionary
   * @return the lock
   */
  public static Optional<FieldLock> fieldMdp(COSDictionary sig) {
    return transformParams(sig, FIELD_MDP).map(p -> {
      String action = p.getNameAsString(COSName.getPDFName("Action"), "All");
      Set<String> fields = new HashSet<>();
      COSArray a = p.getCOSArray(COSName.FIELDS);
      if (a != null) {
        for (int i = 0; i < Math.min(a.size(), MAX_FIELDS); i++) {
          if (a.getObject(i) instanceof COSString s) {
            fields.add(s.getString());
          }
        }
      }
      return new FieldLock(action, Set.copyOf(fields));
    });
  }

  private static Optional<COSDictionary> transformParams(COSDictionary sig, COSName method) {
    COSArray refs = sig.getCOSArray(COSName.REFERENCE);
    if (refs == null) {
      return Optional.empty();
    }
    for (int i = 0; i < Math.min(refs.size(), MAX_REFERENCES); i++) {
      COSBase b = refs.getObject(i);
      if (b instanceof COSDictionary ref
          && method.equals(ref.getCOSName(COSName.TRANSFORM_METHOD))) {
        COSDictionary params = ref.getCOSDictionary(COSName.TRANSFORM_PARAMS);
        return Optional.of(params == null ? new COSDictionary() : params);
      }
    }
    return Optional.empty();
  }
}
