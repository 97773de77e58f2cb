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
}
