package org.tongban.seal.pdf;

import java.util.Optional;
import java.util.Set;
import org.tongban.seal.ModificationLevel;

/**
 * What a certification signature (ISO 32000 DocMDP, {@code /TransformParams /P}) allows later
 * revisions to do. {@link PdfSealVerifier} judges the changes after a certification by this
 * permission alone (not by the verifier's {@link org.tongban.seal.ModificationPolicy}) and
 * reports a change beyond it as {@link org.tongban.result.Reason#MODIFICATION_NOT_PERMITTED}.
 * Validation data ({@code /DSS}, document time stamps) is allowed at every level, as ISO
 * 32000-2 and PAdES allow it.
 *
 * @since 0.1
 */
public enum DocMdpPermission {
  /** {@code P 1}: no change at all, not even another signature. */
  NO_CHANGES(1, Set.of(ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)),
  /** {@code P 2}: filling in forms and signing. */
  FORM_FILLING_AND_SIGNING(2, Set.of(ModificationLevel.NONE, ModificationLevel.LTA_UPDATES,
      ModificationLevel.SIGNATURES, ModificationLevel.FORM_FILLING)),
  /** {@code P 3}: as 2, and creating, changing and deleting annotations. */
  ANNOTATIONS_FORM_FILLING_AND_SIGNING(3, Set.of(ModificationLevel.NONE,
      ModificationLevel.LTA_UPDATES, ModificationLevel.SIGNATURES,
      ModificationLevel.FORM_FILLING, ModificationLevel.ANNOTATIONS));

  private final int value;
  private final Set<ModificationLevel> permitted;

  DocMdpPermission(int value, Set<ModificationLevel> permitted) {
    this.value = value;
    this.permitted = permitted;
  }

  /**
   * Returns the {@code /P} value.
   *
   * @return 1, 2 or 3
   */
  public int value() {
    return value;
  }

  /**
   * Returns the modification levels this permission allows after the certification.
   *
   * @return an immutable set
   */
  public Set<ModificationLevel> permitted() {
    return permitted;
  }

  /**
   * Returns the permission with a {@code /P} value.
   *
   * @param value the value read from the document
   * @return the permission, or empty for any other value
   */
  public static Optional<DocMdpPermission> of(int value) {
    for (DocMdpPermission p : values()) {
      if (p.value == value) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
