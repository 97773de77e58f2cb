package org.tongban.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.tongban.seal.ses.SealPicture;
import org.tongban.testing.Outside;

class SealPicturesTest {
  private static boolean red(int argb) {
    int a = argb >>> 24;
    int r = (argb >> 16) & 0xff;
    int g = (argb >> 8) & 0xff;
    int b = argb & 0xff;
    return a > 200 && r > 180 && g < 80 && b < 80;
  }

  static final String NAME = "某某市市场监督管理局";

  /** Skips (fails under CI) unless an installed font can draw the text. */
  static void requireFontsFor(String text) {
    Outside.require(SealPictures.undrawable(text).isEmpty(),
        "no installed font can draw " + SealPictures.undrawable(text),
        "apt-get install fonts-wqy-zenhei");
  }

  private static int redIn(BufferedImage img, double x0, double x1, double y0, double y1) {
    int size = img.getWidth();
    int count = 0;
    for (int y = (int) (size * y0); y < size * y1; y++) {
      for (int x = (int) (size * x0); x < size * x1; x++) {
        if (red(img.getRGB(x, y))) {
          count++;
        }
      }
    }
    return count;
  }

  @Test
  void roundSeal_isTrueSizeRedRingStarAndText() throws Exception {
    requireFontsFor(NAME + "合同专用章");
    byte[] png = SealPictures.roundSeal("某某市市场监督管理局", "合同专用章", 42, 300);
    assertTrue(SealPicture.of("PNG", png, 42, 42).contentMatchesType());
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    int size = (int) Math.round(42 / 25.4 * 300);
    assertEquals(size, img.getWidth());
    assertEquals(size, img.getHeight());
    int c = size / 2;
    assertTrue(red(img.getRGB(c, c)), "the star is at the centre");
    assertTrue(red(img.getRGB(c, 3)), "the ring at the top");
    assertTrue(red(img.getRGB(3, c)), "the ring at the left");
    assertEquals(0, img.getRGB(1, 1) >>> 24, "the corner is transparent");
    int textPixels = 0;
    for (int y = (int) (size * 0.08); y < size * 0.3; y++) {
      for (int x = (int) (size * 0.2); x < size * 0.8; x++) {
        if (red(img.getRGB(x, y))) {
          textPixels++;
        }
      }
    }
    assertTrue(textPixels > 500, "the name is drawn along the upper arc: " + textPixels);
    int belowStar = 0;
    for (int y = (int) (size * 0.72); y < size * 0.84; y++) {
      for (int x = (int) (size * 0.3); x < size * 0.7; x++) {
        if (red(img.getRGB(x, y))) {
          belowStar++;
        }
      }
    }
    assertTrue(belowStar > 200, "the horizontal text is drawn: " + belowStar);
  }

  @Test
  void roundSeal_hanWithDigitsAndLatin_drawsEveryCharacter() throws Exception {
    // A CJK font without Latin letters or digits (Droid Sans Fallback) must not stop this name:
    // the digit and the letters come from another installed font.
    String name = "某某市公安局第1分局";
    requireFontsFor(name + "Office 2");
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(
        SealPictures.roundSeal(name, "Office 2", 42, 300)));
    assertTrue(redIn(img, 0.2, 0.8, 0.08, 0.3) > 500, "the name along the arc");
    assertTrue(redIn(img, 0.3, 0.7, 0.72, 0.84) > 100, "the Latin line under the star");
  }

  @Test
  void roundSeal_characterNoFontCanDraw_isNamedInTheError() {
    // U+0378 is unassigned: no font has it.
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SealPictures.roundSeal("A\u0378B\u0378", 42, 300));
    assertTrue(e.getMessage().contains("\u0378 (U+0378)"), e.getMessage());
    assertTrue(e.getMessage().contains("fonts-wqy-zenhei"), e.getMessage());
    assertEquals(List.of("\u0378"), SealPictures.undrawable("A\u0378B\u0378"));
  }

  @Test
  void emblem_isRingAndStarWithoutText_andNeedsNoFont() throws Exception {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(SealPictures.emblem(42, 300)));
    int size = (int) Math.round(42 / 25.4 * 300);
    assertEquals(size, img.getWidth());
    assertTrue(red(img.getRGB(size / 2, size / 2)), "the star");
    assertTrue(red(img.getRGB(size / 2, 3)), "the ring");
    assertEquals(0, redIn(img, 0.35, 0.65, 0.12, 0.25), "no text on the arc");
  }

  @Test
  void roundSeal_badArguments_rejected() {
    assertThrows(IllegalArgumentException.class,
        () -> SealPictures.roundSeal("", 42, 300));
    assertThrows(IllegalArgumentException.class,
        () -> SealPictures.roundSeal("x", 5, 300));
  }
}
