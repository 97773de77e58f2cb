package org.tongban.seal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
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
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Draws the classic round red organisation seal (单位公章) as a PNG, for demos and tests: a
 * ring, a five-pointed star, the organisation name along the upper arc and an optional
 * horizontal line of text (e.g. 合同专用章) below the star, at a true size in millimetres.
 *
 * <p>Chinese text needs a CJK font; one is looked up at run time (Noto CJK, WenQuanYi, Source
 * Han, AR PL, or any installed font that can draw the text). Without one, drawing fails with an
 * {@link IllegalStateException} that says which package to install — never with tofu boxes.
 *
 * <p>Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class SealPictures {
  /** Seal red. */
  public static final Color SEAL_RED = new Color(0xE0, 0x10, 0x10);

  private static final List<String> PREFERRED = List.of("noto sans cjk sc", "noto serif cjk sc",
      "source han sans", "wenquanyi zen hei", "wenquanyi micro hei", "ar pl");

  private SealPictures() {}

  /**
   * Draws a round organisation seal.
   *
   * @param name the organisation name drawn along the arc, 1–40 characters
   * @param horizontalText optional text under the star
   * @param diameterMm the diameter in mm (e.g. 42 for an official seal), 20–80
   * @param dpi resolution, 72–1200
   * @return PNG bytes, transparent background
   * @throws IllegalStateException if no installed font can draw the text
   */
  public static byte[] roundSeal(String name, Optional<String> horizontalText, int diameterMm,
      int dpi) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(horizontalText, "horizontalText");
    if (name.isBlank() || name.length() > 40) {
      throw new IllegalArgumentException("name must have 1-40 characters");
    }
    if (diameterMm < 20 || diameterMm > 80 || dpi < 72 || dpi > 1200) {
      throw new IllegalArgumentException("diameter 20-80 mm, dpi 72-1200");
    }
    String all = name + horizontalText.orElse("");
    Font base = findFont(all);
    int size = (int) Math.round(diameterMm / 25.4 * dpi);
    double px = size / (double) diameterMm; // pixels per mm
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(SEAL_RED);
      double c = size / 2.0;
      double ring = 1.2 * px;
      g.setStroke(new BasicStroke((float) ring));
      g.draw(new java.awt.geom.Ellipse2D.Double(ring / 2, ring / 2, size - ring, size - ring));
      g.fill(star(c, c, size * 0.19, size * 0.19 * 0.382));

      // The name along the upper arc, each glyph upright relative to the centre.
      Font arcFont = base.deriveFont(Font.BOLD, (float) (size * 0.13));
      FontRenderContext frc = g.getFontRenderContext();
      double radius = c - ring - size * 0.03 - arcFont.getSize2D() * 0.85;
      int n = name.length();
      double span = Math.toRadians(Math.min(240, 30 + 22 * n));
      double start = -Math.PI / 2 - span / 2;
      for (int i = 0; i < n; i++) {
        double angle = n == 1 ? -Math.PI / 2 : start + span * i / (n - 1);
        GlyphVector gv = arcFont.createGlyphVector(frc, name.substring(i, i + 1));
        Rectangle2D b = gv.getVisualBounds();
        AffineTransform at = new AffineTransform();
        at.translate(c + radius * Math.cos(angle), c + radius * Math.sin(angle));
        at.rotate(angle + Math.PI / 2);
        at.translate(-b.getCenterX(), arcFont.getSize2D() * 0.4);
        g.fill(at.createTransformedShape(gv.getOutline()));
      }
      if (horizontalText.isPresent() && !horizontalText.get().isBlank()) {
        Font hf = base.deriveFont(Font.BOLD, (float) (size * 0.085));
        GlyphVector gv = hf.createGlyphVector(frc, horizontalText.get());
        Rectangle2D b = gv.getVisualBounds();
        g.fill(AffineTransform.getTranslateInstance(c - b.getCenterX(), c + size * 0.3)
            .createTransformedShape(gv.getOutline()));
      }
    } finally {
      g.dispose();
    }
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

  /**
   * Finds an installed font that can draw the text.
   *
   * @param text the text
   * @return the font (size 12)
   * @throws IllegalStateException if there is none
   */
  public static Font findFont(String text) {
    String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment()
        .getAvailableFontFamilyNames(Locale.ROOT);
    for (String want : PREFERRED) {
      for (String f : families) {
        Font font = new Font(f, Font.PLAIN, 12);
        if (f.toLowerCase(Locale.ROOT).startsWith(want) && font.canDisplayUpTo(text) == -1) {
          return font;
        }
      }
    }
    for (String f : families) {
      if (isLogical(f)) {
        continue;
      }
      Font font = new Font(f, Font.PLAIN, 12);
      if (font.canDisplayUpTo(text) == -1) {
        return font;
      }
    }
    throw new IllegalStateException("no installed font can draw \"" + text + "\": install a "
        + "CJK font, e.g. Debian's fonts-noto-cjk or fonts-wqy-zenhei");
  }

  private static boolean isLogical(String family) {
    switch (family) {
      case Font.DIALOG:
      case Font.DIALOG_INPUT:
      case Font.SANS_SERIF:
      case Font.SERIF:
      case Font.MONOSPACED:
        return true;
      default:
        return false;
    }
  }
}
