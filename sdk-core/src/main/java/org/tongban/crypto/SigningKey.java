package org.tongban.crypto;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A private key that can sign: in memory ({@link org.tongban.keys.SigningKeys}), or in an HSM, a USB key (UKey)
 * or a remote signing service — anyone may implement this interface.
 *
 * <h2>What is signed</h2>
 *
 * {@link #sign(byte[])} receives the <em>message</em> M, not a digest, and returns the
 * signature value in {@link SignatureParameters#encoding()}:
 *
 * <ul>
 *   <li>{@link SignatureAlgorithm#SM2_SM3}: the SM2 signature (GB/T 32918.2 §6.1) over
 *       e = SM3(Z_A ‖ M), where Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) uses the
 *       distinguishing ID of {@link #parameters()};
 *   <li>RSA: RSASSA-PKCS1-v1_5 or RSASSA-PSS over SHA-256(M);
 *   <li>ECDSA: over SHA-256(M) (P-256) or SHA-384(M) (P-384).
 * </ul>
 *
 * <p>Implementations must be safe for concurrent use, and must never reveal key material in
 * {@code toString()}.
 *
 * @since 0.1
 */
public interface SigningKey extends AutoCloseable {

  /**
   * Returns the algorithm this key signs with.
   *
   * @return the algorithm
   */
  SignatureAlgorithm algorithm();

  /**
   * Returns the signature parameters (encoding, SM2 distinguishing ID).
   *
   * @return the parameters
   */
  SignatureParameters parameters();

  /**
   * Returns the key id, if the key has one.
   *
   * @return the key id
   */
  Optional<String> keyId();

  /**
   * Returns the certificate chain of this key, leaf first; empty if none is known.
   *
   * @return the chain
   */
  List<X509Certificate> certificateChain();

  /**
   * Signs a message.
   *
   * @param message the message M (the signer hashes it as the algorithm specifies)
   * @return the signature value
   * @throws org.tongban.SigningException if signing fails
   */
  byte[] sign(byte[] message);

  /** Releases the key's resources (an HSM session, for example). The default does nothing. */
  @Override
  default void close() {}
}
