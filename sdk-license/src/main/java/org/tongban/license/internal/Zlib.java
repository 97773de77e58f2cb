package org.tongban.license.internal;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.tongban.MalformedInputException;
import org.tongban.result.Reason;

/**
 * zlib (RFC 1950) with a hard limit on the inflated size, so a zlib bomb stops early, and
 * optionally with a preset dictionary (RFC 1950 FDICT): a stream that names a dictionary is
 * inflated only with the one given, checked by its Adler-32 identifier.
 */
public final class Zlib {
  private Zlib() {}

  /**
   * Compresses at the best level, and with the dictionary too, keeping whichever stream is
   * smallest (both inflate with {@link #decompress(byte[], int, byte[])}).
   *
   * @param data the bytes
   * @param dictionary the preset dictionary
   * @return the zlib stream
   */
  public static byte[] compress(byte[] data, byte[] dictionary) {
    byte[] plain = compress(data);
    byte[] a = compress(data, Deflater.DEFAULT_STRATEGY, dictionary);
    byte[] b = compress(data, Deflater.FILTERED, dictionary);
    byte[] withDictionary = b.length < a.length ? b : a;
    return withDictionary.length < plain.length ? withDictionary : plain;
  }

  /**
   * Compresses at the best level.
   *
   * @param data the bytes
   * @return the zlib stream
   */
  public static byte[] compress(byte[] data) {
    // QR space is precious: keep the smaller of the two deflate strategies.
    byte[] a = compress(data, Deflater.DEFAULT_STRATEGY, null);
    byte[] b = compress(data, Deflater.FILTERED, null);
    return b.length < a.length ? b : a;
  }

  private static byte[] compress(byte[] data, int strategy, byte[] dictionary) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    try {
      d.setStrategy(strategy);
      if (dictionary != null) {
        d.setDictionary(dictionary);
      }
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
    return decompress(zlib, max, null);
  }

  /**
   * Inflates as {@link #decompress(byte[], int)}, also a stream that names {@code dictionary}.
   *
   * @param zlib the zlib stream
   * @param max the limit
   * @param dictionary the one preset dictionary accepted, or null for none
   * @return the bytes
   * @throws MalformedInputException FORMAT_FAILURE (also for a stream naming another
   *     dictionary) or SIZE_LIMIT_EXCEEDED
   */
  public static byte[] decompress(byte[] zlib, int max, byte[] dictionary) {
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
        if (n == 0 && inf.needsDictionary() && dictionary != null
            && inf.getAdler() == adler32(dictionary)) {
          inf.setDictionary(dictionary);
          continue;
        }
        if (n == 0 && inf.needsDictionary()) {
          throw new MalformedInputException("the zlib stream names an unknown preset dictionary");
        }
        if (n == 0 && inf.needsInput()) {
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

  private static int adler32(byte[] data) {
    java.util.zip.Adler32 a = new java.util.zip.Adler32();
    a.update(data);
    return (int) a.getValue();
  }
}
