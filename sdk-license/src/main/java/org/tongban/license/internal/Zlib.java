package org.tongban.license.internal;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.tongban.MalformedInputException;
import org.tongban.result.Reason;

/** zlib (RFC 1950) with a hard limit on the inflated size, so a zlib bomb stops early. */
public final class Zlib {
  private Zlib() {}

  /**
   * Compresses at the best level.
   *
   * @param data the bytes
   * @return the zlib stream
   */
  public static byte[] compress(byte[] data) {
    // QR space is precious: keep the smaller of the two deflate strategies.
    byte[] a = compress(data, Deflater.DEFAULT_STRATEGY);
    byte[] b = compress(data, Deflater.FILTERED);
    return b.length < a.length ? b : a;
  }

  private static byte[] compress(byte[] data, int strategy) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    try {
      d.setStrategy(strategy);
      d.setInput(data);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      while (!d.finished()) {
        out.write(buf, 0, d.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  /**
   * Inflates, refusing more than {@code max} bytes of output and any trailing input.
   *
   * @param zlib the zlib stream
   * @param max the limit
   * @return the bytes
   * @throws MalformedInputException FORMAT_FAILURE or SIZE_LIMIT_EXCEEDED
   */
  public static byte[] decompress(byte[] zlib, int max) {
    if (zlib.length < 2 || (zlib[0] & 0x0f) != 8 || (((zlib[0] & 0xff) << 8) | (zlib[1] & 0xff))
        % 31 != 0) {
      throw new MalformedInputException("not a zlib stream");
    }
    Inflater inf = new Inflater();
    try {
      inf.setInput(zlib);
      // Sized for a typical QR payload (zlib rarely compresses these beyond 4:1).
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, zlib.length * 4));
      byte[] buf = new byte[Math.min(4096, Math.max(256, zlib.length * 4))];
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new MalformedInputException("truncated zlib stream");
        }
        if (out.size() + n > max) {
          throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED,
              "inflates to more than " + max + " bytes", null);
        }
        out.write(buf, 0, n);
      }
      if (inf.getRemaining() != 0) {
        throw new MalformedInputException("trailing bytes after the zlib stream");
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new MalformedInputException("corrupt zlib stream", e);
    } finally {
      inf.end();
    }
  }
}
