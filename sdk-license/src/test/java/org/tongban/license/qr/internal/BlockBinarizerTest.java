package org.tongban.license.qr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
              BlockBinarizer.zxing(s).getBlackMatrix(), w + "x" + h + " seed " + seed);
          planes++;
        }
      }
    }
    assertEquals(135, planes);
  }

  @Test
  void smallPlanes_andRows_followZxing() throws NotFoundException {
    LuminanceSource s = plane(30, 25, 1);
    assertEquals(new HybridBinarizer(s).getBlackMatrix(), BlockBinarizer.zxing(s).getBlackMatrix());
    LuminanceSource big = plane(100, 60, 2);
    BlockBinarizer b = BlockBinarizer.zxing(big);
    BitArray row = b.getBlackRow(17, null);
    for (int x = 0; x < 100; x++) {
      assertEquals(new HybridBinarizer(big).getBlackMatrix().get(x, 17), row.get(x));
    }
  }

  private static int black(com.google.zxing.common.BitMatrix m) {
    int n = 0;
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        n += m.get(x, y) ? 1 : 0;
      }
    }
    return n;
  }

  /** Plain paper (level 180) with Gaussian sensor noise of the given deviation. */
  private static LuminanceSource paper(int w, int h, double sigma, long seed) {
    Random r = new Random(seed);
    byte[] p = new byte[w * h];
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) Math.max(0, Math.min(255, Math.round(180 + r.nextGaussian() * sigma)));
    }
    return new PlanarYUVLuminanceSource(p, w, h, 0, 0, w, h, false);
  }

  @Test
  void noise_isEstimatedFromNeighbours_andZeroOnCleanImages() {
    for (int sigma : new int[] {3, 6, 10}) {
      LuminanceSource s = paper(400, 300, sigma, sigma);
      int estimate = BlockBinarizer.noise(s.getMatrix(), 400, 300);
      assertTrue(Math.abs(estimate - sigma) <= 1, "sigma " + sigma + " estimated " + estimate);
    }
    LuminanceSource clean = plane(97, 71, 1);
    assertEquals(0, BlockBinarizer.noise(new byte[97 * 71], 97, 71));
    // Flat patches: neighbours mostly equal apart from faint texture (0-8 levels).
    assertTrue(BlockBinarizer.noise(clean.getMatrix(), 97, 71) <= 5);
  }

  @Test
  void adaptive_equalsZxingOnCleanPlanes_andSuppressesSpeckleInNoise() throws NotFoundException {
    for (long seed = 1; seed < 3; seed++) {
      // Structured planes whose noise estimate stays at or below 4 keep ZXing's limit.
      LuminanceSource s = plane(130, 129, 3 * seed + 1);
      assertTrue(BlockBinarizer.noise(s.getMatrix(), 130, 129) <= 4);
      assertEquals(new HybridBinarizer(s).getBlackMatrix(),
          BlockBinarizer.adaptive(s).getBlackMatrix());
    }
    // Paper under sigma-6 noise: ZXing's limit turns about half the pixels black (speckle that
    // its finder search then wades through); the adaptive limit leaves the paper white.
    LuminanceSource noisy = paper(320, 240, 6, 9);
    int zxing = black(BlockBinarizer.zxing(noisy).getBlackMatrix());
    int adaptive = black(BlockBinarizer.adaptive(noisy).getBlackMatrix());
    assertTrue(zxing > 320 * 240 / 5, "ZXing's rule: " + zxing + " black pixels");
    assertTrue(adaptive < 320 * 240 / 100, "adaptive: " + adaptive + " black pixels");
  }
}
