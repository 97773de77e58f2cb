package org.tongban.seal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.seal.ses.SesSeal;

/**
 * The first step's output of {@link DataSealer}: the exact bytes the signer must sign (the DER
 * of {@code TBS_Sign}), for an HSM, a USB key or a remote signing service. Pass the signature
 * value back to {@link DataSealer#complete(PreparedSealSignature, byte[])}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class PreparedSealSignature {
  private final SesSeal seal;
  private final X509Certificate signer;
  private final SignatureAlgorithm algorithm;
  private final Instant signingTime;
  private final byte[] dataHash;
  private final byte[] toBeSigned;

  PreparedSealSignature(SesSeal seal, X509Certificate signer, SignatureAlgorithm algorithm,
      Instant signingTime, byte[] dataHash, byte[] toBeSigned) {
    this.seal = seal;
    this.signer = signer;
    this.algorithm = algorithm;
    this.signingTime = signingTime;
    this.dataHash = dataHash;
    this.toBeSigned = toBeSigned;
  }

  /**
   * Returns the bytes to sign: the DER of {@code TBS_Sign}. Sign them as a message (the signer
   * hashes: SM3(Z_A ‖ TBS) for SM2, SHA-256 for RSA).
   *
   * @return the bytes (a copy)
   */
  public byte[] toBeSigned() {
    return toBeSigned.clone();
  }

  /**
   * Returns the algorithm the signature must be made with.
   *
   * @return SM2_SM3 (DER value) or RSA_PKCS1_SHA256
   */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the document digest written in {@code dataHash}.
   *
   * @return the digest (a copy)
   */
  public byte[] dataHash() {
    return dataHash.clone();
  }

  /**
   * Returns the signing time written in {@code timeInfo}.
   *
   * @return the time
   */
  public Instant signingTime() {
    return signingTime;
  }

  SesSeal seal() {
    return seal;
  }

  X509Certificate signer() {
    return signer;
  }

  byte[] tbs() {
    return toBeSigned;
  }
}
