package org.tongban.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The parameters of a signature that are not the key: the value encoding, the SM2
 * distinguishing ID, and the RSA-PSS salt length.
 *
 * <ul>
 *   <li>SM2: encoding {@link SignatureEncoding#DER} or {@link SignatureEncoding#RAW_R_S};
 *       distinguishing ID (GM/T 0009 §10: ENTL is two bytes counting bits, so at most 8191
 *       bytes), default {@value #DEFAULT_DISTINGUISHING_ID}.
 *   <li>ECDSA: encoding DER or RAW_R_S.
 *   <li>RSA: encoding {@link SignatureEncoding#RSA}; PSS salt length (default 32, the SHA-256
 *       output length, as RFC 7518 PS256 requires).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SignatureParameters {
  /** The default SM2 distinguishing ID of GM/T 0009-2012: ASCII {@code 1234567812345678}. */
  public static final String DEFAULT_DISTINGUISHING_ID = "1234567812345678";
  /** The largest distinguishing ID in bytes: ENTL is 16 bits counting bits. */
  public static final int MAX_DISTINGUISHING_ID_BYTES = 8191;

  private static final byte[] DEFAULT_ID_BYTES =
      DEFAULT_DISTINGUISHING_ID.getBytes(StandardCharsets.US_ASCII);

  private final SignatureEncoding encoding;
  private final byte[] distinguishingId;
  private final int pssSaltLength;

  private SignatureParameters(SignatureEncoding encoding, byte[] distinguishingId,
      int pssSaltLength) {
    this.encoding = encoding;
    this.distinguishingId = distinguishingId;
    this.pssSaltLength = pssSaltLength;
  }

  /**
   * Returns the default parameters for an algorithm: DER for SM2 (default distinguishing ID) and
   * ECDSA; salt length 32 for PSS.
   *
   * @param algorithm the algorithm
   * @return the parameters
   */
  public static SignatureParameters defaults(SignatureAlgorithm algorithm) {
    return new SignatureParameters(algorithm.defaultEncoding(), DEFAULT_ID_BYTES, 32);
  }

  /**
   * Returns SM2 parameters.
   *
   * @param distinguishingId the distinguishing ID bytes, at most 8191 (may be empty)
   * @param encoding DER or RAW_R_S
   * @return the parameters
   */
  public static SignatureParameters sm2(byte[] distinguishingId, SignatureEncoding encoding) {
    Objects.requireNonNull(distinguishingId, "distinguishingId");
    requireEcEncoding(encoding);
    if (distinguishingId.length > MAX_DISTINGUISHING_ID_BYTES) {
      throw new IllegalArgumentException("SM2 distinguishing ID longer than "
          + MAX_DISTINGUISHING_ID_BYTES + " bytes (ENTL would overflow)");
    }
    return new SignatureParameters(encoding, distinguishingId.clone(), 32);
  }

  /**
   * Returns SM2 parameters with a UTF-8 distinguishing ID.
   *
   * @param distinguishingId the ID, e.g. {@value #DEFAULT_DISTINGUISHING_ID}
   * @param encoding DER or RAW_R_S
   * @return the parameters
   */
  public static SignatureParameters sm2(String distinguishingId, SignatureEncoding encoding) {
    Objects.requireNonNull(distinguishingId, "distinguishingId");
    return sm2(distinguishingId.getBytes(StandardCharsets.UTF_8), encoding);
  }

  /**
   * Returns ECDSA (or SM2, default ID) parameters with the given encoding.
   *
   * @param encoding DER or RAW_R_S
   * @return the parameters
   */
  public static SignatureParameters ec(SignatureEncoding encoding) {
    requireEcEncoding(encoding);
    return new SignatureParameters(encoding, DEFAULT_ID_BYTES, 32);
  }

  /**
   * Returns RSA-PSS parameters with the given salt length.
   *
   * @param saltLength salt length in bytes, 0 to 64
   * @return the parameters
   */
  public static SignatureParameters rsaPss(int saltLength) {
    if (saltLength < 0 || saltLength > 64) {
      throw new IllegalArgumentException("PSS salt length out of range: " + saltLength);
    }
    return new SignatureParameters(SignatureEncoding.RSA, DEFAULT_ID_BYTES, saltLength);
  }

  private static void requireEcEncoding(SignatureEncoding encoding) {
    Objects.requireNonNull(encoding, "encoding");
    if (encoding == SignatureEncoding.RSA) {
      throw new IllegalArgumentException("RSA encoding for an elliptic-curve algorithm");
    }
  }

  /**
   * Checks that these parameters fit the algorithm.
   *
   * @param algorithm the algorithm
   * @throws IllegalArgumentException if the encoding does not fit the algorithm
   */
  public void checkFits(SignatureAlgorithm algorithm) {
    boolean rsa = algorithm.keyType() == KeyType.RSA;
    if (rsa != (encoding == SignatureEncoding.RSA)) {
      throw new IllegalArgumentException(
          "encoding " + encoding + " does not fit algorithm " + algorithm);
    }
  }

  /**
   * Returns the signature value encoding.
   *
   * @return the encoding
   */
  public SignatureEncoding encoding() {
    return encoding;
  }

  /**
   * Returns the SM2 distinguishing ID bytes (a copy). Used only by SM2.
   *
   * @return the ID
   */
  public byte[] distinguishingId() {
    return distinguishingId.clone();
  }

  /**
   * Returns the RSA-PSS salt length in bytes. Used only by RSA-PSS.
   *
   * @return the salt length
   */
  public int pssSaltLength() {
    return pssSaltLength;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SignatureParameters)) {
      return false;
    }
    SignatureParameters p = (SignatureParameters) o;
    return encoding == p.encoding && pssSaltLength == p.pssSaltLength
        && Arrays.equals(distinguishingId, p.distinguishingId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(encoding, pssSaltLength, Arrays.hashCode(distinguishingId));
  }

  @Override
  public String toString() {
    String id = Arrays.equals(distinguishingId, DEFAULT_ID_BYTES) ? DEFAULT_DISTINGUISHING_ID
        : "hex:" + (distinguishingId.length > 32
            ? HexFormat.of().formatHex(distinguishingId, 0, 32) + "...(" + distinguishingId.length
                + " bytes)"
            : HexFormat.of().formatHex(distinguishingId));
    return "SignatureParameters{encoding=" + encoding + ", distinguishingId=" + id
        + ", pssSaltLength=" + pssSaltLength + "}";
  }
}
