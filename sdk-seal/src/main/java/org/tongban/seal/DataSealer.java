package org.tongban.seal;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import org.tongban.SigningException;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SigningKey;
import org.tongban.result.Reason;
import org.tongban.seal.internal.SealAlgorithms;
import org.tongban.seal.internal.SesEncoder;
import org.tongban.seal.ses.CertDigest;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesSignature;

/**
 * Seals data (电子签章): produces a detached {@code SES_Signature} over bytes or a stream, in
 * the seal's generation, in three steps so that any {@link SigningKey} — an HSM or a USB key
 * included — can sign: {@link #prepare} → sign {@link PreparedSealSignature#toBeSigned()} →
 * {@link #complete}. {@link #seal(SesSeal, SigningKey, byte[], String)} does all three.
 *
 * <h2>What is signed</h2>
 *
 * The DER of {@code TBS_Sign}: version, the whole seal, the signing time, {@code dataHash} =
 * SM3(document) for an SM2 signer or SHA-256(document) for an RSA signer, and
 * {@code propertyInfo}; in v1 also the signer's certificate and algorithm. See
 * {@link SesSignature}.
 *
 * <p>Refuses ({@link SigningException}): a signer certificate the seal does not list
 * ({@link Reason#SEAL_CERT_MISMATCH}), a signing time outside the seal's validity window
 * ({@link Reason#EXPIRED} / {@link Reason#NOT_YET_VALID}), a signature value that does not
 * verify with the signer's certificate ({@link Reason#SIG_CRYPTO_FAILURE}), a
 * {@code propertyInfo} that is not printable ASCII.
 *
 * <p>Immutable and thread-safe; build once and share.
 *
 * @since 0.1
 */
public final class DataSealer {
  private final Clock clock;

  private DataSealer(Clock clock) {
    this.clock = clock;
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DataSealer}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the clock that gives the signing time (default: the system clock, UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the sealer.
     *
     * @return the sealer
     */
    public DataSealer build() {
      return new DataSealer(clock);
    }
  }

  /**
   * Step 1: checks the signer may use the seal now and builds the bytes to sign.
   *
   * @param seal the seal
   * @param signer the signer's certificate
   * @param document the document
   * @param propertyInfo document properties, printable ASCII, e.g. a file name
   * @return the prepared signature
   */
  public PreparedSealSignature prepare(SesSeal seal, X509Certificate signer, byte[] document,
      String propertyInfo) {
    Objects.requireNonNull(document, "document");
    SignatureAlgorithm alg = SealAlgorithms.forCertificate(signer);
    return prepareDigest(seal, signer, SealAlgorithms.digestFor(alg).digest(document),
        propertyInfo);
  }

  /**
   * Step 1 for a stream, read to its end without holding it in memory (not closed).
   *
   * @param seal the seal
   * @param signer the signer's certificate
   * @param document the document stream
   * @param propertyInfo document properties
   * @return the prepared signature
   * @throws IOException if reading fails
   */
  public PreparedSealSignature prepare(SesSeal seal, X509Certificate signer,
      InputStream document, String propertyInfo) throws IOException {
    Objects.requireNonNull(document, "document");
    SignatureAlgorithm alg = SealAlgorithms.forCertificate(signer);
    return prepareDigest(seal, signer, SealAlgorithms.digestFor(alg).digest(document),
        propertyInfo);
  }

  /**
   * Step 1 with a digest computed elsewhere (SM3 for SM2 signers, SHA-256 for RSA signers).
   *
   * @param seal the seal
   * @param signer the signer's certificate
   * @param dataHash the document digest
   * @param propertyInfo document properties
   * @return the prepared signature
   */
  public PreparedSealSignature prepareDigest(SesSeal seal, X509Certificate signer,
      byte[] dataHash, String propertyInfo) {
    Objects.requireNonNull(seal, "seal");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(dataHash, "dataHash");
    Objects.requireNonNull(propertyInfo, "propertyInfo");
    if (!propertyInfo.matches("[\\x20-\\x7e]{0,1024}")) {
      throw new IllegalArgumentException("propertyInfo must be printable ASCII (IA5String), "
          + "at most 1024 characters");
    }
    SignatureAlgorithm alg = SealAlgorithms.forCertificate(signer);
    if (dataHash.length != SealAlgorithms.digestFor(alg).length()) {
      throw new IllegalArgumentException("dataHash has the wrong length for " + alg);
    }
    if (!listsCertificate(seal, signer)) {
      throw new SigningException(Reason.SEAL_CERT_MISMATCH,
          "the seal does not list the signer's certificate", null);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    if (now.isBefore(seal.validStart())) {
      throw new SigningException(Reason.NOT_YET_VALID, "the seal is valid only from "
          + seal.validStart(), null);
    }
    if (now.isAfter(seal.validEnd())) {
      throw new SigningException(Reason.EXPIRED, "the seal expired at " + seal.validEnd(), null);
    }
    try {
      byte[] tbs = SesEncoder.tbsSign(seal.version(), seal.encoded(), now, dataHash,
          propertyInfo, signer.getEncoded(), alg.oid());
      return new PreparedSealSignature(seal, signer, alg, now, dataHash.clone(), tbs);
    } catch (CertificateEncodingException e) {
      throw new SigningException("cannot encode the signer certificate", e);
    }
  }

  /**
   * Step 3: assembles the {@code SES_Signature}, after checking the signature value verifies
   * with the signer's certificate (so a faulty HSM cannot produce a broken seal).
   *
   * @param prepared step 1's output
   * @param signatureValue the signature over {@link PreparedSealSignature#toBeSigned()} (DER
   *     for SM2)
   * @return the signature
   */
  public SesSignature complete(PreparedSealSignature prepared, byte[] signatureValue) {
    Objects.requireNonNull(prepared, "prepared");
    Objects.requireNonNull(signatureValue, "signatureValue");
    if (!SealAlgorithms.verificationKey(prepared.signer().getPublicKey(), prepared.algorithm())
        .verifier().isValid(signatureValue, prepared.tbs())) {
      throw new SigningException("the signature value does not verify with the signer's "
          + "certificate");
    }
    try {
      return SesSignature.parse(SesEncoder.signature(prepared.seal().version(), prepared.tbs(),
          prepared.signer().getEncoded(), prepared.algorithm().oid(), signatureValue));
    } catch (CertificateEncodingException e) {
      throw new SigningException("cannot encode the signer certificate", e);
    }
  }

  /**
   * Adds an RFC 3161 time stamp token over the signature value (v4 only: {@code timeStamp [0]
   * EXPLICIT BIT STRING}). Obtain the token from a time-stamping authority for the SM3 (SM2
   * signers) or SHA-256 digest of {@link SesSignature#signature()}.
   *
   * @param signature a v4 signature without a time stamp
   * @param timeStampToken the DER TimeStampToken
   * @return the signature with the time stamp
   */
  public SesSignature addTimeStamp(SesSignature signature, byte[] timeStampToken) {
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(timeStampToken, "timeStampToken");
    if (signature.version() != org.tongban.seal.ses.SesVersion.V4) {
      throw new IllegalArgumentException("only v4 signatures carry a time stamp");
    }
    if (signature.timeStamp().isPresent()) {
      throw new IllegalArgumentException("the signature already has a time stamp");
    }
    try {
      return SesSignature.parse(SesEncoder.withTimeStamp(signature.encoded(), timeStampToken));
    } catch (RuntimeException e) {
      throw new SigningException("cannot add the time stamp", e);
    }
  }

  /**
   * All three steps with one key, whose chain's first certificate is the signer's.
   *
   * @param seal the seal
   * @param key the signer's key
   * @param document the document
   * @param propertyInfo document properties
   * @return the signature
   */
  public SesSignature seal(SesSeal seal, SigningKey key, byte[] document, String propertyInfo) {
    Objects.requireNonNull(key, "key");
    if (key.certificateChain().isEmpty()) {
      throw new SigningException("the signing key needs its certificate");
    }
    PreparedSealSignature p = prepare(seal, key.certificateChain().get(0), document,
        propertyInfo);
    return complete(p, SealAlgorithms.sign(key, p.toBeSigned()));
  }

  /**
   * All three steps with one key over a stream (read to its end, not closed).
   *
   * @param seal the seal
   * @param key the signer's key
   * @param document the document
   * @param propertyInfo document properties
   * @return the signature
   * @throws IOException if reading fails
   */
  public SesSignature seal(SesSeal seal, SigningKey key, InputStream document,
      String propertyInfo) throws IOException {
    Objects.requireNonNull(key, "key");
    if (key.certificateChain().isEmpty()) {
      throw new SigningException("the signing key needs its certificate");
    }
    PreparedSealSignature p = prepare(seal, key.certificateChain().get(0), document,
        propertyInfo);
    return complete(p, SealAlgorithms.sign(key, p.toBeSigned()));
  }

  /**
   * Returns whether a seal lists a certificate, by DER or by digest.
   *
   * @param seal the seal
   * @param cert the certificate
   * @return true if listed
   */
  static boolean listsCertificate(SesSeal seal, X509Certificate cert) {
    byte[] der;
    try {
      der = cert.getEncoded();
    } catch (CertificateEncodingException e) {
      return false;
    }
    if (seal.certListType() == SesSeal.CertListType.CERTIFICATES) {
      return seal.holderCertificates().stream().anyMatch(c -> Arrays.equals(c, der));
    }
    for (CertDigest d : seal.holderCertDigests()) {
      DigestAlgorithm alg = digestOf(d.type());
      if (alg != null && java.security.MessageDigest.isEqual(alg.digest(der), d.value())) {
        return true;
      }
    }
    return false;
  }

  private static DigestAlgorithm digestOf(String type) {
    String t = type.toUpperCase(java.util.Locale.ROOT).replace("-", "");
    switch (t) {
      case "SM3":
        return DigestAlgorithm.SM3;
      case "SHA256":
        return DigestAlgorithm.SHA256;
      default:
        return null;
    }
  }
}
