package org.tongban.internal.jose;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict UTF-8 decoding, with a fast path for ASCII (what tokens nearly always are). */
public final class Utf8 {
  private Utf8() {}

  /**
   * Decodes strictly: malformed input is refused, never replaced.
   *
   * @param bytes the bytes
   * @return the text, or empty if not valid UTF-8
   */
  public static Optional<String> decode(byte[] bytes) {
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return Optional.of(new String(bytes, StandardCharsets.ISO_8859_1));
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
