package org.tongban.crypto;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A signature algorithm: the hash, the signature scheme and the key type, bound together.
 *
 * <p>This is an open, enum-like final class rather than a Java {@code enum}, so that adding an
 * algorithm does not break callers' exhaustive {@code switch}es. Compare with {@code ==} or
 * {@link #equals(Object)}.
 *
 * <table>
 *   <caption>Supported algorithms</caption>
 *   <tr><th>constant</th><th>what is signed</th><th>OID</th><th>JOSE alg</th></tr>
 *   <tr><td>{@link #SM2_SM3}</td><td>SM2 over SM3(Z_A ‖ M), GB/T 32918.2, Z_A from the
 *       distinguishing ID (GM/T 0009)</td><td>1.2.156.10197.1.501</td><td>{@code SM2SM3}
 *       (Tongban profile, not IANA-registered)</td></tr>
 *   <tr><td>{@link #RSA_PKCS1_SHA256}</td><td>RSASSA-PKCS1-v1_5 over SHA-256(M), RFC 8017
 *       §8.2</td><td>1.2.840.113549.1.1.11</td><td>RS256</td></tr>
 *   <tr><td>{@link #RSA_PSS_SHA256}</td><td>RSASSA-PSS over SHA-256(M), MGF1-SHA-256, RFC 8017
 *       §8.1</td><td>1.2.840.113549.1.1.10</td><td>PS256</td></tr>
 *   <tr><td>{@link #ECDSA_P256_SHA256}</td><td>ECDSA P-256 over SHA-256(M)</td>
 *       <td>1.2.840.10045.4.3.2</td><td>ES256</td></tr>
 *   <tr><td>{@link #ECDSA_P384_SHA384}</td><td>ECDSA P-384 over SHA-384(M)</td>
 *       <td>1.2.840.10045.4.3.3</td><td>ES384</td></tr>
 * </table>
 *
 * @since 0.1
 */
public final class SignatureAlgorithm {
  /** SM2 with SM3 (GB/T 32918.2, GM/T 0009): SM2 signature over SM3(Z_A ‖ M). */
  public static final SignatureAlgorithm SM2_SM3 = new SignatureAlgorithm("SM2_SM3",
      "SM3withSM2", "1.2.156.10197.1.501", "SM2SM3", KeyType.SM2, DigestAlgorithm.SM3);
  /** RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 §8.2). */
  public static final SignatureAlgorithm RSA_PKCS1_SHA256 = new SignatureAlgorithm(
      "RSA_PKCS1_SHA256", "SHA256withRSA", "1.2.840.113549.1.1.11", "RS256", KeyType.RSA,
      DigestAlgorithm.SHA256);
  /** RSASSA-PSS with SHA-256 and MGF1-SHA-256 (RFC 8017 §8.1). */
  public static final SignatureAlgorithm RSA_PSS_SHA256 = new SignatureAlgorithm(
      "RSA_PSS_SHA256", "RSASSA-PSS", "1.2.840.113549.1.1.10", "PS256", KeyType.RSA,
      DigestAlgorithm.SHA256);
  /** ECDSA on P-256 with SHA-256 (FIPS 186-5). */
  public static final SignatureAlgorithm ECDSA_P256_SHA256 = new SignatureAlgorithm(
      "ECDSA_P256_SHA256", "SHA256withECDSA", "1.2.840.10045.4.3.2", "ES256", KeyType.EC_P256,
      DigestAlgorithm.SHA256);
  /** ECDSA on P-384 with SHA-384 (FIPS 186-5). */
  public static final SignatureAlgorithm ECDSA_P384_SHA384 = new SignatureAlgorithm(
      "ECDSA_P384_SHA384", "SHA384withECDSA", "1.2.840.10045.4.3.3", "ES384", KeyType.EC_P384,
      DigestAlgorithm.SHA384);

  private static final List<SignatureAlgorithm> VALUES = List.of(SM2_SM3, RSA_PKCS1_SHA256,
      RSA_PSS_SHA256, ECDSA_P256_SHA256, ECDSA_P384_SHA384);

  private final String name;
  private final String jcaName;
  private final String oid;
  private final String joseName;
  private final KeyType keyType;
  private final DigestAlgorithm digest;

  private SignatureAlgorithm(String name, String jcaName, String oid, String joseName,
      KeyType keyType, DigestAlgorithm digest) {
    this.name = name;
    this.jcaName = jcaName;
    this.oid = oid;
    this.joseName = joseName;
    this.keyType = keyType;
    this.digest = digest;
  }

  /**
   * Returns every algorithm Tongban supports.
   *
   * @return the algorithms
   */
  public static List<SignatureAlgorithm> values() {
    return VALUES;
  }

  /**
   * Looks up an algorithm by its {@link #name()}.
   *
   * @param name e.g. {@code SM2_SM3}
   * @return the algorithm, if supported
   */
  public static Optional<SignatureAlgorithm> forName(String name) {
    Objects.requireNonNull(name, "name");
    return VALUES.stream().filter(a -> a.name.equals(name)).findFirst();
  }

  /**
   * Looks up an algorithm by its signature algorithm OID.
   *
   * @param oid dotted OID
   * @return the algorithm, if supported
   */
  public static Optional<SignatureAlgorithm> forOid(String oid) {
    Objects.requireNonNull(oid, "oid");
    return VALUES.stream().filter(a -> a.oid.equals(oid)).findFirst();
  }

  /**
   * Returns the stable name, e.g. {@code SM2_SM3}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the JCA standard name, e.g. {@code SM3withSM2}.
   *
   * @return the JCA name
   */
  public String jcaName() {
    return jcaName;
  }

  /**
   * Returns the signature algorithm OID in dotted form.
   *
   * @return the OID
   */
  public String oid() {
    return oid;
  }

  /**
   * Returns the JOSE {@code alg} value. For SM2 this is {@code SM2SM3}, Tongban's profile (no
   * IANA registration exists); everything else is the IANA-registered name.
   *
   * @return the JOSE name
   */
  public Optional<String> joseName() {
    return Optional.of(joseName);
  }

  /**
   * Returns the key type the algorithm needs.
   *
   * @return the key type
   */
  public KeyType keyType() {
    return keyType;
  }

  /**
   * Returns the message digest the algorithm applies.
   *
   * @return the digest
   */
  public DigestAlgorithm digest() {
    return digest;
  }

  /**
   * Returns the encoding used when none is given: DER for SM2 and ECDSA (as in X.509, CMS and
   * SES), the modulus-length integer for RSA.
   *
   * @return the default encoding
   */
  public SignatureEncoding defaultEncoding() {
    return keyType == KeyType.RSA ? SignatureEncoding.RSA : SignatureEncoding.DER;
  }

  @Override
  public String toString() {
    return name;
  }
}
