package org.tongban.internal.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import org.tongban.crypto.SignatureEncoding;

/**
 * Strict codec for elliptic-curve signature values {@code (r, s)}: DER {@code SEQUENCE { r
 * INTEGER, s INTEGER }} (GM/T 0009 §7, RFC 3279) or fixed-length {@code r ‖ s}.
 *
 * <p>DER decoding rejects everything BER allows and DER does not (Wycheproof's
 * {@code BerEncodedSignature}): long-form lengths where short form fits, redundant leading
 * zeros, negative integers, empty integers, trailing bytes. Decoding returns {@code null} for
 * any malformed input so that the caller fails closed with one uniform error.
 */
public final class EcSignatureCodec {
  private EcSignatureCodec() {}

  /**
   * Decodes a signature value.
   *
   * @param sig the encoded value
   * @param encoding DER or RAW_R_S
   * @param fieldBytes the curve's coordinate length in bytes (32 or 48)
   * @return {r, s}, or null if malformed
   */
  public static BigInteger[] decode(byte[] sig, SignatureEncoding encoding, int fieldBytes) {
    if (sig == null) {
      return null;
    }
    if (encoding == SignatureEncoding.RAW_R_S) {
      if (sig.length != 2 * fieldBytes) {
        return null;
      }
      return new BigInteger[] {
        new BigInteger(1, Arrays.copyOfRange(sig, 0, fieldBytes)),
        new BigInteger(1, Arrays.copyOfRange(sig, fieldBytes, 2 * fieldBytes))
      };
    }
    if (encoding != SignatureEncoding.DER) {
      return null;
    }
    return decodeDer(sig);
  }

  private static BigInteger[] decodeDer(byte[] b) {
    if (b.length < 8 || b.length > 2 + 2 * 128 || b[0] != 0x30) {
      return null;
    }
    int[] pos = {1};
    int seqLen = readLength(b, pos);
    if (seqLen < 0 || pos[0] + seqLen != b.length) {
      return null;
    }
    BigInteger r = readInteger(b, pos);
    if (r == null) {
      return null;
    }
    BigInteger s = readInteger(b, pos);
    if (s == null || pos[0] != b.length) {
      return null;
    }
    return new BigInteger[] {r, s};
  }

  private static int readLength(byte[] b, int[] pos) {
    if (pos[0] >= b.length) {
      return -1;
    }
    int first = b[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    if (first != 0x81 || pos[0] >= b.length) {
      return -1; // lengths here never need more than one length byte
    }
    int len = b[pos[0]++] & 0xff;
    return len < 0x80 ? -1 : len; // 0x81 with a short length is BER, not DER
  }

  private static BigInteger readInteger(byte[] b, int[] pos) {
    if (pos[0] >= b.length || b[pos[0]++] != 0x02) {
      return null;
    }
    int len = readLength(b, pos);
    if (len <= 0 || pos[0] + len > b.length) {
      return null;
    }
    int start = pos[0];
    if ((b[start] & 0x80) != 0) {
      return null; // negative
    }
    if (len > 1 && b[start] == 0 && (b[start + 1] & 0x80) == 0) {
      return null; // redundant leading zero
    }
    pos[0] += len;
    return new BigInteger(1, Arrays.copyOfRange(b, start, start + len));
  }

  /**
   * Encodes {@code (r, s)}.
   *
   * @param r r, positive
   * @param s s, positive
   * @param encoding DER or RAW_R_S
   * @param fieldBytes the coordinate length for RAW_R_S
   * @return the encoded value
   */
  public static byte[] encode(BigInteger r, BigInteger s, SignatureEncoding encoding,
      int fieldBytes) {
    if (encoding == SignatureEncoding.RAW_R_S) {
      byte[] out = new byte[2 * fieldBytes];
      copyFixed(r, out, 0, fieldBytes);
      copyFixed(s, out, fieldBytes, fieldBytes);
      return out;
    }
    if (encoding != SignatureEncoding.DER) {
      throw new IllegalArgumentException("not an EC encoding: " + encoding);
    }
    byte[] rb = r.toByteArray();
    byte[] sb = s.toByteArray();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeTlv(body, 0x02, rb);
    writeTlv(body, 0x02, sb);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTlv(out, 0x30, body.toByteArray());
    return out.toByteArray();
  }

  /**
   * Converts a value from one encoding to the other, strictly.
   *
   * @param sig the value
   * @param from its encoding
   * @param to the wanted encoding
   * @param fieldBytes the coordinate length
   * @return the converted value, or null if {@code sig} is malformed
   */
  public static byte[] convert(byte[] sig, SignatureEncoding from, SignatureEncoding to,
      int fieldBytes) {
    if (from == to) {
      return decode(sig, from, fieldBytes) == null ? null : sig.clone();
    }
    BigInteger[] rs = decode(sig, from, fieldBytes);
    if (rs == null || rs[0].bitLength() > 8 * fieldBytes || rs[1].bitLength() > 8 * fieldBytes) {
      return null;
    }
    return encode(rs[0], rs[1], to, fieldBytes);
  }

  private static void copyFixed(BigInteger v, byte[] out, int off, int len) {
    byte[] b = v.toByteArray();
    int skip = b.length > len ? b.length - len : 0;
    for (int i = 0; i < skip; i++) {
      if (b[i] != 0) {
        throw new IllegalArgumentException("value longer than " + len + " bytes");
      }
    }
    System.arraycopy(b, skip, out, off + len - (b.length - skip), b.length - skip);
  }

  private static void writeTlv(ByteArrayOutputStream out, int tag, byte[] content) {
    out.write(tag);
    if (content.length < 0x80) {
      out.write(content.length);
    } else {
      out.write(0x81);
      out.write(content.length);
    }
    out.write(content, 0, content.length);
  }
}
