package org.tongban.seal.pdf;

import java.util.Optional;

/**
 * Where a visible seal goes: a page (1-based; empty for the last page) and the lower-left
 * corner of the picture in millimetres from the page's lower-left corner (empty for the bottom
 * right, 15 mm from the edges).
 *
 * @param page the page number, from 1
 * @param xMm the x position in mm
 * @param yMm the y position in mm
 * @since 0.1
 */
public record PdfSealPlacement(Optional<Integer> page, Optional<Double> xMm,
    Optional<Double> yMm) {
  /**
   * Validates the placement.
   *
   * @param page the page
   * @param xMm x
   * @param yMm y
   */
  public PdfSealPlacement {
    if (page.isPresent() && page.get() < 1) {
      throw new IllegalArgumentException("pages count from 1");
    }
    if (xMm.isPresent() != yMm.isPresent()) {
      throw new IllegalArgumentException("give both x and y, or neither");
    }
    if (xMm.isPresent() && (xMm.get() < 0 || yMm.get() < 0)) {
      throw new IllegalArgumentException("positions are not negative");
    }
  }

  /**
   * Returns the default: bottom right of the last page.
   *
   * @return the placement
   */
  public static PdfSealPlacement lastPageBottomRight() {
    return new PdfSealPlacement(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Returns a placement at a position.
   *
   * @param page the page, from 1
   * @param xMm x in mm from the left edge
   * @param yMm y in mm from the bottom edge
   * @return the placement
   */
  public static PdfSealPlacement at(int page, double xMm, double yMm) {
    return new PdfSealPlacement(Optional.of(page), Optional.of(xMm), Optional.of(yMm));
  }
}
