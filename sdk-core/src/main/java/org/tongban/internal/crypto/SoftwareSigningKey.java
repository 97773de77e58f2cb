package org.tongban.internal.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.tongban.KeyAccessException;
import org.tongban.SigningException;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SignatureParameters;
import org.tongban.crypto.SigningKey;

/** A {@link SigningKey} over an in-memory private key. Immutable and thread-safe. */
public final class SoftwareSigningKey implements SigningKey {
  private final SignatureAlgorithm alg;
  private final SignatureParameters params;
  private final PrivateKey key;
  private final Optional<String> keyId;
  private final List<X509Certificate> chain;
  // SM2 and ECDSA: the lightweight form of the key, and for SM2 its Z_A.
  private final ECDomainParameters domain;
  private final BigInteger d;
  private final byte[] za;

  /**
   * Creates a key.
   *
   * @param alg the algorithm
   * @param params the parameters, fitting {@code alg}
   * @param key the private key, fitting {@code alg}
   * @param keyId the key id
   * @param chain the certificate chain, leaf first
   * @throws KeyAccessException if the key does not fit the algorithm
   */
  public SoftwareSigningKey(SignatureAlgorithm alg, SignatureParameters params, PrivateKey key,
      Optional<String> keyId, List<X509Certificate> chain) {
    this.alg = Objects.requireNonNull(alg, "alg");
    this.params = Objects.requireNonNull(params, "params");
    this.key = Objects.requireNonNull(key, "key");
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    this.chain = List.copyOf(chain);
    params.checkFits(alg);
    if (alg.keyType() == KeyType.RSA) {
      if (!(key instanceof RSAPrivateKey)) {
        throw new KeyAccessException("algorithm " + alg + " needs an RSA private key");
      }
      int bits = ((RSAPrivateKey) key).getModulus().bitLength();
      if (bits < PreparedVerifiers.MIN_RSA_BITS) {
        throw new KeyAccessException("RSA key of " + bits + " bits is too short");
      }
      this.domain = null;
      this.d = null;
      this.za = null;
    } else {
      if (!(key instanceof ECPrivateKey)) {
        throw new KeyAccessException("algorithm " + alg + " needs an EC private key");
      }
      KeyType actual = EcCurves.identify((ECPrivateKey) key)
          .orElseThrow(() -> new KeyAccessException("unsupported curve"));
      if (actual != alg.keyType()) {
        throw new KeyAccessException("key is on " + actual + ", algorithm needs " + alg.keyType());
      }
      this.domain = EcCurves.domain(actual);
      this.d = ((ECPrivateKey) key).getS();
      if (d.signum() <= 0 || d.compareTo(domain.getN().subtract(BigInteger.ONE)) >= 0) {
        throw new KeyAccessException("private scalar out of range");
      }
      if (actual == KeyType.SM2) {
        ECPoint q = new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize();
        this.za = Sm2Core.za(domain, params.distinguishingId(), q);
      } else {
        this.za = null;
      }
    }
  }

  /**
   * Returns the private key, for internal adapters (PKCS#12 export, CMS).
   *
   * @return the key
   */
  public PrivateKey privateKey() {
    return key;
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return alg;
  }

  @Override
  public SignatureParameters parameters() {
    return params;
  }

  @Override
  public Optional<String> keyId() {
    return keyId;
  }

  @Override
  public List<X509Certificate> certificateChain() {
    return chain;
  }

  @Override
  public byte[] sign(byte[] message) {
    Objects.requireNonNull(message, "message");
    int fieldBytes = domain == null ? 0 : (domain.getCurve().getFieldSize() + 7) / 8;
    switch (alg.keyType()) {
      case SM2: {
        BigInteger[] rs = Sm2Core.sign(domain, d, Sm2Core.e(za, message), null);
        return EcSignatureCodec.encode(rs[0], rs[1], params.encoding(), fieldBytes);
      }
      case EC_P256:
      case EC_P384: {
        // Deterministic k (RFC 6979): no dependence on the quality of a random source.
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(
            alg.keyType() == KeyType.EC_P256 ? new SHA256Digest() : new SHA384Digest()));
        signer.init(true, new ECPrivateKeyParameters(d, domain));
        BigInteger[] rs = signer.generateSignature(Digests.digest(alg.digest(), message));
        return EcSignatureCodec.encode(rs[0], rs[1], params.encoding(), fieldBytes);
      }
      default:
        try {
          Signature s = Signature.getInstance(alg.jcaName(), "SunRsaSign");
          if (alg == SignatureAlgorithm.RSA_PSS_SHA256) {
            s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                params.pssSaltLength(), PSSParameterSpec.TRAILER_FIELD_BC));
          }
          s.initSign(key);
          s.update(message);
          return s.sign();
        } catch (GeneralSecurityException e) {
          throw new SigningException("RSA signing failed", e);
        }
    }
  }

  @Override
  public String toString() {
    return "SigningKey{" + alg + keyId.map(k -> ", kid=" + k).orElse("") + ", in memory}";
  }
}
