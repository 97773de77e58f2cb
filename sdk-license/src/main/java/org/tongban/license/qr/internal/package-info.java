/**
 * Internal — no compatibility guarantee. Images turned into the 8-bit luminance plane a QR
 * reader needs: a PNG decoder straight to grey, and fast raster access for
 * {@link java.awt.image.BufferedImage}s.
 */
package org.tongban.license.qr.internal;
