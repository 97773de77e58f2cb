package org.tongban.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Objects;
import org.tongban.crypto.KeyType;
import org.tongban.internal.crypto.Bc;

/**
 * Generates key pairs: SM2 (sm2p256v1), RSA (2048 bits by default), ECDSA P-256 and P-384.
 *
 * @since 0.1
 */
public final class KeyPairs {
  /** The RSA modulus length used when none is given. */
  public static final int DEFAULT_RSA_BITS = 2048;

  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyPairs() {}

  /**
   * Generates a key pair.
   *
   * @param type the key type
   * @return the key pair
   */
  public static KeyPair generate(KeyType type) {
    Objects.requireNonNull(type, "type");
    return type == KeyType.RSA ? generateRsa(DEFAULT_RSA_BITS) : generateEc(type);
  }

  /**
   * Generates an RSA key pair.
   *
   * @param bits 2048, 3072 or 4096
   * @return the key pair
   */
  public static KeyPair generateRsa(int bits) {
    if (bits != 2048 && bits != 3072 && bits != 4096) {
      throw new IllegalArgumentException("RSA key size must be 2048, 3072 or 4096: " + bits);
    }
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", Bc.PROVIDER);
      g.initialize(bits, RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation unavailable", e);
    }
  }

  private static KeyPair generateEc(KeyType type) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Bc.PROVIDER);
      g.initialize(new ECGenParameterSpec(type.curveName()), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC key generation unavailable for " + type, e);
    }
  }
  /**
   * Derives the public key of a private key: from the modulus and public exponent of an RSA
   * CRT key, or as d·G on the key's curve.
   *
   * @param key an RSA (CRT) or EC/SM2 private key
   * @return the public key
   * @throws org.tongban.KeyAccessException if the key is not one of those
   */
  public static java.security.PublicKey publicKeyOf(java.security.PrivateKey key) {
    Objects.requireNonNull(key, "key");
    try {
      if (key instanceof java.security.interfaces.RSAPrivateCrtKey rsa) {
        return java.security.KeyFactory.getInstance("RSA", Bc.PROVIDER).generatePublic(
            new java.security.spec.RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      }
      if (key instanceof java.security.interfaces.ECPrivateKey ec) {
        KeyType type = SigningKeys.keyTypeOf(key);
        org.bouncycastle.crypto.params.ECDomainParameters d =
            org.tongban.internal.crypto.EcCurves.domain(type);
        org.bouncycastle.math.ec.ECPoint q = d.getG().multiply(ec.getS()).normalize();
        return java.security.KeyFactory.getInstance("EC", Bc.PROVIDER).generatePublic(
            new org.bouncycastle.jce.spec.ECPublicKeySpec(q,
                org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec(type.curveName())));
      }
    } catch (GeneralSecurityException e) {
      throw new org.tongban.KeyAccessException("cannot derive the public key", e);
    }
    throw new org.tongban.KeyAccessException("cannot derive the public key of a "
        + key.getAlgorithm() + " key without CRT parameters", null);
  }
}
