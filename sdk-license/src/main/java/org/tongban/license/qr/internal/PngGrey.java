package org.tongban.license.qr.internal;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.tongban.MalformedInputException;
import org.tongban.result.Reason;

/**
 * Decodes a PNG (ISO/IEC 15948) straight into a {@link Grey} plane — the only thing a QR reader
 * needs — without building a colour image first: ImageIO's PNG reader plus a colour-to-grey
 * pass cost a 600 × 600 code several milliseconds, this about a tenth of that.
 *
 * <p>Reads every standard form: colour types 0, 2, 3, 4 and 6, bit depths 1 to 16, Adam7
 * interlacing, {@code tRNS} transparency (composited over white). Ignores gamma and colour
 * profiles (a binarizer only compares neighbouring levels). Rejects with a
 * {@link MalformedInputException}: a bad signature, a chunk CRC that does not match, an
 * {@code IHDR} that is missing, not first or invalid, a side over the caller's limit, a palette
 * or {@code tRNS} longer than 256 entries or after the image data, an unknown
 * critical chunk, a palette index outside the palette, a filter type other than 0 to 4, and
 * image data that is corrupt or shorter than the image. Memory is the grey plane, two rows and a
 * 32 KiB buffer: the image data is inflated a buffer at a time and consumed row by row, never
 * into one array, so a small file claiming a huge image costs no more than its plane (bounded
 * by the side limit).
 *
 * <p>Thread-safe (stateless).
 */
public final class PngGrey {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};
  private static final int IHDR = 0x49484452;
  private static final int PLTE = 0x504c5445;
  private static final int TRNS = 0x74524e53;
  private static final int IDAT = 0x49444154;
  private static final int IEND = 0x49454e44;
  // Adam7: first column, first row, column step, row step of each pass.
  private static final int[][] ADAM7 = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
      {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
  private static final int[][] NOT_INTERLACED = {{0, 0, 1, 1}};

  private PngGrey() {}

  /**
   * Whether the bytes start with the PNG signature.
   *
   * @param data the bytes
   * @return true for a PNG
   */
  public static boolean isPng(byte[] data) {
    if (data.length < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (data[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Decodes a PNG into its luminance plane.
   *
   * @param png the file's bytes
   * @param maxSide the largest width or height accepted
   * @return the plane
   * @throws MalformedInputException if it is not a valid PNG, or ({@link
   *     Reason#SIZE_LIMIT_EXCEEDED}) a side is over {@code maxSide}
   */
  public static Grey decode(byte[] png, int maxSide) {
    if (!isPng(png)) {
      throw new MalformedInputException("not a PNG");
    }
    Header h = null;
    int[] palette = null;
    int[] trns = null;
    Inflater inflater = new Inflater();
    Rows rows = null;
    CRC32 crc = new CRC32();
    int pos = SIGNATURE.length;
    boolean idatSeen = false;
    boolean idatEnded = false;
    try {
      while (true) {
        if (png.length - pos < 12) {
          throw new MalformedInputException("PNG truncated: no IEND chunk");
        }
        int len = readInt(png, pos);
        int type = readInt(png, pos + 4);
        if (len < 0 || len > png.length - pos - 12) {
          throw new MalformedInputException("PNG chunk longer than the file");
        }
        int data = pos + 8;
        crc.reset();
        crc.update(png, pos + 4, len + 4);
        if ((int) crc.getValue() != readInt(png, data + len)) {
          throw new MalformedInputException("PNG chunk CRC does not match");
        }
        pos = data + len + 4;
        if (h == null && type != IHDR) {
          throw new MalformedInputException("PNG does not start with IHDR");
        }
        if (idatSeen && type != IDAT) {
          idatEnded = true;
        }
        switch (type) {
          case IHDR -> {
            if (h != null) {
              throw new MalformedInputException("PNG has two IHDR chunks");
            }
            h = Header.parse(png, data, len, maxSide);
          }
          case PLTE -> {
            if (len % 3 != 0 || len == 0 || len > 768 || idatSeen) {
              throw new MalformedInputException("PNG palette malformed");
            }
            palette = new int[len / 3];
            for (int i = 0; i < palette.length; i++) {
              int o = data + 3 * i;
              palette[i] = Grey.luminance(png[o] & 0xff, png[o + 1] & 0xff, png[o + 2] & 0xff);
            }
          }
          case TRNS -> {
            // At most one alpha per palette entry (256); a key colour is 2 or 6 bytes.
            if (idatSeen || len > 256) {
              throw new MalformedInputException("PNG tRNS malformed");
            }
            trns = new int[len];
            for (int i = 0; i < len; i++) {
              trns[i] = png[data + i] & 0xff;
            }
          }
          case IDAT -> {
            if (idatEnded) {
              throw new MalformedInputException("PNG image data is not contiguous");
            }
            if (!idatSeen) {
              idatSeen = true;
              rows = new Rows(h, palette, trns);
            }
            inflater.setInput(png, data, len);
            rows.feed(inflater);
          }
          case IEND -> {
            if (rows == null || !rows.done()) {
              throw new MalformedInputException("PNG image data shorter than the image");
            }
            return rows.grey();
          }
          default -> {
            // Bit 5 of the first letter clear: critical, and we cannot know what it changes.
            if ((type & 0x20000000) == 0) {
              throw new MalformedInputException("PNG has an unknown critical chunk");
            }
          }
        }
      }
    } catch (DataFormatException e) {
      throw new MalformedInputException("PNG image data is not valid zlib", e);
    } finally {
      inflater.end();
    }
  }

  private static int readInt(byte[] b, int o) {
    return (b[o] & 0xff) << 24 | (b[o + 1] & 0xff) << 16 | (b[o + 2] & 0xff) << 8 | b[o + 3] & 0xff;
  }

  private record Header(int width, int height, int depth, int colourType, boolean interlaced) {
    static Header parse(byte[] b, int o, int len, int maxSide) {
      if (len != 13) {
        throw new MalformedInputException("PNG IHDR must be 13 bytes");
      }
      int w = readInt(b, o);
      int h = readInt(b, o + 4);
      int depth = b[o + 8] & 0xff;
      int ct = b[o + 9] & 0xff;
      if (w <= 0 || h <= 0) {
        throw new MalformedInputException("PNG size must be positive");
      }
      if (w > maxSide || h > maxSide) {
        throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED,
            "image larger than " + maxSide + " px", null);
      }
      boolean ok = switch (ct) {
        case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
        case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
        case 2, 4, 6 -> depth == 8 || depth == 16;
        default -> false;
      };
      if (!ok || b[o + 10] != 0 || b[o + 11] != 0 || (b[o + 12] & 0xff) > 1) {
        throw new MalformedInputException("PNG IHDR has an invalid colour type, depth or method");
      }
      return new Header(w, h, depth, ct, b[o + 12] == 1);
    }

    int channels() {
      return switch (colourType) {
        case 2 -> 3;
        case 4 -> 2;
        case 6 -> 4;
        default -> 1;
      };
    }
  }

  /** The row-by-row state: inflates, unfilters and converts one row at a time. */
  private static final class Rows {
    private final Header h;
    private final byte[] grey;
    private final int[][] passes;
    private final int bitsPerPixel;
    private final int filterStride;
    private final int[] paletteGrey;
    // tRNS key for colour types 0 and 2, compared with the raw samples; -1 when none.
    private final int keyGrey;
    private final int keyR;
    private final int keyG;
    private final int keyB;
    // Inflated bytes not yet consumed: buffer[pos, limit).
    private final byte[] buffer = new byte[1 << 15];
    private int pos;
    private int limit;
    private byte[] cur;
    private byte[] prev;
    private int pass = -1;
    private int passWidth;
    private int passHeight;
    private int rowBytes;
    private int row;
    private int filled;

    Rows(Header h, int[] palette, int[] trns) {
      this.h = h;
      this.grey = new byte[Math.multiplyExact(h.width, h.height)];
      this.passes = h.interlaced ? ADAM7 : NOT_INTERLACED;
      this.bitsPerPixel = h.channels() * h.depth;
      this.filterStride = Math.max(1, bitsPerPixel / 8);
      if (h.colourType == 3) {
        if (palette == null) {
          throw new MalformedInputException("PNG palette image without PLTE");
        }
        paletteGrey = new int[palette.length];
        for (int i = 0; i < palette.length; i++) {
          int a = trns != null && i < trns.length ? trns[i] : 255;
          paletteGrey[i] = Grey.overWhite(palette[i], a);
        }
      } else {
        paletteGrey = null;
      }
      int gk = -1;
      int rk = -1;
      int gg = -1;
      int bk = -1;
      if (trns != null && h.colourType == 0 && trns.length >= 2) {
        gk = trns[0] << 8 | trns[1];
      } else if (trns != null && h.colourType == 2 && trns.length >= 6) {
        rk = trns[0] << 8 | trns[1];
        gg = trns[2] << 8 | trns[3];
        bk = trns[4] << 8 | trns[5];
      }
      keyGrey = gk;
      keyR = rk;
      keyG = gg;
      keyB = bk;
      nextPass();
    }

    boolean done() {
      return pass >= passes.length;
    }

    Grey grey() {
      return new Grey(h.width, h.height, grey);
    }

    private void nextPass() {
      while (++pass < passes.length) {
        int[] p = passes[pass];
        passWidth = (h.width - p[0] + p[2] - 1) / p[2];
        passHeight = (h.height - p[1] + p[3] - 1) / p[3];
        if (passWidth > 0 && passHeight > 0) {
          rowBytes = (int) (((long) passWidth * bitsPerPixel + 7) / 8);
          // Fresh arrays: the row above a pass's first row is zeros.
          cur = new byte[rowBytes + 1];
          prev = new byte[rowBytes + 1];
          row = 0;
          filled = 0;
          return;
        }
      }
    }

    /**
     * Inflates what the current input holds, a buffer at a time (one native call per row would
     * cost more than the rows), and consumes it row by row; returns when it needs more input.
     */
    void feed(Inflater in) throws DataFormatException {
      while (!done()) {
        if (pos == limit) {
          limit = in.inflate(buffer);
          pos = 0;
          if (limit == 0) {
            if (in.needsInput() && !in.finished()) {
              return;
            }
            throw new MalformedInputException("PNG image data shorter than the image");
          }
        }
        int n = Math.min(limit - pos, cur.length - filled);
        System.arraycopy(buffer, pos, cur, filled, n);
        pos += n;
        filled += n;
        if (filled == cur.length) {
          unfilter();
          convert();
          byte[] t = prev;
          prev = cur;
          cur = t;
          filled = 0;
          if (++row == passHeight) {
            nextPass();
          }
        }
      }
    }

    private void unfilter() {
      byte[] c = cur;
      byte[] p = prev;
      int bpp = filterStride;
      int n = rowBytes + 1;
      switch (c[0]) {
        case 0 -> { }
        case 1 -> {
          for (int i = 1 + bpp; i < n; i++) {
            c[i] += c[i - bpp];
          }
        }
        case 2 -> {
          for (int i = 1; i < n; i++) {
            c[i] += p[i];
          }
        }
        case 3 -> {
          for (int i = 1; i < n; i++) {
            int left = i > bpp ? c[i - bpp] & 0xff : 0;
            c[i] += (byte) ((left + (p[i] & 0xff)) >>> 1);
          }
        }
        case 4 -> {
          for (int i = 1; i < n; i++) {
            int a = i > bpp ? c[i - bpp] & 0xff : 0;
            int b = p[i] & 0xff;
            int cc = i > bpp ? p[i - bpp] & 0xff : 0;
            int pa = Math.abs(b - cc);
            int pb = Math.abs(a - cc);
            int pc = Math.abs(a + b - 2 * cc);
            c[i] += (byte) (pa <= pb && pa <= pc ? a : pb <= pc ? b : cc);
          }
        }
        default -> throw new MalformedInputException("PNG row filter type " + c[0]
            + " is not 0-4");
      }
    }

    private void convert() {
      int[] p = passes[pass];
      int y = p[1] + row * p[3];
      int o = y * h.width + p[0];
      int step = p[2];
      byte[] c = cur;
      int w = passWidth;
      int depth = h.depth;
      switch (h.colourType) {
        case 0 -> {
          if (depth == 16) {
            for (int i = 0, s = 1; i < w; i++, s += 2) {
              int v = (c[s] & 0xff) << 8 | c[s + 1] & 0xff;
              grey[o + i * step] = (byte) (v == keyGrey ? 255 : v >>> 8);
            }
          } else if (depth == 8) {
            for (int i = 0; i < w; i++) {
              int v = c[1 + i] & 0xff;
              grey[o + i * step] = (byte) (v == keyGrey ? 255 : v);
            }
          } else {
            int max = (1 << depth) - 1;
            int[] levels = new int[max + 1];
            for (int v = 0; v <= max; v++) {
              levels[v] = v == keyGrey ? 255 : v * 255 / max;
            }
            unpack(c, w, depth, levels, o, step);
          }
        }
        case 3 -> {
          if (depth == 8) {
            int[] lut = paletteGrey;
            for (int i = 0; i < w; i++) {
              int v = c[1 + i] & 0xff;
              if (v >= lut.length) {
                throw new MalformedInputException("PNG palette index outside the palette");
              }
              grey[o + i * step] = (byte) lut[v];
            }
          } else {
            unpack(c, w, depth, paletteGrey, o, step);
          }
        }
        case 2 -> {
          int bytes = depth / 8;
          for (int i = 0, s = 1; i < w; i++, s += 3 * bytes) {
            int r = c[s] & 0xff;
            int g = c[s + bytes] & 0xff;
            int b = c[s + 2 * bytes] & 0xff;
            boolean key = keyR >= 0 && (bytes == 1
                ? r == keyR && g == keyG && b == keyB
                : (r << 8 | c[s + 1] & 0xff) == keyR && (g << 8 | c[s + 3] & 0xff) == keyG
                    && (b << 8 | c[s + 5] & 0xff) == keyB);
            grey[o + i * step] = (byte) (key ? 255 : Grey.luminance(r, g, b));
          }
        }
        case 4 -> {
          int bytes = depth / 8;
          for (int i = 0, s = 1; i < w; i++, s += 2 * bytes) {
            grey[o + i * step] = (byte) Grey.overWhite(c[s] & 0xff, c[s + bytes] & 0xff);
          }
        }
        default -> {
          int bytes = depth / 8;
          for (int i = 0, s = 1; i < w; i++, s += 4 * bytes) {
            int v = Grey.luminance(c[s] & 0xff, c[s + bytes] & 0xff, c[s + 2 * bytes] & 0xff);
            grey[o + i * step] = (byte) Grey.overWhite(v, c[s + 3 * bytes] & 0xff);
          }
        }
      }
    }

    /** Sub-byte samples (1, 2 or 4 bits, most significant first) through a table of levels. */
    private void unpack(byte[] c, int w, int depth, int[] levels, int o, int step) {
      if (depth == 1 && step == 1 && levels.length == 2) {
        // The common case (a rendered code): eight pixels per byte, unrolled.
        byte dark = (byte) levels[0];
        byte light = (byte) levels[1];
        byte[] g = grey;
        int full = w >>> 3;
        for (int k = 0; k < full; k++) {
          int b = c[1 + k];
          int d = o + (k << 3);
          g[d] = (b & 0x80) == 0 ? dark : light;
          g[d + 1] = (b & 0x40) == 0 ? dark : light;
          g[d + 2] = (b & 0x20) == 0 ? dark : light;
          g[d + 3] = (b & 0x10) == 0 ? dark : light;
          g[d + 4] = (b & 0x08) == 0 ? dark : light;
          g[d + 5] = (b & 0x04) == 0 ? dark : light;
          g[d + 6] = (b & 0x02) == 0 ? dark : light;
          g[d + 7] = (b & 0x01) == 0 ? dark : light;
        }
        int b = full < c.length - 1 ? c[1 + full] : 0;
        for (int i = full << 3, bit = 0x80; i < w; i++, bit >>>= 1) {
          g[o + i] = (b & bit) == 0 ? dark : light;
        }
        return;
      }
      int mask = (1 << depth) - 1;
      int perByte = 8 / depth;
      for (int i = 0, s = 1; i < w; s++) {
        int b = c[s] & 0xff;
        for (int k = 0, shift = 8 - depth; k < perByte && i < w; k++, i++, shift -= depth) {
          int v = (b >>> shift) & mask;
          if (v >= levels.length) {
            throw new MalformedInputException("PNG palette index outside the palette");
          }
          grey[o + i * step] = (byte) levels[v];
        }
      }
    }
  }
}
