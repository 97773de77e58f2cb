package org.tongban.seal.pdf;

/**
 * What a certification signature (ISO 32000 DocMDP, {@code /TransformParams /P}) allows later
 * revisions to do. {@link PdfSealVerifier} reports a later change beyond it as
 * {@link org.tongban.result.Reason#MODIFICATION_NOT_PERMITTED}; Tongban's verifier allows
 * later signatures and nothing else for the two weaker levels, so form filling and
 * annotations are reported as {@link org.tongban.result.Reason#DOCUMENT_MODIFIED_AFTER_SEAL}
 * whatever the level.
 *
 * @since 0.1
 */
public enum DocMdpPermission {
  /** {@code P 1}: no change at all, not even another signature. */
  NO_CHANGES(1),
  /** {@code P 2}: filling in forms and signing. */
  FORM_FILLING_AND_SIGNING(2),
  /** {@code P 3}: as 2, and annotations. */
  ANNOTATIONS_FORM_FILLING_AND_SIGNING(3);

  private final int value;

  DocMdpPermission(int value) {
    this.value = value;
  }

  /**
   * Returns the {@code /P} value.
   *
   * @return 1, 2 or 3
   */
  public int value() {
    return value;
  }
}
