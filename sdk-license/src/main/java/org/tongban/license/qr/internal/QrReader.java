package org.tongban.license.qr.internal;

import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.BitArray;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
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
 * <p>The first attempt is the cheap one that reads a rendered code or a fair photograph: one
 * {@link BlockBinarizer} pass and ZXing's single-code reader. Then, in order, until one reads:
 * ZXing's multi-code reader on the same matrix; plain, pure-barcode and try-harder reading with
 * the block and the global-histogram binarizer, on the plane and on its inverse (light on dark);
 * all of these on the plane turned 45°, on a 3 × 3 mean of it (noise) and on a half-size mean of
 * that (heavier noise).
 *
 * <p>Never a code picked from several: whenever a code is read, the reader looks again with that
 * code blanked out of the binarized image (its finder patterns and two modules around the
 * symbol), up to four times; another code with a different text makes the image
 * {@link Reason#AMBIGUOUS_INPUT}. The same code twice is one code.
 *
 * <p>Thread-safe (stateless).
 */
public final class QrReader {
  private static final int MAX_CODES = 4;
  private static final List<Map<DecodeHintType, Object>> HINTS = List.of(Map.of(),
      Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE),
      Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));

  private QrReader() {}

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
    BinaryBitmap first = new BinaryBitmap(new BlockBinarizer(source));
    String text = readOne(first, Map.of());
    if (text == null) {
      text = readMulti(first);
    }
    if (text == null) {
      text = tryAll(source, true);
    }
    if (text == null) {
      // Turned by 25-65 degrees: ZXing's row scan misses the finder patterns.
      text = tryAll(source(GreyOps.turn45(grey)), false);
    }
    if (text == null) {
      // A noisy photograph: a 3x3 mean filter gives the binarizer clean edges again.
      Grey smooth = GreyOps.blur(grey);
      text = tryAll(source(smooth), false);
      if (text == null && grey.width() >= 200 && grey.height() >= 200) {
        // Heavier noise: average 2x2 blocks of the smoothed image (fine while modules keep
        // at least 2 pixels).
        text = tryAll(source(GreyOps.half(smooth)), false);
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

  private static String tryAll(LuminanceSource source, boolean firstDone) {
    for (LuminanceSource s : List.of(source, source.invert())) {
      for (Map<DecodeHintType, Object> hints : HINTS) {
        for (boolean block : new boolean[] {true, false}) {
          if (firstDone && s == source && hints.isEmpty() && block) {
            continue;
          }
          Binarizer b = block ? new BlockBinarizer(s) : new GlobalHistogramBinarizer(s);
          String text = readOne(new BinaryBitmap(b), hints);
          if (text != null) {
            return text;
          }
        }
      }
    }
    return null;
  }

  /** One attempt: the text, or null when nothing reads; throws when two codes differ. */
  private static String readOne(BinaryBitmap bitmap, Map<DecodeHintType, Object> hints) {
    Result r;
    try {
      r = new QRCodeReader().decode(bitmap, hints);
    } catch (ReaderException | RuntimeException e) {
      return null;
    }
    String text = r.getText();
    ResultPoint[] points = r.getResultPoints();
    if (points.length < 3) {
      // A pure-barcode read: the code is the image's whole dark area, there is no other.
      return text;
    }
    BitMatrix rest;
    try {
      rest = bitmap.getBlackMatrix().clone();
    } catch (ReaderException e) {
      return null;
    }
    boolean ambiguous = false;
    for (int i = 1; i < MAX_CODES && points.length >= 3; i++) {
      blank(rest, points);
      BinaryBitmap without = new BinaryBitmap(new Fixed(bitmap, rest));
      Result next;
      try {
        next = new QRCodeReader().decode(without, hints);
      } catch (ReaderException | RuntimeException e) {
        // The single reader's finder search skips rows once it has two patterns and may pair
        // a code's finders wrongly; the multi reader scans every row and pairs them every way
        // it can. What it reads, if anything, settles it.
        String other = readMulti(without);
        ambiguous = other != null && !other.equals(text);
        break;
      }
      ambiguous = !next.getText().equals(text);
      if (ambiguous) {
        break;
      }
      points = next.getResultPoints();
    }
    if (ambiguous) {
      throw new MalformedInputException(Reason.AMBIGUOUS_INPUT,
          "the image holds different QR codes", null);
    }
    return text;
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
      throw new MalformedInputException(Reason.AMBIGUOUS_INPUT, "the image holds "
          + found.size() + " different QR codes", null);
    }
    return found.isEmpty() ? null : found.iterator().next();
  }

  /**
   * Clears a read code from the matrix: the parallelogram its three finder-pattern centres
   * span, widened by 5.5 modules on every side (3.5 from a finder's centre to the symbol's edge,
   * two more for perspective and blur).
   */
  static void blank(BitMatrix m, ResultPoint[] points) {
    // The corner finder is the one whose sides to the other two are closest to a right angle.
    int corner = 0;
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      ResultPoint a = points[(i + 1) % 3];
      ResultPoint b = points[(i + 2) % 3];
      double ux = a.getX() - points[i].getX();
      double uy = a.getY() - points[i].getY();
      double vx = b.getX() - points[i].getX();
      double vy = b.getY() - points[i].getY();
      double cos = Math.abs(ux * vx + uy * vy)
          / Math.sqrt((ux * ux + uy * uy) * (vx * vx + vy * vy));
      if (cos < best) {
        best = cos;
        corner = i;
      }
    }
    ResultPoint p = points[corner];
    ResultPoint q = points[(corner + 1) % 3];
    ResultPoint r = points[(corner + 2) % 3];
    double module = 0;
    for (int i = 0; i < 3; i++) {
      module = Math.max(module, points[i] instanceof FinderPattern f
          ? f.getEstimatedModuleSize() : 0);
    }
    if (module <= 0) {
      module = ResultPoint.distance(p, q) / 20;
    }
    double[] ux = unit(q.getX() - p.getX(), q.getY() - p.getY());
    double[] vy = unit(r.getX() - p.getX(), r.getY() - p.getY());
    double d = 5.5 * module;
    // Corners in order around the parallelogram: p, q, q + r - p, r; each pushed outwards.
    double[] xs = {p.getX() - d * (ux[0] + vy[0]), q.getX() + d * (ux[0] - vy[0]),
        q.getX() + r.getX() - p.getX() + d * (ux[0] + vy[0]), r.getX() + d * (vy[0] - ux[0])};
    double[] ys = {p.getY() - d * (ux[1] + vy[1]), q.getY() + d * (ux[1] - vy[1]),
        q.getY() + r.getY() - p.getY() + d * (ux[1] + vy[1]), r.getY() + d * (vy[1] - ux[1])};
    double sign = Math.signum((xs[1] - xs[0]) * (ys[2] - ys[0])
        - (ys[1] - ys[0]) * (xs[2] - xs[0]));
    int x0 = clamp(Math.floor(min(xs)), m.getWidth());
    int x1 = clamp(Math.ceil(max(xs)), m.getWidth());
    int y0 = clamp(Math.floor(min(ys)), m.getHeight());
    int y1 = clamp(Math.ceil(max(ys)), m.getHeight());
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        boolean inside = true;
        for (int k = 0; k < 4 && inside; k++) {
          int n = (k + 1) % 4;
          double cross = (xs[n] - xs[k]) * (y + 0.5 - ys[k])
              - (ys[n] - ys[k]) * (x + 0.5 - xs[k]);
          inside = cross * sign >= 0;
        }
        if (inside) {
          m.unset(x, y);
        }
      }
    }
  }

  private static double[] unit(double x, double y) {
    double n = Math.hypot(x, y);
    return n == 0 ? new double[] {0, 0} : new double[] {x / n, y / n};
  }

  private static int clamp(double v, int size) {
    return (int) Math.max(0, Math.min(size - 1, v));
  }

  private static double min(double[] v) {
    return Math.min(Math.min(v[0], v[1]), Math.min(v[2], v[3]));
  }

  private static double max(double[] v) {
    return Math.max(Math.max(v[0], v[1]), Math.max(v[2], v[3]));
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
      return new BlockBinarizer(source);
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
