package org.tongban.license.qr.internal;

/**
 * An 8-bit luminance plane, row after row, 0 black to 255 white; transparent pixels are
 * composited over white. Luminance is ZXing's integer weighting of sRGB values
 * ({@code (306 R + 601 G + 117 B + 512) >> 10}), so a code reads the same whichever path built
 * the plane.
 *
 * @param width the width in pixels
 * @param height the height in pixels
 * @param pixels {@code width * height} bytes, not copied
 */
public record Grey(int width, int height, byte[] pixels) {
  /**
   * Checks the size.
   *
   * @param width width
   * @param height height
   * @param pixels the plane
   */
  public Grey {
    if (width < 1 || height < 1 || pixels.length != width * height) {
      throw new IllegalArgumentException("plane size does not match " + width + "x" + height);
    }
  }

  /**
   * Luminance of an sRGB pixel.
   *
   * @param r red 0-255
   * @param g green 0-255
   * @param b blue 0-255
   * @return luminance 0-255
   */
  public static int luminance(int r, int g, int b) {
    return (306 * r + 601 * g + 117 * b + 0x200) >> 10;
  }

  /**
   * A luminance composited over white by its alpha.
   *
   * @param grey luminance 0-255
   * @param alpha alpha 0 (transparent) to 255 (opaque)
   * @return the luminance seen on white paper
   */
  public static int overWhite(int grey, int alpha) {
    return (grey * alpha + 255 * (255 - alpha) + 127) / 255;
  }
}
