package org.tongban.license.qr.internal;

import com.google.zxing.Binarizer;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.common.BitArray;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;

/**
 * ZXing's {@code HybridBinarizer} rule, computed faster, optionally tuned to the image's noise:
 * the plane is cut into 8 × 8 blocks
 * (the last row and column of blocks shifted inwards to stay inside the image); a block's black
 * point is its mean, or — when its levels span 24 or less, a flat block — half its minimum,
 * raised to its upper and left neighbours' weighted black point when its minimum is above that;
 * a pixel is black when its level is at or below the mean black point of the 5 × 5 blocks
 * around its block (clamped at the borders; a pixel two shifted blocks cover takes the higher
 * threshold). ZXing sets the matrix bit by bit; this writes 32 pixels per word, which costs a
 * 1920 × 1080 frame about a third of the time. Below 40 pixels a side, ZXing's global histogram
 * decides, as in {@code HybridBinarizer}.
 *
 * <p>{@link #zxing} keeps ZXing's flat-block limit of 24 levels, bit for bit. {@link #adaptive}
 * raises it to six times the image's noise level (capped at 64) when that is higher: a camera's
 * sensor noise of σ 6 spans about 30 levels in a block of plain background, which ZXing's limit
 * thresholds at its mean into speckle — thousands of false finder-pattern candidates that cost
 * its detector milliseconds and pairings. The noise level is estimated from the median absolute
 * difference of horizontal neighbours on every eighth row (≈ 0.95 σ for Gaussian noise; a code's
 * modules and smooth shading leave it near zero), so a clean image keeps ZXing's limit exactly.
 *
 * <p>Not thread-safe (ZXing's binarizers are per image); the matrix is computed once.
 */
public final class BlockBinarizer extends Binarizer {
  private static final int MIN_SIDE = 40;
  private static final int FLAT = 24;
  private static final int MAX_FLAT = 64;
  private final boolean adaptive;
  private BitMatrix matrix;

  private BlockBinarizer(LuminanceSource source, boolean adaptive) {
    super(source);
    this.adaptive = adaptive;
  }

  /**
   * ZXing's rule exactly.
   *
   * @param source the luminance
   * @return the binarizer
   */
  public static BlockBinarizer zxing(LuminanceSource source) {
    return new BlockBinarizer(source, false);
  }

  /**
   * ZXing's rule with the flat-block limit raised to the image's noise.
   *
   * @param source the luminance
   * @return the binarizer
   */
  public static BlockBinarizer adaptive(LuminanceSource source) {
    return new BlockBinarizer(source, true);
  }

  @Override
  public BitArray getBlackRow(int y, BitArray row) throws NotFoundException {
    return getBlackMatrix().getRow(y, row);
  }

  @Override
  public BitMatrix getBlackMatrix() throws NotFoundException {
    if (matrix == null) {
      LuminanceSource s = getLuminanceSource();
      matrix = s.getWidth() < MIN_SIDE || s.getHeight() < MIN_SIDE
          ? new GlobalHistogramBinarizer(s).getBlackMatrix()
          : binarize(s.getMatrix(), s.getWidth(), s.getHeight(), adaptive);
    }
    return matrix;
  }

  @Override
  public Binarizer createBinarizer(LuminanceSource source) {
    return new BlockBinarizer(source, adaptive);
  }

  private static BitMatrix binarize(byte[] lum, int w, int h, boolean adaptive) {
    int subW = (w + 7) >> 3;
    int subH = (h + 7) >> 3;
    int flat = adaptive ? Math.max(FLAT, Math.min(MAX_FLAT, 6 * noise(lum, w, h))) : FLAT;
    int[] black = blackPoints(lum, w, h, subW, subH, flat);
    int[] threshold = new int[subW * subH];
    for (int by = 0; by < subH; by++) {
      int top = Math.min(Math.max(by, 2), subH - 3);
      for (int bx = 0; bx < subW; bx++) {
        int left = Math.min(Math.max(bx, 2), subW - 3);
        int sum = 0;
        for (int dy = -2; dy <= 2; dy++) {
          int o = (top + dy) * subW + left;
          sum += black[o - 2] + black[o - 1] + black[o] + black[o + 1] + black[o + 2];
        }
        threshold[by * subW + bx] = sum / 25;
      }
    }
    BitMatrix m = new BitMatrix(w, h);
    BitArray row = new BitArray(w);
    int[] words = row.getBitArray();
    int[] rowThreshold = new int[w];
    int lastBlockX = subW - 1;
    int lastBlockY = subH - 1;
    int thresholdsOf = -1;
    for (int y = 0; y < h; y++) {
      int by = y >> 3;
      // Rows the shifted last block row also covers take the higher of the two thresholds.
      int key = y >= h - 8 && by != lastBlockY ? -2 - by : by;
      if (key != thresholdsOf) {
        thresholdsOf = key;
        for (int x = 0; x < w; x++) {
          int bx = x >> 3;
          int t = threshold[by * subW + bx];
          if (x >= w - 8 && bx != lastBlockX) {
            t = Math.max(t, threshold[by * subW + lastBlockX]);
          }
          if (key < 0) {
            t = Math.max(t, threshold[lastBlockY * subW + bx]);
            if (x >= w - 8 && bx != lastBlockX) {
              t = Math.max(t, threshold[lastBlockY * subW + lastBlockX]);
            }
          }
          rowThreshold[x] = t;
        }
      }
      int o = y * w;
      int x = 0;
      // Whole words clear of the shifted last block: four blocks of eight pixels, one threshold
      // each (x is a multiple of 32, so every eight share a block).
      for (; x + 32 <= w - 8; x += 32) {
        int bits = 0;
        for (int g = 0; g < 32; g += 8) {
          int t = rowThreshold[x + g] + 1;
          int b = o + x + g;
          bits |= ((lum[b] & 0xff) - t) >>> 31 << g
              | ((lum[b + 1] & 0xff) - t) >>> 31 << (g + 1)
              | ((lum[b + 2] & 0xff) - t) >>> 31 << (g + 2)
              | ((lum[b + 3] & 0xff) - t) >>> 31 << (g + 3)
              | ((lum[b + 4] & 0xff) - t) >>> 31 << (g + 4)
              | ((lum[b + 5] & 0xff) - t) >>> 31 << (g + 5)
              | ((lum[b + 6] & 0xff) - t) >>> 31 << (g + 6)
              | ((lum[b + 7] & 0xff) - t) >>> 31 << (g + 7);
        }
        words[x >> 5] = bits;
      }
      for (int word = x >> 5; x < w; word++) {
        int bits = 0;
        int end = Math.min(w, x + 32);
        for (int bit = 0; x < end; x++, bit++) {
          bits |= ((lum[o + x] & 0xff) - rowThreshold[x] - 1) >>> 31 << bit;
        }
        words[word] = bits;
      }
      m.setRow(y, row);
    }
    return m;
  }

  /**
   * The noise level σ, rounded up: the median absolute difference of horizontal neighbours on
   * every eighth row, divided by 0.95 (the median of |X − Y| for X, Y normal with deviation σ).
   */
  static int noise(byte[] lum, int w, int h) {
    int[] histogram = new int[256];
    int n = 0;
    for (int y = 0; y < h; y += 8) {
      int o = y * w;
      int prev = lum[o] & 0xff;
      for (int x = 1; x < w; x++) {
        int v = lum[o + x] & 0xff;
        histogram[Math.abs(v - prev)]++;
        prev = v;
      }
      n += w - 1;
    }
    int half = (n + 1) / 2;
    int median = 0;
    for (int seen = histogram[0]; seen < half; ) {
      seen += histogram[++median];
    }
    return (int) Math.ceil(median / 0.95);
  }

  private static int[] blackPoints(byte[] lum, int w, int h, int subW, int subH, int flat) {
    int[] black = new int[subW * subH];
    int[] sum = new int[subW];
    int[] min = new int[subW];
    int[] max = new int[subW];
    int lastX = w - 8;
    for (int by = 0; by < subH; by++) {
      int yo = Math.min(by << 3, h - 8);
      java.util.Arrays.fill(sum, 0);
      java.util.Arrays.fill(min, 255);
      java.util.Arrays.fill(max, 0);
      // Row by row across the block row (memory in order), eight pixels to each block; the
      // last block starts at w - 8 and may overlap the one before it.
      for (int y = 0; y < 8; y++) {
        int o = (yo + y) * w;
        for (int bx = 0; bx < subW; bx++) {
          int p = o + Math.min(bx << 3, lastX);
          int v0 = lum[p] & 0xff;
          int v1 = lum[p + 1] & 0xff;
          int v2 = lum[p + 2] & 0xff;
          int v3 = lum[p + 3] & 0xff;
          int v4 = lum[p + 4] & 0xff;
          int v5 = lum[p + 5] & 0xff;
          int v6 = lum[p + 6] & 0xff;
          int v7 = lum[p + 7] & 0xff;
          sum[bx] += v0 + v1 + v2 + v3 + v4 + v5 + v6 + v7;
          int lo = Math.min(Math.min(Math.min(v0, v1), Math.min(v2, v3)),
              Math.min(Math.min(v4, v5), Math.min(v6, v7)));
          int hi = Math.max(Math.max(Math.max(v0, v1), Math.max(v2, v3)),
              Math.max(Math.max(v4, v5), Math.max(v6, v7)));
          min[bx] = Math.min(min[bx], lo);
          max[bx] = Math.max(max[bx], hi);
        }
      }
      for (int bx = 0; bx < subW; bx++) {
        int average = sum[bx] >> 6;
        if (max[bx] - min[bx] <= flat) {
          // A flat block: background, unless its neighbours say it sits inside dark modules.
          average = min[bx] / 2;
          if (by > 0 && bx > 0) {
            int neighbours = (black[(by - 1) * subW + bx] + 2 * black[by * subW + bx - 1]
                + black[(by - 1) * subW + bx - 1]) / 4;
            if (min[bx] < neighbours) {
              average = neighbours;
            }
          }
        }
        black[by * subW + bx] = average;
      }
    }
    return black;
  }
}
