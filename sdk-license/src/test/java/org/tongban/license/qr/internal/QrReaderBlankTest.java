package org.tongban.license.qr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.zxing.common.BitMatrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link QrReader#blank}: exactly the pixels whose centres lie in the widened parallelogram are
 * cleared (checked against a point-in-polygon test per pixel), for codes turned every way, near
 * and across the image's edges.
 */
class QrReaderBlankTest {
  @Test
  void clearsExactlyTheWidenedParallelogram() {
    Random r = new Random(12);
    for (int t = 0; t < 200; t++) {
      int w = 40 + r.nextInt(200);
      int h = 40 + r.nextInt(200);
      double side = 10 + r.nextInt(120);
      double a = r.nextDouble() * 2 * Math.PI;
      double cx = r.nextDouble() * w;
      double cy = r.nextDouble() * h;
      float module = (float) (0.5 + r.nextDouble() * 4);
      // Top-left, then top-right along u and bottom-left along v (v = u turned +90 degrees).
      double ux = Math.cos(a);
      double uy = Math.sin(a);
      float tlx = (float) cx;
      float tly = (float) cy;
      float[] xy = {(float) (cx - uy * side), (float) (cy + ux * side), tlx, tly,
          (float) (cx + ux * side), (float) (cy + uy * side)};
      BitMatrix m = new BitMatrix(w, h);
      m.setRegion(0, 0, w, h);
      QrReader.blank(m, new QrReader.Finders(xy, module));
      double d = 5.5 * module;
      // The widened parallelogram in (u, v) coordinates around the top-left finder.
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double px = x + 0.5 - cx;
          double py = y + 0.5 - cy;
          double along = px * ux + py * uy;
          double down = -px * uy + py * ux;
          boolean inside = along >= -d - 1e-9 && along <= side + d + 1e-9
              && down >= -d - 1e-9 && down <= side + d + 1e-9;
          // Pixel centres within a hair of an edge may fall either way in floating point.
          boolean edge = Math.abs(along + d) < 1e-6 || Math.abs(along - side - d) < 1e-6
              || Math.abs(down + d) < 1e-6 || Math.abs(down - side - d) < 1e-6;
          if (!edge) {
            assertEquals(!inside, m.get(x, y), "case " + t + " at " + x + "," + y);
          }
        }
      }
    }
  }
}
