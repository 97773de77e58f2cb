package org.tongban.license.qr.internal;

/**
 * The image operations behind the QR reader's second attempts: a 3 × 3 mean (sensor noise), a
 * 2 × 2 reduction (heavier noise), a crop, a 45° turn (ZXing's finder-pattern scan, row by row,
 * misses codes turned by roughly 25° to 65°; turned by 45° they sit within 20° of upright).
 *
 * <p>Thread-safe (stateless).
 */
public final class GreyOps {
  private GreyOps() {}

  /**
   * The 3 × 3 mean, with fewer neighbours at the borders.
   *
   * @param g the plane
   * @return a new plane
   */
  public static Grey blur(Grey g) {
    int w = g.width();
    int h = g.height();
    byte[] in = g.pixels();
    // Sums of three along each row, then of three such sums down each column.
    int[] rows = new int[in.length];
    for (int y = 0; y < h; y++) {
      int o = y * w;
      for (int x = 0; x < w; x++) {
        int s = in[o + x] & 0xff;
        if (x > 0) {
          s += in[o + x - 1] & 0xff;
        }
        if (x < w - 1) {
          s += in[o + x + 1] & 0xff;
        }
        rows[o + x] = s;
      }
    }
    byte[] out = new byte[in.length];
    for (int y = 0; y < h; y++) {
      int up = y > 0 ? -w : 0;
      int down = y < h - 1 ? w : 0;
      int ny = 1 + (up != 0 ? 1 : 0) + (down != 0 ? 1 : 0);
      int o = y * w;
      for (int x = 0; x < w; x++) {
        int s = rows[o + x] + (up != 0 ? rows[o + x + up] : 0)
            + (down != 0 ? rows[o + x + down] : 0);
        int nx = x == 0 || x == w - 1 ? (w == 1 ? 1 : 2) : 3;
        out[o + x] = (byte) (s / (nx * ny));
      }
    }
    return new Grey(w, h, out);
  }

  /**
   * A rectangle of the plane, copied.
   *
   * @param g the plane
   * @param x left
   * @param y top
   * @param w width
   * @param h height
   * @return a new plane
   */
  public static Grey crop(Grey g, int x, int y, int w, int h) {
    byte[] out = new byte[w * h];
    for (int r = 0; r < h; r++) {
      System.arraycopy(g.pixels(), (y + r) * g.width() + x, out, r * w, w);
    }
    return new Grey(w, h, out);
  }

  /**
   * Halves both sides, each pixel the mean of a 2 × 2 block (an odd last row or column is
   * dropped).
   *
   * @param g the plane, at least 2 × 2
   * @return a new plane
   */
  public static Grey half(Grey g) {
    int w = g.width();
    int w2 = w / 2;
    int h2 = g.height() / 2;
    byte[] in = g.pixels();
    byte[] out = new byte[w2 * h2];
    for (int y = 0; y < h2; y++) {
      int a = 2 * y * w;
      int b = a + w;
      for (int x = 0; x < w2; x++) {
        int sum = (in[a + 2 * x] & 0xff) + (in[a + 2 * x + 1] & 0xff) + (in[b + 2 * x] & 0xff)
            + (in[b + 2 * x + 1] & 0xff);
        out[y * w2 + x] = (byte) (sum >> 2);
      }
    }
    return new Grey(w2, h2, out);
  }

  /**
   * The plane turned 45° about its centre onto a canvas that holds all of it (bilinear
   * sampling); the corners the turn uncovers get the mean level of the plane's border, so
   * they look like the paper around a code, light or dark.
   *
   * @param g the plane
   * @return a new plane, about 1.41 times each side for a square
   */
  public static Grey turn45(Grey g) {
    int w = g.width();
    int h = g.height();
    byte[] in = g.pixels();
    long border = 0;
    for (int x = 0; x < w; x++) {
      border += (in[x] & 0xff) + (in[(h - 1) * w + x] & 0xff);
    }
    for (int y = 0; y < h; y++) {
      border += (in[y * w] & 0xff) + (in[y * w + w - 1] & 0xff);
    }
    int fill = (int) (border / (2L * (w + h)));
    double c = Math.sqrt(0.5);
    int side = (int) Math.ceil((w + h) * c);
    byte[] out = new byte[side * side];
    double cx = (w - 1) / 2.0;
    double cy = (h - 1) / 2.0;
    double oc = (side - 1) / 2.0;
    for (int y = 0; y < side; y++) {
      double dy = y - oc;
      for (int x = 0; x < side; x++) {
        double dx = x - oc;
        // Inverse turn: source = R(-45°) · (destination - centre) + centre.
        double sx = cx + c * (dx + dy);
        double sy = cy + c * (dy - dx);
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        int v;
        if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) {
          v = fill;
        } else {
          double fx = sx - x0;
          double fy = sy - y0;
          int o = y0 * w + x0;
          double top = (in[o] & 0xff) * (1 - fx) + (in[o + 1] & 0xff) * fx;
          double bottom = (in[o + w] & 0xff) * (1 - fx) + (in[o + w + 1] & 0xff) * fx;
          v = (int) (top * (1 - fy) + bottom * fy + 0.5);
        }
        out[y * side + x] = (byte) v;
      }
    }
    return new Grey(side, side, out);
  }
}
