package org.tongban.seal.internal;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import org.tongban.SigningException;
import org.tongban.UnsupportedAlgorithmException;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SignatureEncoding;
import org.tongban.crypto.SignatureParameters;
import org.tongban.crypto.SigningKey;
import org.tongban.crypto.VerificationKey;
import org.tongban.internal.crypto.EcCurves;
import org.tongban.internal.crypto.EcSignatureCodec;

/**
 * The algorithms SES allows and how they are written: SM2 with SM3 (OID 1.2.156.10197.1.501,
 * DER signature, default distinguishing ID) and RSA PKCS#1 v1.5 with SHA-256
 * (1.2.840.113549.1.1.11). The document digest is SM3 for SM2 and SHA-256 for RSA.
 */
public final class SealAlgorithms {
  private SealAlgorithms() {}

  /**
   * Returns the SES algorithm for a key type.
   *
   * @param type the key type
   * @return SM2_SM3 or RSA_PKCS1_SHA256
   * @throws UnsupportedAlgorithmException for ECDSA keys
   */
  public static SignatureAlgorithm forKeyType(KeyType type) {
    if (type == KeyType.SM2) {
      return SignatureAlgorithm.SM2_SM3;
    }
    if (type == KeyType.RSA) {
      return SignatureAlgorithm.RSA_PKCS1_SHA256;
    }
    throw new UnsupportedAlgorithmException("electronic seals use SM2 or RSA keys, not " + type);
  }

  /**
   * Returns the SES algorithm of a certificate's key.
   *
   * @param cert the certificate
   * @return the algorithm
   */
  public static SignatureAlgorithm forCertificate(X509Certificate cert) {
    return forKeyType(VerificationKey.keyTypeOf(cert.getPublicKey()));
  }

  /**
   * Returns the document digest algorithm for a signing algorithm.
   *
   * @param alg SM2_SM3 or RSA_PKCS1_SHA256
   * @return SM3 or SHA256
   */
  public static DigestAlgorithm digestFor(SignatureAlgorithm alg) {
    return alg == SignatureAlgorithm.SM2_SM3 ? DigestAlgorithm.SM3 : DigestAlgorithm.SHA256;
  }

  /**
   * Returns a verification key for a certificate, with the SES parameters.
   *
   * @param key the public key
   * @param alg the algorithm
   * @return the key
   */
  public static VerificationKey verificationKey(PublicKey key, SignatureAlgorithm alg) {
    return VerificationKey.builder(key).algorithm(alg)
        .parameters(SignatureParameters.defaults(alg)).build();
  }

  /**
   * Signs with any key and returns the value as SES stores it (DER for SM2).
   *
   * @param key the key
   * @param toBeSigned the bytes
   * @return the signature value
   */
  public static byte[] sign(SigningKey key, byte[] toBeSigned) {
    SignatureAlgorithm alg = key.algorithm();
    if (alg != SignatureAlgorithm.SM2_SM3 && alg != SignatureAlgorithm.RSA_PKCS1_SHA256) {
      throw new UnsupportedAlgorithmException("electronic seals are signed with SM2_SM3 or "
          + "RSA_PKCS1_SHA256, not " + alg);
    }
    if (alg == SignatureAlgorithm.SM2_SM3 && !java.util.Arrays.equals(
        key.parameters().distinguishingId(),
        SignatureParameters.DEFAULT_DISTINGUISHING_ID.getBytes(
            java.nio.charset.StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException("SES signatures use the default SM2 distinguishing ID");
    }
    byte[] sig = key.sign(toBeSigned);
    if (alg == SignatureAlgorithm.SM2_SM3
        && key.parameters().encoding() == SignatureEncoding.RAW_R_S) {
      sig = EcSignatureCodec.convert(sig, SignatureEncoding.RAW_R_S, SignatureEncoding.DER,
          (EcCurves.SM2.getCurve().getFieldSize() + 7) / 8);
      if (sig == null) {
        throw new SigningException("the signing key returned a malformed signature");
      }
    }
    return sig;
  }
}
