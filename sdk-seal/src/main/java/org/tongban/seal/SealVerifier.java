package org.tongban.seal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tongban.KeyAccessException;
import org.tongban.MalformedInputException;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.VerificationKey;
import org.tongban.internal.util.BoundedCache;
import org.tongban.io.Limits;
import org.tongban.pki.CertificateVerifier;
import org.tongban.pki.TrustPolicy;
import org.tongban.result.CheckId;
import org.tongban.result.Evidence;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.seal.internal.Chains;
import org.tongban.seal.internal.SealAlgorithms;
import org.tongban.seal.internal.TimeStamps;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesSignature;

/**
 * Verifies a detached electronic seal signature ({@code SES_Signature}, v4 or v1) against the
 * document it signs and returns the common {@link VerificationResult}; never throws on bad
 * input.
 *
 * <p>Checks, in order, each recorded:
 *
 * <ol>
 *   <li>{@code format}: strict DER, known generation, consistent versions;
 *   <li>{@code seal.maker-signature}: the maker's signature over the seal
 *       ({@link SesSeal#makerSignedBytes()}, or the alternative form, which the detail names);
 *   <li>{@code signature}: the signer's signature over {@code TBS_Sign};
 *   <li>{@code data-hash}: {@code dataHash} equals SM3 (SM2 signer) or SHA-256 (RSA signer) of
 *       the document;
 *   <li>{@code seal.signer-allowed}: the seal lists the signer's certificate (or its digest);
 *   <li>{@code seal.validity}: the signing time lies in the seal's validity window;
 *   <li>{@code timestamp}: a time stamp, when present, covers the signature value and verifies
 *       (its TSA chaining to the {@link TrustPolicy}); it then fixes the time for the signer
 *       chain;
 *   <li>{@code maker.chain}, {@code signer.chain}: both certificates chain to the trust policy's
 *       anchors (key usage per role, validity, revocation when configured) — the maker's at the
 *       seal's creation date, the signer's at the time-stamped time, or else now (or at the
 *       claimed signing time under {@link TrustPolicy.SigningTimeRule#CLAIMED_SIGNING_TIME}).
 * </ol>
 *
 * <p>Fails closed: under {@link TrustPolicy#none()} the chain checks are INDETERMINATE with
 * {@link Reason#TRUST_NOT_CONFIGURED}, so no result is PASSED.
 *
 * <p>Rejects: {@link Reason#FORMAT_FAILURE}, {@link Reason#SIZE_LIMIT_EXCEEDED},
 * {@link Reason#ALGORITHM_NOT_ALLOWED}, {@link Reason#ALGORITHM_MISMATCH},
 * {@link Reason#SIG_CRYPTO_FAILURE}, {@link Reason#HASH_FAILURE},
 * {@link Reason#SEAL_CERT_MISMATCH}, {@link Reason#EXPIRED}, {@link Reason#NOT_YET_VALID},
 * {@link Reason#TRUST_NOT_CONFIGURED}, and every reason of {@link CertificateVerifier}.
 *
 * <p>Thread-safe; build once and share: it keeps prepared keys and the seals whose maker
 * signature it already verified (bounded caches keyed by the exact bytes), which is what makes
 * repeated verification as cheap as the raw signature checks.
 *
 * @since 0.1
 */
public final class SealVerifier {
  /** The seal maker's signature over the seal. */
  public static final CheckId MAKER_SIGNATURE = CheckId.of("seal.maker-signature");
  /** The document digest. */
  public static final CheckId DATA_HASH = CheckId.of("data-hash");
  /** The signer is a holder of the seal. */
  public static final CheckId SIGNER_ALLOWED = CheckId.of("seal.signer-allowed");
  /** The seal's validity at signing time. */
  public static final CheckId SEAL_VALIDITY = CheckId.of("seal.validity");
  /** The time stamp over the signature value. */
  public static final CheckId TIMESTAMP = CheckId.of("timestamp");
  /** The maker certificate's chain. */
  public static final CheckId MAKER_CHAIN = CheckId.of("maker.chain");
  /** The signer certificate's chain. */
  public static final CheckId SIGNER_CHAIN = CheckId.of("signer.chain");

  private final TrustPolicy trust;
  /** Prepared keys by algorithm and certificate: a verifier sees few distinct certificates. */
  private final BoundedCache<List<Object>, VerificationKey> keys = new BoundedCache<>(256);
  /**
   * Seals (their exact DER) whose maker signature already verified, with the check detail.
   * Every signature made with a seal embeds the same seal, so its maker signature is checked
   * once; the key is the full byte content, so a changed seal is never a hit.
   */
  private final BoundedCache<ByteBuffer, String> verifiedSeals = new BoundedCache<>(256);

  private final Limits limits;

  private SealVerifier(Builder b) {
    this.trust = b.trust;
    this.limits = b.limits;
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @param trust what the maker's, the signer's and a time-stamp authority's certificates must
   *     chain to; under {@link TrustPolicy#none()} every result is at most INDETERMINATE
   * @return a builder
   */
  public static Builder builder(TrustPolicy trust) {
    return new Builder(trust);
  }

  /**
   * Verifies a signature over a document.
   *
   * @param sesSignature the DER {@code SES_Signature}
   * @param document the document bytes
   * @return the result
   */
  public VerificationResult<VerifiedSeal> verify(byte[] sesSignature, byte[] document) {
    Objects.requireNonNull(document, "document");
    return verify(sesSignature, alg -> alg.digest(document));
  }

  /**
   * Verifies a signature over a document stream (read to its end, not closed, never held in
   * memory).
   *
   * @param sesSignature the DER {@code SES_Signature}
   * @param document the document
   * @return the result
   * @throws IOException if reading the document fails
   */
  public VerificationResult<VerifiedSeal> verify(byte[] sesSignature, InputStream document)
      throws IOException {
    Objects.requireNonNull(document, "document");
    IOException[] failure = new IOException[1];
    VerificationResult<VerifiedSeal> r = verify(sesSignature, alg -> {
      try {
        return alg.digest(document);
      } catch (IOException e) {
        failure[0] = e;
        return new byte[0];
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    return r;
  }

  private interface DocumentDigest {
    byte[] digest(DigestAlgorithm alg);
  }

  private VerificationResult<VerifiedSeal> verify(byte[] der, DocumentDigest doc) {
    Objects.requireNonNull(der, "sesSignature");
    Instant now = trust.clock().instant();
    VerificationResult.Builder<VerifiedSeal> r = VerificationResult.builder(now);
    SesSignature sig;
    try {
      sig = SesSignature.parse(der, limits);
    } catch (MalformedInputException e) {
      return r.fail(CheckId.FORMAT, e.reason(), e.getMessage()).buildFailed();
    } catch (RuntimeException e) {
      return r.fail(CheckId.FORMAT, Reason.FORMAT_FAILURE, "malformed SES_Signature")
          .buildFailed();
    }
    SesSeal seal = sig.seal();
    r.ok(CheckId.FORMAT, sig.version() + " (" + (sig.version().headerVersion() == 4
        ? "GB/T 38540-2020" : "GM/T 0031-2014") + ")" + (seal.headerVersion()
            != sig.version().headerVersion() || sig.tbsVersion() != sig.version().headerVersion()
            ? ", header version " + seal.headerVersion() + ", TBS_Sign version "
                + sig.tbsVersion() + " as the producer wrote them" : ""));
    r.evidence(Evidence.builder().algorithm(sig.signatureAlgorithmOid())
        .certificates(List.of(sig.signerCertificate(), seal.makerCertificate()))
        .claimedSigningTime(sig.signingTime())
        .coveredBytes("TBS_Sign (" + sig.toBeSignedLength() + " bytes) incl. dataHash of the "
            + "whole document")
        .fact("seal.name", seal.name()).fact("seal.esID", seal.esId())
        .fact("seal.version", seal.version().name())
        .fact("seal.header-version", Integer.toString(seal.headerVersion()))
        .fact("sign.tbs-version", Integer.toString(sig.tbsVersion())).build());
    try {
      return checks(r, sig, seal, doc, now);
    } catch (RuntimeException e) {
      // Defence in depth: nothing from a provider escapes as an exception.
      return r.fail(CheckId.of("internal"), Reason.FORMAT_FAILURE, "unexpected input")
          .buildFailed();
    }
  }

  private VerificationResult<VerifiedSeal> checks(VerificationResult.Builder<VerifiedSeal> r,
      SesSignature sig, SesSeal seal, DocumentDigest doc, Instant now) {
    // Maker signature.
    ByteBuffer sealBytes = seal.encodedView();
    String known = verifiedSeals.get(sealBytes).orElse(null);
    Optional<VerificationKey> makerKey = known != null ? Optional.empty()
        : key(r, MAKER_SIGNATURE, seal.makerCertificate(), seal.signatureAlgorithmOid());
    if (known != null) {
      r.ok(MAKER_SIGNATURE, known);
    } else if (makerKey.isPresent()) {
      byte[] value = seal.signedValue();
      String detail = null;
      if (makerKey.get().verifier().isValid(value, seal.makerSignedBytes())) {
        detail = "over " + (seal.version().headerVersion() == 4
            ? "DER(SES_SealInfo)" : "DER(SEQUENCE{SES_SealInfo, cert, signatureAlgorithm})");
      } else if (makerKey.get().verifier().isValid(value, seal.alternativeMakerSignedBytes())) {
        detail = "over the alternative form " + (seal.version().headerVersion() == 4
            ? "DER(SEQUENCE{SES_SealInfo, cert, signAlgID})" : "DER(SES_SealInfo)");
      }
      if (detail != null) {
        r.ok(MAKER_SIGNATURE, detail);
        verifiedSeals.put(sealBytes, detail);
      } else {
        r.fail(MAKER_SIGNATURE, Reason.SIG_CRYPTO_FAILURE, "the maker's signature over the seal");
      }
    }

    // Signer signature.
    Optional<VerificationKey> signerKey = key(r, CheckId.SIGNATURE, sig.signerCertificate(),
        sig.signatureAlgorithmOid());
    signerKey.ifPresent(k -> {
      if (sig.signatureValidUnder(k)) {
        r.ok(CheckId.SIGNATURE, k.algorithm() + " over DER(TBS_Sign)");
      } else {
        r.fail(CheckId.SIGNATURE, Reason.SIG_CRYPTO_FAILURE, "the signer's signature");
      }
    });

    // Document digest.
    DigestAlgorithm dAlg = signerKey.map(k -> SealAlgorithms.digestFor(k.algorithm()))
        .orElse(DigestAlgorithm.SM3);
    byte[] actual = doc.digest(dAlg);
    if (java.security.MessageDigest.isEqual(actual, sig.dataHash())) {
      r.ok(DATA_HASH, dAlg.jcaName() + " of the document");
    } else {
      r.fail(DATA_HASH, Reason.HASH_FAILURE, dAlg.jcaName() + " of the document differs");
    }

    // Signer listed by the seal.
    if (DataSealer.listsCertificate(seal, sig.signerCertificate())) {
      r.ok(SIGNER_ALLOWED, seal.certListType() == SesSeal.CertListType.CERTIFICATES
          ? "listed by certificate" : "listed by certificate digest");
    } else {
      r.fail(SIGNER_ALLOWED, Reason.SEAL_CERT_MISMATCH, "the seal does not list the signer");
    }

    // Seal validity at signing time.
    Instant t = sig.signingTime();
    if (t.isBefore(seal.validStart())) {
      r.fail(SEAL_VALIDITY, Reason.NOT_YET_VALID, "signed " + t + ", seal valid from "
          + seal.validStart());
    } else if (t.isAfter(seal.validEnd())) {
      r.fail(SEAL_VALIDITY, Reason.EXPIRED, "signed " + t + ", seal valid until "
          + seal.validEnd());
    } else {
      r.ok(SEAL_VALIDITY, seal.validStart() + " .. " + seal.validEnd());
    }

    // Time stamp.
    Instant tsTime = null;
    Optional<byte[]> ts = sig.timeStamp();
    if (ts.isEmpty()) {
      r.skip(TIMESTAMP, "no time stamp");
    } else {
      TimeStamps.Result tr = TimeStamps.verify(ts.get(), sig.signature(), trust);
      if (tr.ok()) {
        tsTime = tr.time();
        r.ok(TIMESTAMP, "at " + tsTime);
      } else {
        r.fail(TIMESTAMP, tr.reason(), tr.detail());
      }
    }

    // Chains: under a policy that trusts nothing, INDETERMINATE TRUST_NOT_CONFIGURED.
    Chains.record(r, MAKER_CHAIN, trust, TrustPolicy.Role.SEAL_MAKER,
        List.of(seal.makerCertificate()), seal.createDate());
    Instant at = tsTime != null ? tsTime
        : trust.signingTimeRule() == TrustPolicy.SigningTimeRule.CLAIMED_SIGNING_TIME
            ? sig.signingTime() : now;
    Chains.record(r, SIGNER_CHAIN, trust, TrustPolicy.Role.SIGNER,
        List.of(sig.signerCertificate()), at);
    return r.build(new VerifiedSeal(sig.version(), seal.name(), seal.esId(), seal.typeCode(),
        seal.picture(), seal.makerCertificate(), sig.signerCertificate(), sig.signingTime(),
        sig.propertyInfo(), tsTime));
  }

  private Optional<VerificationKey> key(VerificationResult.Builder<VerifiedSeal> r,
      CheckId id, X509Certificate cert, String oid) {
    Optional<SignatureAlgorithm> named = SignatureAlgorithm.forOid(oid);
    if (named.isEmpty() || (named.get() != SignatureAlgorithm.SM2_SM3
        && named.get() != SignatureAlgorithm.RSA_PKCS1_SHA256)) {
      r.fail(id, Reason.ALGORITHM_NOT_ALLOWED, "algorithm " + oid);
      return Optional.empty();
    }
    KeyType type;
    try {
      type = VerificationKey.keyTypeOf(cert.getPublicKey());
    } catch (KeyAccessException e) {
      r.fail(id, Reason.ALGORITHM_NOT_ALLOWED, "unsupported key in the certificate");
      return Optional.empty();
    }
    if (type != named.get().keyType()) {
      r.fail(id, Reason.ALGORITHM_MISMATCH, oid + " named for a " + type + " key");
      return Optional.empty();
    }
    try {
      List<Object> cacheKey = List.of(oid, ByteBuffer.wrap(cert.getEncoded()));
      return Optional.of(keys.get(cacheKey).orElseGet(() -> keys.put(cacheKey,
          SealAlgorithms.verificationKey(cert.getPublicKey(), named.get()))));
    } catch (java.security.cert.CertificateEncodingException e) {
      r.fail(id, Reason.FORMAT_FAILURE, "unencodable certificate");
      return Optional.empty();
    } catch (KeyAccessException e) {
      r.fail(id, Reason.ALGORITHM_NOT_ALLOWED, "unusable key: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Builds a {@link SealVerifier}. Not thread-safe. */
  public static final class Builder {
    private final TrustPolicy trust;
    private Limits limits = Limits.defaults();

    private Builder(TrustPolicy trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
    }

    /**
     * Sets the size limits of what it parses.
     *
     * @param limits the limits; {@link Limits#defaults()} by default
     * @return this builder
     */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     */
    public SealVerifier build() {
      return new SealVerifier(this);
    }
  }
}
