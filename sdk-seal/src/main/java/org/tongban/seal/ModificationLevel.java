package org.tongban.seal;

import java.util.Collection;

/**
 * How far a change made to a sealed document after the seal goes, from harmless to anything.
 * PDF and OFD verifiers classify every later change with one of these levels and report the
 * highest; a {@link ModificationPolicy} (or a PDF certification's DocMDP permission) decides
 * which levels a seal survives.
 *
 * <p>The vocabulary follows pyHanko's modification levels, with one level added: later
 * signatures are their own level, because an approval seal allows them but not form filling.
 *
 * @since 0.1
 */
public enum ModificationLevel {
  /** Nothing changed after the seal. */
  NONE,
  /**
   * Validation data only: a PDF's document security store ({@code /DSS}) or a document time
   * stamp. Allowed after every seal, even a PDF certification that allows no change (PAdES,
   * ISO 32000-2).
   */
  LTA_UPDATES,
  /**
   * Later signatures: a new signature field or an empty one signed, its widget and appearance,
   * the form's field list and flags, and text values of a PDF's document information (which
   * signing applications update as they sign).
   */
  SIGNATURES,
  /**
   * Form filling: the value of a form field that is not a signature field changed, with its
   * widget's appearance and state.
   */
  FORM_FILLING,
  /**
   * Annotations (comments, stamps, markup) added, changed or removed. An annotation is drawn over
   * the page, so it can hide or imitate content.
   */
  ANNOTATIONS,
  /** Anything else: page content, resources, pages, the document structure. Never allowed. */
  OTHER;

  /**
   * Returns the highest level among some changes.
   *
   * @param changes the changes
   * @return their highest level, {@link #NONE} if there are none
   */
  public static ModificationLevel highest(Collection<Modification> changes) {
    ModificationLevel max = NONE;
    for (Modification m : changes) {
      if (m.level().compareTo(max) > 0) {
        max = m.level();
      }
    }
    return max;
  }
}
