package org.tongban.license.qr.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.awt.color.ColorSpace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.tongban.MalformedInputException;
import org.tongban.license.internal.Zlib;
import org.tongban.result.Reason;

/**
 * {@link PngGrey} against the JDK's PNG reader (ImageIO), pixel for pixel, over every colour
 * type, bit depth, interlacing and transparency ImageIO's writer produces (its adaptive filter
 * choice exercises all five row filters), and against hand-built files for what ImageIO does not
 * write; then hostile files, each with its reason.
 */
class PngGreyTest {
  private static final int W = 61;
  private static final int H = 37;

  /** A picture with every level: a diagonal gradient, noise, and a black and a white block. */
  private static void paint(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(10, 200, 40, 255), W, H,
        new Color(250, 20, 180, 40)));
    g.fillRect(0, 0, W, H);
    g.setColor(Color.BLACK);
    g.fillRect(3, 3, 9, 9);
    g.setColor(Color.WHITE);
    g.fillRect(20, 5, 9, 9);
    g.dispose();
    Random r = new Random(7);
    for (int i = 0; i < 300; i++) {
      img.setRGB(r.nextInt(W), r.nextInt(H), r.nextInt());
    }
  }

  private static byte[] write(BufferedImage img, boolean interlaced) throws IOException {
    ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream s = new MemoryCacheImageOutputStream(out)) {
      w.setOutput(s);
      ImageWriteParam p = w.getDefaultWriteParam();
      p.setProgressiveMode(interlaced ? ImageWriteParam.MODE_DEFAULT
          : ImageWriteParam.MODE_DISABLED);
      w.write(null, new IIOImage(img, null, null), p);
    } finally {
      w.dispose();
    }
    return out.toByteArray();
  }

  /** What the plane must hold, computed from ImageIO's reading of the same file. */
  private static byte[] reference(byte[] png) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    byte[] out = new byte[img.getWidth() * img.getHeight()];
    Raster r = img.getRaster();
    ColorModel cm = img.getColorModel();
    // ImageIO's component images (grey, 16-bit) come back in linear or 16-bit form where
    // getRGB would re-gamma or round them; a PNG sample is the level itself, scaled to 8 bits
    // (16-bit samples by their high byte). Packed and palette images go through getRGB.
    boolean samples = cm instanceof ComponentColorModel;
    int bits = cm.getComponentSize(0);
    int colours = cm.getNumColorComponents();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int v;
        if (samples) {
          v = colours == 1 ? level(r.getSample(x, y, 0), bits)
              : Grey.luminance(level(r.getSample(x, y, 0), bits),
                  level(r.getSample(x, y, 1), bits), level(r.getSample(x, y, 2), bits));
          if (cm.hasAlpha()) {
            v = Grey.overWhite(v, level(r.getSample(x, y, colours), bits));
          }
        } else {
          int p = img.getRGB(x, y);
          v = Grey.overWhite(Grey.luminance((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff),
              p >>> 24);
        }
        out[y * img.getWidth() + x] = (byte) v;
      }
    }
    return out;
  }

  private static int level(int sample, int bits) {
    return bits == 16 ? sample >>> 8 : sample * 255 / ((1 << bits) - 1);
  }

  private static BufferedImage custom(int channels, boolean alpha, int bits) {
    ColorSpace cs = ColorSpace.getInstance(channels >= 3 ? ColorSpace.CS_sRGB
        : ColorSpace.CS_GRAY);
    int type = bits == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE;
    ComponentColorModel cm = new ComponentColorModel(cs, alpha, false,
        alpha ? java.awt.Transparency.TRANSLUCENT : java.awt.Transparency.OPAQUE, type);
    WritableRaster raster = cm.createCompatibleWritableRaster(W, H);
    Random r = new Random(channels * 31 + bits);
    int max = (1 << bits) - 1;
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        for (int b = 0; b < raster.getNumBands(); b++) {
          int v = (x * 4 + y * 3 + b * 50) * max / 400 + r.nextInt(8);
          raster.setSample(x, y, b, Math.min(max, v));
        }
      }
    }
    return new BufferedImage(cm, raster, false, null);
  }

  private static BufferedImage packed(int bits, boolean palette) {
    int n = 1 << bits;
    byte[] lv = new byte[n];
    byte[] g2 = new byte[n];
    byte[] b2 = new byte[n];
    byte[] a2 = new byte[n];
    for (int i = 0; i < n; i++) {
      lv[i] = (byte) (i * 255 / (n - 1));
      g2[i] = (byte) (palette ? 255 - i * 255 / (n - 1) : lv[i]);
      b2[i] = (byte) (palette ? i * 97 : lv[i]);
      a2[i] = (byte) (palette && i == 1 ? 0 : palette && i == 2 ? 128 : 255);
    }
    IndexColorModel icm = palette ? new IndexColorModel(bits, n, lv, g2, b2, a2)
        : new IndexColorModel(bits, n, lv, lv, lv);
    BufferedImage img = new BufferedImage(W, H, bits == 8 ? BufferedImage.TYPE_BYTE_INDEXED
        : BufferedImage.TYPE_BYTE_BINARY, icm);
    Random r = new Random(bits);
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        img.getRaster().setSample(x, y, 0, (x + y + r.nextInt(3)) % n);
      }
    }
    return img;
  }

  @Test
  void everyImageIoForm_matchesImageIoPixelForPixel() throws IOException {
    List<BufferedImage> images = new java.util.ArrayList<>();
    for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
        BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR,
        BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY}) {
      BufferedImage img = new BufferedImage(W, H, type);
      paint(img);
      images.add(img);
    }
    for (int bits : new int[] {1, 2, 4, 8}) {
      images.add(packed(bits, false));
      images.add(packed(bits, true));
    }
    images.add(custom(3, false, 16));
    images.add(custom(3, true, 16));
    images.add(custom(1, true, 8));
    images.add(custom(1, true, 16));
    int n = 0;
    for (BufferedImage img : images) {
      for (boolean interlaced : new boolean[] {false, true}) {
        byte[] png = write(img, interlaced);
        assertEquals(interlaced ? 1 : 0, png[28], "interlace method written");
        Grey g = PngGrey.decode(png, 8000);
        assertEquals(W, g.width());
        assertEquals(H, g.height());
        assertArrayEquals(reference(png), g.pixels(), "image " + n + " (colour type "
            + png[25] + ", depth " + png[24] + ", interlaced " + interlaced + ")");
        n++;
      }
    }
    assertEquals(36, n);
  }

  // --- hand-built files: tRNS keys, IDAT split byte by byte, data after IEND ---------------

  private static byte[] chunk(String type, byte[] data) {
    byte[] out = new byte[12 + data.length];
    java.nio.ByteBuffer.wrap(out).putInt(data.length).put(type.getBytes(
        java.nio.charset.StandardCharsets.US_ASCII)).put(data);
    CRC32 crc = new CRC32();
    crc.update(out, 4, 4 + data.length);
    java.nio.ByteBuffer.wrap(out, 8 + data.length, 4).putInt((int) crc.getValue());
    return out;
  }

  private static byte[] ihdr(int w, int h, int depth, int ct, int interlace) {
    return java.nio.ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) depth)
        .put((byte) ct).put((byte) 0).put((byte) 0).put((byte) interlace).array();
  }

  private static byte[] file(byte[]... chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
    for (byte[] c : chunks) {
      out.writeBytes(c);
    }
    return out.toByteArray();
  }

  /** A 2 x 2 RGB 8-bit image, rows unfiltered: red, key colour / blue, white. */
  private static byte[] rgbRows() {
    return new byte[] {0, (byte) 255, 0, 0, 10, 20, 30,
        0, 0, 0, (byte) 255, (byte) 255, (byte) 255, (byte) 255};
  }

  @Test
  void transparencyKeys_areWhite_andSplitData_reads() {
    byte[] key = {0, 10, 0, 20, 0, 30};
    byte[] z = Zlib.compress(rgbRows());
    List<byte[]> chunks = new java.util.ArrayList<>();
    chunks.add(chunk("IHDR", ihdr(2, 2, 8, 2, 0)));
    chunks.add(chunk("tRNS", key));
    for (byte b : z) {
      chunks.add(chunk("IDAT", new byte[] {b}));
    }
    chunks.add(chunk("IEND", new byte[0]));
    byte[] png = file(chunks.toArray(new byte[0][]));
    byte[] plane = PngGrey.decode(png, 8000).pixels();
    assertArrayEquals(new byte[] {(byte) Grey.luminance(255, 0, 0), (byte) 255,
        (byte) Grey.luminance(0, 0, 255), (byte) 255}, plane);
    // 2-bit grey with a key on level 1.
    byte[] grey = file(chunk("IHDR", ihdr(4, 1, 2, 0, 0)), chunk("tRNS", new byte[] {0, 1}),
        chunk("IDAT", Zlib.compress(new byte[] {0, (byte) 0b00_01_10_11})),
        chunk("IEND", new byte[0]),
        chunk("junk", new byte[3]));
    assertArrayEquals(new byte[] {0, (byte) 255, (byte) 170, (byte) 255},
        PngGrey.decode(grey, 8000).pixels());
  }

  // --- hostile files -----------------------------------------------------------------------

  private static void rejects(byte[] png, String message) {
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> PngGrey.decode(png, 8000));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void hostileFiles_getTypedReasons() {
    byte[] idat = chunk("IDAT", Zlib.compress(rgbRows()));
    byte[] iend = chunk("IEND", new byte[0]);
    byte[] ok = file(chunk("IHDR", ihdr(2, 2, 8, 2, 0)), idat, iend);
    assertEquals(4, PngGrey.decode(ok, 8000).pixels().length);

    assertFalse(PngGrey.isPng(new byte[] {1, 2, 3}));
    rejects(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, "not a PNG");
    rejects(Arrays.copyOf(ok, ok.length - 12), "no IEND");
    rejects(Arrays.copyOf(ok, ok.length - 5), "no IEND");
    byte[] badCrc = ok.clone();
    badCrc[8 + 4 + 4 + 5] ^= 1;
    rejects(badCrc, "CRC");
    rejects(file(idat, iend), "does not start with IHDR");
    rejects(file(chunk("IHDR", ihdr(2, 2, 8, 2, 0)), chunk("IHDR", ihdr(2, 2, 8, 2, 0)), idat,
        iend), "two IHDR");
    rejects(file(chunk("IHDR", ihdr(2, 2, 3, 0, 0)), idat, iend), "invalid colour type");
    rejects(file(chunk("IHDR", ihdr(2, 2, 8, 5, 0)), idat, iend), "invalid colour type");
    rejects(file(chunk("IHDR", ihdr(2, 2, 8, 2, 2)), idat, iend), "invalid colour type");
    rejects(file(chunk("IHDR", ihdr(0, 2, 8, 2, 0)), idat, iend), "positive");
    rejects(file(chunk("IHDR", ihdr(-5, 2, 8, 2, 0)), idat, iend), "positive");
    MalformedInputException big = assertThrows(MalformedInputException.class,
        () -> PngGrey.decode(file(chunk("IHDR", ihdr(8001, 2, 8, 2, 0)), idat, iend), 8000));
    assertEquals(Reason.SIZE_LIMIT_EXCEEDED, big.reason());
    rejects(file(chunk("IHDR", ihdr(2, 2, 8, 2, 0)), chunk("ABCD", new byte[1]), idat, iend),
        "unknown critical chunk");
    // Ancillary chunks we do not know are skipped.
    assertEquals(4, PngGrey.decode(file(chunk("IHDR", ihdr(2, 2, 8, 2, 0)),
        chunk("tEXt", "a\0b".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), idat,
        iend), 8000).pixels().length);
    rejects(file(chunk("IHDR", ihdr(2, 3, 8, 2, 0)), idat, iend), "shorter than the image");
    rejects(file(chunk("IHDR", ihdr(2, 2, 8, 2, 0)), iend), "shorter than the image");
    rejects(file(chunk("IHDR", ihdr(2, 2, 8, 2, 0)), chunk("IDAT", new byte[] {1, 2, 3, 4}),
        iend), "not valid zlib");
    byte[] badFilter = rgbRows();
    badFilter[7] = 5;
    rejects(file(chunk("IHDR", ihdr(2, 2, 8, 2, 0)), chunk("IDAT", Zlib.compress(badFilter)), iend),
        "filter type");
    rejects(file(chunk("IHDR", ihdr(2, 2, 8, 2, 0)), idat, chunk("tEXt", new byte[1]), idat,
        iend), "not contiguous");
    rejects(file(chunk("IHDR", ihdr(2, 1, 8, 3, 0)),
        chunk("IDAT", Zlib.compress(new byte[3])), iend),
        "without PLTE");
    rejects(file(chunk("IHDR", ihdr(2, 1, 8, 3, 0)), chunk("PLTE", new byte[] {1, 2, 3}),
        chunk("IDAT", Zlib.compress(new byte[] {0, 0, 1})), iend), "outside the palette");
    rejects(file(chunk("IHDR", ihdr(8, 1, 1, 3, 0)), chunk("PLTE", new byte[] {1, 2, 3}),
        chunk("IDAT", Zlib.compress(new byte[] {0, 0x01})), iend), "outside the palette");
    rejects(file(chunk("IHDR", ihdr(2, 1, 8, 3, 0)), chunk("PLTE", new byte[4]), idat, iend),
        "palette malformed");
    // A tRNS chunk as long as the file would otherwise become an int per byte.
    rejects(file(chunk("IHDR", ihdr(2, 2, 8, 2, 0)), chunk("tRNS", new byte[257]), idat, iend),
        "tRNS malformed");
    rejects(file(chunk("IHDR", ihdr(2, 2, 8, 2, 0)), idat, chunk("tRNS", new byte[6]), iend),
        "tRNS malformed");
  }

  @Test
  void hugeClaimedImage_isBoundedBySideLimit_notByTheFile() {
    // 8000 x 8000 zero rows compress to a few kB; the plane is the only large allocation.
    byte[] raw = new byte[8001];
    java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
    Deflater d = new Deflater(9);
    byte[] buf = new byte[1 << 16];
    for (int i = 0; i < 8000; i++) {
      d.setInput(raw);
      while (!d.needsInput()) {
        z.write(buf, 0, d.deflate(buf));
      }
    }
    d.finish();
    while (!d.finished()) {
      z.write(buf, 0, d.deflate(buf));
    }
    d.end();
    byte[] png = file(chunk("IHDR", ihdr(8000, 8000, 8, 0, 0)), chunk("IDAT", z.toByteArray()),
        chunk("IEND", new byte[0]));
    assertTrue(png.length < 200_000, "compressed to " + png.length);
    Grey g = PngGrey.decode(png, 8000);
    assertEquals(64_000_000, g.pixels().length);
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> PngGrey.decode(png, 4000));
    assertEquals(Reason.SIZE_LIMIT_EXCEEDED, e.reason());
  }
}
