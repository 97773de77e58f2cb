package org.tongban.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.tongban.seal.ses.SealPicture;

class SealPicturesTest {
  private static boolean red(int argb) {
    int a = argb >>> 24;
    int r = (argb >> 16) & 0xff;
    int g = (argb >> 8) & 0xff;
    int b = argb & 0xff;
    return a > 200 && r > 180 && g < 80 && b < 80;
  }

  @Test
  void roundSeal_isTrueSizeRedRingStarAndText() throws Exception {
    byte[] png = SealPictures.roundSeal("某某市市场监督管理局", Optional.of("合同专用章"), 42, 300);
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
  void findFont_withoutAnyFontForTheText_saysWhatToInstall() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SealPictures.findFont("\u0378\u0379"));
    assertTrue(e.getMessage().contains("fonts-noto-cjk"), e.getMessage());
  }

  @Test
  void roundSeal_badArguments_rejected() {
    assertThrows(IllegalArgumentException.class,
        () -> SealPictures.roundSeal("", Optional.empty(), 42, 300));
    assertThrows(IllegalArgumentException.class,
        () -> SealPictures.roundSeal("x", Optional.empty(), 5, 300));
  }
}
