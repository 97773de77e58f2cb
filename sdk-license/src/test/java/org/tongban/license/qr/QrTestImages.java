package org.tongban.license.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.PerspectiveTransform;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Photographs of QR codes, simulated: the code is projected through a homography (rotation,
 * scale, perspective), sampled 3 × 3 per pixel (anti-aliasing), blurred with a Gaussian (focus),
 * lit unevenly (a shadow across the frame), given its ink and paper levels (contrast) and
 * Gaussian sensor noise, optionally inverted. Deterministic for a given {@link Spec}.
 *
 * <p>{@link #main} writes the committed robustness set ({@code src/test/resources/qr/robustness},
 * see its {@code MANIFEST.tsv}); {@link #cameraFrame} makes the 1920 × 1080 frame of the
 * benchmark.
 */
public final class QrTestImages {
  private QrTestImages() {}

  /**
   * One simulated photograph.
   *
   * @param name file name without extension
   * @param category what it tests
   * @param width canvas width
   * @param height canvas height
   * @param placement where the symbol lands (its quiet zone is the paper around it)
   * @param blur Gaussian sigma in pixels (0: none)
   * @param ink the grey level of dark modules
   * @param paper the grey level of light modules and the background
   * @param shadow 0 (even light) to 1 (the far corner black): light falls off diagonally
   * @param noise Gaussian noise sigma in grey levels
   * @param inverted light modules on a dark ground
   * @param seed the noise's seed
   */
  public record Spec(String name, String category, int width, int height, Placement placement,
      double blur, int ink, int paper, double shadow, double noise, boolean inverted,
      long seed) {
    /**
     * The parameters as one manifest line.
     *
     * @return tab-separated fields
     */
    public String manifestLine() {
      return String.join("\t", name + ".png", category, width + "x" + height,
          placement.description() + String.format(
              " blur=%.1f ink=%d paper=%d shadow=%.2f noise=%.0f inverted=%b", blur,
              ink, paper, shadow, noise, inverted));
    }
  }

  /**
   * Where a symbol lands in the photograph.
   *
   * @param corners top-left, top-right, bottom-right, bottom-left (x, y each)
   * @param description side, turn and tilt, for the manifest
   */
  public record Placement(double[] corners, String description) {}

  /**
   * A square symbol of the given side centred at (cx, cy), rotated, with its
   * far (top) edge narrowed by {@code tilt} (0.2: a fifth narrower and a tenth shorter), as a
   * camera held at an angle sees it.
   *
   * @param cx centre x
   * @param cy centre y
   * @param side side in pixels
   * @param degrees rotation
   * @param tilt perspective, 0 for none
   * @return the placement
   */
  public static Placement placed(double cx, double cy, double side, double degrees, double tilt) {
    double h = side / 2;
    double top = h * (1 - tilt);
    double up = h * (1 - tilt / 2);
    double[] local = {-top, -up, top, -up, h, h, -h, h};
    double a = Math.toRadians(degrees);
    double[] out = new double[8];
    for (int i = 0; i < 8; i += 2) {
      out[i] = cx + local[i] * Math.cos(a) - local[i + 1] * Math.sin(a);
      out[i + 1] = cy + local[i] * Math.sin(a) + local[i + 1] * Math.cos(a);
    }
    return new Placement(out, String.format("side=%.0fpx turn=%.0f tilt=%.2f", side, degrees,
        tilt));
  }

  /**
   * The code's modules, without quiet zone, ECC Q as {@link QrImages} renders it.
   *
   * @param text the text
   * @return the matrix
   */
  static BitMatrix modules(String text) {
    try {
      return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q,
              EncodeHintType.MARGIN, 0));
    } catch (WriterException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * The photograph's grey levels.
   *
   * @param m the modules
   * @param s the photograph
   * @return {@code width * height} levels, row after row
   */
  private static int[] photograph(BitMatrix m, Spec s) {
    int w = s.width();
    int h = s.height();
    int n = m.getWidth();
    double[] c = s.placement().corners();
    // Pixel -> module coordinates: the inverse of modules -> corners.
    PerspectiveTransform t = PerspectiveTransform.quadrilateralToQuadrilateral(
        (float) c[0], (float) c[1], (float) c[2], (float) c[3], (float) c[4], (float) c[5],
        (float) c[6], (float) c[7], 0, 0, n, 0, n, n, 0, n);
    double[] level = new double[w * h];
    float[] pts = new float[18];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int k = 0; k < 9; k++) {
          pts[2 * k] = x + (k % 3 + 0.5f) / 3;
          pts[2 * k + 1] = y + (k / 3 + 0.5f) / 3;
        }
        t.transformPoints(pts);
        int dark = 0;
        for (int k = 0; k < 9; k++) {
          int u = (int) Math.floor(pts[2 * k]);
          int v = (int) Math.floor(pts[2 * k + 1]);
          if (u >= 0 && v >= 0 && u < n && v < n && m.get(u, v)) {
            dark++;
          }
        }
        level[y * w + x] = s.paper() - (s.paper() - s.ink()) * dark / 9.0;
      }
    }
    if (s.blur() > 0) {
      level = gaussian(level, w, h, s.blur());
    }
    Random r = new Random(s.seed());
    int[] out = new int[w * h];
    double diagonal = w + h;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = level[y * w + x] * (1 - s.shadow() * (x + y) / diagonal)
            + r.nextGaussian() * s.noise();
        int g = (int) Math.max(0, Math.min(255, Math.round(v)));
        out[y * w + x] = s.inverted() ? 255 - g : g;
      }
    }
    return out;
  }

  private static double[] gaussian(double[] in, int w, int h, double sigma) {
    int r = (int) Math.ceil(3 * sigma);
    double[] k = new double[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
      sum += k[i + r];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= sum;
    }
    double[] tmp = new double[in.length];
    double[] out = new double[in.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double a = 0;
        for (int i = -r; i <= r; i++) {
          a += k[i + r] * in[y * w + Math.max(0, Math.min(w - 1, x + i))];
        }
        tmp[y * w + x] = a;
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double a = 0;
        for (int i = -r; i <= r; i++) {
          a += k[i + r] * tmp[Math.max(0, Math.min(h - 1, y + i)) * w + x];
        }
        out[y * w + x] = a;
      }
    }
    return out;
  }

  /**
   * A grey image of the photograph.
   *
   * @param text the code's text
   * @param s the photograph
   * @return a {@code TYPE_BYTE_GRAY} image
   */
  public static BufferedImage grey(String text, Spec s) {
    int[] g = photograph(modules(text), s);
    BufferedImage img = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setPixels(0, 0, s.width(), s.height(), g);
    return img;
  }

  /**
   * A 1920 × 1080 camera-like colour frame: the code fills a third of the frame's height (about
   * 5 pixels per module), turned 12°, its far edge 5 % narrower (a phone held slightly
   * off-square), slightly out of focus (σ 1 px), under uneven warm light, with sensor noise of
   * σ 6 levels, on a mottled desk.
   *
   * @param text the code's text
   * @param seed the noise's seed
   * @return a {@code TYPE_3BYTE_BGR} image, as a camera or JPEG decoder delivers
   */
  public static BufferedImage cameraFrame(String text, long seed) {
    int w = 1920;
    int h = 1080;
    Spec s = new Spec("camera", "camera", w, h, placed(1100, 560, 360, 12, 0.05), 1.0, 45, 215,
        0.3, 6, false, seed);
    int[] g = photograph(modules(text), s);
    Random r = new Random(seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    int[] rgb = new int[w];
    // The desk: low-frequency blotches outside the paper square around the code.
    double[] blob = new double[12];
    for (int i = 0; i < blob.length; i++) {
      blob[i] = r.nextDouble() * 6;
    }
    double[] paper = placed(1100, 560, 480, 12, 0.05).corners();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = g[y * w + x];
        if (!inside(paper, x, y)) {
          double d = 90 + 40 * Math.sin(x / 97.0 + blob[0]) * Math.cos(y / 61.0 + blob[1])
              + 25 * Math.sin((x + y) / 33.0 + blob[2]);
          v = (int) Math.max(0, Math.min(255, d + r.nextGaussian() * 6));
        }
        rgb[x] = Math.min(255, v + 8) << 16 | v << 8 | Math.max(0, v - 18);
      }
      img.setRGB(0, y, w, 1, rgb, 0, w);
    }
    return img;
  }

  private static boolean inside(double[] q, double x, double y) {
    boolean in = true;
    for (int i = 0; i < 8; i += 2) {
      double ax = q[i];
      double ay = q[i + 1];
      double bx = q[(i + 2) % 8];
      double by = q[(i + 3) % 8];
      in &= (bx - ax) * (y - ay) - (by - ay) * (x - ax) >= 0;
    }
    return in;
  }

  /**
   * The robustness set: eight categories of eight photographs each, graded from easy to past
   * what any reader can do.
   *
   * @param modulesPerSide the symbol's side in modules
   * @return the specs
   */
  public static List<Spec> robustnessSet(int modulesPerSide) {
    List<Spec> out = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      // Each category one distortion (with the slight blur of any lens); noise only in its
      // own, which also keeps the committed PNGs small.
      // 3.5 pixels per module, as a phone sees a code at arm's length; a crop that holds the
      // code turned by 45 degrees with a few modules to spare.
      double side = 3.5 * modulesPerSide;
      int canvas = (int) (side * 1.55);
      double mid = canvas / 2.0;
      // Codes turned by less than 10 degrees fit a tighter crop.
      int tight = (int) (side * 1.25);
      double tmid = tight / 2.0;
      out.add(new Spec("rotated-" + i, "rotated", canvas, canvas,
          placed(mid, mid, side, 5 + 12 * i, 0), 0.6, 30, 225, 0, 0, false, i));
      double px = 3.0 - 0.25 * i;
      int small = (int) (px * modulesPerSide * 1.3);
      out.add(new Spec("small-" + i, "small", small, small,
          placed(small / 2.0, small / 2.0, px * modulesPerSide, 3, 0), 0.4, 30, 225, 0, 0,
          false, 10 + i));
      out.add(new Spec("inverted-" + i, "inverted", canvas, canvas,
          placed(mid, mid, side, 6 * i, 0.03 * i), 0.3 * i, 30, 225, 0, 0, true, 20 + i));
      out.add(new Spec("blurred-" + i, "blurred", tight, tight,
          placed(tmid, tmid, side, 4, 0), 0.6 + 0.4 * i, 30, 225, 0, 0, false, 30 + i));
      out.add(new Spec("perspective-" + i, "perspective", canvas, canvas,
          placed(mid, mid, side, 3 * i, 0.06 * (i + 1)), 0.6, 30, 225, 0, 0, false, 40 + i));
      int[][] levels = {{70, 190}, {95, 170}, {110, 160}, {120, 155}, {128, 150}, {134, 148},
          {138, 146}, {141, 145}};
      out.add(new Spec("lowcontrast-" + i, "low contrast", tight, tight,
          placed(tmid, tmid, side, 7, 0), 0.6, levels[i][0], levels[i][1], 0, 0, false,
          50 + i));
      out.add(new Spec("noise-" + i, "noise", tight, tight, placed(tmid, tmid, side, 5, 0),
          0.6, 30, 225, 0, 8 + 10 * i, false, 60 + i));
      out.add(new Spec("shadow-" + i, "uneven light", tight, tight,
          placed(tmid, tmid, side, 9, 0.05), 0.8, 20, 240, 0.35 + 0.08 * i, 0, false, 70 + i));
    }
    return out;
  }

  /**
   * A random code text in the QR alphanumeric set, as Tongban's codes are.
   *
   * @param r the randomness
   * @param chars characters after the {@code ZZ1:} prefix
   * @return the text
   */
  static String randomCode(Random r, int chars) {
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    StringBuilder b = new StringBuilder("ZZ1:");
    for (int i = 0; i < chars; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  /** The text every image of the set holds: a licence-sized code (324 characters). */
  static String setText() {
    return randomCode(new Random(2026), 320);
  }

  /**
   * Writes the robustness set.
   *
   * @param args the output directory
   * @throws IOException if it cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    String text = setText();
    List<String> manifest = new ArrayList<>();
    manifest.add("# file\tcategory\tsize\tparameters (QrTestImages.robustnessSet)\t"
        + "read by QrImages when the set was made (a test keeps every yes a yes)");
    for (Spec s : robustnessSet(modules(text).getWidth())) {
      Path file = dir.resolve(s.name() + ".png");
      ImageIO.write(grey(text, s), "png", file.toFile());
      boolean read;
      try {
        read = text.equals(QrImages.decode(Files.readAllBytes(file)));
      } catch (org.tongban.MalformedInputException e) {
        read = false;
      }
      manifest.add(s.manifestLine() + "\t" + (read ? "yes" : "no"));
    }
    Files.write(dir.resolve("MANIFEST.tsv"), manifest, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("text.txt"), text, StandardCharsets.US_ASCII);
  }
}
