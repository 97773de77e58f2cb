package org.tongban.license.qr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link GreyImages}' raster shortcuts against the colour model's own conversion
 * ({@code getRGB}, composited over white) for every {@link BufferedImage} type, and for a
 * sub-image (a raster whose data does not start at its origin).
 */
class GreyImagesTest {
  private static BufferedImage painted(int type) {
    BufferedImage img = new BufferedImage(53, 29, type);
    Graphics2D g = img.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(250, 30, 60, 255), 53, 29,
        new Color(20, 220, 140, 30)));
    g.fillRect(0, 0, 53, 29);
    g.setColor(Color.BLACK);
    g.fillRect(2, 2, 7, 7);
    g.dispose();
    Random r = new Random(type);
    for (int i = 0; i < 200; i++) {
      img.setRGB(r.nextInt(53), r.nextInt(29), r.nextInt());
    }
    return img;
  }

  private static void assertMatches(BufferedImage img, int tolerance, String what) {
    Grey g = GreyImages.of(img);
    assertEquals(img.getWidth(), g.width());
    assertEquals(img.getHeight(), g.height());
    int dark = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int expected;
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
          // The stored level (getRGB would re-gamma ImageIO's "linear grey").
          expected = img.getRaster().getSample(x, y, 0);
        } else {
          int p = img.getRGB(x, y);
          expected = Grey.overWhite(Grey.luminance((p >> 16) & 0xff, (p >> 8) & 0xff,
              p & 0xff), p >>> 24);
        }
        int actual = g.pixels()[y * img.getWidth() + x] & 0xff;
        assertTrue(Math.abs(expected - actual) <= tolerance,
            what + " at " + x + "," + y + ": " + expected + " vs " + actual);
        dark += actual < 64 ? 1 : 0;
      }
    }
    assertTrue(dark >= 30, what + ": the black block is there (" + dark + " dark pixels)");
  }

  @Test
  void everyImageType_matchesTheColourModel() {
    int[] types = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
        BufferedImage.TYPE_INT_ARGB_PRE, BufferedImage.TYPE_INT_BGR,
        BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR,
        BufferedImage.TYPE_4BYTE_ABGR_PRE, BufferedImage.TYPE_USHORT_565_RGB,
        BufferedImage.TYPE_USHORT_555_RGB, BufferedImage.TYPE_BYTE_GRAY,
        BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_BYTE_BINARY,
        BufferedImage.TYPE_BYTE_INDEXED};
    for (int type : types) {
      // Premultiplied colours round once more on the way through getRGB.
      boolean pre = type == BufferedImage.TYPE_INT_ARGB_PRE
          || type == BufferedImage.TYPE_4BYTE_ABGR_PRE;
      BufferedImage img = painted(type);
      assertMatches(img, pre ? 2 : 0, "type " + type);
      assertMatches(img.getSubimage(1, 1, 40, 20), pre ? 2 : 0, "sub-image of type " + type);
    }
  }
}
