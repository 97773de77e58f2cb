package org.tongban.license.internal;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tongban.KeyAccessException;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SignatureEncoding;
import org.tongban.crypto.SignatureParameters;
import org.tongban.crypto.VerificationKey;
import org.tongban.result.Reason;

/**
 * The issuer certificates a verifier knows, found by the HCERT key id (the first 8 bytes of
 * SHA-256 of the certificate's DER). Several certificates may share a kid, so each match is
 * tried. Immutable and thread-safe.
 */
public final class IssuerKeys {
  private record Entry(X509Certificate cert, String subject, byte[] kid,
      Optional<org.tongban.crypto.KeyType> type,
      java.util.concurrent.ConcurrentHashMap<SignatureAlgorithm, VerificationKey> keys) {
    VerificationKey key(SignatureAlgorithm alg) {
      // Prepared once per certificate and algorithm: key preparation costs more than a verify.
      return keys.computeIfAbsent(alg, a -> verificationKey(cert.getPublicKey(), a));
    }
  }

  /**
   * The outcome of a signature check.
   *
   * @param signer the certificate whose key verified, when it did
   * @param reason the reason, when it did not
   * @param detail a short detail
   */
  public record Outcome(Optional<X509Certificate> signer, Optional<Reason> reason, String detail) {}

  private final List<Entry> entries;

  /**
   * Creates the set.
   *
   * @param certificates the issuer certificates
   */
  public IssuerKeys(List<X509Certificate> certificates) {
    List<Entry> e = new ArrayList<>();
    for (X509Certificate c : certificates) {
      Optional<org.tongban.crypto.KeyType> type;
      try {
        type = Optional.of(VerificationKey.keyTypeOf(c.getPublicKey()));
      } catch (KeyAccessException ex) {
        type = Optional.empty();
      }
      e.add(new Entry(c, c.getSubjectX500Principal().getName(), kid(c), type,
          new java.util.concurrent.ConcurrentHashMap<>()));
    }
    this.entries = List.copyOf(e);
  }

  /**
   * Returns the kid of a certificate.
   *
   * @param cert the certificate
   * @return 8 bytes
   */
  public static byte[] kid(X509Certificate cert) {
    try {
      return Arrays.copyOf(DigestAlgorithm.SHA256.digest(cert.getEncoded()), 8);
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new KeyAccessException("cannot encode the certificate", e);
    }
  }

  /**
   * Returns the COSE verification key for a certificate: r‖s for SM2 and ECDSA, PSS salt 32.
   *
   * @param publicKey the key
   * @param alg the algorithm
   * @return the key
   */
  public static VerificationKey verificationKey(java.security.PublicKey publicKey,
      SignatureAlgorithm alg) {
    SignatureParameters p = alg.keyType().isEllipticCurve()
        ? SignatureParameters.ec(SignatureEncoding.RAW_R_S) : SignatureParameters.rsaPss(32);
    return VerificationKey.builder(publicKey).algorithm(alg).parameters(p).build();
  }

  /**
   * Signs COSE to-be-signed bytes with any key and returns the COSE form of the value (r‖s for
   * SM2 and ECDSA, converting from DER if the key produces DER).
   *
   * @param key the key
   * @param toBeSigned the Sig_structure bytes
   * @return the signature value
   */
  public static byte[] signRaw(org.tongban.crypto.SigningKey key, byte[] toBeSigned) {
    byte[] sig = key.sign(toBeSigned);
    if (key.algorithm().keyType().isEllipticCurve()
        && key.parameters().encoding() == SignatureEncoding.DER) {
      sig = org.tongban.internal.crypto.EcSignatureCodec.convert(sig, SignatureEncoding.DER,
          SignatureEncoding.RAW_R_S, (org.tongban.internal.crypto.EcCurves.domain(
              key.algorithm().keyType()).getCurve().getFieldSize() + 7) / 8);
      if (sig == null) {
        throw new org.tongban.SigningException("the signing key returned a malformed signature");
      }
    }
    return sig;
  }

  /**
   * Verifies a COSE_Sign1 against the certificates whose kid matches.
   *
   * @param cose the parsed COSE_Sign1
   * @return the outcome
   */
  public Outcome verify(CoseSign1.Parsed cose) {
    Optional<SignatureAlgorithm> alg = CoseSign1.algorithm(cose.alg());
    if (alg.isEmpty()) {
      return new Outcome(Optional.empty(), Optional.of(Reason.ALGORITHM_NOT_ALLOWED),
          "COSE alg " + cose.alg());
    }
    List<Entry> matching = new ArrayList<>();
    for (Entry e : entries) {
      if (cose.kid().isEmpty() || Arrays.equals(e.kid(), cose.kid().get())) {
        matching.add(e);
      }
    }
    if (matching.isEmpty()) {
      return new Outcome(Optional.empty(), Optional.of(Reason.KEY_NOT_FOUND),
          "no issuer certificate has this kid");
    }
    byte[] tbs = CoseSign1.toBeSigned(cose.protectedBytes(), cose.payload());
    boolean typeMatched = false;
    for (Entry e : matching) {
      VerificationKey k;
      try {
        if (e.type().orElse(null) != alg.get().keyType()) {
          continue;
        }
        k = e.key(alg.get());
      } catch (KeyAccessException | IllegalArgumentException ex) {
        continue;
      }
      typeMatched = true;
      if (k.verifier().isValid(cose.signature(), tbs)) {
        return new Outcome(Optional.of(e.cert()), Optional.empty(), alg.get().name() + " by "
            + e.subject());
      }
    }
    if (!typeMatched) {
      return new Outcome(Optional.empty(), Optional.of(Reason.ALGORITHM_MISMATCH),
          alg.get() + " does not fit the key of any certificate with this kid");
    }
    return new Outcome(Optional.empty(), Optional.of(Reason.SIG_CRYPTO_FAILURE),
        "tried " + matching.size() + " certificate(s)");
  }
}
