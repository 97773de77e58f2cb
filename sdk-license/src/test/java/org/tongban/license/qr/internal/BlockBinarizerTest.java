package org.tongban.license.qr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.common.BitArray;
import com.google.zxing.common.HybridBinarizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockBinarizer} against ZXing's {@code HybridBinarizer}: the same matrix, bit for bit,
 * on planes of every width and height remainder modulo 8 and 32 (the shifted last blocks, the
 * last partial word), on noise, on flat areas (the neighbour rule) and on smooth gradients.
 */
class BlockBinarizerTest {
  private static LuminanceSource plane(int w, int h, long seed) {
    Random r = new Random(seed);
    byte[] p = new byte[w * h];
    int kind = (int) (seed % 3);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = switch (kind) {
          case 0 -> r.nextInt(256);
          // Flat patches with faint texture, some dark: exercises the flat-block rule.
          case 1 -> ((x / 13 + y / 11) % 3 == 0 ? 40 : 200) + r.nextInt(9);
          default -> (x * 3 + y * 2) % 256 / 2 + 60 + r.nextInt(30);
        };
        p[y * w + x] = (byte) v;
      }
    }
    return new PlanarYUVLuminanceSource(p, w, h, 0, 0, w, h, false);
  }

  @Test
  void sameMatrixAsHybridBinarizer() throws NotFoundException {
    int planes = 0;
    for (int w : new int[] {40, 41, 47, 63, 64, 65, 95, 97, 130}) {
      for (int h : new int[] {40, 43, 48, 71, 129}) {
        for (long seed = 0; seed < 3; seed++) {
          LuminanceSource s = plane(w, h, seed + w * 7L + h * 131L);
          assertEquals(new HybridBinarizer(s).getBlackMatrix(),
              new BlockBinarizer(s).getBlackMatrix(), w + "x" + h + " seed " + seed);
          planes++;
        }
      }
    }
    assertEquals(135, planes);
  }

  @Test
  void smallPlanes_andRows_followZxing() throws NotFoundException {
    LuminanceSource s = plane(30, 25, 1);
    assertEquals(new HybridBinarizer(s).getBlackMatrix(), new BlockBinarizer(s).getBlackMatrix());
    LuminanceSource big = plane(100, 60, 2);
    BlockBinarizer b = new BlockBinarizer(big);
    BitArray row = b.getBlackRow(17, null);
    for (int x = 0; x < 100; x++) {
      assertEquals(new HybridBinarizer(big).getBlackMatrix().get(x, 17), row.get(x));
    }
  }
}
