package org.tongban.seal.ofd;

import java.util.OptionalInt;

/**
 * Where a signature's seal is drawn ({@code StampAnnot}): the page and the boundary in
 * millimetres, from the page's top-left corner as OFD measures.
 *
 * @param pageId the page object ID the annotation names ({@code PageRef})
 * @param pageNumber the 1-based page number, when the document lists that page
 * @param x left edge, mm
 * @param y top edge, mm
 * @param width width, mm
 * @param height height, mm
 * @since 0.1
 */
public record OfdStamp(String pageId, OptionalInt pageNumber, double x, double y, double width,
    double height) {}
