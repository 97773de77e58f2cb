package org.tongban.internal.asn1;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.tongban.MalformedInputException;
import org.tongban.result.Reason;

/**
 * Strict DER decoding of untrusted bytes: a size limit, a nesting-depth limit checked before
 * BouncyCastle sees the bytes (its parser recurses, so deep nesting would overflow the stack),
 * exactly one top-level value with no trailing bytes, and DER only (the value must re-encode to
 * the identical bytes, so BER length forms, non-minimal integers and unsorted sets are refused).
 */
public final class Der {
  private Der() {}

  /**
   * Decodes one DER value.
   *
   * @param der the bytes
   * @param maxBytes the size limit
   * @param maxDepth the nesting limit
   * @return the value
   * @throws MalformedInputException FORMAT_FAILURE or SIZE_LIMIT_EXCEEDED
   */
  public static ASN1Primitive decode(byte[] der, int maxBytes, int maxDepth) {
    if (der == null || der.length == 0) {
      throw new MalformedInputException("empty input");
    }
    if (der.length > maxBytes) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED,
          "input of " + der.length + " bytes exceeds " + maxBytes, null);
    }
    checkStructure(der, maxDepth);
    ASN1Primitive p;
    // Not lazily: a lazy sequence keeps a copy of its own encoding at every nesting level, and
    // the re-encoding below parses everything anyway (depth was bounded above).
    try (ASN1InputStream in = new ASN1InputStream(der, false)) {
      p = in.readObject();
      if (p == null || in.available() > 0 || in.readObject() != null) {
        throw new MalformedInputException("trailing bytes after the DER value");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof MalformedInputException) {
        throw (MalformedInputException) e;
      }
      throw new MalformedInputException("malformed DER", e);
    }
    SameBytes again = new SameBytes(der);
    try {
      // Encoding may fail with BouncyCastle's runtime exceptions: malformed input like any
      // other. The re-encoding is compared as it is written, never stored (a seal's picture
      // would be copied several times over).
      p.encodeTo(again, ASN1Encoding.DER);
    } catch (IOException | RuntimeException e) {
      throw new MalformedInputException("malformed DER", e);
    }
    if (!again.matched()) {
      throw new MalformedInputException("not DER (BER or non-canonical encoding)");
    }
    return p;
  }

  /** An output stream that only checks that what is written equals the expected bytes. */
  private static final class SameBytes extends OutputStream {
    private final byte[] expected;
    private int pos;
    private boolean same = true;

    SameBytes(byte[] expected) {
      this.expected = expected;
    }

    @Override
    public void write(int b) {
      same &= pos < expected.length && expected[pos] == (byte) b;
      pos++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      same &= pos <= expected.length - len
          && Arrays.equals(b, off, off + len, expected, pos, pos + len);
      pos += len;
    }

    boolean matched() {
      return same && pos == expected.length;
    }
  }

  /**
   * Checks untrusted BER (as RFC 3161 time stamp tokens often are) before a recursive parser
   * sees it: the size limit, well-formed lengths (definite or indefinite), and nesting at most
   * {@code maxDepth}.
   *
   * @param ber the bytes
   * @param maxBytes the size limit
   * @param maxDepth the nesting limit
   * @throws MalformedInputException FORMAT_FAILURE or SIZE_LIMIT_EXCEEDED
   */
  public static void checkBer(byte[] ber, int maxBytes, int maxDepth) {
    walkBer(ber, maxBytes, maxDepth, false);
  }

  /**
   * Returns the length of the one BER value (definite or indefinite length) at the start of
   * {@code ber}, checked as {@link #checkBer} checks a whole input; what follows it is not read.
   * For values stored in a fixed-size, padded slot, such as a PDF signature's
   * {@code /Contents}.
   *
   * @param ber the bytes
   * @param maxBytes the size limit
   * @param maxDepth the nesting limit
   * @return the length of the leading value
   * @throws MalformedInputException FORMAT_FAILURE or SIZE_LIMIT_EXCEEDED
   */
  public static int berLength(byte[] ber, int maxBytes, int maxDepth) {
    return walkBer(ber, maxBytes, maxDepth, true);
  }

  private static int walkBer(byte[] ber, int maxBytes, int maxDepth, boolean firstOnly) {
    if (ber == null || ber.length == 0) {
      throw new MalformedInputException("empty input");
    }
    if (ber.length > maxBytes) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED,
          "input of " + ber.length + " bytes exceeds " + maxBytes, null);
    }
    // ends[d] is the end offset of the open element at depth d, or -1 for indefinite length.
    int[] ends = new int[maxDepth + 2];
    int depth = 0;
    ends[0] = ber.length;
    int pos = 0;
    while (pos < ber.length) {
      while (depth > 0 && ends[depth] == pos) {
        depth--;
      }
      if (depth == 0 && pos > 0) {
        if (firstOnly) {
          return pos;
        }
        throw new MalformedInputException("trailing bytes");
      }
      if (pos + 2 <= ber.length && ber[pos] == 0 && ber[pos + 1] == 0 && depth > 0
          && ends[depth] == -1) {
        pos += 2; // end-of-contents of an indefinite-length element
        depth--;
        continue;
      }
      int tag = ber[pos++] & 0xff;
      if ((tag & 0x1f) == 0x1f) {
        int n = 0;
        while (pos < ber.length && (ber[pos] & 0x80) != 0) {
          pos++;
          if (++n > 4) {
            throw new MalformedInputException("tag number too long");
          }
        }
        pos++;
      }
      if (pos >= ber.length) {
        throw new MalformedInputException("truncated");
      }
      int first = ber[pos++] & 0xff;
      boolean constructed = (tag & 0x20) != 0;
      long len;
      if (first == 0x80) {
        if (!constructed) {
          throw new MalformedInputException("indefinite length on a primitive");
        }
        len = -1;
      } else if (first < 0x80) {
        len = first;
      } else {
        int n = first & 0x7f;
        if (n > 4 || pos + n > ber.length) {
          throw new MalformedInputException("bad length");
        }
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (ber[pos++] & 0xff);
        }
      }
      int limit = ber.length;
      for (int d = depth; d >= 0; d--) {
        if (ends[d] != -1) {
          limit = ends[d];
          break;
        }
      }
      if (len >= 0 && pos + len > limit) {
        throw new MalformedInputException("length overruns its parent");
      }
      if (constructed && len != 0) {
        if (depth + 1 > maxDepth) {
          throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED,
              "ASN.1 nesting deeper than " + maxDepth, null);
        }
        ends[++depth] = len < 0 ? -1 : (int) (pos + len);
      } else {
        pos += (int) len;
      }
    }
    while (depth > 0 && ends[depth] == pos) {
      depth--;
    }
    if (depth != 0) {
      throw new MalformedInputException("truncated");
    }
    return pos;
  }

  /**
   * Where a child of a constructed value lies, without copying it. The value must already have
   * passed {@link #decode}; slicing the input instead of re-encoding decoded objects gives
   * exactly the bytes that were signed.
   *
   * @param der bytes holding the (already validated) value
   * @param off where the value's tag is
   * @param index the child's position, from 0
   * @return {offset of the child's tag, length of its whole encoding}
   * @throws MalformedInputException if there is no such child
   */
  public static int[] childRange(byte[] der, int off, int index) {
    int[] outer = header(der, off);
    int pos = off + outer[0];
    int end = pos + outer[1];
    for (int i = 0; pos < end; i++) {
      int[] h = header(der, pos);
      if (i == index) {
        return new int[] {pos, h[0] + h[1]};
      }
      pos += h[0] + h[1];
    }
    throw new MalformedInputException("no child " + index);
  }

  /** Returns {header length, content length} of the TLV at {@code off} (low-tag-number form). */
  private static int[] header(byte[] b, int off) {
    int pos = off + 1;
    int first = b[pos++] & 0xff;
    int len = first;
    if (first >= 0x80) {
      len = 0;
      for (int i = 0; i < (first & 0x7f); i++) {
        len = (len << 8) | (b[pos++] & 0xff);
      }
    }
    return new int[] {pos - off, len};
  }

  /**
   * Walks the TLV structure without recursion: definite lengths only, every length inside its
   * parent, nesting at most {@code maxDepth}.
   */
  private static void checkStructure(byte[] b, int maxDepth) {
    int[] ends = new int[maxDepth + 1];
    int depth = 0;
    ends[0] = b.length;
    int pos = 0;
    while (pos < b.length) {
      while (depth > 0 && pos == ends[depth]) {
        depth--;
      }
      if (pos >= ends[depth]) {
        throw new MalformedInputException("length overruns its parent");
      }
      int tag = b[pos++] & 0xff;
      if ((tag & 0x1f) == 0x1f) {
        int n = 0;
        while (pos < b.length && (b[pos] & 0x80) != 0) {
          pos++;
          if (++n > 4) {
            throw new MalformedInputException("tag number too long");
          }
        }
        pos++;
      }
      if (pos >= b.length) {
        throw new MalformedInputException("truncated");
      }
      int first = b[pos++] & 0xff;
      long len;
      if (first < 0x80) {
        len = first;
      } else if (first == 0x80) {
        throw new MalformedInputException("indefinite length (BER) not allowed");
      } else {
        int n = first & 0x7f;
        if (n > 4 || pos + n > b.length) {
          throw new MalformedInputException("bad length");
        }
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (b[pos++] & 0xff);
        }
      }
      if (pos + len > ends[depth]) {
        throw new MalformedInputException("length overruns its parent");
      }
      boolean constructed = (tag & 0x20) != 0;
      if (constructed && len > 0) {
        if (depth + 1 > maxDepth) {
          throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED,
              "ASN.1 nesting deeper than " + maxDepth, null);
        }
        ends[++depth] = (int) (pos + len);
      } else {
        pos += (int) len;
      }
    }
    while (depth > 0 && pos == ends[depth]) {
      depth--;
    }
    if (depth != 0) {
      throw new MalformedInputException("truncated");
    }
  }
}
