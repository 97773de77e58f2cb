package org.tongban.internal.jose;

import java.util.Base64;
import java.util.Optional;

/**
 * Strict base64url (RFC 4648 §5) without padding, as JOSE requires (RFC 7515 §2): only the 64
 * alphabet characters, no {@code =}, no whitespace, a length that is not 1 mod 4, and zero bits
 * in the unused low bits of the last character — so every byte string has exactly one encoding
 * and a token cannot be altered without changing what it decodes to.
 */
public final class Base64Url {
  private Base64Url() {}

  /**
   * Decodes {@code s[from, to)}.
   *
   * @param s the text
   * @param from start
   * @param to end
   * @return the bytes, or empty if the text is not canonical base64url
   */
  public static Optional<byte[]> decode(String s, int from, int to) {
    int n = to - from;
    if (n % 4 == 1) {
      return Optional.empty();
    }
    byte[] ascii = new byte[n];
    for (int i = 0; i < n; i++) {
      char c = s.charAt(from + i);
      // The JDK decoder below refuses anything outside the alphabet except '=' padding.
      if (c == '=' || c > 0x7f) {
        return Optional.empty();
      }
      ascii[i] = (byte) c;
    }
    if (n % 4 != 0) {
      int last = value(s.charAt(to - 1));
      // 2 leftover characters carry 12 bits for 1 byte (4 unused), 3 carry 18 for 2 (2 unused).
      int unusedMask = n % 4 == 2 ? 0x0f : 0x03;
      if (last < 0 || (last & unusedMask) != 0) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(Base64.getUrlDecoder().decode(ascii));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Decodes a whole string strictly.
   *
   * @param s the text
   * @return the bytes, or empty if not canonical base64url
   */
  public static Optional<byte[]> decode(String s) {
    return decode(s, 0, s.length());
  }

  /**
   * Encodes without padding.
   *
   * @param bytes the bytes
   * @return base64url text
   */
  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static int value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '-' ? 62 : c == '_' ? 63 : -1;
  }
}
