package org.tongban.internal.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.tongban.KeyAccessException;
import org.tongban.SignatureInvalidException;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SignatureParameters;
import org.tongban.crypto.Verifier;

/** Builds {@link Verifier}s whose key-dependent state is computed once. */
public final class PreparedVerifiers {
  /** RSA moduli below this are refused. */
  public static final int MIN_RSA_BITS = 2048;
  /** RSA moduli above this are refused (verification cost grows with the square). */
  public static final int MAX_RSA_BITS = 8192;

  private static final String INVALID = "invalid signature";

  /** DER of DigestInfo { AlgorithmIdentifier { id-sha256, NULL }, OCTET STRING (32) } less the
   * digest (RFC 8017 §9.2 note 1). */
  private static final byte[] SHA256_DIGEST_INFO_PREFIX = {
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, (byte) 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
    0x01, 0x05, 0x00, 0x04, 0x20
  };

  private PreparedVerifiers() {}

  /**
   * Prepares a verifier.
   *
   * @param alg the algorithm
   * @param params the parameters
   * @param key the public key, already checked to fit {@code alg}
   * @return the verifier
   * @throws KeyAccessException if the key is not usable with the algorithm
   */
  public static Verifier prepare(SignatureAlgorithm alg, SignatureParameters params,
      PublicKey key) {
    KeyType type = alg.keyType();
    if (type == KeyType.RSA) {
      if (!(key instanceof RSAPublicKey)) {
        throw new KeyAccessException("not an RSA public key");
      }
      RSAPublicKey rsa = (RSAPublicKey) key;
      int bits = rsa.getModulus().bitLength();
      if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
        throw new KeyAccessException("RSA modulus of " + bits + " bits not accepted");
      }
      BigInteger exp = rsa.getPublicExponent();
      if (!exp.testBit(0) || exp.compareTo(BigInteger.valueOf(3)) < 0) {
        throw new KeyAccessException("bad RSA public exponent");
      }
      return new RsaVerifier(alg, params, rsa);
    }
    if (!(key instanceof ECPublicKey)) {
      throw new KeyAccessException("not an elliptic-curve public key");
    }
    ECPublicKey ec = (ECPublicKey) key;
    KeyType actual = EcCurves.identify(ec)
        .orElseThrow(() -> new KeyAccessException("unsupported curve"));
    if (actual != type) {
      throw new KeyAccessException("key is on " + actual + ", algorithm needs " + type);
    }
    ECDomainParameters domain = EcCurves.domain(type);
    ECPoint q;
    try {
      q = EcCurves.validPoint(domain, ec.getW());
    } catch (IllegalArgumentException e) {
      throw new KeyAccessException("public point not valid on the curve", e);
    }
    if (type == KeyType.SM2) {
      return new Sm2Verifier(domain, q, params);
    }
    return new EcdsaVerifier(alg, domain, q, params);
  }

  private static SignatureInvalidException invalid() {
    return new SignatureInvalidException(INVALID);
  }

  /**
   * SM2 with the Z_A of the key and distinguishing ID computed once. The key's comb table (see
   * {@link Sm2Fast}) costs about as much as twenty verifications to build, so it is built only
   * once a key has been used {@link #TABLE_AFTER_USES} times; until then BouncyCastle's generic
   * interleaved multiplication — what its {@code SM2Signer} does — serves one-off keys (a
   * certificate chain's issuers), so a key's first verifications cost what BouncyCastle's do.
   */
  public static final class Sm2Verifier implements Verifier {
    /** Verifications with one key before its tables are built. */
    static final int TABLE_AFTER_USES = 16;

    private final ECDomainParameters domain;
    private final ECPoint point;
    private final SignatureParameters params;
    private final byte[] za;
    private final int fieldBytes;
    private final java.util.concurrent.atomic.AtomicInteger uses =
        new java.util.concurrent.atomic.AtomicInteger();
    private volatile Sm2Fast.Comb table;

    Sm2Verifier(ECDomainParameters domain, ECPoint q, SignatureParameters params) {
      this.domain = domain;
      this.point = q;
      this.params = params;
      this.za = Sm2Core.za(domain, params.distinguishingId(), q);
      this.fieldBytes = (domain.getCurve().getFieldSize() + 7) / 8;
    }

    private boolean check(BigInteger e, BigInteger r, BigInteger s) {
      Sm2Fast.Comb t = table;
      if (t == null && uses.incrementAndGet() > TABLE_AFTER_USES) {
        // Two threads may both build it; the tables are equal and either is fine.
        t = Sm2Fast.prepare(point);
        table = t;
      }
      return t != null ? Sm2Fast.verify(t, e, r, s) : Sm2Core.verify(domain, point, e, r, s);
    }

    @Override
    public void verify(byte[] signature, byte[] message) {
      if (message == null) {
        throw invalid();
      }
      verify(signature, message, 0, message.length);
    }

    @Override
    public void verify(byte[] signature, byte[] data, int offset, int length) {
      if (signature == null || data == null) {
        throw invalid();
      }
      java.util.Objects.checkFromIndexSize(offset, length, data.length);
      BigInteger[] rs = EcSignatureCodec.decode(signature, params.encoding(), fieldBytes);
      if (rs == null || !check(Sm2Core.e(za, data, offset, length), rs[0], rs[1])) {
        throw invalid();
      }
    }

    /**
     * Verifies over a precomputed digest e = SM3(Z_A ‖ M), for callers that only hold e.
     *
     * @param signature the signature value
     * @param e the digest
     */
    public void verifyDigest(byte[] signature, byte[] e) {
      BigInteger[] rs = EcSignatureCodec.decode(signature, params.encoding(), fieldBytes);
      if (rs == null || e == null || e.length != 32
          || !check(new BigInteger(1, e), rs[0], rs[1])) {
        throw invalid();
      }
    }
  }

  /** ECDSA through BouncyCastle (the JDK's SunEC mis-handles Wycheproof edge cases). */
  static final class EcdsaVerifier implements Verifier {
    private final SignatureAlgorithm alg;
    private final ECDomainParameters domain;
    private final ECPublicKeyParameters key;
    private final SignatureParameters params;
    private final int fieldBytes;

    EcdsaVerifier(SignatureAlgorithm alg, ECDomainParameters domain, ECPoint q,
        SignatureParameters params) {
      this.alg = alg;
      this.domain = domain;
      this.key = new ECPublicKeyParameters(Sm2Core.preparePublicPoint(q), domain);
      this.params = params;
      this.fieldBytes = (domain.getCurve().getFieldSize() + 7) / 8;
    }

    @Override
    public void verify(byte[] signature, byte[] message) {
      if (signature == null || message == null) {
        throw invalid();
      }
      BigInteger[] rs = EcSignatureCodec.decode(signature, params.encoding(), fieldBytes);
      if (rs == null) {
        throw invalid();
      }
      BigInteger n = domain.getN();
      if (rs[0].signum() <= 0 || rs[0].compareTo(n) >= 0 || rs[1].signum() <= 0
          || rs[1].compareTo(n) >= 0) {
        throw invalid();
      }
      ECDSASigner signer = new ECDSASigner();
      signer.init(false, key);
      byte[] hash = Digests.digest(alg.digest(), message);
      if (!signer.verifySignature(hash, rs[0], rs[1])) {
        throw invalid();
      }
    }
  }

  /**
   * RSA. PKCS#1 v1.5 is verified by re-encoding (RFC 8017 §8.2.2 step 3-4): the only accepted
   * encoded message is {@code 00 01 FF..FF 00 DigestInfo(SHA-256, NULL parameters)}, compared in
   * constant time, so no parser leniency (missing NULL, BER lengths, garbage) can creep in — the
   * JDK accepts a DigestInfo without the NULL. PSS goes through the JDK's SunRsaSign.
   */
  static final class RsaVerifier implements Verifier {
    private final SignatureAlgorithm alg;
    private final RSAPublicKey key;
    private final int modulusBytes;
    private final PSSParameterSpec pss;

    RsaVerifier(SignatureAlgorithm alg, SignatureParameters params, RSAPublicKey key) {
      this.alg = alg;
      this.key = key;
      this.modulusBytes = (key.getModulus().bitLength() + 7) / 8;
      this.pss = alg == SignatureAlgorithm.RSA_PSS_SHA256
          ? new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
              params.pssSaltLength(), PSSParameterSpec.TRAILER_FIELD_BC)
          : null;
    }

    @Override
    public void verify(byte[] signature, byte[] message) {
      // RFC 8017 §8.2.2 step 1: the signature must be exactly k octets long.
      if (signature == null || message == null || signature.length != modulusBytes) {
        throw invalid();
      }
      boolean ok;
      if (pss == null) {
        ok = verifyPkcs1(signature, message);
      } else {
        ok = verifyPss(signature, message);
      }
      if (!ok) {
        throw invalid();
      }
    }

    private boolean verifyPkcs1(byte[] signature, byte[] message) {
      BigInteger n = key.getModulus();
      BigInteger sig = new BigInteger(1, signature);
      if (sig.compareTo(n) >= 0) {
        return false; // RSAVP1 step 1
      }
      byte[] em = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(modulusBytes,
          sig.modPow(key.getPublicExponent(), n));
      byte[] hash = Digests.digest(DigestAlgorithm.SHA256, message);
      byte[] expected = new byte[modulusBytes];
      int tLen = SHA256_DIGEST_INFO_PREFIX.length + hash.length;
      expected[0] = 0x00;
      expected[1] = 0x01;
      int psEnd = modulusBytes - tLen - 1;
      java.util.Arrays.fill(expected, 2, psEnd, (byte) 0xff);
      expected[psEnd] = 0x00;
      System.arraycopy(SHA256_DIGEST_INFO_PREFIX, 0, expected, psEnd + 1,
          SHA256_DIGEST_INFO_PREFIX.length);
      System.arraycopy(hash, 0, expected, modulusBytes - hash.length, hash.length);
      return java.security.MessageDigest.isEqual(em, expected);
    }

    private boolean verifyPss(byte[] signature, byte[] message) {
      boolean ok;
      try {
        Signature s = Signature.getInstance(alg.jcaName(), "SunRsaSign");
        if (pss != null) {
          s.setParameter(pss);
        }
        s.initVerify(key);
        s.update(message);
        ok = s.verify(signature);
      } catch (GeneralSecurityException | RuntimeException e) {
        ok = false;
      }
      return ok;
    }
  }
}
