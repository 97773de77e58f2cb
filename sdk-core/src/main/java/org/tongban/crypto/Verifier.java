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
}
