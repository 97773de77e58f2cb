package org.tongban.crypto;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tongban.KeyAccessException;
import org.tongban.internal.crypto.EcCurves;
import org.tongban.internal.crypto.PreparedVerifiers;

/**
 * A public key bound to the one algorithm and parameters it verifies with. A token or seal
 * header may only confirm the algorithm; it never chooses it.
 *
 * <p>Building a key validates it (EC points on the curve, RSA modulus 2048–8192 bits, odd
 * exponent) and prepares what verification needs once: the SM2 Z_A, and — after a few uses —
 * the public point's fixed-point tables. Keep and reuse the object: re-decoding a key for every
 * verification roughly halves throughput.
 *
 * <p>Immutable and thread-safe; build once and share.
 *
 * @since 0.1
 */
public final class VerificationKey {
  private final SignatureAlgorithm algorithm;
  private final SignatureParameters parameters;
  private final PublicKey publicKey;
  private final Optional<String> keyId;
  private final List<X509Certificate> certificateChain;
  private final Verifier verifier;

  private VerificationKey(Builder b) {
    this.algorithm = b.algorithm;
    this.parameters = b.parameters;
    this.publicKey = b.publicKey;
    this.keyId = Optional.ofNullable(b.keyId);
    this.certificateChain = b.chain;
    this.verifier = PreparedVerifiers.prepare(algorithm, parameters, publicKey);
  }

  /**
   * Returns a key with the algorithm inferred from the key (SM2 curve → SM2_SM3, P-256 →
   * ECDSA_P256_SHA256, P-384 → ECDSA_P384_SHA384, RSA → RSA_PKCS1_SHA256) and default
   * parameters.
   *
   * @param publicKey the key
   * @return the verification key
   * @throws KeyAccessException if the key is not usable
   */
  public static VerificationKey of(PublicKey publicKey) {
    return builder(publicKey).build();
  }

  /**
   * Returns a key for a certificate's public key, with the certificate as the chain.
   *
   * @param certificate the certificate
   * @return the verification key
   * @throws KeyAccessException if the key is not usable
   */
  public static VerificationKey of(X509Certificate certificate) {
    return builder(certificate.getPublicKey()).certificateChain(List.of(certificate)).build();
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @param publicKey the key
   * @return a builder
   */
  public static Builder builder(PublicKey publicKey) {
    return new Builder(publicKey);
  }

  /**
   * Infers the key type of a public key.
   *
   * @param key the key
   * @return the key type
   * @throws KeyAccessException if the key is neither RSA nor on a supported curve
   */
  public static KeyType keyTypeOf(PublicKey key) {
    if (key instanceof RSAPublicKey) {
      return KeyType.RSA;
    }
    if (key instanceof ECPublicKey) {
      return EcCurves.identify((ECPublicKey) key)
          .orElseThrow(() -> new KeyAccessException("unsupported curve"));
    }
    throw new KeyAccessException("unsupported key type " + key.getAlgorithm());
  }

  /**
   * Returns the default algorithm for a key type.
   *
   * @param type the key type
   * @return SM2_SM3, RSA_PKCS1_SHA256, ECDSA_P256_SHA256 or ECDSA_P384_SHA384
   */
  public static SignatureAlgorithm defaultAlgorithm(KeyType type) {
    switch (type) {
      case SM2:
        return SignatureAlgorithm.SM2_SM3;
      case EC_P256:
        return SignatureAlgorithm.ECDSA_P256_SHA256;
      case EC_P384:
        return SignatureAlgorithm.ECDSA_P384_SHA384;
      default:
        return SignatureAlgorithm.RSA_PKCS1_SHA256;
    }
  }

  /**
   * Returns the algorithm bound to this key.
   *
   * @return the algorithm
   */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the signature parameters bound to this key.
   *
   * @return the parameters
   */
  public SignatureParameters parameters() {
    return parameters;
  }

  /**
   * Returns the JCA public key.
   *
   * @return the key
   */
  public PublicKey publicKey() {
    return publicKey;
  }

  /**
   * Returns the key id.
   *
   * @return the key id
   */
  public Optional<String> keyId() {
    return keyId;
  }

  /**
   * Returns the certificate chain, leaf first; empty if none.
   *
   * @return the chain
   */
  public List<X509Certificate> certificateChain() {
    return certificateChain;
  }

  /**
   * Returns the verifier for this key (shared, thread-safe).
   *
   * @return the verifier
   */
  public Verifier verifier() {
    return verifier;
  }

  /**
   * Verifies a signature; shorthand for {@code verifier().verify(signature, message)}.
   *
   * @param signature the signature value
   * @param message the message
   * @throws org.tongban.SignatureInvalidException if invalid
   */
  public void verify(byte[] signature, byte[] message) {
    verifier.verify(signature, message);
  }

  @Override
  public String toString() {
    byte[] spki = publicKey.getEncoded();
    String fp = spki == null ? "?" : HexFormat.of().formatHex(
        DigestAlgorithm.SHA256.digest(spki), 0, 8);
    return "VerificationKey{" + algorithm + ", " + parameters.encoding()
        + keyId.map(k -> ", kid=" + k).orElse("") + ", spki-sha256=" + fp + "}";
  }

  /** Builds a {@link VerificationKey}. Not thread-safe. */
  public static final class Builder {
    private final PublicKey publicKey;
    private SignatureAlgorithm algorithm;
    private SignatureParameters parameters;
    private String keyId;
    private List<X509Certificate> chain = List.of();

    private Builder(PublicKey publicKey) {
      this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    }

    /**
     * Sets the algorithm; by default it is inferred from the key.
     *
     * @param algorithm the algorithm
     * @return this builder
     */
    public Builder algorithm(SignatureAlgorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Sets the parameters; by default {@link SignatureParameters#defaults}.
     *
     * @param parameters the parameters
     * @return this builder
     */
    public Builder parameters(SignatureParameters parameters) {
      this.parameters = Objects.requireNonNull(parameters, "parameters");
      return this;
    }

    /**
     * Sets the key id.
     *
     * @param keyId the key id
     * @return this builder
     */
    public Builder keyId(String keyId) {
      this.keyId = Objects.requireNonNull(keyId, "keyId");
      return this;
    }

    /**
     * Sets the certificate chain, leaf first. The leaf's key must be this key.
     *
     * @param chain the chain
     * @return this builder
     */
    public Builder certificateChain(List<X509Certificate> chain) {
      this.chain = List.copyOf(chain);
      return this;
    }

    /**
     * Validates and prepares the key.
     *
     * @return the key
     * @throws KeyAccessException if the key does not fit the algorithm or is invalid
     * @throws IllegalArgumentException if the parameters do not fit the algorithm
     */
    public VerificationKey build() {
      KeyType type = keyTypeOf(publicKey);
      if (algorithm == null) {
        algorithm = defaultAlgorithm(type);
      } else if (algorithm.keyType() != type) {
        throw new KeyAccessException("key type " + type + " does not fit " + algorithm);
      }
      if (parameters == null) {
        parameters = SignatureParameters.defaults(algorithm);
      }
      parameters.checkFits(algorithm);
      if (!chain.isEmpty() && !chain.get(0).getPublicKey().equals(publicKey)
          && !java.util.Arrays.equals(chain.get(0).getPublicKey().getEncoded(),
              publicKey.getEncoded())) {
        throw new IllegalArgumentException("the chain's leaf certificate is not for this key");
      }
      return new VerificationKey(this);
    }
  }
}
