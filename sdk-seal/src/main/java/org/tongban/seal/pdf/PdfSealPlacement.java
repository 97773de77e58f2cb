package org.tongban.seal.pdf;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a seal's picture goes: at a position on a page, into an existing empty signature field,
 * and optionally also as a cross-page seal (骑缝章) — the picture cut into as many vertical
 * slices as the document has pages, slice <i>i</i> at the right edge of page <i>i</i>, so that
 * the pages fanned out show the whole seal. Every piece is a widget of one signature field, so
 * one signature covers them all.
 *
 * <p>Positions are the lower-left corner of the picture in millimetres from the page's
 * lower-left corner; the default is the bottom right of the last page, 15 mm from the edges.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class PdfSealPlacement {
  private final Optional<Integer> page;
  private final Optional<Double> xMm;
  private final Optional<Double> yMm;
  private final Optional<String> field;
  private final boolean main;
  private final boolean crossPage;

  private PdfSealPlacement(Optional<Integer> page, Optional<Double> xMm, Optional<Double> yMm,
      Optional<String> field, boolean main, boolean crossPage) {
    this.page = page;
    this.xMm = xMm;
    this.yMm = yMm;
    this.field = field;
    this.main = main;
    this.crossPage = crossPage;
  }

  /**
   * Returns the default: bottom right of the last page.
   *
   * @return the placement
   */
  public static PdfSealPlacement lastPageBottomRight() {
    return new PdfSealPlacement(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), true, false);
  }

  /**
   * Returns a placement at a position.
   *
   * @param page the page, from 1
   * @param xMm x in mm from the left edge, not negative
   * @param yMm y in mm from the bottom edge, not negative
   * @return the placement
   * @throws IllegalArgumentException if the page is below 1 or a position negative or not finite
   */
  public static PdfSealPlacement at(int page, double xMm, double yMm) {
    if (page < 1) {
      throw new IllegalArgumentException("pages count from 1");
    }
    if (!(xMm >= 0 && yMm >= 0 && Double.isFinite(xMm) && Double.isFinite(yMm))) {
      throw new IllegalArgumentException("positions are finite and not negative");
    }
    return new PdfSealPlacement(Optional.of(page), Optional.of(xMm), Optional.of(yMm),
        Optional.empty(), true, false);
  }

  /**
   * Returns a placement into an existing signature field that has no signature yet. The
   * picture is drawn at its true size centred in the field's widget, scaled down (keeping its
   * proportions) only where the widget is smaller.
   *
   * @param name the field's fully qualified name
   * @return the placement
   */
  public static PdfSealPlacement field(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("the field name is empty");
    }
    return new PdfSealPlacement(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(name), true, false);
  }

  /**
   * Returns a cross-page seal alone, with no seal at a position.
   *
   * @return the placement
   */
  public static PdfSealPlacement crossPageOnly() {
    return new PdfSealPlacement(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), false, true);
  }

  /**
   * Returns this placement with a cross-page seal as well: the slices vertically centred at the
   * right edge of every page.
   *
   * @return the placement
   */
  public PdfSealPlacement withCrossPage() {
    return new PdfSealPlacement(page, xMm, yMm, field, main, true);
  }

  /**
   * Returns the page of the positioned seal; empty for the last page (or for a field).
   *
   * @return the page number, from 1
   */
  public Optional<Integer> page() {
    return page;
  }

  /**
   * Returns the x position in mm; empty for the default position.
   *
   * @return x
   */
  public Optional<Double> xMm() {
    return xMm;
  }

  /**
   * Returns the y position in mm; empty for the default position.
   *
   * @return y
   */
  public Optional<Double> yMm() {
    return yMm;
  }

  /**
   * Returns the existing signature field to seal into, if that is the placement.
   *
   * @return the field's fully qualified name
   */
  public Optional<String> field() {
    return field;
  }

  /**
   * Returns whether a whole picture is placed (at a position or in a field).
   *
   * @return true unless this is a cross-page seal alone
   */
  public boolean hasMainSeal() {
    return main;
  }

  /**
   * Returns whether a cross-page seal is added.
   *
   * @return true for a cross-page seal
   */
  public boolean crossPage() {
    return crossPage;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PdfSealPlacement p && page.equals(p.page) && xMm.equals(p.xMm)
        && yMm.equals(p.yMm) && field.equals(p.field) && main == p.main
        && crossPage == p.crossPage;
  }

  @Override
  public int hashCode() {
    return Objects.hash(page, xMm, yMm, field, main, crossPage);
  }

  @Override
  public String toString() {
    String where = field.map(f -> "field " + f).orElseGet(() -> !main ? "no main seal"
        : page.isEmpty() ? "last page, bottom right"
        : "page " + page.get() + " at (" + xMm.get() + " mm, " + yMm.get() + " mm)");
    return "PdfSealPlacement[" + where + (crossPage ? ", cross-page" : "") + "]";
  }
}
