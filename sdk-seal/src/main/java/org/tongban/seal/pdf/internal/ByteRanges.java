package org.tongban.seal.pdf.internal;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.internal.crypto.Digests;

/**
 * The signed byte ranges of a PDF signature and the gap between them: {@code /ByteRange} must
 * be exactly {@code [0 a b c]} inside the file, the gap {@code [a, b)} exactly one hexadecimal
 * string (the {@code /Contents}), decoded here without PDFBox; the ranges are digested in place;
 * and the revisions of a file are counted by their {@code startxref} keywords before any
 * parser runs.
 */
public final class ByteRanges {
  private ByteRanges() {}

  /**
   * Digests {@code [0, a)} and {@code [b, b + c)} in place, without copying the file.
   *
   * @param d the digest
   * @param pdf the file
   * @param range {@code [0, a, b, c]}
   * @return the digest value
   */
  public static byte[] digestRanges(DigestAlgorithm d, byte[] pdf, int[] range) {
    MessageDigest md = Digests.messageDigest(d);
    md.update(pdf, 0, range[1]);
    md.update(pdf, range[2], range[3]);
    return md.digest();
  }

  private static final byte[] STARTXREF =
      "startxref".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  /** Horspool shifts for {@link #STARTXREF}: the scan reads about one byte in eight. */
  private static final int[] SHIFT = new int[256];

  static {
    Arrays.fill(SHIFT, STARTXREF.length);
    for (int i = 0; i < STARTXREF.length - 1; i++) {
      SHIFT[STARTXREF[i] & 0xff] = STARTXREF.length - 1 - i;
    }
  }

  /**
   * Counts {@code startxref} keywords: one per revision, before any parser runs.
   *
   * @param pdf the file
   * @return the count
   */
  public static int revisions(byte[] pdf) {
    int n = 0;
    int last = STARTXREF.length - 1;
    for (int i = 0; i + last < pdf.length; ) {
      int j = last;
      while (j >= 0 && pdf[i + j] == STARTXREF[j]) {
        j--;
      }
      if (j < 0) {
        n++;
        i += STARTXREF.length;
      } else {
        i += SHIFT[pdf[i + last] & 0xff];
      }
    }
    return n;
  }

  /**
   * Returns {@code [0, a, b, c]} or an empty array when the layout is not the only safe one.
   *
   * @param claimed the {@code /ByteRange} values
   * @param pdf the file
   * @return the range, or an empty array
   */
  public static int[] byteRange(Optional<long[]> claimed, byte[] pdf) {
    if (claimed.isEmpty()) {
      return new int[0];
    }
    long[] v = claimed.get();
    if (v[0] != 0 || v[1] <= 0 || v[2] <= v[1] + 1 || v[3] < 0 || v[2] + v[3] > pdf.length) {
      return new int[0];
    }
    return new int[] {0, (int) v[1], (int) v[2], (int) v[3]};
  }

  /** Hex digit values, −1 for anything else. */
  private static final byte[] HEX = new byte[256];

  static {
    Arrays.fill(HEX, (byte) -1);
    for (int i = 0; i < 16; i++) {
      HEX["0123456789abcdef".charAt(i)] = (byte) i;
      HEX["0123456789ABCDEF".charAt(i)] = (byte) i;
    }
  }

  /**
   * As {@link #gapContents}, but when the hex string holds one definite-length SEQUENCE followed
   * only by {@code 0} digits, decodes just that value: the padding of a signature slot is
   * usually several times the signature.
   *
   * @param pdf the file
   * @param from the gap's start
   * @param to the gap's end
   * @return the decoded value, or empty
   */
  public static byte[] leadingValueOfGap(byte[] pdf, int from, int to) {
    int digits = to - from - 2;
    if (pdf[from] != '<' || pdf[to - 1] != '>' || digits % 2 != 0 || digits < 4
        || hexByte(pdf, from + 1) != 0x30) {
      return gapContents(pdf, from, to);
    }
    int first = hexByte(pdf, from + 3);
    long total;
    if (first < 0 || first == 0x80) {
      return gapContents(pdf, from, to); // indefinite length: the value must be walked
    } else if (first < 0x80) {
      total = 2 + first;
    } else {
      int n = first & 0x7f;
      if (n > 4 || digits < 2 * (2 + n)) {
        return gapContents(pdf, from, to);
      }
      long len = 0;
      for (int i = 0; i < n; i++) {
        int x = hexByte(pdf, from + 5 + 2 * i);
        if (x < 0) {
          return new byte[0];
        }
        len = len << 8 | x;
      }
      total = 2 + n + len;
    }
    if (total * 2 > digits) {
      return gapContents(pdf, from, to);
    }
    int valueEnd = from + 1 + (int) total * 2;
    for (int p = valueEnd; p < to - 1; p++) {
      if (pdf[p] != '0') {
        return gapContents(pdf, from, to); // padding other than zeros: judged on the whole
      }
    }
    return decodeHex(pdf, from + 1, (int) total);
  }

  private static int hexByte(byte[] pdf, int at) {
    int hi = HEX[pdf[at] & 0xff];
    int lo = HEX[pdf[at + 1] & 0xff];
    return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
  }

  /**
   * Returns the decoded hex string filling exactly {@code [from, to)}, or empty.
   *
   * @param pdf the file
   * @param from the gap's start
   * @param to the gap's end
   * @return the bytes, or empty
   */
  public static byte[] gapContents(byte[] pdf, int from, int to) {
    int digits = to - from - 2;
    if (pdf[from] != '<' || pdf[to - 1] != '>' || digits % 2 != 0) {
      return new byte[0];
    }
    return decodeHex(pdf, from + 1, digits / 2);
  }

  /** Decodes {@code bytes} bytes from the hex digits at {@code from}, or empty. */
  private static byte[] decodeHex(byte[] pdf, int from, int bytes) {
    byte[] out = new byte[bytes];
    for (int i = 0, p = from; i < out.length; i++, p += 2) {
      int hi = HEX[pdf[p] & 0xff];
      int lo = HEX[pdf[p + 1] & 0xff];
      if (hi < 0 || lo < 0) {
        return new byte[0];
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }
}
