package org.tongban.identity;

import java.util.Objects;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SignatureEncoding;
import org.tongban.crypto.SignatureParameters;

/**
 * A JWS {@code alg} an issuer is pinned to, and exactly how its signature is checked: RS256
 * (RSASSA-PKCS1-v1_5, SHA-256), PS256 (RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32), ES256 (ECDSA
 * P-256, 64-byte r‖s) and SM2SM3 (Tongban's profile: SM2 over SM3(Z_A ‖ M), distinguishing ID
 * {@code 1234567812345678}, 64-byte r‖s). Other names for SM2 are aliases an issuer's
 * configuration must name ({@link #sm2Alias}); nothing is auto-detected.
 *
 * <p>Immutable value type.
 *
 * @since 0.1
 */
public final class JwsAlgorithm {
  /** RSASSA-PKCS1-v1_5 with SHA-256. */
  public static final JwsAlgorithm RS256 = new JwsAlgorithm("RS256",
      SignatureAlgorithm.RSA_PKCS1_SHA256,
      SignatureParameters.defaults(SignatureAlgorithm.RSA_PKCS1_SHA256));
  /** RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt (RFC 7518 §3.5). */
  public static final JwsAlgorithm PS256 = new JwsAlgorithm("PS256",
      SignatureAlgorithm.RSA_PSS_SHA256, SignatureParameters.rsaPss(32));
  /** ECDSA P-256 with SHA-256; the signature is r‖s, 64 bytes (RFC 7518 §3.4). */
  public static final JwsAlgorithm ES256 = new JwsAlgorithm("ES256",
      SignatureAlgorithm.ECDSA_P256_SHA256, SignatureParameters.ec(SignatureEncoding.RAW_R_S));
  /** SM2 with SM3, default distinguishing ID, r‖s in 64 bytes. */
  public static final JwsAlgorithm SM2SM3 = new JwsAlgorithm("SM2SM3",
      SignatureAlgorithm.SM2_SM3, SignatureParameters.sm2(
          SignatureParameters.DEFAULT_DISTINGUISHING_ID, SignatureEncoding.RAW_R_S));

  private final String name;
  private final SignatureAlgorithm algorithm;
  private final SignatureParameters parameters;

  private JwsAlgorithm(String name, SignatureAlgorithm algorithm,
      SignatureParameters parameters) {
    this.name = name;
    this.algorithm = algorithm;
    this.parameters = parameters;
  }

  /**
   * Returns another name for SM2 with SM3 that an issuer uses (for example {@code SM2},
   * {@code SM3withSM2}, {@code GmSM2}), with its signature encoding.
   *
   * @param name the {@code alg} value the issuer writes
   * @param encoding r‖s or DER, as the issuer writes it
   * @return the algorithm
   * @throws IllegalArgumentException for a name that is a registered JOSE algorithm or
   *     {@code none}
   */
  public static JwsAlgorithm sm2Alias(String name, SignatureEncoding encoding) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(encoding, "encoding");
    if (name.isEmpty() || name.equalsIgnoreCase("none")
        || name.matches("(HS|RS|PS|ES)(256|384|512)|ES256K|EdDSA|Ed25519|Ed448")) {
      throw new IllegalArgumentException(name + " cannot name SM2");
    }
    return new JwsAlgorithm(name, SignatureAlgorithm.SM2_SM3, SignatureParameters.sm2(
        SignatureParameters.DEFAULT_DISTINGUISHING_ID, encoding));
  }

  /**
   * Returns the {@code alg} header value.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the signature algorithm.
   *
   * @return the algorithm
   */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the signature parameters (encoding, SM2 ID, PSS salt).
   *
   * @return the parameters
   */
  public SignatureParameters parameters() {
    return parameters;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JwsAlgorithm a && a.name.equals(name) && a.algorithm.equals(algorithm)
        && a.parameters.equals(parameters);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, algorithm, parameters);
  }

  @Override
  public String toString() {
    return name;
  }
}
