package org.tongban.seal.pdf;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tongban.seal.Modification;
import org.tongban.seal.ModificationLevel;

/**
 * One verified PDF signature: who signed, when they say they did, the byte range covered, and
 * whether it covers the whole current document, and what later updates changed.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class VerifiedPdfSignature {
  private final String fieldName;
  private final X509Certificate signer;
  private final Optional<Instant> signingTime;
  private final int[] byteRange;
  private final boolean coversWholeDocument;
  private final String subFilter;
  private final List<Modification> modifications;

  VerifiedPdfSignature(String fieldName, X509Certificate signer, Optional<Instant> signingTime,
      int[] byteRange, boolean coversWholeDocument, String subFilter,
      List<Modification> modifications) {
    this.fieldName = fieldName;
    this.signer = signer;
    this.signingTime = signingTime;
    this.byteRange = byteRange.clone();
    this.coversWholeDocument = coversWholeDocument;
    this.subFilter = subFilter;
    this.modifications = List.copyOf(modifications);
  }

  /**
   * Returns the signature field's name.
   *
   * @return the name
   */
  public String fieldName() {
    return fieldName;
  }

  /**
   * Returns the signer's certificate.
   *
   * @return the certificate
   */
  public X509Certificate signer() {
    return signer;
  }

  /**
   * Returns the signing time the signature claims (CMS signing-time attribute).
   *
   * @return the time
   */
  public Optional<Instant> signingTime() {
    return signingTime;
  }

  /**
   * Returns the byte range {@code [0, a, b, c]}.
   *
   * @return a copy
   */
  public int[] byteRange() {
    return byteRange.clone();
  }

  /**
   * Returns whether the signature covers the whole current file.
   *
   * @return true if nothing was appended after it
   */
  public boolean coversWholeDocument() {
    return coversWholeDocument;
  }

  /**
   * Returns the {@code /SubFilter}, e.g. {@code adbe.pkcs7.detached}.
   *
   * @return the sub-filter
   */
  public String subFilter() {
    return subFilter;
  }

  /**
   * Returns what the updates after this signature's revision changed, each change with its
   * level; all of them were permitted, or the signature would not have verified.
   *
   * @return the changes in the order found, empty when the signature covers the whole file
   */
  public List<Modification> modifications() {
    return modifications;
  }

  /**
   * Returns the highest level among {@link #modifications()}.
   *
   * @return the level, {@link ModificationLevel#NONE} when nothing changed
   */
  public ModificationLevel modificationLevel() {
    return ModificationLevel.highest(modifications);
  }

  @Override
  public String toString() {
    return "VerifiedPdfSignature{" + fieldName + ", " + signer.getSubjectX500Principal().getName()
        + (coversWholeDocument ? ", whole document" : ", partial") + "}";
  }
}
