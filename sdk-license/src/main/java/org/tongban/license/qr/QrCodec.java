package org.tongban.license.qr;

import java.util.Objects;
import java.util.Set;
import org.tongban.MalformedInputException;
import org.tongban.io.Limits;
import org.tongban.license.internal.QrDictionary;
import org.tongban.license.internal.Zlib;
import org.tongban.result.Reason;

/**
 * The QR text container shared with HCERT (the EU Digital COVID Certificate): {@code prefix ‖
 * Base45(zlib(COSE_Sign1))}. Tongban licences use the prefix {@value #TONGBAN_PREFIX}; decoding
 * is generic over the prefix, so {@code HC1:} texts read through the same code.
 *
 * <p>Decoding rejects: text over {@link Limits#MAX_QR_TEXT_BYTES}, an unaccepted prefix, invalid
 * Base45, a non-zlib stream, and more than {@link Limits#MAX_DECOMPRESSED_BYTES} after
 * inflating (a zlib bomb is {@link Reason#SIZE_LIMIT_EXCEEDED}).
 *
 * <p>Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class QrCodec {
  /** The prefix of Tongban licences, version 1. */
  public static final String TONGBAN_PREFIX = "ZZ1:";
  /** The prefix of EU Digital COVID Certificates (HCERT). */
  public static final String HCERT_PREFIX = "HC1:";

  private static final java.util.regex.Pattern PREFIX =
      java.util.regex.Pattern.compile("[A-Z0-9]{2,8}:");

  private QrCodec() {}

  /**
   * A decoded container.
   *
   * @param prefix the prefix found
   * @param cose the COSE_Sign1 bytes
   */
  public record Decoded(String prefix, byte[] cose) {}

  /**
   * Encodes a COSE_Sign1 as QR text.
   *
   * @param prefix e.g. {@value #TONGBAN_PREFIX}
   * @param cose the COSE_Sign1 bytes
   * @return the text
   */
  public static String encode(String prefix, byte[] cose) {
    Objects.requireNonNull(cose, "cose");
    // Only our own prefix uses the preset dictionary: HCERT readers do not know it.
    return checkPrefix(prefix) + Base45.encode(TONGBAN_PREFIX.equals(prefix)
        ? Zlib.compress(cose, QrDictionary.bytes()) : Zlib.compress(cose));
  }

  /**
   * Checks a prefix: 2 to 8 upper-case letters or digits followed by ':'.
   *
   * @param prefix the prefix
   * @return the prefix
   * @throws IllegalArgumentException if it is not a valid prefix
   */
  public static String checkPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("a prefix is 2-8 upper-case letters or digits and ':'");
    }
    return prefix;
  }

  /**
   * Decodes QR text with one of the accepted prefixes.
   *
   * @param text the text
   * @param acceptedPrefixes e.g. {@code Set.of("ZZ1:")}
   * @return the prefix and the COSE bytes
   * @throws MalformedInputException FORMAT_FAILURE or SIZE_LIMIT_EXCEEDED
   */
  public static Decoded decode(String text, Set<String> acceptedPrefixes) {
    return decode(text, acceptedPrefixes, Limits.defaults());
  }

  /**
   * Decodes QR text with one of the accepted prefixes, within the given size limits.
   *
   * @param text the text, at most {@link Limits#maxQrTextBytes()}
   * @param acceptedPrefixes e.g. {@code Set.of("ZZ1:")}
   * @param limits the limits; the payload inflates to at most
   *     {@link Limits#maxDecompressedBytes()}
   * @return the prefix and the COSE bytes
   * @throws MalformedInputException FORMAT_FAILURE or SIZE_LIMIT_EXCEEDED
   */
  public static Decoded decode(String text, Set<String> acceptedPrefixes, Limits limits) {
    Objects.requireNonNull(text, "text");
    if (text.length() > limits.maxQrTextBytes()) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED,
          "QR text longer than " + limits.maxQrTextBytes(), null);
    }
    String prefix = acceptedPrefixes.stream().filter(text::startsWith).findFirst()
        .orElseThrow(() -> new MalformedInputException("unknown QR prefix (accepted: "
            + acceptedPrefixes + ")"));
    byte[] compressed = Base45.decode(text.substring(prefix.length()));
    return new Decoded(prefix, Zlib.decompress(compressed, limits.maxDecompressedBytes(),
        TONGBAN_PREFIX.equals(prefix) ? QrDictionary.bytes() : null));
  }
}
