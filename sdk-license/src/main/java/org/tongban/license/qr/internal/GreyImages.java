package org.tongban.license.qr.internal;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns a {@link BufferedImage} into its {@link Grey} plane by reading the raster in the image's
 * own layout (grey bytes, packed RGB ints, interleaved BGR bytes, palette indices) row by row;
 * {@code getRGB} converts every pixel through the colour model and costs a 600 × 600 code over a
 * millisecond. Layouts not listed fall back to {@code getRGB}, a row at a time. Transparency is
 * composited over white.
 *
 * <p>Thread-safe (stateless).
 */
public final class GreyImages {
  private GreyImages() {}

  /**
   * Reads an image's luminance.
   *
   * @param image the image
   * @return its plane
   */
  public static Grey of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] out = new byte[Math.multiplyExact(w, h)];
    Raster r = image.getRaster();
    switch (image.getType()) {
      case BufferedImage.TYPE_BYTE_GRAY -> r.getDataElements(0, 0, w, h, out);
      case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
          BufferedImage.TYPE_INT_ARGB_PRE, BufferedImage.TYPE_INT_BGR ->
          packedInts(r, image.getType(), w, h, out);
      case BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR,
          BufferedImage.TYPE_4BYTE_ABGR_PRE -> interleavedBytes(r, image.getType(), w, h, out);
      case BufferedImage.TYPE_BYTE_BINARY, BufferedImage.TYPE_BYTE_INDEXED ->
          indexed(r, image.getColorModel(), w, h, out);
      default -> viaRgb(image, w, h, out);
    }
    return new Grey(w, h, out);
  }

  private static void packedInts(Raster r, int type, int w, int h, byte[] out) {
    int[] row = new int[w];
    for (int y = 0, o = 0; y < h; y++, o += w) {
      r.getDataElements(0, y, w, 1, row);
      for (int x = 0; x < w; x++) {
        int p = row[x];
        int v = type == BufferedImage.TYPE_INT_BGR
            ? Grey.luminance(p & 0xff, (p >> 8) & 0xff, (p >> 16) & 0xff)
            : Grey.luminance((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
        int a = p >>> 24;
        if (type == BufferedImage.TYPE_INT_ARGB) {
          v = Grey.overWhite(v, a);
        } else if (type == BufferedImage.TYPE_INT_ARGB_PRE) {
          // Premultiplied: the colour already carries its alpha; white shows through the rest.
          v = Math.min(255, v + 255 - a);
        }
        out[o + x] = (byte) v;
      }
    }
  }

  private static void interleavedBytes(Raster r, int type, int w, int h, byte[] out) {
    // getDataElements returns the bands in band order: red, green, blue (, alpha).
    int n = type == BufferedImage.TYPE_3BYTE_BGR ? 3 : 4;
    byte[] row = new byte[w * n];
    for (int y = 0, o = 0; y < h; y++, o += w) {
      r.getDataElements(0, y, w, 1, row);
      for (int x = 0, s = 0; x < w; x++, s += n) {
        int v = Grey.luminance(row[s] & 0xff, row[s + 1] & 0xff, row[s + 2] & 0xff);
        if (n == 4) {
          int a = row[s + 3] & 0xff;
          v = type == BufferedImage.TYPE_4BYTE_ABGR ? Grey.overWhite(v, a)
              : Math.min(255, v + 255 - a);
        }
        out[o + x] = (byte) v;
      }
    }
  }

  private static void indexed(Raster r, ColorModel cm, int w, int h, byte[] out) {
    IndexColorModel icm = (IndexColorModel) cm;
    byte[] lut = new byte[256];
    for (int i = 0; i < icm.getMapSize(); i++) {
      int p = icm.getRGB(i);
      lut[i] = (byte) Grey.overWhite(Grey.luminance((p >> 16) & 0xff, (p >> 8) & 0xff,
          p & 0xff), p >>> 24);
    }
    // One data element per pixel, packed bits already unpacked by the sample model.
    byte[] row = new byte[w];
    for (int y = 0, o = 0; y < h; y++, o += w) {
      r.getDataElements(0, y, w, 1, row);
      for (int x = 0; x < w; x++) {
        out[o + x] = lut[row[x] & 0xff];
      }
    }
  }

  private static void viaRgb(BufferedImage image, int w, int h, byte[] out) {
    int[] row = new int[w];
    for (int y = 0, o = 0; y < h; y++, o += w) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int p = row[x];
        out[o + x] = (byte) Grey.overWhite(Grey.luminance((p >> 16) & 0xff, (p >> 8) & 0xff,
            p & 0xff), p >>> 24);
      }
    }
  }
}
