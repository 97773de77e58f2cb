package org.tongban.license.qr.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link GreyOps} against direct definitions, on planes of every small shape. */
class GreyOpsTest {
  private static Grey random(int w, int h, long seed) {
    byte[] p = new byte[w * h];
    new Random(seed).nextBytes(p);
    return new Grey(w, h, p);
  }

  private static int at(Grey g, int x, int y) {
    return g.pixels()[y * g.width() + x] & 0xff;
  }

  @Test
  void blur_isTheMeanOfTheNeighboursInside() {
    for (int w = 1; w <= 6; w++) {
      for (int h = 1; h <= 5; h++) {
        Grey g = random(w, h, w * 10L + h);
        Grey b = GreyOps.blur(g);
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            int sum = 0;
            int n = 0;
            for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
              for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                sum += at(g, xx, yy);
                n++;
              }
            }
            assertEquals(sum / n, at(b, x, y), w + "x" + h + " at " + x + "," + y);
          }
        }
      }
    }
  }

  @Test
  void half_andCrop() {
    Grey g = random(7, 5, 3);
    Grey half = GreyOps.half(g);
    assertEquals(3, half.width());
    assertEquals(2, half.height());
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        assertEquals((at(g, 2 * x, 2 * y) + at(g, 2 * x + 1, 2 * y) + at(g, 2 * x, 2 * y + 1)
            + at(g, 2 * x + 1, 2 * y + 1)) / 4, at(half, x, y));
      }
    }
    Grey c = GreyOps.crop(g, 2, 1, 4, 3);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        assertEquals(at(g, x + 2, y + 1), at(c, x, y));
      }
    }
  }

  @Test
  void turn45_movesPixelsByAnEighthTurn_andFillsWithTheBorderMean() {
    // A 41 x 41 white plane with one dark pixel right of the centre: turned 45 degrees
    // clockwise (y down), it lands below-right of the new centre, on the diagonal.
    byte[] p = new byte[41 * 41];
    java.util.Arrays.fill(p, (byte) 200);
    p[20 * 41 + 30] = 0;
    Grey t = GreyOps.turn45(new Grey(41, 41, p));
    assertEquals(58, t.width());
    double c = (t.width() - 1) / 2.0;
    int dx = (int) Math.round(c + 10 * Math.sqrt(0.5));
    int darkest = 255;
    int where = -1;
    for (int i = 0; i < t.pixels().length; i++) {
      if ((t.pixels()[i] & 0xff) < darkest) {
        darkest = t.pixels()[i] & 0xff;
        where = i;
      }
    }
    assertTrue(darkest < 150, "the dark pixel survives: " + darkest);
    assertEquals(dx, where % t.width(), 1.0);
    assertEquals(dx, where / t.width(), 1.0);
    assertEquals(200, t.pixels()[0] & 0xff, "uncovered corner: the border's mean");
    assertArrayEquals(new byte[] {(byte) 200}, new byte[] {t.pixels()[t.pixels().length - 1]});
  }
}
