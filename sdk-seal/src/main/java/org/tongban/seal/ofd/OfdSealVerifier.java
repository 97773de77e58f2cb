package org.tongban.seal.ofd;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.tongban.MalformedInputException;
import java.security.cert.X509Certificate;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.internal.crypto.Digests;
import org.tongban.keys.Pem;
import org.tongban.io.Limits;
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
import org.tongban.seal.internal.ProducerTimes;
import org.tongban.seal.internal.SealAlgorithms;
import org.tongban.seal.internal.Verdicts;
import org.tongban.seal.ofd.internal.Gbt35275;
import org.tongban.seal.ofd.internal.OfdPackage;
import org.tongban.seal.ofd.internal.OfdPaths;
import org.tongban.seal.ofd.internal.OfdStructure;
import org.tongban.seal.ses.SesSignature;

/**
 * Verifies the signatures of a sealed OFD document (GB/T 33190 packages sealed as GB/T 38540
 * or GM/T 0031 prescribe) and returns one result per signature plus the document verdict; never
 * throws on bad input.
 *
 * <p>For each signature {@code Signatures.xml} lists, each check recorded:
 *
 * <ol>
 *   <li>{@code format}: its {@code Signature.xml} is read (the package and XML rules of
 *       {@code OfdPackage} and {@code OfdXml}: ZIP and XML limits, no DTD);
 *   <li>{@code ofd.references}: {@code CheckMethod} is SM3 ({@code 1.2.156.10197.1.401}) or
 *       SHA-256, and every {@code Reference}'s {@code CheckValue} equals that digest of the part
 *       as stored — a missing part is {@link Reason#REFERENCED_PART_MISSING}, a changed one
 *       {@link Reason#HASH_FAILURE}, each naming the part;
 *   <li>for {@code Type="Seal"} every check of {@link SealVerifier} on the {@code SignedValue}
 *       (a v4 or v1 {@code SES_Signature}), whose document is the {@code Signature.xml} bytes as
 *       stored (so {@code dataHash} is their digest): maker and signer signatures, holder,
 *       validity at signing, both chains, time stamp; then {@code ofd.seal-file}: the
 *       {@code Seal.esl} {@code SignedInfo} lists equals the seal embedded in the signature;
 *       for {@code Type="Sign"}: a GB/T 35275 SignedData ({@code format}) whose content or
 *       {@code message-digest} is SM3 of {@code Signature.xml} as stored ({@code data-hash}),
 *       the signer's SM2 signature over the authenticated attributes or that digest
 *       ({@code signature}) and its certificate's chain ({@code signer.chain}); or a bare SM2
 *       signature over {@code Signature.xml}, which names no certificate and so passes only with
 *       a certificate the {@link TrustPolicy} trusts as given (else INDETERMINATE
 *       {@link Reason#KEY_NOT_FOUND});
 *   <li>{@code ofd.coverage}: every part of the package the signature does not protect is
 *       classified — another signature's files ({@code Signature.xml}, its signed value, its
 *       seal) are {@link ModificationLevel#SIGNATURES}; the signature list, which later seals
 *       extend, is left unprotected by design (every signature it lists is verified); anything
 *       else
 *       (pages, resources, annotations, {@code OFD.xml}, a new document) is
 *       {@link ModificationLevel#OTHER}, {@link Reason#DOCUMENT_MODIFIED_AFTER_SEAL}, as is a
 *       level the builder's {@link ModificationPolicy} does not permit. The changes are in the
 *       evidence ({@code ofd.modification-level}, {@code ofd.modifications}) and in
 *       {@link VerifiedOfdSignature#modifications()}.
 * </ol>
 *
 * <p>The document verdict is PASSED only if every signature passed. A package with no
 * signature is {@link Reason#NO_SIGNATURE}; one that is not an OFD, FORMAT_FAILURE; one over
 * the limits, SIZE_LIMIT_EXCEEDED.
 *
 * <p>Immutable and thread-safe; build once and share.
 *
 * @since 0.1
 */
public final class OfdSealVerifier {
  /** The digests of the protected parts. */
  public static final CheckId REFERENCES = CheckId.of("ofd.references");
  /** {@code Seal.esl} against the seal in the signature. */
  public static final CheckId SEAL_FILE = CheckId.of("ofd.seal-file");
  /** What the package holds beyond the protected parts. */
  public static final CheckId COVERAGE = CheckId.of("ofd.coverage");
  /** For {@code Type="Sign"}: the SignedData's digest against {@code Signature.xml}. */
  public static final CheckId DATA_HASH = CheckId.of("data-hash");
  /** For {@code Type="Sign"}: the signer certificate's chain. */
  public static final CheckId SIGNER_CHAIN = CheckId.of("signer.chain");

  private final TrustPolicy trust;
  private final ModificationPolicy modifications;
  private final Limits limits;
  private final SealVerifier seals;

  private OfdSealVerifier(Builder b) {
    this.trust = b.trust;
    this.modifications = b.modifications;
    this.limits = b.limits;
    this.seals = SealVerifier.builder(b.trust).limits(b.limits).build();
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @param trust what makers', signers' and time-stamp authorities' certificates must chain to;
   *     under {@link TrustPolicy#none()} every signature is at most INDETERMINATE
   * @return a builder
   */
  public static Builder builder(TrustPolicy trust) {
    return new Builder(trust);
  }

  /**
   * Verifies every signature of an OFD package.
   *
   * @param ofd the package bytes, at most {@link Limits#maxOfdBytes()} (256 MiB by default)
   * @return the report
   */
  public OfdVerificationReport verify(byte[] ofd) {
    Objects.requireNonNull(ofd, "ofd");
    Instant now = trust.clock().instant();
    OfdPackage p;
    List<OfdStructure.Listed> listed = new ArrayList<>();
    try {
      p = OfdPackage.read(ofd, limits);
      for (OfdStructure.Doc doc : OfdStructure.docs(p)) {
        listed.addAll(OfdStructure.signatures(p, doc));
      }
    } catch (MalformedInputException e) {
      return documentFailure(e.reason());
    } catch (RuntimeException | StackOverflowError e) {
      return documentFailure(Reason.FORMAT_FAILURE);
    }
    if (listed.isEmpty()) {
      return documentFailure(Reason.NO_SIGNATURE);
    }
    // Each signature's own files, to tell another signature's files from other parts; a
    // description that cannot be read fails that signature below, with its reason.
    List<Set<String>> own = new ArrayList<>();
    List<Optional<OfdStructure.Described>> described = new ArrayList<>();
    for (OfdStructure.Listed l : listed) {
      Set<String> files = new HashSet<>(Set.of(l.entry()));
      Optional<OfdStructure.Described> d;
      try {
        d = Optional.of(OfdStructure.describe(p, l));
        files.add(d.get().signedValue());
        d.get().seal().ifPresent(files::add);
      } catch (RuntimeException e) {
        d = Optional.empty();
      }
      own.add(files);
      described.add(d);
    }
    Set<String> lists = new HashSet<>();
    listed.forEach(l -> l.doc().signatures().ifPresent(lists::add));
    List<VerificationResult<VerifiedOfdSignature>> results = new ArrayList<>();
    for (int i = 0; i < listed.size(); i++) {
      VerificationResult.Builder<VerifiedOfdSignature> r = VerificationResult.builder(now);
      VerificationResult<VerifiedOfdSignature> one;
      try {
        one = verifyOne(r, p, listed.get(i), described.get(i), i, own, lists, now);
      } catch (MalformedInputException e) {
        one = r.fail(CheckId.FORMAT, e.reason(), e.getMessage()).buildFailed();
      } catch (RuntimeException | StackOverflowError e) {
        one = r.fail(CheckId.of("internal"), Reason.FORMAT_FAILURE, "unexpected input")
            .buildFailed();
      }
      results.add(one);
    }
    Map.Entry<Indication, Optional<Reason>> v = Verdicts.of(results);
    return new OfdVerificationReport(results, v.getKey(), v.getValue());
  }

  private static OfdVerificationReport documentFailure(Reason reason) {
    return new OfdVerificationReport(List.of(), Indication.FAILED, Optional.of(reason));
  }

  private VerificationResult<VerifiedOfdSignature> verifyOne(
      VerificationResult.Builder<VerifiedOfdSignature> r, OfdPackage p,
      OfdStructure.Listed listed, Optional<OfdStructure.Described> described, int index,
      List<Set<String>> own, Set<String> lists, Instant now) {
    // Read again only when it failed: the exception carries the reason.
    OfdStructure.Described d = described.isPresent() ? described.get()
        : OfdStructure.describe(p, listed);
    r.ok(CheckId.FORMAT, listed.entry() + ", Type=" + listed.type() + ", " + d.references().size()
        + " references");

    // References.
    Optional<DigestAlgorithm> alg = checkMethod(d.checkMethod());
    if (alg.isEmpty()) {
      return r.fail(REFERENCES, Reason.ALGORITHM_NOT_ALLOWED, "CheckMethod " + d.checkMethod())
          .buildFailed();
    }
    Optional<String> broken = Optional.empty();
    Reason brokenReason = null;
    for (OfdStructure.Reference ref : d.references()) {
      Optional<byte[]> actual = p.digest(ref.part(), alg.get());
      if (actual.isEmpty()) {
        broken = Optional.of(ref.part() + " is missing");
        brokenReason = Reason.REFERENCED_PART_MISSING;
        break;
      }
      if (!MessageDigest.isEqual(actual.get(), ref.checkValue())) {
        broken = Optional.of(ref.part() + " changed (its " + alg.get().jcaName()
            + " differs from CheckValue)");
        brokenReason = Reason.HASH_FAILURE;
        break;
      }
    }
    if (broken.isPresent()) {
      r.fail(REFERENCES, brokenReason, broken.get());
    } else {
      r.ok(REFERENCES, d.references().size() + " parts, " + alg.get().jcaName()
          + " as stored");
    }

    // The signed value.
    byte[] value = OfdStructure.signedValue(p, d, limits);
    Optional<VerifiedSeal> seal = Optional.empty();
    Optional<X509Certificate> signer = Optional.empty();
    Evidence evidence;
    Optional<Instant> claimed = d.dateTime().flatMap(ProducerTimes::parse);
    if (listed.type().equals("Sign")) {
      Evidence.Builder eb = Evidence.builder().fact("ofd.signature", listed.entry())
          .algorithm(d.signatureMethod());
      claimed.ifPresent(eb::claimedSigningTime);
      signer = sign(r, eb, d, value, now);
      evidence = eb.build();
      r.evidence(evidence);
    } else if (!listed.type().equals("Seal")) {
      evidence = Evidence.builder().fact("ofd.signature", listed.entry()).build();
      r.evidence(evidence);
      r.fail(CheckId.FORMAT, Reason.FORMAT_FAILURE, "Type=" + listed.type()
          + " is neither Seal nor Sign");
    } else {
      VerificationResult<VerifiedSeal> v = seals.verify(value, d.xml());
      r.addAll(v);
      evidence = v.evidence().toBuilder().fact("ofd.signature", listed.entry())
          .coveredBytes("TBS_Sign incl. the " + (v.evidence().algorithm().orElse("").contains(
              "1.2.840") ? "SHA-256" : "SM3") + " of " + listed.entry() + " as stored, which "
              + "holds the digests of " + d.references().size() + " parts").build();
      r.evidence(evidence);
      seal = v.verified();
      sealFile(r, p, d, value);
    }

    // Coverage.
    List<Modification> changes = coverage(r, p, d, index, own, lists);
    r.evidence(evidence.toBuilder()
        .fact("ofd.modification-level", ModificationLevel.highest(changes).name())
        .fact("ofd.modifications", changes.stream().map(Modification::toString)
            .collect(java.util.stream.Collectors.joining("; "))).build());
    if (r.hasFailed() || (seal.isEmpty() && signer.isEmpty())) {
      return r.buildFailed();
    }
    List<OfdStamp> stamps = new ArrayList<>();
    for (OfdStructure.Stamp s : d.stamps()) {
      Integer page = listed.doc().pages().get(s.pageRef());
      stamps.add(new OfdStamp(s.pageRef(), page == null ? OptionalInt.empty()
          : OptionalInt.of(page), s.boundary()[0], s.boundary()[1], s.boundary()[2],
          s.boundary()[3]));
    }
    return r.build(new VerifiedOfdSignature(listed.id(), listed.type(), listed.entry(),
        seal.map(VerifiedSeal::signer).orElseGet(signer::orElseThrow),
        seal.map(VerifiedSeal::signingTime).or(() -> claimed), seal, stamps,
        d.references().stream().map(OfdStructure.Reference::part).toList(), changes));
  }

  /**
   * A {@code Type="Sign"} signature: a GB/T 35275 SignedData whose digest is SM3 of
   * {@code Signature.xml} as stored, or a bare SM2 signature over {@code Signature.xml}, which
   * names no certificate and is checked against the certificates the trust policy trusts as
   * given.
   */
  private Optional<X509Certificate> sign(VerificationResult.Builder<VerifiedOfdSignature> r,
      Evidence.Builder evidence, OfdStructure.Described d, byte[] value, Instant now) {
    byte[] xmlDigest = Digests.digest(DigestAlgorithm.SM3, d.xml());
    if (!Gbt35275.isContentInfo(value)) {
      for (X509Certificate c : trust.anchors().certificates()) {
        if (!(c.getPublicKey() instanceof java.security.interfaces.ECPublicKey)) {
          continue;
        }
        try {
          if (SealAlgorithms.verificationKey(c.getPublicKey(), SignatureAlgorithm.SM2_SM3)
              .verifier().isValid(value, d.xml())) {
            r.ok(CheckId.FORMAT, "a bare SM2 signature over " + d.listed().entry());
            r.ok(CheckId.SIGNATURE, "SM2_SM3 over " + d.listed().entry() + " by "
                + c.getSubjectX500Principal().getName());
            evidence.certificates(List.of(c)).coveredBytes(d.listed().entry() + " as stored");
            Chains.record(r, SIGNER_CHAIN, trust, TrustPolicy.Role.SIGNER, List.of(c), now);
            return Optional.of(c);
          }
        } catch (RuntimeException e) {
          // not an SM2 key: try the next
        }
      }
      r.fail(CheckId.SIGNATURE, Reason.KEY_NOT_FOUND, "a bare signature names no "
          + "certificate, and no certificate trusted as given verifies it");
      return Optional.empty();
    }
    Gbt35275.Parsed sd;
    X509Certificate cert;
    try {
      sd = Gbt35275.parse(value, limits.maxAsn1Bytes());
      cert = Pem.toCertificate(sd.signerCertificate());
    } catch (MalformedInputException e) {
      r.fail(CheckId.FORMAT, e.reason(), e.getMessage());
      return Optional.empty();
    }
    r.ok(CheckId.FORMAT, "GB/T 35275 SignedData, one SignerInfo");
    evidence.certificates(List.of(cert)).coveredBytes((sd.messageDigest().isPresent()
        ? "DER(authenticatedAttributes) incl. " : "") + "the SM3 of " + d.listed().entry()
        + " as stored");
    byte[] named = sd.messageDigest().or(sd::digestInContent).orElseThrow();
    if (MessageDigest.isEqual(named, xmlDigest) || base64Of(named, xmlDigest)) {
      r.ok(DATA_HASH, "SM3 of " + d.listed().entry());
    } else {
      r.fail(DATA_HASH, Reason.HASH_FAILURE, "the SignedData names another digest than SM3 of "
          + d.listed().entry());
    }
    if (!sd.signatureAlgorithm().equals(SignatureAlgorithm.SM2_SM3.oid())
        && !sd.signatureAlgorithm().equals("1.2.156.10197.1.301.1")) {
      r.fail(CheckId.SIGNATURE, Reason.ALGORITHM_NOT_ALLOWED, "signature algorithm "
          + sd.signatureAlgorithm());
      return Optional.empty();
    }
    boolean valid;
    try {
      valid = SealAlgorithms.verificationKey(cert.getPublicKey(), SignatureAlgorithm.SM2_SM3)
          .verifier().isValid(sd.signature(), sd.signedBytes());
    } catch (RuntimeException e) {
      r.fail(CheckId.SIGNATURE, Reason.ALGORITHM_NOT_ALLOWED, "the signer's key is not SM2");
      return Optional.empty();
    }
    if (valid) {
      r.ok(CheckId.SIGNATURE, "SM2_SM3 by " + cert.getSubjectX500Principal().getName());
    } else {
      r.fail(CheckId.SIGNATURE, Reason.SIG_CRYPTO_FAILURE, "the signer's signature");
    }
    Chains.record(r, SIGNER_CHAIN, trust, TrustPolicy.Role.SIGNER, List.of(cert), now);
    return Optional.of(cert);
  }

  /** Some producers put the base64 text of the digest where its bytes belong. */
  private static boolean base64Of(byte[] named, byte[] digest) {
    try {
      return MessageDigest.isEqual(java.util.Base64.getDecoder().decode(named), digest);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void sealFile(VerificationResult.Builder<VerifiedOfdSignature> r, OfdPackage p,
      OfdStructure.Described d, byte[] value) {
    if (d.seal().isEmpty()) {
      r.skip(SEAL_FILE, "SignedInfo lists no Seal.esl");
      return;
    }
    Optional<byte[]> file = p.read(d.seal().get(), Limits.MAX_ASN1_BYTES);
    if (file.isEmpty()) {
      r.fail(SEAL_FILE, Reason.REFERENCED_PART_MISSING, d.seal().get() + " is missing");
      return;
    }
    byte[] embedded;
    try {
      embedded = SesSignature.parse(value).seal().encoded();
    } catch (MalformedInputException e) {
      return; // the seal check above already failed with the reason
    }
    if (java.util.Arrays.equals(file.get(), embedded)) {
      r.ok(SEAL_FILE, d.seal().get() + " is the seal in the signature");
    } else {
      r.fail(SEAL_FILE, Reason.FORMAT_FAILURE, d.seal().get()
          + " differs from the seal in the signature");
    }
  }

  /**
   * Classifies every part the signature does not protect, records the coverage check and
   * returns the changes.
   */
  private List<Modification> coverage(VerificationResult.Builder<VerifiedOfdSignature> r,
      OfdPackage p, OfdStructure.Described d, int index, List<Set<String>> own,
      Set<String> lists) {
    Set<String> covered = new HashSet<>();
    d.references().forEach(ref -> covered.add(ref.part()));
    List<Modification> changes = new ArrayList<>();
    for (String part : p.names()) {
      if (covered.contains(part) || own.get(index).contains(part)) {
        continue;
      }
      Optional<Integer> other = Optional.empty();
      for (int j = 0; j < own.size(); j++) {
        if (j != index && (own.get(j).contains(part) || inFolderOf(part, own.get(j)))) {
          other = Optional.of(j);
        }
      }
      if (other.isPresent()) {
        changes.add(new Modification(ModificationLevel.SIGNATURES, part + " belongs to "
            + "signature " + (other.get() + 1)));
      } else if (lists.contains(part)) {
        continue; // unprotected by design: later seals extend it (each is verified in turn)
      } else {
        changes.add(new Modification(ModificationLevel.OTHER, part
            + " is not protected by this signature"));
      }
    }
    Optional<Modification> worst = changes.stream()
        .filter(m -> m.level() == ModificationLevel.OTHER).findFirst()
        .or(() -> modifications.firstRefused(changes));
    if (worst.isPresent()) {
      r.fail(COVERAGE, Reason.DOCUMENT_MODIFIED_AFTER_SEAL, worst.get().description() + " ("
          + worst.get().level() + ")");
    } else if (changes.isEmpty()) {
      r.ok(COVERAGE, "every part of the package");
    } else {
      r.ok(COVERAGE, "every part but " + changes.size() + " that later signatures add, at most "
          + ModificationLevel.highest(changes) + " (permitted)");
    }
    return changes;
  }

  /** A part inside the folder of another signature's {@code Signature.xml}. */
  private static boolean inFolderOf(String part, Set<String> files) {
    for (String f : files) {
      if (f.endsWith("Signature.xml")) {
        String folder = OfdPaths.folder(f);
        if (!folder.isEmpty() && part.startsWith(folder)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code CheckMethod} as producers write it: the OID or the algorithm's name. */
  static Optional<DigestAlgorithm> checkMethod(String method) {
    String m = method.trim().toUpperCase(Locale.ROOT).replace("-", "");
    if (m.equals(DigestAlgorithm.SM3.oid()) || m.equals("SM3")) {
      return Optional.of(DigestAlgorithm.SM3);
    }
    if (m.equals(DigestAlgorithm.SHA256.oid()) || m.equals("SHA256")) {
      return Optional.of(DigestAlgorithm.SHA256);
    }
    return Optional.empty();
  }

  /** Builds an {@link OfdSealVerifier}. Not thread-safe. */
  public static final class Builder {
    private final TrustPolicy trust;
    private ModificationPolicy modifications = ModificationPolicy.STRICT;
    private Limits limits = Limits.defaults();

    private Builder(TrustPolicy trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
    }

    /**
     * Sets which changes after a signature it survives.
     *
     * @param policy the policy; {@link ModificationPolicy#STRICT} by default
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
    public OfdSealVerifier build() {
      return new OfdSealVerifier(this);
    }
  }
}
