package org.tongban.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tongban.KeyAccessException;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SignatureParameters;
import org.tongban.crypto.SigningKey;
import org.tongban.crypto.VerificationKey;
import org.tongban.internal.crypto.Bc;
import org.tongban.internal.crypto.EcCurves;
import org.tongban.internal.crypto.SoftwareSigningKey;

/**
 * Creates in-memory {@link SigningKey}s from JCA keys, PEM files and PKCS#12 key stores, and
 * writes PKCS#12 key stores.
 *
 * <p>The algorithm is inferred from the key unless given: SM2 curve → {@code SM2_SM3} (DER,
 * distinguishing ID {@code 1234567812345678}), P-256 → {@code ECDSA_P256_SHA256}, P-384 →
 * {@code ECDSA_P384_SHA384}, RSA → {@code RSA_PKCS1_SHA256}.
 *
 * @since 0.1
 */
public final class SigningKeys {
  private SigningKeys() {}

  /**
   * Returns a signing key with the inferred algorithm and default parameters.
   *
   * @param key the private key
   * @param chain the certificate chain, leaf first (may be empty)
   * @return the signing key
   * @throws KeyAccessException if the key is not usable
   */
  public static SigningKey of(PrivateKey key, List<X509Certificate> chain) {
    return builder(key).certificateChain(chain).build();
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @param key the private key
   * @return a builder
   */
  public static Builder builder(PrivateKey key) {
    return new Builder(key);
  }

  /**
   * Reads a PKCS#8, SEC1 or PKCS#1 PEM private key, with optional certificate chain PEM.
   *
   * @param privateKeyPem the key PEM
   * @param certificatesPem the certificates PEM, leaf first; may be empty
   * @return the signing key
   * @throws KeyAccessException if the key cannot be read
   */
  public static SigningKey fromPem(String privateKeyPem, String certificatesPem) {
    return of(Pem.readPrivateKey(privateKeyPem), Pem.readCertificates(certificatesPem));
  }

  /**
   * Reads a key and its chain from a PKCS#12 file.
   *
   * @param file the file
   * @param password the store password (owned by the caller, not cleared)
   * @param alias the alias of the key entry
   * @return the signing key
   * @throws KeyAccessException if the file cannot be read, the password is wrong, or the alias
   *     is missing
   */
  public static SigningKey fromPkcs12(Path file, char[] password, String alias) {
    return fromPkcs12(file, password, Optional.of(alias));
  }

  /**
   * Reads the only key entry and its chain from a PKCS#12 file.
   *
   * @param file the file
   * @param password the store password (owned by the caller, not cleared)
   * @return the signing key
   * @throws KeyAccessException if the file cannot be read, the password is wrong, or the file
   *     holds no key entry or more than one
   */
  public static SigningKey fromPkcs12(Path file, char[] password) {
    return fromPkcs12(file, password, Optional.empty());
  }

  private static SigningKey fromPkcs12(Path file, char[] password, Optional<String> alias) {
    KeyEntry e = readPkcs12(file, password, alias);
    return builder(e.privateKey()).certificateChain(e.chain()).keyId(e.alias()).build();
  }

  /**
   * One private key entry of a PKCS#12 file: the key, its chain (leaf first, possibly empty) and
   * its alias. For callers that choose the algorithm or parameters themselves.
   *
   * @param alias the entry's alias
   * @param privateKey the private key
   * @param chain the certificate chain, leaf first; empty when the file has none
   */
  public record KeyEntry(String alias, PrivateKey privateKey, List<X509Certificate> chain) {
    /**
     * Checks and copies the parts.
     *
     * @param alias the alias
     * @param privateKey the key
     * @param chain the chain
     */
    public KeyEntry {
      Objects.requireNonNull(alias, "alias");
      Objects.requireNonNull(privateKey, "privateKey");
      chain = List.copyOf(chain);
    }

    @Override
    public String toString() {
      return "KeyEntry[" + alias + ", " + privateKey.getAlgorithm() + ", " + chain.size()
          + " certificates]";
    }
  }

  /**
   * Reads one private key entry from a PKCS#12 file (at most {@link Pem#MAX_PEM_BYTES}).
   *
   * @param file the file
   * @param password the store password (owned by the caller, not cleared)
   * @param alias the alias of the key entry
   * @return the entry
   * @throws KeyAccessException if the file cannot be read, the password is wrong, or the alias
   *     is missing
   */
  public static KeyEntry readPkcs12(Path file, char[] password, String alias) {
    return readPkcs12(file, password, Optional.of(alias));
  }

  /**
   * Reads the only private key entry from a PKCS#12 file (at most {@link Pem#MAX_PEM_BYTES}).
   *
   * @param file the file
   * @param password the store password (owned by the caller, not cleared)
   * @return the entry
   * @throws KeyAccessException if the file cannot be read, the password is wrong, or the file
   *     holds no key entry or more than one
   */
  public static KeyEntry readPkcs12(Path file, char[] password) {
    return readPkcs12(file, password, Optional.empty());
  }

  private static KeyEntry readPkcs12(Path file, char[] password, Optional<String> alias) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(alias, "alias");
    try {
      if (Files.size(file) > Pem.MAX_PEM_BYTES) {
        throw new KeyAccessException("PKCS#12 file too large");
      }
      KeyStore ks = KeyStore.getInstance("PKCS12", Bc.PROVIDER);
      try (InputStream in = Files.newInputStream(file)) {
        ks.load(in, password);
      }
      String name = alias.orElse(null);
      if (name == null) {
        List<String> keys = new ArrayList<>();
        for (String a : Collections.list(ks.aliases())) {
          if (ks.isKeyEntry(a)) {
            keys.add(a);
          }
        }
        if (keys.size() != 1) {
          throw new KeyAccessException("PKCS#12 has " + keys.size() + " key entries; name one");
        }
        name = keys.get(0);
      }
      Key k = ks.getKey(name, password);
      if (!(k instanceof PrivateKey)) {
        throw new KeyAccessException("no private key under alias " + name);
      }
      List<X509Certificate> chain = new ArrayList<>();
      Certificate[] certs = ks.getCertificateChain(name);
      if (certs != null) {
        for (Certificate c : certs) {
          chain.add(Pem.toCertificate(c.getEncoded()));
        }
      }
      return new KeyEntry(name, (PrivateKey) k, chain);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (e instanceof KeyAccessException) {
        throw (KeyAccessException) e;
      }
      throw new KeyAccessException("cannot read PKCS#12 (wrong password or damaged file)", e);
    }
  }

  /** Whether the certificate holds the public half of the private key. */
  private static boolean matches(PrivateKey key, X509Certificate certificate) {
    java.security.PublicKey inCert = certificate.getPublicKey();
    if (key instanceof RSAPrivateKey rsa) {
      // The modulus decides; it needs no CRT parameters.
      return inCert instanceof java.security.interfaces.RSAPublicKey pub
          && pub.getModulus().equals(rsa.getModulus());
    }
    try {
      // Compare the points, not the encodings: producers name SM2 curves in more than one way.
      java.security.PublicKey derived = KeyPairs.publicKeyOf(key);
      return derived instanceof java.security.interfaces.ECPublicKey d
          && inCert instanceof java.security.interfaces.ECPublicKey c
          && d.getW().equals(c.getW());
    } catch (RuntimeException e) {
      return false; // a public key that cannot be derived: no match can be shown
    }
  }

  /**
   * Writes a private key and its chain as a PKCS#12 file (AES-256-CBC key encryption and
   * HMAC-SHA-256 integrity, as OpenSSL 3 writes by default).
   *
   * @param out where to write
   * @param key the private key
   * @param chain the chain, leaf first, not empty
   * @param alias the alias
   * @param password the password
   * @throws KeyAccessException if the key store cannot be written
   */
  public static void writePkcs12(OutputStream out, PrivateKey key, List<X509Certificate> chain,
      String alias, char[] password) {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(password, "password");
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("PKCS#12 needs at least the leaf certificate");
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12", Bc.PROVIDER);
      ks.load(null, null);
      ks.setKeyEntry(alias, key, password, chain.toArray(new Certificate[0]));
      ks.store(out, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new KeyAccessException("cannot write PKCS#12", e);
    }
  }

  /**
   * Infers the key type of a private key.
   *
   * @param key the key
   * @return the key type
   * @throws KeyAccessException if unsupported
   */
  public static KeyType keyTypeOf(PrivateKey key) {
    if (key instanceof RSAPrivateKey) {
      return KeyType.RSA;
    }
    if (key instanceof ECPrivateKey) {
      return EcCurves.identify((ECPrivateKey) key)
          .orElseThrow(() -> new KeyAccessException("unsupported curve"));
    }
    throw new KeyAccessException("unsupported private key type " + key.getAlgorithm());
  }

  /** Builds an in-memory {@link SigningKey}. Not thread-safe. */
  public static final class Builder {
    private final PrivateKey key;
    private SignatureAlgorithm algorithm;
    private SignatureParameters parameters;
    private String keyId;
    private List<X509Certificate> chain = List.of();

    private Builder(PrivateKey key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Sets the algorithm; inferred from the key by default.
     *
     * @param algorithm the algorithm
     * @return this builder
     */
    public Builder algorithm(SignatureAlgorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Sets the parameters; {@link SignatureParameters#defaults} by default.
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
     * Sets the certificate chain, leaf first.
     *
     * @param chain the chain
     * @return this builder
     */
    public Builder certificateChain(List<X509Certificate> chain) {
      this.chain = List.copyOf(chain);
      return this;
    }

    /**
     * Builds the key.
     *
     * @return the signing key
     * @throws KeyAccessException if the key does not fit the algorithm, or the chain's first
     *     certificate holds another key (everything signed would then fail to verify)
     */
    public SigningKey build() {
      KeyType type = keyTypeOf(key);
      SignatureAlgorithm alg = algorithm != null ? algorithm
          : VerificationKey.defaultAlgorithm(type);
      if (alg.keyType() != type) {
        throw new KeyAccessException("key type " + type + " does not fit " + alg);
      }
      if (!chain.isEmpty() && !matches(key, chain.get(0))) {
        throw new KeyAccessException("the private key does not match the certificate "
            + chain.get(0).getSubjectX500Principal().getName());
      }
      SignatureParameters p = parameters != null ? parameters : SignatureParameters.defaults(alg);
      return new SoftwareSigningKey(alg, p, key, Optional.ofNullable(keyId), chain);
    }
  }
}
