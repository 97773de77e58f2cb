package org.tongban.seal.pdf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
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
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.seal.Modification;
import org.tongban.seal.ModificationLevel;
import org.tongban.seal.ModificationPolicy;
import org.tongban.seal.SealVerifier;
import org.tongban.seal.VerifiedSeal;
import org.tongban.seal.internal.Chains;
import org.tongban.seal.internal.SealAlgorithms;
import org.tongban.seal.internal.Verdicts;
import org.tongban.seal.pdf.internal.ByteRanges;
import org.tongban.seal.pdf.internal.CmsSignature;
import org.tongban.seal.pdf.internal.PdfRevisions;
import org.tongban.seal.pdf.internal.SignatureFields;
import org.tongban.seal.pdf.internal.SignatureFields.SigField;
import org.tongban.seal.pdf.internal.XrefFrees;

/**
 * Verifies the CMS signatures of a sealed PDF ({@code /SubFilter adbe.pkcs7.detached} or
 * {@code ETSI.CAdES.detached}, RSA with SHA-256 or SM2 with SM3) and returns one result per
 * signature plus the document verdict; never throws on bad input.
 *
 * <p>For each signature, in revision order (by where its signed ranges end), each check
 * recorded:
 *
 * <ol>
 *   <li>{@code pdf.byte-range}: {@code /ByteRange} is exactly {@code [0 a b c]} with
 *       {@code 0 < a < b} and {@code b + c} within the file; the gap {@code [a, b)} is exactly one
 *       hexadecimal string {@code <...>} and its bytes are the dictionary's {@code /Contents}
 *       (so the signed bytes are everything except the signature itself, and a signature
 *       cannot be moved or swapped);
 *   <li>{@code format}: the gap holds one CMS {@code ContentInfo} (BER, checked
 *       for size and depth, followed only by zero padding) of a detached {@code SignedData} with
 *       exactly one {@code SignerInfo} carrying signed attributes and its certificate;
 *   <li>{@code data-hash}: the {@code message-digest} attribute equals SM3 (SM2) or SHA-256
 *       (RSA) of the byte ranges {@code [0, a)} and {@code [b, b + c)};
 *   <li>{@code cms.signing-certificate}: when present, the signing-certificate-v2 attribute
 *       names the signer certificate's SHA-256 (another hash is rejected);
 *   <li>{@code signature}: the signer's signature over the DER {@code SET OF Attribute} of the
 *       signed attributes (SM2 with the default user ID);
 *   <li>{@code signer.chain}: the certificate chains to the trust anchors, now (the claimed
 *       signing time is the signer's own word and is only reported);
 *   <li>{@code pdf.coverage}: the signature covers the whole file, or every change the
 *       incremental updates after its revision make is classified with a
 *       {@link ModificationLevel} and listed in the evidence ({@code pdf.modification-level},
 *       the highest; {@code pdf.modifications}, each change) and in
 *       {@link VerifiedPdfSignature#modifications()}. A change that is
 *       {@link ModificationLevel#OTHER} — page content or resources, pages added or removed, an
 *       existing object re-pointed, redefined or deleted (a free entry in a later
 *       cross-reference section), a form or annotation object the page content also uses — is
 *       {@link Reason#DOCUMENT_MODIFIED_AFTER_SEAL}. An earlier signature's dictionary
 *       redefined, or its field pointed at another one, is
 *       {@link Reason#SIGNATURE_DICTIONARY_CHANGED}; a change to a field the signature locks
 *       (FieldMDP) is {@link Reason#MODIFICATION_NOT_PERMITTED}. Otherwise a certification
 *       signature is judged by its DocMDP {@code /P} ({@link DocMdpPermission}; a level beyond
 *       it is {@link Reason#MODIFICATION_NOT_PERMITTED}) and an approval signature by the
 *       builder's {@link ModificationPolicy} (default {@link ModificationPolicy#STRICT}: later
 *       signatures and validation data only; a level beyond it is
 *       {@link Reason#DOCUMENT_MODIFIED_AFTER_SEAL}). Updates that cannot be read are
 *       {@link Reason#MODIFICATIONS_UNVERIFIED}.
 * </ol>
 *
 * <p>A signature whose {@code /SubFilter} is {@link PdfSealer#SES_SUB_FILTER} holds a DER
 * {@code SES_Signature} instead of CMS: after the same byte-range check it is verified as
 * {@link SealVerifier} verifies a data seal — maker and signer signatures, {@code dataHash}
 * over the byte ranges, holder, seal validity, time stamp, both chains — and its coverage is
 * classified as above; the result's {@code subFilter} says which format was found.
 *
 * <p>The document verdict is PASSED only if every signature passed; otherwise the first
 * FAILED, else the first INDETERMINATE signature decides it. A signature widget's appearance
 * is drawn over the page by design, so a later signer can cover content: each signature's
 * result names its signer, and a reader should show them all.
 *
 * <p>Rejects: {@link Reason#SIZE_LIMIT_EXCEEDED} (over {@link Limits#maxPdfBytes()}, or over
 * {@link Limits#maxPdfRevisions()} revisions or signatures when later updates must be
 * classified), {@link Reason#FORMAT_FAILURE} (not a PDF, no
 * signature, malformed CMS), {@link Reason#BYTE_RANGE_INVALID}, {@link Reason#HASH_FAILURE},
 * {@link Reason#DOCUMENT_MODIFIED_AFTER_SEAL}, {@link Reason#SIGNATURE_DICTIONARY_CHANGED},
 * {@link Reason#MODIFICATION_NOT_PERMITTED}, {@link Reason#MODIFICATIONS_UNVERIFIED},
 * {@link Reason#SEAL_CERT_MISMATCH}, {@link Reason#ALGORITHM_NOT_ALLOWED},
 * {@link Reason#ALGORITHM_MISMATCH}, {@link Reason#SIG_CRYPTO_FAILURE} and every reason of
 * {@link CertificateVerifier}.
 *
 * <p>Immutable and thread-safe; build once and share.
 *
 * @since 0.1
 */
public final class PdfSealVerifier {
  /** The {@code /ByteRange} and {@code /Contents} layout. */
  public static final CheckId BYTE_RANGE = CheckId.of("pdf.byte-range");
  /** The message-digest attribute against the byte ranges. */
  public static final CheckId DATA_HASH = CheckId.of("data-hash");
  /** The signing-certificate-v2 attribute. */
  public static final CheckId SIGNING_CERTIFICATE = CheckId.of("cms.signing-certificate");
  /** The signer certificate's chain. */
  public static final CheckId SIGNER_CHAIN = CheckId.of("signer.chain");
  /** Whether the signature covers the whole file. */
  public static final CheckId COVERAGE = CheckId.of("pdf.coverage");

  private static final List<String> SUB_FILTERS =
      List.of("adbe.pkcs7.detached", "ETSI.CAdES.detached");

  private final TrustPolicy trust;
  private final ModificationPolicy modifications;
  private final Limits limits;
  /** For the {@code ses} format: the data-seal verifier, fed the byte ranges. */
  private final SealVerifier seals;
  /**
   * Parsed certificates and prepared keys by exact DER: a verifier sees the same few signers
   * again and again, and parsing a certificate costs more than the signature check. Bounded.
   */
  private final BoundedCache<ByteBuffer, X509Certificate> certificates = new BoundedCache<>(256);
  private final BoundedCache<List<Object>, VerificationKey> keys = new BoundedCache<>(256);

  private PdfSealVerifier(Builder b) {
    this.trust = b.trust;
    this.modifications = b.modifications;
    this.limits = b.limits;
    this.seals = SealVerifier.builder(b.trust).limits(b.limits).build();
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @param trust what signer certificates must chain to; under {@link TrustPolicy#none()} every
   *     signature is at most INDETERMINATE ({@link Reason#TRUST_NOT_CONFIGURED})
   * @return a builder
   */
  public static Builder builder(TrustPolicy trust) {
    return new Builder(trust);
  }

  /**
   * Verifies every signature of a PDF.
   *
   * @param pdf the file, at most {@link Limits#maxPdfBytes()} (256 MiB by default)
   * @return the report
   */
  public PdfVerificationReport verify(byte[] pdf) {
    Objects.requireNonNull(pdf, "pdf");
    Instant now = trust.clock().instant();
    if (pdf.length > limits.maxPdfBytes()) {
      return documentFailure(Reason.SIZE_LIMIT_EXCEEDED);
    }
    List<SigField> fields;
    try {
      fields = new ArrayList<>(SignatureFields.find(pdf));
    } catch (IOException | RuntimeException | StackOverflowError e) {
      // A deeply nested object graph can exhaust PDFBox's recursive parser: malformed input.
      return documentFailure(Reason.FORMAT_FAILURE);
    }
    if (fields.isEmpty()) {
      // Every signature dictionary has a /ByteRange: where one is in the bytes but no signature
      // was found, the file is damaged, not unsigned.
      boolean damaged = XrefFrees.indexOf(pdf, "/ByteRange", 0) >= 0;
      return documentFailure(damaged ? Reason.FORMAT_FAILURE : Reason.NO_SIGNATURE);
    }
    // Later updates are classified by reading each earlier revision: bound how many there are
    // first. A file whose only signature covers all of it needs no classification, and skips
    // this scan (it costs as much as SHA-256 over the file).
    boolean classify = fields.size() > 1 || claimedEnd(fields.get(0)) != pdf.length;
    if (classify && (fields.size() > limits.maxPdfRevisions()
        || ByteRanges.revisions(pdf) > limits.maxPdfRevisions())) {
      return documentFailure(Reason.SIZE_LIMIT_EXCEEDED);
    }
    // Revision order: by where each signed range claims to end (malformed ranges last).
    fields.sort(java.util.Comparator.comparingLong(PdfSealVerifier::claimedEnd));
    List<VerificationResult<VerifiedPdfSignature>> results = new ArrayList<>();
    for (SigField f : fields) {
      VerificationResult.Builder<VerifiedPdfSignature> r = VerificationResult.builder(now);
      VerificationResult<VerifiedPdfSignature> one;
      try {
        one = verifyOne(r, f, pdf, now);
      } catch (RuntimeException | StackOverflowError e) {
        // Defence in depth: nothing from a parser or provider escapes as an exception.
        one = r.fail(CheckId.of("internal"), Reason.FORMAT_FAILURE, "unexpected input")
            .buildFailed();
      }
      results.add(one);
    }
    return verdict(results);
  }

  private static long claimedEnd(SigField f) {
    return f.byteRange().map(r -> r[2] >= 0 && r[3] >= 0 ? r[2] + r[3] : Long.MAX_VALUE)
        .orElse(Long.MAX_VALUE);
  }

  private static PdfVerificationReport verdict(
      List<VerificationResult<VerifiedPdfSignature>> results) {
    Map.Entry<Indication, Optional<Reason>> v = Verdicts.of(results);
    return new PdfVerificationReport(results, v.getKey(), v.getValue());
  }

  private static PdfVerificationReport documentFailure(Reason reason) {
    return new PdfVerificationReport(List.of(), Indication.FAILED, Optional.of(reason));
  }

  private VerificationResult<VerifiedPdfSignature> verifyOne(
      VerificationResult.Builder<VerifiedPdfSignature> r, SigField f, byte[] pdf, Instant now) {
    int[] range = ByteRanges.byteRange(f.byteRange(), pdf);
    if (range.length == 0) {
      return r.fail(BYTE_RANGE, Reason.BYTE_RANGE_INVALID,
          "/ByteRange is not [0 a b c] within the file").buildFailed();
    }
    // Read from the file, the dictionary's /Contents usually is the gap itself; a dictionary
    // rewritten by a later update holds a copy elsewhere, compared by value (and the rewrite
    // itself is judged with the later updates).
    boolean inPlace = f.contents().isEmpty() && f.contentsStart() == range[1]
        && f.contentsEnd() == range[2];
    byte[] gap = inPlace ? ByteRanges.leadingValueOfGap(pdf, range[1], range[2])
        : ByteRanges.gapContents(pdf, range[1], range[2]);
    boolean isContents = inPlace || (f.contents().isPresent()
        ? Arrays.equals(gap, f.contents().get())
        : f.contentsStart() >= 0 && Arrays.equals(gap,
            ByteRanges.gapContents(pdf, f.contentsStart(), f.contentsEnd())));
    if (gap.length == 0 || !isContents) {
      return r.fail(BYTE_RANGE, Reason.BYTE_RANGE_INVALID,
          "the excluded bytes are not exactly the signature's /Contents").buildFailed();
    }
    boolean whole = (long) range[2] + range[3] == pdf.length;
    r.ok(BYTE_RANGE, "[0 " + range[1] + " " + range[2] + " " + range[3] + "] of " + pdf.length
        + " bytes");
    if (f.subFilter().equals(PdfSealer.SES_SUB_FILTER)) {
      return verifySes(r, f, gap, pdf, range, whole);
    }
    if (!SUB_FILTERS.contains(f.subFilter())) {
      return r.fail(CheckId.FORMAT, Reason.ALGORITHM_NOT_ALLOWED, "/SubFilter " + f.subFilter())
          .buildFailed();
    }

    // CMS structure.
    CmsSignature.ParsedCms cms;
    try {
      cms = CmsSignature.ParsedCms.parse(gap, limits.maxAsn1Bytes(), this::certificate);
    } catch (MalformedInputException e) {
      return r.fail(CheckId.FORMAT, e.reason(), e.getMessage()).buildFailed();
    }
    r.ok(CheckId.FORMAT, "CMS SignedData, detached, one SignerInfo");
    // The claimed time: the CMS signing-time attribute, else the dictionary's /M (PAdES forbids
    // the attribute and puts the time in /M); never a made-up one.
    Optional<Instant> claimed = cms.signingTime.or(f::signDate);
    Evidence.Builder eb = Evidence.builder();
    claimed.ifPresent(eb::claimedSigningTime);
    Evidence evidence = eb.algorithm(cms.signatureOid)
        .certificates(List.of(cms.signer))
        .coveredBytes("DER(signedAttrs) incl. the digest of bytes [0, " + range[1] + ") and ["
            + range[2] + ", " + ((long) range[2] + range[3]) + ")")
        .fact("pdf.field", f.name()).build();
    r.evidence(evidence);

    // Algorithms.
    Optional<SignatureAlgorithm> alg = CmsSignature.algorithm(cms.signatureOid, cms.digestOid);
    if (alg.isEmpty()) {
      return r.fail(CheckId.SIGNATURE, Reason.ALGORITHM_NOT_ALLOWED, "algorithm "
          + cms.signatureOid + " with digest " + cms.digestOid).buildFailed();
    }
    KeyType type;
    try {
      type = VerificationKey.keyTypeOf(cms.signer.getPublicKey());
    } catch (KeyAccessException e) {
      return r.fail(CheckId.SIGNATURE, Reason.ALGORITHM_NOT_ALLOWED, "unsupported key")
          .buildFailed();
    }
    if (type != alg.get().keyType()) {
      return r.fail(CheckId.SIGNATURE, Reason.ALGORITHM_MISMATCH, cms.signatureOid
          + " named for a " + type + " key").buildFailed();
    }
    DigestAlgorithm d = SealAlgorithms.digestFor(alg.get());

    // Content digest over the two byte ranges.
    byte[] actual = ByteRanges.digestRanges(d, pdf, range);
    if (MessageDigest.isEqual(actual, cms.messageDigest)) {
      r.ok(DATA_HASH, d.jcaName() + " of the byte ranges");
    } else {
      r.fail(DATA_HASH, Reason.HASH_FAILURE, "the byte ranges' " + d.jcaName()
          + " differs from message-digest");
    }

    // Signing-certificate-v2.
    if (cms.certHash.isEmpty()) {
      r.skip(SIGNING_CERTIFICATE, "attribute absent");
    } else if (MessageDigest.isEqual(cms.certHash.get(),
        DigestAlgorithm.SHA256.digest(cms.signerDer))) {
      r.ok(SIGNING_CERTIFICATE, "SHA-256 of the signer certificate");
    } else {
      r.fail(SIGNING_CERTIFICATE, Reason.SEAL_CERT_MISMATCH,
          "signing-certificate-v2 names another certificate");
    }

    // Signature over the signed attributes.
    VerificationKey key;
    try {
      key = verificationKey(cms, alg.get());
    } catch (KeyAccessException e) {
      return r.fail(CheckId.SIGNATURE, Reason.ALGORITHM_NOT_ALLOWED, "unusable key")
          .buildFailed();
    }
    if (key.verifier().isValid(cms.signatureValue, cms.signedAttributes)) {
      r.ok(CheckId.SIGNATURE, alg.get() + " over DER(signedAttrs)");
    } else {
      r.fail(CheckId.SIGNATURE, Reason.SIG_CRYPTO_FAILURE, "the signer's signature");
    }

    // Chain: under a policy that trusts nothing, INDETERMINATE TRUST_NOT_CONFIGURED.
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(cms.signer);
    for (byte[] other : cms.others) {
      try {
        chain.add(certificate(other));
      } catch (CertificateException e) {
        return r.fail(SIGNER_CHAIN, Reason.FORMAT_FAILURE, "an embedded certificate is "
            + "malformed").buildFailed();
      }
    }
    Instant at = trust.signingTimeRule() == TrustPolicy.SigningTimeRule.CLAIMED_SIGNING_TIME
        ? claimed.orElse(now) : now;
    Chains.record(r, SIGNER_CHAIN, trust, TrustPolicy.Role.SIGNER, chain, at);
    List<Modification> changes = coverage(r, evidence, pdf, range, whole, f.permissions());
    return r.build(new VerifiedPdfSignature(f.name(), cms.signer, cms.signingTime, range, whole,
        f.subFilter(), changes));
  }

  /**
   * Judges the updates after the signature's revision and records them: the coverage check,
   * and the changes with their highest level in the evidence ({@code pdf.modification-level},
   * {@code pdf.modifications}).
   */
  private List<Modification> coverage(VerificationResult.Builder<VerifiedPdfSignature> r,
      Evidence evidence, byte[] pdf, int[] range, boolean whole,
      PdfRevisions.Permissions permissions) {
    if (whole) {
      r.evidence(withChanges(evidence, List.of()));
      r.ok(COVERAGE, "the whole file");
      return List.of();
    }
    int end = range[2] + range[3];
    String later = (pdf.length - end) + " bytes of later updates";
    List<PdfRevisions.Change> changes;
    try {
      changes = PdfRevisions.changes(pdf, end, permissions);
    } catch (IOException | RuntimeException e) {
      r.fail(COVERAGE, Reason.MODIFICATIONS_UNVERIFIED, later + " could not be classified");
      return List.of();
    }
    List<Modification> found = changes.stream().map(PdfRevisions.Change::modification).toList();
    r.evidence(withChanges(evidence, found));
    Optional<PdfRevisions.Change> veto = changes.stream()
        .filter(c -> c.veto().isPresent())
        .max(java.util.Comparator.comparingInt(PdfRevisions.Change::vetoRank));
    Optional<Modification> other = found.stream()
        .filter(m -> m.level() == ModificationLevel.OTHER).findFirst();
    OptionalInt p = permissions.docMdp();
    Optional<DocMdpPermission> docMdp = p.isPresent()
        ? Optional.of(DocMdpPermission.of(p.getAsInt()).orElse(DocMdpPermission.NO_CHANGES))
        : Optional.empty();
    if (veto.isPresent()) {
      r.fail(COVERAGE, veto.get().veto().orElseThrow(), later + ": " + veto.get().what());
    } else if (other.isPresent()) {
      r.fail(COVERAGE, Reason.DOCUMENT_MODIFIED_AFTER_SEAL, later + ": "
          + other.get().description());
    } else if (docMdp.isPresent()) {
      Optional<Modification> refused = found.stream()
          .filter(m -> !docMdp.get().permitted().contains(m.level())).findFirst();
      if (refused.isPresent()) {
        r.fail(COVERAGE, Reason.MODIFICATION_NOT_PERMITTED, later + ": "
            + refused.get().description() + " (" + refused.get().level()
            + "), where the certification (DocMDP P " + docMdp.get().value()
            + ") permits only " + docMdp.get().permitted());
      } else {
        r.ok(COVERAGE, "its revision; " + later + ", at most "
            + ModificationLevel.highest(found) + " (permitted by DocMDP P "
            + docMdp.get().value() + ")");
      }
    } else {
      Optional<Modification> refused = modifications.firstRefused(found);
      if (refused.isPresent()) {
        r.fail(COVERAGE, Reason.DOCUMENT_MODIFIED_AFTER_SEAL, later + ": "
            + refused.get().description() + " (" + refused.get().level()
            + ", not permitted by " + modifications + ")");
      } else {
        r.ok(COVERAGE, "its revision; " + later + ", at most "
            + ModificationLevel.highest(found) + " (permitted)");
      }
    }
    return found;
  }

  private static Evidence withChanges(Evidence evidence, List<Modification> changes) {
    return evidence.toBuilder()
        .fact("pdf.modification-level", ModificationLevel.highest(changes).name())
        .fact("pdf.modifications", changes.stream().map(Modification::toString)
            .collect(java.util.stream.Collectors.joining("; ")))
        .build();
  }

  private X509Certificate certificate(byte[] der) throws CertificateException {
    ByteBuffer key = ByteBuffer.wrap(der);
    Optional<X509Certificate> known = certificates.get(key);
    return known.isPresent() ? known.get() : certificates.put(key, (X509Certificate)
        CertificateFactory.getInstance("X.509", org.tongban.internal.crypto.Bc.PROVIDER)
            .generateCertificate(new ByteArrayInputStream(der)));
  }

  private VerificationKey verificationKey(CmsSignature.ParsedCms cms, SignatureAlgorithm alg) {
    List<Object> id = List.of(alg, ByteBuffer.wrap(cms.signerDer));
    return keys.get(id).orElseGet(() -> keys.put(id,
        SealAlgorithms.verificationKey(cms.signer.getPublicKey(), alg)));
  }

  private VerificationResult<VerifiedPdfSignature> verifySes(
      VerificationResult.Builder<VerifiedPdfSignature> r, SigField f, byte[] contents,
      byte[] pdf, int[] range, boolean whole) {
    byte[] der;
    try {
      der = CmsSignature.leadingValue(contents, limits.maxAsn1Bytes());
    } catch (MalformedInputException e) {
      return r.fail(CheckId.FORMAT, e.reason(), e.getMessage()).buildFailed();
    }
    VerificationResult<VerifiedSeal> v;
    try {
      v = seals.verify(der, new SequenceInputStream(new ByteArrayInputStream(pdf, 0, range[1]),
          new ByteArrayInputStream(pdf, range[2], range[3])));
    } catch (IOException e) {
      throw new IllegalStateException("in-memory stream", e);
    }
    r.addAll(v).evidence(v.evidence());
    List<Modification> changes = coverage(r, v.evidence(), pdf, range, whole, f.permissions());
    if (v.verified().isEmpty()) {
      return r.buildFailed();
    }
    VerifiedSeal seal = v.orElseThrow();
    return r.build(new VerifiedPdfSignature(f.name(), seal.signer(),
        Optional.of(seal.signingTime()), range, whole, f.subFilter(), changes));
  }

  /** Builds a {@link PdfSealVerifier}. Not thread-safe. */
  public static final class Builder {
    private final TrustPolicy trust;
    private ModificationPolicy modifications = ModificationPolicy.STRICT;
    private Limits limits = Limits.defaults();

    private Builder(TrustPolicy trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
    }

    /**
     * Sets which changes after an approval signature it survives; a certification signature is
     * judged by its own DocMDP permission instead.
     *
     * @param policy the policy; {@link ModificationPolicy#STRICT} (later signatures and
     *     validation data only) by default
     * @return this builder
     */
    public Builder modificationPolicy(ModificationPolicy policy) {
      this.modifications = Objects.requireNonNull(policy, "policy");
      return this;
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
    public PdfSealVerifier build() {
      return new PdfSealVerifier(this);
    }
  }
}
