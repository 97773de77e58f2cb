package org.tongban.license.qr.internal;

import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.BitArray;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.detector.Detector;
import com.google.zxing.qrcode.detector.FinderPattern;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tongban.MalformedInputException;
import org.tongban.result.Reason;

/**
 * Finds and reads the one QR code of a luminance plane, with ZXing's detector and decoder.
 *
 * <p>The first attempt reads a rendered code, a fair photograph or a camera frame: one
 * {@link BlockBinarizer#adaptive} pass (ZXing's rule, its flat-block limit raised to the
 * image's sensor noise) and ZXing's single-code reader. Then, in order, until one reads: a code
 * its detector finds but that does not decode, read again from its neighbourhood smoothed by a
 * 3 × 3 mean (a camera's noise); ZXing's multi-code reader on the same matrix; plain,
 * pure-barcode and try-harder reading with ZXing's exact block rule and its global-histogram
 * binarizer, on the plane and on its inverse (light on dark); all of these on the plane turned
 * 45°, on a 3 × 3 mean of it (noise) and on a half-size mean of that (heavier noise).
 *
 * <p>Never a code picked from several: whenever a code is read, the reader looks again in the
 * same binarized image with that code blanked out (its finder patterns and two modules around
 * the symbol) — ZXing's single-code detector, then its multi-code finder, which scans every row
 * and pairs finder patterns every way it can — up to four codes deep; another code with a
 * different text makes the image {@link Reason#AMBIGUOUS_INPUT}. The same code twice is one
 * code. A second code too small or too damaged for either detector at that scale is not seen:
 * below that, no reader would have picked it instead.
 *
 * <p>Thread-safe (stateless).
 */
public final class QrReader {
  private static final int MAX_CODES = 4;
  private static final Map<DecodeHintType, Object> PLAIN = Map.of();
  private static final Map<DecodeHintType, Object> HARDER =
      Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);
  private static final List<Map<DecodeHintType, Object>> HINTS = List.of(PLAIN,
      Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE), HARDER);

  private QrReader() {}

  /**
   * Where a code's three finder patterns are, in the plane it was found in.
   *
   * @param xy bottom-left, top-left, top-right centres (x, y each)
   * @param module the estimated module size in pixels
   */
  record Finders(float[] xy, float module) {
    static Finders of(ResultPoint[] p) {
      float module = 0;
      float[] xy = new float[6];
      for (int i = 0; i < 3; i++) {
        xy[2 * i] = p[i].getX();
        xy[2 * i + 1] = p[i].getY();
        module = Math.max(module, p[i] instanceof FinderPattern f ? f.getEstimatedModuleSize()
            : 0);
      }
      // Not from a detector (never so today): assume the smallest code, 14 modules between
      // finder centres.
      return new Finders(xy, module > 0 ? module
          : ResultPoint.distance(p[0], p[1]) / 14);
    }

    /** The same finders in a plane whose origin is at (-dx, -dy) in this one. */
    Finders moved(float dx, float dy) {
      float[] out = xy.clone();
      for (int i = 0; i < 6; i += 2) {
        out[i] += dx;
        out[i + 1] += dy;
      }
      return new Finders(out, module);
    }
  }

  /** A code read: its text, and its finders (none for a pure-barcode read). */
  private record Read(String text, Finders finders) {}

  /**
   * Reads the plane's QR code.
   *
   * @param grey the plane
   * @return the text
   * @throws MalformedInputException if no code reads, or ({@link Reason#AMBIGUOUS_INPUT}) the
   *     plane holds codes with different texts
   */
  public static String read(Grey grey) {
    LuminanceSource source = source(grey);
    BinaryBitmap first = new BinaryBitmap(BlockBinarizer.adaptive(source));
    Read read = readOne(first, PLAIN);
    String text = read != null ? read.text() : readSmoothedAround(grey, first);
    if (text == null) {
      text = readMulti(first);
    }
    if (text == null) {
      text = tryAll(source);
    }
    if (text == null) {
      // Turned by 25-65 degrees: ZXing's row scan misses the finder patterns.
      text = tryAll(source(GreyOps.turn45(grey)));
    }
    if (text == null) {
      // A noisy photograph: a 3x3 mean filter gives the binarizer clean edges again.
      Grey smooth = GreyOps.blur(grey);
      text = tryAll(source(smooth));
      if (text == null && grey.width() >= 200 && grey.height() >= 200) {
        // Heavier noise: average 2x2 blocks of the smoothed image (fine while modules keep
        // at least 2 pixels).
        text = tryAll(source(GreyOps.half(smooth)));
      }
    }
    if (text != null) {
      return text;
    }
    throw new MalformedInputException("no readable QR code in the image (a code needs at "
        + "least 2 pixels per module; this image is " + grey.width() + "x" + grey.height()
        + " px)");
  }

  private static LuminanceSource source(Grey g) {
    return new PlanarYUVLuminanceSource(g.pixels(), g.width(), g.height(), 0, 0, g.width(),
        g.height(), false);
  }

  private static String tryAll(LuminanceSource source) {
    for (LuminanceSource s : List.of(source, source.invert())) {
      for (Map<DecodeHintType, Object> hints : HINTS) {
        for (boolean block : new boolean[] {true, false}) {
          Binarizer b = block ? BlockBinarizer.zxing(s) : new GlobalHistogramBinarizer(s);
          Read r = readOne(new BinaryBitmap(b), hints);
          if (r != null) {
            return r.text();
          }
        }
      }
    }
    return null;
  }

  /**
   * A code that ZXing's detector finds but whose modules do not decode — most often a camera's
   * noise: read again from its neighbourhood (nine modules around its finder patterns) smoothed
   * by a 3 × 3 mean, then the second look on the whole image.
   */
  private static String readSmoothedAround(Grey grey, BinaryBitmap first) {
    Finders f;
    try {
      f = Finders.of(new Detector(first.getBlackMatrix()).detect().getPoints());
    } catch (ReaderException | RuntimeException e) {
      return null;
    }
    float[] p = f.xy();
    // The fourth corner, where no finder pattern is: opposite the top-left one.
    float fourthX = p[0] + p[4] - p[2];
    float fourthY = p[1] + p[5] - p[3];
    float margin = 9 * f.module();
    int x0 = (int) Math.max(0, Math.min(Math.min(p[0], p[2]), Math.min(p[4], fourthX)) - margin);
    int y0 = (int) Math.max(0, Math.min(Math.min(p[1], p[3]), Math.min(p[5], fourthY)) - margin);
    int x1 = (int) Math.min(grey.width(),
        Math.max(Math.max(p[0], p[2]), Math.max(p[4], fourthX)) + margin);
    int y1 = (int) Math.min(grey.height(),
        Math.max(Math.max(p[1], p[3]), Math.max(p[5], fourthY)) + margin);
    if (x1 - x0 < 21 || y1 - y0 < 21) {
      return null;
    }
    Grey near = GreyOps.blur(GreyOps.crop(grey, x0, y0, x1 - x0, y1 - y0));
    Read r = readOne(new BinaryBitmap(BlockBinarizer.adaptive(source(near))), PLAIN);
    if (r == null || r.finders() == null) {
      return null;
    }
    secondLook(first, r.finders().moved(x0, y0), r.text(), PLAIN);
    return r.text();
  }

  /** One attempt and its second look: null when nothing reads. */
  private static Read readOne(BinaryBitmap bitmap, Map<DecodeHintType, Object> hints) {
    Result r;
    try {
      r = new QRCodeReader().decode(bitmap, hints);
    } catch (ReaderException | RuntimeException e) {
      return null;
    }
    if (r.getResultPoints().length < 3) {
      // A pure-barcode read: the code is the image's whole dark area, there is no other.
      return new Read(r.getText(), null);
    }
    Finders f = Finders.of(r.getResultPoints());
    secondLook(bitmap, f, r.getText(), hints);
    return new Read(r.getText(), f);
  }

  /**
   * Looks for other codes in the bitmap with the read one blanked out, up to {@link
   * #MAX_CODES} deep; throws when one has a different text.
   */
  private static void secondLook(BinaryBitmap bitmap, Finders read, String text,
      Map<DecodeHintType, Object> hints) {
    BitMatrix rest;
    try {
      rest = bitmap.getBlackMatrix().clone();
    } catch (ReaderException e) {
      return;
    }
    Finders found = read;
    for (int i = 1; i < MAX_CODES; i++) {
      blank(rest, found);
      BinaryBitmap without = new BinaryBitmap(new Fixed(bitmap, rest));
      Result next;
      try {
        next = new QRCodeReader().decode(without, hints);
      } catch (ReaderException | RuntimeException e) {
        // The single reader's finder search skips rows once it has two patterns and may pair
        // a code's finders wrongly; the multi reader scans every row and pairs them every way
        // it can. What it reads, if anything, settles it.
        String other = readMulti(without);
        if (other != null && !other.equals(text)) {
          throw ambiguous();
        }
        return;
      }
      if (!next.getText().equals(text)) {
        throw ambiguous();
      }
      found = Finders.of(next.getResultPoints());
    }
  }

  private static String readMulti(BinaryBitmap bitmap) {
    Set<String> found = new LinkedHashSet<>();
    try {
      for (Result r : new QRCodeMultiReader().decodeMultiple(bitmap)) {
        found.add(r.getText());
      }
    } catch (ReaderException | RuntimeException e) {
      return null;
    }
    if (found.size() > 1) {
      throw ambiguous();
    }
    return found.isEmpty() ? null : found.iterator().next();
  }

  private static MalformedInputException ambiguous() {
    return new MalformedInputException(Reason.AMBIGUOUS_INPUT,
        "the image holds different QR codes", null);
  }

  /**
   * Clears a read code from the matrix: the parallelogram its three finder-pattern centres
   * span, widened by 5.5 modules on every side (3.5 from a finder's centre to the symbol's edge,
   * two more for perspective and blur).
   */
  static void blank(BitMatrix m, Finders f) {
    float[] p = f.xy();
    // Corner order around the parallelogram: top-left, top-right, the fourth, bottom-left.
    double[] c = {p[2], p[3], p[4], p[5], p[4] + p[0] - p[2], p[5] + p[1] - p[3], p[0], p[1]};
    double[] u = unit(p[4] - p[2], p[5] - p[3]);
    double[] v = unit(p[0] - p[2], p[1] - p[3]);
    double d = 5.5 * f.module();
    // Each corner pushed outwards along both sides that meet there.
    double[] su = {-1, 1, 1, -1};
    double[] sv = {-1, -1, 1, 1};
    double[] xs = new double[4];
    double[] ys = new double[4];
    for (int k = 0; k < 4; k++) {
      xs[k] = c[2 * k] + d * (su[k] * u[0] + sv[k] * v[0]);
      ys[k] = c[2 * k + 1] + d * (su[k] * u[1] + sv[k] * v[1]);
    }
    int y0 = clamp(Math.floor(Math.min(Math.min(ys[0], ys[1]), Math.min(ys[2], ys[3]))),
        m.getHeight());
    int y1 = clamp(Math.ceil(Math.max(Math.max(ys[0], ys[1]), Math.max(ys[2], ys[3]))),
        m.getHeight());
    BitArray row = new BitArray(m.getWidth());
    for (int y = y0; y <= y1; y++) {
      // The convex quadrilateral's span on this row of pixel centres.
      double yc = y + 0.5;
      double from = Double.MAX_VALUE;
      double to = -Double.MAX_VALUE;
      for (int k = 0; k < 4; k++) {
        int n = (k + 1) % 4;
        if (ys[k] != ys[n] && Math.min(ys[k], ys[n]) <= yc && yc <= Math.max(ys[k], ys[n])) {
          double x = xs[k] + (yc - ys[k]) * (xs[n] - xs[k]) / (ys[n] - ys[k]);
          from = Math.min(from, x);
          to = Math.max(to, x);
        }
      }
      int xa = (int) Math.max(0, Math.ceil(from - 0.5));
      int xb = (int) Math.min(m.getWidth() - 1, Math.floor(to - 0.5));
      if (xa > xb) {
        continue;
      }
      row = m.getRow(y, row);
      int[] words = row.getBitArray();
      for (int w = xa >> 5; w <= xb >> 5; w++) {
        int lo = Math.max(xa, w << 5) & 31;
        int hi = Math.min(xb, (w << 5) + 31) & 31;
        // Bits lo..hi of the word.
        words[w] &= ~(int) ((0xFFFFFFFFL >>> (31 - hi)) & (0xFFFFFFFFL << lo));
      }
      m.setRow(y, row);
    }
  }

  private static double[] unit(double x, double y) {
    double n = Math.hypot(x, y);
    return n == 0 ? new double[] {0, 0} : new double[] {x / n, y / n};
  }

  private static int clamp(double v, int size) {
    return (int) Math.max(0, Math.min(size - 1, v));
  }

  /** A binarizer that hands out a matrix already made (the one with a code blanked out). */
  private static final class Fixed extends Binarizer {
    private final BitMatrix matrix;

    Fixed(BinaryBitmap of, BitMatrix matrix) {
      super(new SizeOnly(of.getWidth(), of.getHeight()));
      this.matrix = matrix;
    }

    @Override
    public BitArray getBlackRow(int y, BitArray row) {
      return matrix.getRow(y, row);
    }

    @Override
    public BitMatrix getBlackMatrix() {
      return matrix;
    }

    @Override
    public Binarizer createBinarizer(LuminanceSource source) {
      return BlockBinarizer.zxing(source);
    }
  }

  /** The size a binarizer reports; ZXing's QR reader asks a {@link Fixed} for nothing else. */
  private static final class SizeOnly extends LuminanceSource {
    SizeOnly(int width, int height) {
      super(width, height);
    }

    @Override
    public byte[] getRow(int y, byte[] row) {
      throw new IllegalStateException("only the binarized matrix is kept");
    }

    @Override
    public byte[] getMatrix() {
      throw new IllegalStateException("only the binarized matrix is kept");
    }
  }
}
