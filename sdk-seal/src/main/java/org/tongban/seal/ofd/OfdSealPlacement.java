package org.tongban.seal.ofd;

import java.util.Optional;

/**
 * Where {@link OfdSealer} draws a seal: a page and a position in millimetres from the page's
 * top-left corner (as OFD measures), or the bottom right of the last page; optionally a
 * cross-page seal (骑缝章) as well, the picture sliced across the right edge of every page.
 * The picture is drawn at the size the seal declares.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class OfdSealPlacement {
  /** The default distance from the right and bottom edges: 15 mm. */
  public static final double DEFAULT_MARGIN_MM = 15;

  private final Optional<Integer> page;
  private final Optional<double[]> position;
  private final boolean main;
  private final boolean crossPage;

  private OfdSealPlacement(Optional<Integer> page, Optional<double[]> position, boolean main,
      boolean crossPage) {
    this.page = page;
    this.position = position;
    this.main = main;
    this.crossPage = crossPage;
  }

  /**
   * Returns the default: the bottom right of the last page, {@link #DEFAULT_MARGIN_MM} from the
   * edges.
   *
   * @return the placement
   */
  public static OfdSealPlacement lastPageBottomRight() {
    return new OfdSealPlacement(Optional.empty(), Optional.empty(), true, false);
  }

  /**
   * Returns a placement at a position.
   *
   * @param page the page, from 1
   * @param xMm the seal's left edge in mm from the page's left edge
   * @param yMm the seal's top edge in mm from the page's top edge
   * @return the placement
   * @throws IllegalArgumentException if the page is below 1 or a position negative or not finite
   */
  public static OfdSealPlacement at(int page, double xMm, double yMm) {
    if (page < 1) {
      throw new IllegalArgumentException("pages count from 1");
    }
    if (!(xMm >= 0) || !(yMm >= 0) || Double.isInfinite(xMm) || Double.isInfinite(yMm)) {
      throw new IllegalArgumentException("positions are finite, non-negative millimetres");
    }
    return new OfdSealPlacement(Optional.of(page), Optional.of(new double[] {xMm, yMm}), true,
        false);
  }

  /**
   * Returns a cross-page seal alone, with no seal on one page.
   *
   * @return the placement
   */
  public static OfdSealPlacement crossPageOnly() {
    return new OfdSealPlacement(Optional.empty(), Optional.empty(), false, true);
  }

  /**
   * Returns this placement with a cross-page seal as well (one signature for both).
   *
   * @return the placement
   */
  public OfdSealPlacement withCrossPage() {
    return new OfdSealPlacement(page, position, main, true);
  }

  /**
   * Returns the page, when one was chosen.
   *
   * @return the page from 1, or empty for the last page
   */
  public Optional<Integer> page() {
    return page;
  }

  /**
   * Returns the position, when one was chosen.
   *
   * @return {x, y} in mm (a copy), or empty for the default corner
   */
  public Optional<double[]> position() {
    return position.map(double[]::clone);
  }

  /**
   * Returns whether a seal is drawn on one page.
   *
   * @return false for {@link #crossPageOnly()}
   */
  public boolean hasMainSeal() {
    return main;
  }

  /**
   * Returns whether a cross-page seal is drawn.
   *
   * @return true if so
   */
  public boolean crossPage() {
    return crossPage;
  }

  @Override
  public String toString() {
    return "OfdSealPlacement{" + (main ? page.map(p -> "page " + p).orElse("last page")
        + position.map(p -> " at " + p[0] + "," + p[1] + " mm").orElse(" bottom right") : "")
        + (crossPage ? (main ? ", " : "") + "cross-page" : "") + "}";
  }
}
