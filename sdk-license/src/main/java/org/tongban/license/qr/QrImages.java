package org.tongban.license.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.tongban.MalformedInputException;
import org.tongban.io.Limits;
import org.tongban.license.qr.internal.Grey;
import org.tongban.license.qr.internal.GreyImages;
import org.tongban.license.qr.internal.PngGrey;
import org.tongban.license.qr.internal.QrReader;
import org.tongban.result.Reason;

/**
 * Renders QR codes as PNG and reads them back from images.
 *
 * <p>Rendering: error correction Q by default; a text made only of the QR alphanumeric set
 * (every Tongban and HCERT text) is encoded in alphanumeric mode, anything else in byte mode
 * with a UTF-8 ECI.
 *
 * <p>Reading works on the image's luminance: a PNG is decoded straight to grey by our own
 * decoder, other formats through ImageIO, a {@link BufferedImage} is read in its own raster
 * layout, a camera's Y plane is taken as it is ({@link #decodeLuminance}). The first attempt
 * (one fast binarization, ZXing's detector and decoder) reads a rendered code or a fair
 * photograph in about a millisecond; then come ZXing's multi-code reader, pure-barcode and
 * try-harder reading, a global-histogram binarizer, the inverted image (light on dark), and all
 * of these on the image turned 45°, on a smoothed image and on a smoothed half-size one (noise).
 * A code is never picked from several: once one is read, the image is searched again without
 * it, and a second code with a different text is {@link Reason#AMBIGUOUS_INPUT}. Below about
 * 2 pixels per module no attempt can succeed; the error says so. Images over 64 MiB or
 * 8000 × 8000 pixels are refused before they are decoded.
 *
 * <p>Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class QrImages {
  /** The largest image file read: 64 MiB. */
  public static final int MAX_IMAGE_BYTES = 64 << 20;
  /** The largest image side read, in pixels. */
  public static final int MAX_IMAGE_SIDE = 8000;

  private QrImages() {}

  /**
   * Rendering options.
   *
   * @param modulePixels pixels per module, 1 to 40 (default 8)
   * @param marginModules quiet zone in modules, 0 to 10 (default 4)
   * @param errorCorrection L, M, Q or H (default Q)
   */
  public record Options(int modulePixels, int marginModules, char errorCorrection) {
    /**
     * Validates the options.
     *
     * @param modulePixels pixels per module
     * @param marginModules quiet zone
     * @param errorCorrection level
     */
    public Options {
      if (modulePixels < 1 || modulePixels > 40 || marginModules < 0 || marginModules > 10
          || "LMQH".indexOf(errorCorrection) < 0) {
        throw new IllegalArgumentException("modulePixels 1-40, marginModules 0-10, ECC L/M/Q/H");
      }
    }

    /**
     * Returns the defaults: 8 px per module, 4 modules of quiet zone, ECC Q.
     *
     * @return the defaults
     */
    public static Options defaults() {
      return new Options(8, 4, 'Q');
    }
  }

  /**
   * Renders text as a PNG QR code.
   *
   * @param text the text, at most {@link Limits#MAX_QR_TEXT_BYTES}
   * @param options the options
   * @return PNG bytes
   */
  public static byte[] renderPng(String text, Options options) {
    BufferedImage img = render(text, options);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Renders text as a QR code image (black on white).
   *
   * @param text the text
   * @param options the options
   * @return the image
   */
  public static BufferedImage render(String text, Options options) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(options, "options");
    if (text.isEmpty() || text.length() > Limits.MAX_QR_TEXT_BYTES) {
      throw new IllegalArgumentException("QR text must have 1-" + Limits.MAX_QR_TEXT_BYTES
          + " characters");
    }
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.ERROR_CORRECTION,
        ErrorCorrectionLevel.valueOf(String.valueOf(options.errorCorrection())));
    hints.put(EncodeHintType.MARGIN, options.marginModules());
    if (!text.chars().allMatch(c -> Base45.ALPHABET.indexOf(c) >= 0)) {
      hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
    }
    BitMatrix m;
    try {
      m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
    } catch (WriterException | IllegalArgumentException e) {
      throw new IllegalArgumentException("text does not fit in a QR code", e);
    }
    int s = options.modulePixels();
    BufferedImage img = new BufferedImage(m.getWidth() * s, m.getHeight() * s,
        BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.setRGB(x, y, m.get(x / s, y / s) ? 0xff000000 : 0xffffffff);
      }
    }
    return img;
  }

  /**
   * Reads a QR code from an image file (PNG, JPEG, GIF, BMP).
   *
   * @param file the file
   * @return the text
   * @throws IOException if the file cannot be read
   * @throws MalformedInputException if there is no readable QR code
   */
  public static String decode(Path file) throws IOException {
    if (Files.size(file) > MAX_IMAGE_BYTES) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED, "image file too large", null);
    }
    return decode(Files.readAllBytes(file));
  }

  /**
   * Reads a QR code from image bytes. A PNG is decoded straight to luminance by our own decoder
   * (every colour type, depth and interlacing; see the class comment); other formats go through
   * ImageIO.
   *
   * @param image the image bytes
   * @return the text
   * @throws MalformedInputException if it is not an image or has no readable QR code
   */
  public static String decode(byte[] image) {
    Objects.requireNonNull(image, "image");
    if (image.length > MAX_IMAGE_BYTES) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED, "image too large", null);
    }
    try {
      Grey grey = PngGrey.isPng(image) ? PngGrey.decode(image, MAX_IMAGE_SIDE)
          : GreyImages.of(readWithImageIo(image));
      return decode(grey);
    } catch (IOException | RuntimeException e) {
      if (e instanceof MalformedInputException) {
        throw (MalformedInputException) e;
      }
      throw new MalformedInputException("unreadable image", e);
    }
  }

  private static BufferedImage readWithImageIo(byte[] image) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new MalformedInputException("not an image");
      }
      ImageReader r = readers.next();
      try {
        r.setInput(in);
        if (r.getWidth(0) > MAX_IMAGE_SIDE || r.getHeight(0) > MAX_IMAGE_SIDE) {
          throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED,
              "image larger than " + MAX_IMAGE_SIDE + " px", null);
        }
        return r.read(0);
      } finally {
        r.dispose();
      }
    }
  }

  /**
   * Reads the QR code of an image.
   *
   * @param image the image
   * @return the text
   * @throws MalformedInputException if there is no readable QR code, or
   *     ({@link Reason#AMBIGUOUS_INPUT}) the image holds QR codes with different texts: which
   *     one is meant is not guessed
   */
  public static String decode(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    if (image.getWidth() > MAX_IMAGE_SIDE || image.getHeight() > MAX_IMAGE_SIDE) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED, "image too large", null);
    }
    return decode(GreyImages.of(image));
  }

  /**
   * Reads the QR code of a luminance plane — a camera frame's Y plane (NV21, YUV_420_888,
   * I420 all start with it), one byte per pixel, row after row, 0 black to 255 white.
   *
   * @param luminance {@code width * height} bytes; not modified, not kept
   * @param width the width in pixels, at most {@link #MAX_IMAGE_SIDE}
   * @param height the height in pixels, at most {@link #MAX_IMAGE_SIDE}
   * @return the text
   * @throws IllegalArgumentException if the array's length is not {@code width * height}
   * @throws MalformedInputException as {@link #decode(BufferedImage)}
   */
  public static String decodeLuminance(byte[] luminance, int width, int height) {
    Objects.requireNonNull(luminance, "luminance");
    if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED, "image too large", null);
    }
    return decode(new Grey(width, height, luminance));
  }

  private static String decode(Grey grey) {
    try {
      return QrReader.read(grey);
    } catch (MalformedInputException e) {
      throw e;
    } catch (RuntimeException e) {
      // Defence in depth: nothing from the image code or ZXing escapes untyped.
      throw new MalformedInputException("unreadable image", e);
    }
  }
}
