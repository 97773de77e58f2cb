package org.tongban.license.qr;

import java.util.Objects;
import org.tongban.MalformedInputException;

/**
 * Base45 (RFC 9285): two bytes become three characters of the QR alphanumeric set, so a
 * Base45 text fills a QR code in alphanumeric mode at 5.5 bits per character.
 *
 * <p>Decoding rejects characters outside the alphabet, a dangling single character, and
 * triplets above 65535 or pairs above 255 (RFC 9285 §4.2).
 *
 * <p>Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class Base45 {
  /** The alphabet: the QR code alphanumeric set. */
  public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  private static final int[] VALUE = new int[128];

  static {
    java.util.Arrays.fill(VALUE, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      VALUE[ALPHABET.charAt(i)] = i;
    }
  }

  private Base45() {}

  /**
   * Encodes bytes.
   *
   * @param data the bytes
   * @return the Base45 text
   */
  public static String encode(byte[] data) {
    Objects.requireNonNull(data, "data");
    StringBuilder sb = new StringBuilder((data.length + 1) / 2 * 3);
    for (int i = 0; i + 1 < data.length; i += 2) {
      int n = ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
      sb.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45 % 45))
          .append(ALPHABET.charAt(n / 2025));
    }
    if (data.length % 2 == 1) {
      int n = data[data.length - 1] & 0xff;
      sb.append(ALPHABET.charAt(n % 45)).append(ALPHABET.charAt(n / 45));
    }
    return sb.toString();
  }

  /**
   * Decodes text.
   *
   * @param text the Base45 text
   * @return the bytes
   * @throws MalformedInputException if the text is not valid Base45
   */
  public static byte[] decode(CharSequence text) {
    Objects.requireNonNull(text, "text");
    int len = text.length();
    if (len % 3 == 1) {
      throw new MalformedInputException("Base45 text of invalid length " + len);
    }
    byte[] out = new byte[len / 3 * 2 + (len % 3 == 2 ? 1 : 0)];
    int o = 0;
    for (int i = 0; i < len; i += 3) {
      int c = value(text.charAt(i));
      int d = value(text.charAt(i + 1));
      if (i + 2 < len) {
        int n = c + d * 45 + value(text.charAt(i + 2)) * 2025;
        if (n > 0xffff) {
          throw new MalformedInputException("Base45 triplet out of range");
        }
        out[o++] = (byte) (n >> 8);
        out[o++] = (byte) n;
      } else {
        int n = c + d * 45;
        if (n > 0xff) {
          throw new MalformedInputException("Base45 pair out of range");
        }
        out[o++] = (byte) n;
      }
    }
    return out;
  }

  private static int value(char ch) {
    int v = ch < 128 ? VALUE[ch] : -1;
    if (v < 0) {
      throw new MalformedInputException("character outside the Base45 alphabet");
    }
    return v;
  }
}
