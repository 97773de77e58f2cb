package org.tongban.seal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.tongban.seal.internal.GlyphFonts;

/**
 * Draws the classic round red organisation seal (单位公章) as a PNG, for demos and tests: a
 * ring, a five-pointed star, the organisation name along the upper arc and an optional
 * horizontal line of text (e.g. 合同专用章) below the star, at a true size in millimetres.
 *
 * <p>Each character is drawn with the first installed font that can draw it: CJK fonts first
 * (Noto CJK, Source Han, WenQuanYi, AR PL, Droid Sans Fallback), then every other installed font,
 * so a name such as {@code 某某市公安局第1分局} takes its Han characters from a CJK font and the
 * digit from whichever font has one. A character no installed font can draw fails with an
 * {@link IllegalStateException} that names it and the package to install — never with tofu
 * boxes. {@link #undrawable(String)} tells beforehand; {@link #emblem(int, int)} needs no font.
 *
 * <p>Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class SealPictures {
  /** Seal red, as 0xRRGGBB. */
  public static final int SEAL_RED_RGB = 0xE01010;

  private static final Color SEAL_RED = new Color(SEAL_RED_RGB);

  private SealPictures() {}

  /**
   * Draws a round organisation seal with the organisation name along the arc and a star.
   *
   * @param name the organisation name drawn along the arc, 1–40 characters
   * @param diameterMm the diameter in mm (e.g. 42 for an official seal), 20–80
   * @param dpi resolution, 72–1200
   * @return PNG bytes, transparent background
   * @throws IllegalStateException naming the characters no installed font can draw
   */
  public static byte[] roundSeal(String name, int diameterMm, int dpi) {
    return draw(name, Optional.empty(), diameterMm, dpi);
  }

  /**
   * Draws a round organisation seal with a line of text under the star (e.g. 合同专用章).
   *
   * @param name the organisation name drawn along the arc, 1–40 characters
   * @param horizontalText the text under the star
   * @param diameterMm the diameter in mm (e.g. 42 for an official seal), 20–80
   * @param dpi resolution, 72–1200
   * @return PNG bytes, transparent background
   * @throws IllegalStateException naming the characters no installed font can draw
   */
  public static byte[] roundSeal(String name, String horizontalText, int diameterMm, int dpi) {
    return draw(name, Optional.of(horizontalText), diameterMm, dpi);
  }

  private static byte[] draw(String name, Optional<String> horizontalText, int diameterMm,
      int dpi) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.codePointCount(0, name.length()) > 40) {
      throw new IllegalArgumentException("name must have 1-40 characters");
    }
    checkSize(diameterMm, dpi);
    List<Font> fonts = GlyphFonts.installed();
    Font[] arcFonts = GlyphFonts.choose(name, fonts);
    String line = horizontalText.filter(t -> !t.isBlank()).orElse("");
    Font[] lineFonts = GlyphFonts.choose(line, fonts);
    int size = (int) Math.round(diameterMm / 25.4 * dpi);
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    try {
      double ring = drawEmblem(g, size, diameterMm);
      double c = size / 2.0;
      FontRenderContext frc = g.getFontRenderContext();

      // The name along the upper arc, each glyph upright relative to the centre.
      float arcSize = (float) (size * 0.13);
      double radius = c - ring - size * 0.03 - arcSize * 0.85;
      int[] cps = name.codePoints().toArray();
      int n = cps.length;
      double span = Math.toRadians(Math.min(240, 30 + 22 * n));
      double start = -Math.PI / 2 - span / 2;
      for (int i = 0; i < n; i++) {
        double angle = n == 1 ? -Math.PI / 2 : start + span * i / (n - 1);
        GlyphVector gv = arcFonts[i].deriveFont(Font.BOLD, arcSize)
            .createGlyphVector(frc, new String(Character.toChars(cps[i])));
        Rectangle2D b = gv.getVisualBounds();
        AffineTransform at = new AffineTransform();
        at.translate(c + radius * Math.cos(angle), c + radius * Math.sin(angle));
        at.rotate(angle + Math.PI / 2);
        at.translate(-b.getCenterX(), arcSize * 0.4);
        g.fill(at.createTransformedShape(gv.getOutline()));
      }
      if (!line.isEmpty()) {
        // One glyph vector per character (each from its own font), advanced side by side.
        float lineSize = (float) (size * 0.085);
        int[] lcp = line.codePoints().toArray();
        Path2D text = new Path2D.Double();
        double x = 0;
        for (int i = 0; i < lcp.length; i++) {
          GlyphVector gv = lineFonts[i].deriveFont(Font.BOLD, lineSize)
              .createGlyphVector(frc, new String(Character.toChars(lcp[i])));
          text.append(AffineTransform.getTranslateInstance(x, 0)
              .createTransformedShape(gv.getOutline()), false);
          x += gv.getGlyphMetrics(0).getAdvance();
        }
        Rectangle2D b = text.getBounds2D();
        g.fill(AffineTransform.getTranslateInstance(c - b.getCenterX(), c + size * 0.3)
            .createTransformedShape(text));
      }
    } finally {
      g.dispose();
    }
    return png(img);
  }

  /**
   * Draws the ring and the star alone, without text: needs no font, so it works on a machine
   * without a CJK font (a placeholder picture, or a test fixture).
   *
   * @param diameterMm the diameter in mm, 20–80
   * @param dpi resolution, 72–1200
   * @return PNG bytes, transparent background
   */
  public static byte[] emblem(int diameterMm, int dpi) {
    checkSize(diameterMm, dpi);
    int size = (int) Math.round(diameterMm / 25.4 * dpi);
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    try {
      drawEmblem(g, size, diameterMm);
    } finally {
      g.dispose();
    }
    return png(img);
  }

  /**
   * Returns the characters of the text that no installed font can draw.
   *
   * @param text the text
   * @return each such character once, in order; empty when the whole text can be drawn
   */
  public static List<String> undrawable(String text) {
    Objects.requireNonNull(text, "text");
    return GlyphFonts.undrawable(text, GlyphFonts.installed());
  }

  private static void checkSize(int diameterMm, int dpi) {
    if (diameterMm < 20 || diameterMm > 80 || dpi < 72 || dpi > 1200) {
      throw new IllegalArgumentException("diameter 20-80 mm, dpi 72-1200");
    }
  }

  /** Draws the ring and the star; returns the ring's stroke width in pixels. */
  private static double drawEmblem(Graphics2D g, int size, int diameterMm) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(SEAL_RED);
    double px = size / (double) diameterMm; // pixels per mm
    double c = size / 2.0;
    double ring = 1.2 * px;
    g.setStroke(new BasicStroke((float) ring));
    g.draw(new java.awt.geom.Ellipse2D.Double(ring / 2, ring / 2, size - ring, size - ring));
    g.fill(star(c, c, size * 0.19, size * 0.19 * 0.382));
    return ring;
  }

  private static byte[] png(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Path2D star(double cx, double cy, double outer, double inner) {
    Path2D p = new Path2D.Double();
    for (int i = 0; i < 10; i++) {
      double r = i % 2 == 0 ? outer : inner;
      double a = -Math.PI / 2 + i * Math.PI / 5;
      double x = cx + r * Math.cos(a);
      double y = cy + r * Math.sin(a);
      if (i == 0) {
        p.moveTo(x, y);
      } else {
        p.lineTo(x, y);
      }
    }
    p.closePath();
    return p;
  }
}
