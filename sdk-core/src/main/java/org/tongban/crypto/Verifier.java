package org.tongban.crypto;

/**
 * Verifies signatures made with one {@link VerificationKey}. Obtain one from
 * {@link VerificationKey#verifier()}.
 *
 * <p>Fails closed: {@link #verify(byte[], byte[])} returns normally only for a valid, strictly
 * encoded signature. Immutable and thread-safe.
 *
 * @since 0.1
 */
public interface Verifier {

  /**
   * Verifies a signature over a message.
   *
   * @param signature the signature value, in the key's {@link SignatureEncoding}
   * @param message the message M (not a digest)
   * @throws org.tongban.SignatureInvalidException if the signature is invalid or not strictly
   *     encoded
   */
  void verify(byte[] signature, byte[] message);

  /**
   * Returns whether a signature over a message is valid; never throws on bad input.
   *
   * @param signature the signature value
   * @param message the message
   * @return true iff valid
   */
  default boolean isValid(byte[] signature, byte[] message) {
    try {
      verify(signature, message);
      return true;
    } catch (org.tongban.SignatureInvalidException e) {
      return false;
    }
  }

  /**
   * Verifies a signature over a range of an array: the message M is the {@code length} bytes
   * of {@code data} from {@code offset}, exactly as if they had been copied out and given to
   * {@link #verify(byte[], byte[])}. For signed bytes that lie inside a larger encoding (a
   * seal's {@code TBS_Sign} inside its {@code SES_Signature}), without the copy.
   *
   * @param signature the signature value, in the key's {@link SignatureEncoding}
   * @param data the array holding the message
   * @param offset where the message starts
   * @param length the message's length
   * @throws org.tongban.SignatureInvalidException if the signature is invalid or not strictly
   *     encoded, or {@code data} is null
   * @throws IndexOutOfBoundsException if the range does not lie within {@code data}
   */
  default void verify(byte[] signature, byte[] data, int offset, int length) {
    if (data == null) {
      throw new org.tongban.SignatureInvalidException("invalid signature");
    }
    java.util.Objects.checkFromIndexSize(offset, length, data.length);
    verify(signature, java.util.Arrays.copyOfRange(data, offset, offset + length));
  }

  /**
   * Returns whether a signature over a range of an array is valid (see
   * {@link #verify(byte[], byte[], int, int)}); never throws on bad input.
   *
   * @param signature the signature value
   * @param data the array holding the message
   * @param offset where the message starts
   * @param length the message's length
   * @return true iff valid
   * @throws IndexOutOfBoundsException if the range does not lie within {@code data} (a
   *     programming error, not bad input)
   */
  default boolean isValid(byte[] signature, byte[] data, int offset, int length) {
    try {
      verify(signature, data, offset, length);
      return true;
    } catch (org.tongban.SignatureInvalidException e) {
      return false;
    }
  }
}
