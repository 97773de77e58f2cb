package org.tongban.license;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tongban.MalformedInputException;
import org.tongban.io.Limits;
import org.tongban.license.internal.Cbor;
import org.tongban.license.internal.CompactLicense;
import org.tongban.license.internal.CoseSign1;
import org.tongban.license.internal.IssuerKeys;
import org.tongban.license.qr.QrCodec;
import org.tongban.license.qr.QrImages;
import org.tongban.pki.CertificatePath;
import org.tongban.pki.CertificateVerifier;
import org.tongban.pki.TrustAnchors;
import org.tongban.pki.TrustPolicy;
import org.tongban.result.CheckId;
import org.tongban.result.Evidence;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/**
 * Verifies licence QR texts offline and returns the common {@link VerificationResult}; never
 * throws on bad input.
 *
 * <p>Checks, in order: {@code container} (prefix, Base45, zlib within limits),
 * {@code cose} (COSE_Sign1 structure, protected {@code alg}), {@code algorithm} (allowed and
 * matching the candidate key), {@code signature} (every configured issuer certificate whose
 * 8-byte kid matches is tried — several may share a kid), {@code issuer.chain} (the signing
 * certificate against the {@link TrustPolicy}: by default the configured issuer certificates
 * are trusted as given and only their validity is checked; with {@link Builder#trust} their
 * chains must reach its anchors), {@code validity} (CWT {@code iat}/{@code exp} and the
 * licence's validity dates), {@code status} (the status list the licence names, when a
 * {@link StatusListSource} is configured: {@link Reason#LICENSE_REVOKED} for invalid or
 * suspended, {@link Reason#REVOCATION_UNKNOWN} when no good list can be had — or when the
 * licence names a list and no source is configured),
 * {@code licence.data} (the licence fields, the identifier's check character, the holder
 * code).
 *
 * <p>Rejects: {@link Reason#FORMAT_FAILURE}, {@link Reason#SIZE_LIMIT_EXCEEDED},
 * {@link Reason#ALGORITHM_NOT_ALLOWED}, {@link Reason#ALGORITHM_MISMATCH},
 * {@link Reason#KEY_NOT_FOUND}, {@link Reason#SIG_CRYPTO_FAILURE}, {@link Reason#EXPIRED},
 * {@link Reason#NOT_YET_VALID}, {@link Reason#LICENSE_DATA_MISMATCH}, and the reasons of
 * {@link CertificateVerifier}.
 *
 * <p>The pipeline is the HCERT one: the same verifier, with {@code acceptPrefix("HC1:")},
 * verifies EU Digital COVID Certificates from the EU's public test data (a test proves it).
 *
 * <p>Thread-safe; build once and share.
 *
 * @since 0.1
 */
public final class LicenseVerifier {
  /** The QR container. */
  public static final CheckId CONTAINER = CheckId.of("container");
  /** The COSE structure. */
  public static final CheckId COSE = CheckId.of("cose");
  /** The issuer certificate chain. */
  public static final CheckId ISSUER_CHAIN = CheckId.of("issuer.chain");
  /** The validity window. */
  public static final CheckId VALIDITY = CheckId.of("validity");
  /** The licence status. */
  public static final CheckId STATUS = CheckId.of("status");
  /** The licence fields and check characters. */
  public static final CheckId DATA = CheckId.of("licence.data");

  private final IssuerKeys issuers;
  private final TrustPolicy trust;
  private final Set<String> prefixes;
  private final Optional<StatusListSource> statusSource;
  private final Clock clock;
  private final Limits limits;

  private LicenseVerifier(Builder b) {
    this.limits = b.limits;
    this.issuers = new IssuerKeys(b.issuers);
    this.trust = b.trust != null ? b.trust
        : TrustPolicy.builder(TrustAnchors.of(b.issuers)).clock(b.clock).build();
    this.prefixes = Set.copyOf(b.prefixes);
    this.statusSource = Optional.ofNullable(b.statusSource);
    this.clock = trust.clock();
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @param issuerCertificates the licence issuers' signing certificates, found by their 8-byte
   *     kid; at least one
   * @return a builder
   */
  public static Builder builder(List<X509Certificate> issuerCertificates) {
    return new Builder(issuerCertificates);
  }

  /**
   * Verifies a QR text.
   *
   * @param text the text read from the QR code
   * @return the result
   */
  public VerificationResult<VerifiedLicense> verify(String text) {
    Objects.requireNonNull(text, "text");
    Instant now = clock.instant();
    VerificationResult.Builder<VerifiedLicense> r = VerificationResult.builder(now);
    try {
      return run(r, text, now);
    } catch (MalformedInputException e) {
      return r.fail(CheckId.FORMAT, e.reason(), e.getMessage()).buildFailed();
    } catch (RuntimeException e) {
      return r.fail(CheckId.FORMAT, Reason.FORMAT_FAILURE, "unexpected input").buildFailed();
    }
  }

  /**
   * Verifies the licence QR code of an image (PNG, JPEG, GIF, BMP): an image without a
   * readable code fails with {@link Reason#FORMAT_FAILURE}; one holding two different codes is
   * INDETERMINATE with {@link Reason#AMBIGUOUS_INPUT} — neither is verified silently.
   *
   * @param image the image bytes, at most {@link QrImages#MAX_IMAGE_BYTES}
   * @return the result
   */
  public VerificationResult<VerifiedLicense> verifyImage(byte[] image) {
    Objects.requireNonNull(image, "image");
    String text;
    try {
      text = QrImages.decode(image);
    } catch (MalformedInputException e) {
      return VerificationResult.<VerifiedLicense>builder(clock.instant())
          .fail(CONTAINER, e.reason(), e.getMessage()).buildFailed();
    } catch (RuntimeException e) {
      return VerificationResult.<VerifiedLicense>builder(clock.instant())
          .fail(CONTAINER, Reason.FORMAT_FAILURE, "unreadable image").buildFailed();
    }
    return verify(text);
  }

  private VerificationResult<VerifiedLicense> run(VerificationResult.Builder<VerifiedLicense> r,
      String text, Instant now) {
    QrCodec.Decoded d;
    try {
      d = QrCodec.decode(text, prefixes, limits);
    } catch (MalformedInputException e) {
      return r.fail(CONTAINER, e.reason(), e.getMessage()).buildFailed();
    }
    r.ok(CONTAINER, d.prefix() + " Base45 zlib, " + d.cose().length + " bytes of COSE");
    CoseSign1.Parsed cose;
    CBORObject claims;
    try {
      cose = CoseSign1.parse(d.cose());
      claims = Cbor.decode(cose.payload());
      if (claims.getType() != CBORType.Map) {
        throw new MalformedInputException("the CWT claims must be a map");
      }
      checkClaimTypes(claims);
    } catch (MalformedInputException e) {
      return r.fail(COSE, e.reason(), e.getMessage()).buildFailed();
    }
    r.ok(COSE, "COSE_Sign1, alg " + cose.alg());
    Evidence.Builder ev = Evidence.builder().algorithm(String.valueOf(cose.alg()))
        .coveredBytes("Sig_structure over the protected header and " + cose.payload().length
            + " bytes of CWT claims");
    cose.kid().ifPresent(k -> ev.keyId(java.util.HexFormat.of().formatHex(k)));
    r.evidence(ev.build());

    IssuerKeys.Outcome outcome = issuers.verify(cose);
    if (outcome.signer().isEmpty()) {
      Reason reason = outcome.reason().orElseThrow();
      CheckId id = reason == Reason.ALGORITHM_NOT_ALLOWED || reason == Reason.ALGORITHM_MISMATCH
          ? CheckId.ALGORITHM : CheckId.SIGNATURE;
      return r.fail(id, reason, outcome.detail()).buildFailed();
    }
    X509Certificate signer = outcome.signer().get();
    r.ok(CheckId.ALGORITHM, outcome.detail().substring(0, outcome.detail().indexOf(' ')));
    r.ok(CheckId.SIGNATURE, outcome.detail().substring(outcome.detail().indexOf(' ') + 1));

    VerificationResult<CertificatePath> c = trust.validate(TrustPolicy.Role.LICENCE_ISSUER,
        List.of(signer), now);
    if (c.isValid()) {
      X509Certificate anchor = c.orElseThrow().anchor();
      r.ok(ISSUER_CHAIN, anchor.equals(signer) ? "trusted as given"
          : "to " + anchor.getSubjectX500Principal().getName());
    } else {
      r.fail(ISSUER_CHAIN, c.reason().orElseThrow(), "issuer certificate chain");
    }

    Optional<Instant> iat = time(claims, 6);
    Optional<Instant> exp = time(claims, 4);
    Optional<Instant> nbf = time(claims, 5);
    CBORObject hc = claims.get(CBORObject.FromObject(LicenseIssuer.LICENSE_CLAIM));
    boolean tongban = QrCodec.TONGBAN_PREFIX.equals(d.prefix());
    CBORObject integerKeyed = hc == null || hc.getType() != CBORType.Map ? null
        : hc.get(CBORObject.FromObject(CompactLicense.INTEGER_KEYS));
    CBORObject inner = hc == null || hc.getType() != CBORType.Map ? null
        : hc.get(CBORObject.FromObject(CompactLicense.TEXT_KEYS));
    if (inner == null && (integerKeyed == null || !tongban)) {
      return r.fail(DATA, Reason.FORMAT_FAILURE, "no payload under claim -260").buildFailed();
    }
    Optional<License> license = Optional.empty();
    java.util.function.Supplier<Map<String, Object>> payload;
    if (tongban) {
      try {
        LocalDate day = LocalDate.ofInstant(now, LicenseIssuer.CHINA);
        License l;
        if (integerKeyed != null && inner != null) {
          throw new MalformedInputException("two licences under claim -260");
        } else if (integerKeyed != null) {
          CBORObject iss = claims.get(CBORObject.FromObject(1));
          if (iss == null) {
            throw new MalformedInputException("no iss claim: the issuer code of ZZBS");
          }
          l = CompactLicense.fromIntegerKeys(integerKeyed, Cbor.text(iss, "iss"), day);
        } else {
          l = CompactLicense.fromTextKeys(inner, day);
        }
        license = Optional.of(l);
        payload = l::toWire;
      } catch (MalformedInputException e) {
        return r.fail(DATA, e.reason() == Reason.FORMAT_FAILURE ? Reason.LICENSE_DATA_MISMATCH
            : e.reason(), e.getMessage()).buildFailed();
      }
    } else if (inner.getType() == CBORType.Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> generic = (Map<String, Object>) Cbor.toJava(inner);
      payload = () -> generic;
    } else {
      return r.fail(DATA, Reason.LICENSE_DATA_MISMATCH, "the payload under -260/1 must be a map")
          .buildFailed();
    }

    // Validity: the CWT times, and the licence dates (Asia/Shanghai calendar days).
    LocalDate today = LocalDate.ofInstant(now, LicenseIssuer.CHINA);
    if (exp.isPresent() && !now.isBefore(exp.get())) {
      r.fail(VALIDITY, Reason.EXPIRED, "expired at " + exp.get());
    } else if (license.isPresent() && license.get().validUntil().isPresent()
        && today.isAfter(license.get().validUntil().get())) {
      r.fail(VALIDITY, Reason.EXPIRED, "valid until " + license.get().validUntil().get());
    } else if (license.isPresent() && today.isBefore(license.get().validFrom())) {
      r.fail(VALIDITY, Reason.NOT_YET_VALID, "valid from " + license.get().validFrom());
    } else if (iat.isPresent() && iat.get().isAfter(now.plusSeconds(300))) {
      r.fail(VALIDITY, Reason.NOT_YET_VALID, "issued in the future: " + iat.get());
    } else if (nbf.isPresent() && nbf.get().isAfter(now.plusSeconds(300))) {
      r.fail(VALIDITY, Reason.NOT_YET_VALID, "not before " + nbf.get());
    } else {
      r.ok(VALIDITY, exp.map(e -> "until " + e).orElse("no end"));
    }
    status(r, claims);
    if (license.isPresent()) {
      r.ok(DATA, "identifier check character and holder code valid");
    } else if (!tongban) {
      r.skip(DATA, "not a Tongban licence (" + d.prefix() + ")");
    }
    return r.build(new VerifiedLicense(d.prefix(), signer, iat, exp, license, payload));
  }

  private void status(VerificationResult.Builder<VerifiedLicense> r, CBORObject claims) {
    CBORObject st = claims.get(CBORObject.FromObject(LicenseIssuer.STATUS_CLAIM));
    if (st == null) {
      r.skip(STATUS, "the licence names no status list");
      return;
    }
    StatusReference ref;
    try {
      CBORObject sl = st.get(CBORObject.FromObject("status_list"));
      if (sl == null) {
        throw new MalformedInputException("no status_list");
      }
      ref = new StatusReference(java.net.URI.create(Cbor.text(sl.get(CBORObject.FromObject(
          "uri")), "uri")), (int) Math.min(Integer.MAX_VALUE, Cbor.integer(sl.get(
          CBORObject.FromObject("idx")), "idx")));
    } catch (MalformedInputException | IllegalArgumentException e) {
      r.fail(STATUS, Reason.FORMAT_FAILURE, "malformed status claim");
      return;
    }
    if (statusSource.isEmpty()) {
      // The licence says where its status is kept: unchecked, it may be revoked. Fail closed.
      r.fail(STATUS, Reason.REVOCATION_UNKNOWN, "not checked: no status source configured "
          + "(list " + ref.uri() + ", index " + ref.index() + ")");
      return;
    }
    StatusListSource.Outcome o = statusSource.get().status(ref);
    if (o.value().isEmpty()) {
      r.fail(STATUS, Reason.REVOCATION_UNKNOWN, o.detail());
    } else if (o.value().get() == 0) {
      r.ok(STATUS, "valid; " + o.detail());
    } else {
      r.fail(STATUS, Reason.LICENSE_REVOKED, (o.value().get() == 2 ? "suspended" : "invalid")
          + "; " + o.detail());
    }
  }

  /**
   * The registered CWT claims (RFC 8392 §3.1) have fixed types: iss, sub, aud text; exp, nbf,
   * iat integers (read by {@link #time}); cti bytes. A wrong type is a malformed token, not a
   * value to reinterpret.
   */
  private static void checkClaimTypes(CBORObject claims) {
    for (int key : new int[] {1, 2, 3}) {
      CBORObject v = claims.get(CBORObject.FromObject(key));
      if (v != null && (v.getType() != CBORType.TextString || v.isTagged())) {
        throw new MalformedInputException("CWT claim " + key + " must be text");
      }
    }
    for (int key : new int[] {4, 5, 6}) {
      CBORObject v = claims.get(CBORObject.FromObject(key));
      if (v != null && (v.getType() != CBORType.Integer || v.isTagged())) {
        throw new MalformedInputException("CWT claim " + key + " must be an integer");
      }
    }
    CBORObject cti = claims.get(CBORObject.FromObject(7));
    if (cti != null && (cti.getType() != CBORType.ByteString || cti.isTagged())) {
      throw new MalformedInputException("CWT claim 7 (cti) must be bytes");
    }
  }

  private static Optional<Instant> time(CBORObject claims, int key) {
    CBORObject o = claims.get(CBORObject.FromObject(key));
    if (o == null) {
      return Optional.empty();
    }
    long t = Cbor.integer(o, key == 4 ? "exp" : key == 5 ? "nbf" : "iat");
    if (t < 0 || t > 253402300799L) {
      throw new MalformedInputException("time out of range");
    }
    return Optional.of(Instant.ofEpochSecond(t));
  }

  /** Builds a {@link LicenseVerifier}. Not thread-safe. */
  public static final class Builder {
    private final List<X509Certificate> issuers;
    private final Set<String> prefixes = new LinkedHashSet<>(List.of(QrCodec.TONGBAN_PREFIX));
    private TrustPolicy trust;
    private Limits limits = Limits.defaults();
    private StatusListSource statusSource;
    private Clock clock;

    private Builder(List<X509Certificate> issuers) {
      if (issuers.isEmpty()) {
        throw new IllegalArgumentException("at least one issuer certificate is needed");
      }
      this.issuers = List.copyOf(issuers);
    }

    /**
     * Validates the issuer certificate's chain under this policy (anchors, intermediates,
     * revocation, clock) instead of trusting the issuer certificates as given.
     *
     * @param trust the policy
     * @return this builder
     */
    public Builder trust(TrustPolicy trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
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
     * Checks licence status in the status lists the licences name.
     *
     * @param source the source
     * @return this builder
     */
    public Builder statusSource(StatusListSource source) {
      this.statusSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Accepts another prefix, e.g. {@code HC1:} for EU Digital COVID Certificates.
     *
     * @param prefix the prefix
     * @return this builder
     */
    public Builder acceptPrefix(String prefix) {
      prefixes.add(QrCodec.checkPrefix(prefix));
      return this;
    }

    /**
     * Sets the clock when the issuer certificates are trusted as given (with
     * {@link #trust(TrustPolicy)} the policy's clock is the one clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws IllegalStateException if both a trust policy and a clock were set
     */
    public LicenseVerifier build() {
      if (trust != null && clock != null) {
        throw new IllegalStateException("the trust policy's clock is the verifier's clock: "
            + "set it there");
      }
      if (clock == null) {
        clock = Clock.systemUTC();
      }
      return new LicenseVerifier(this);
    }
  }
}
