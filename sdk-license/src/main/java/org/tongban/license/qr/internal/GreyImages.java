package org.tongban.license.qr.internal;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * Turns a {@link BufferedImage} into its {@link Grey} plane by reading the raster's data in the
 * image's own layout (grey bytes, packed RGB ints, interleaved BGR bytes, palette indices);
 * {@code getRGB} converts every pixel through the colour model and costs a 600 × 600 code over a
 * millisecond, a camera frame ten. Layouts not listed fall back to {@code getRGB}, a row at a
 * time. Transparency is composited over white. Reading the data array directly means Java 2D
 * stops caching that image in video memory — irrelevant for a decoded photograph or frame.
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
    boolean done = switch (image.getType()) {
      case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
          BufferedImage.TYPE_INT_ARGB_PRE, BufferedImage.TYPE_INT_BGR ->
          packedInts(r, image.getType(), w, h, out);
      case BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_3BYTE_BGR,
          BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_4BYTE_ABGR_PRE ->
          interleavedBytes(r, image.getType(), w, h, out);
      case BufferedImage.TYPE_BYTE_BINARY, BufferedImage.TYPE_BYTE_INDEXED ->
          indexed(r, image.getColorModel(), w, h, out);
      default -> false;
    };
    if (!done) {
      viaRgb(image, w, h, out);
    }
    return new Grey(w, h, out);
  }

  private static boolean packedInts(Raster r, int type, int w, int h, byte[] out) {
    if (!(r.getSampleModel() instanceof SinglePixelPackedSampleModel sm)
        || !(r.getDataBuffer() instanceof DataBufferInt db)) {
      return false;
    }
    int[] data = db.getData();
    int stride = sm.getScanlineStride();
    int base = db.getOffset() - r.getSampleModelTranslateY() * stride
        - r.getSampleModelTranslateX();
    for (int y = 0, o = 0; y < h; y++, o += w) {
      int in = base + y * stride;
      for (int x = 0; x < w; x++) {
        int p = data[in + x];
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
    return true;
  }

  /** Grey, BGR and ABGR bytes: read where the sample model puts each band. */
  private static boolean interleavedBytes(Raster r, int type, int w, int h, byte[] out) {
    if (!(r.getSampleModel() instanceof ComponentSampleModel sm)
        || !(r.getDataBuffer() instanceof DataBufferByte db) || db.getNumBanks() != 1) {
      return false;
    }
    byte[] data = db.getData();
    int stride = sm.getScanlineStride();
    int step = sm.getPixelStride();
    int[] band = sm.getBandOffsets();
    int base = db.getOffset() - r.getSampleModelTranslateY() * stride
        - r.getSampleModelTranslateX() * step;
    for (int y = 0, o = 0; y < h; y++, o += w) {
      int in = base + y * stride;
      if (type == BufferedImage.TYPE_BYTE_GRAY) {
        for (int x = 0; x < w; x++, in += step) {
          out[o + x] = data[in + band[0]];
        }
        continue;
      }
      int rr = band[0];
      int gg = band[1];
      int bb = band[2];
      for (int x = 0; x < w; x++, in += step) {
        int v = Grey.luminance(data[in + rr] & 0xff, data[in + gg] & 0xff,
            data[in + bb] & 0xff);
        if (type != BufferedImage.TYPE_3BYTE_BGR) {
          int a = data[in + band[3]] & 0xff;
          v = type == BufferedImage.TYPE_4BYTE_ABGR ? Grey.overWhite(v, a)
              : Math.min(255, v + 255 - a);
        }
        out[o + x] = (byte) v;
      }
    }
    return true;
  }

  private static boolean indexed(Raster r, ColorModel cm, int w, int h, byte[] out) {
    if (!(cm instanceof IndexColorModel icm)) {
      return false;
    }
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
    return true;
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
