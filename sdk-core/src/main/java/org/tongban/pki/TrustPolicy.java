package org.tongban.pki;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tongban.result.CheckId;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/**
 * What a verifier trusts, in one immutable value that every verifier takes
 * ({@code SealVerifier}, {@code PdfSealVerifier}, {@code LicenseVerifier},
 * {@code OnlineLicenseVerifier}, and {@link CertificateVerifier} through
 * {@link #certificateVerifier(Role)}): the trust anchors, extra intermediate certificates, the
 * revocation source, the clock, which time a signer is judged at, and the key usages and
 * extended key usages each role needs.
 *
 * <p><b>Fail closed.</b> A policy made by {@link #none()} trusts nothing: every chain check under
 * it fails with {@link Reason#TRUST_NOT_CONFIGURED}, so a verdict is at most INDETERMINATE —
 * never PASSED. Certificates a caller names itself are trusted as given
 * ({@link #trustedAsGiven(List)}): such a certificate is its own anchor, and only its validity
 * period is checked.
 *
 * <p>Immutable and thread-safe; build once and share between verifiers.
 *
 * @since 0.1
 */
public final class TrustPolicy {
  /** The part a certificate plays; each role has the key usages it must allow. */
  public enum Role {
    /** The seal maker (制章人), who signs seals. */
    SEAL_MAKER,
    /** Who signs a document, a seal signature or a token. */
    SIGNER,
    /** The issuer of licences and status lists. */
    LICENCE_ISSUER,
    /** A time-stamp authority (RFC 3161). */
    TIME_STAMP_AUTHORITY
  }

  /** Which time a signer's chain is judged at when no verified time stamp gives one. */
  public enum SigningTimeRule {
    /** The validation time (now): a certificate expired or revoked since is not accepted. */
    VALIDATION_TIME,
    /**
     * The signing time the signature claims: the signer's own word, for archives where signing
     * times are attested otherwise.
     */
    CLAIMED_SIGNING_TIME
  }

  /** The leaf key usages every role accepts by default: digitalSignature or nonRepudiation. */
  public static final Set<KeyUsage> DEFAULT_LEAF_KEY_USAGE =
      Collections.unmodifiableSet(EnumSet.of(KeyUsage.DIGITAL_SIGNATURE,
          KeyUsage.NON_REPUDIATION));

  /** id-kp-timeStamping (RFC 3161 §2.3): required of a time-stamp authority by default. */
  public static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

  private static final TrustPolicy NONE = new TrustPolicy(new Builder(TrustAnchors.none()));

  private final TrustAnchors anchors;
  private final List<X509Certificate> intermediates;
  private final Optional<RevocationSource> revocation;
  private final Clock clock;
  private final SigningTimeRule signingTimeRule;
  private final Map<Role, Set<KeyUsage>> keyUsage;
  private final Map<Role, Set<String>> extendedKeyUsage;
  private final Map<Role, CertificateVerifier> verifiers;

  private TrustPolicy(Builder b) {
    this.anchors = b.anchors;
    this.intermediates = List.copyOf(b.intermediates);
    this.revocation = Optional.ofNullable(b.revocation);
    this.clock = b.clock;
    this.signingTimeRule = b.signingTimeRule;
    Map<Role, Set<KeyUsage>> ku = new EnumMap<>(Role.class);
    Map<Role, Set<String>> eku = new EnumMap<>(Role.class);
    Map<Role, CertificateVerifier> v = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      Set<KeyUsage> usage = Set.copyOf(b.keyUsage.getOrDefault(role, DEFAULT_LEAF_KEY_USAGE));
      ku.put(role, usage);
      Set<String> purposes = Set.copyOf(b.extendedKeyUsage.getOrDefault(role,
          role == Role.TIME_STAMP_AUTHORITY ? Set.of(TIME_STAMPING) : Set.of()));
      eku.put(role, purposes);
      if (!anchors.certificates().isEmpty()) {
        CertificateVerifier.Builder cv = CertificateVerifier.builder(anchors).clock(clock)
            .requireLeafKeyUsage(usage).requireLeafExtendedKeyUsage(purposes);
        revocation.ifPresent(cv::revocation);
        v.put(role, cv.build());
      }
    }
    this.keyUsage = Collections.unmodifiableMap(ku);
    this.extendedKeyUsage = Collections.unmodifiableMap(eku);
    this.verifiers = Collections.unmodifiableMap(v);
  }

  /**
   * Returns the policy that trusts nothing: every chain check is INDETERMINATE with
   * {@link Reason#TRUST_NOT_CONFIGURED}. For inspecting what a document claims, never for
   * accepting it.
   *
   * @return the empty policy
   */
  public static TrustPolicy none() {
    return NONE;
  }

  /**
   * Starts a policy whose chains must end at these anchors. Not thread-safe.
   *
   * @param anchors the trust anchors, at least one
   * @return a builder
   */
  public static Builder builder(TrustAnchors anchors) {
    Objects.requireNonNull(anchors, "anchors");
    if (anchors.certificates().isEmpty()) {
      throw new IllegalArgumentException("no trust anchors: use TrustPolicy.none() to trust "
          + "nothing");
    }
    return new Builder(anchors);
  }

  /**
   * Returns a policy that trusts exactly these certificates as given (a caller that names the
   * signer's or issuer's certificate itself): each is its own anchor; a chain is not needed
   * and only the validity period is checked.
   *
   * @param certificates the certificates, at least one
   * @return the policy
   */
  public static TrustPolicy trustedAsGiven(List<X509Certificate> certificates) {
    return builder(TrustAnchors.of(certificates)).build();
  }

  /**
   * Returns whether anything is trusted (anchors or certificates trusted as given).
   *
   * @return false for {@link #none()}
   */
  public boolean isConfigured() {
    return !anchors.certificates().isEmpty();
  }

  /**
   * Returns the trust anchors (empty for {@link #none()}).
   *
   * @return the anchors
   */
  public TrustAnchors anchors() {
    return anchors;
  }

  /**
   * Returns the extra intermediate certificates offered to every chain.
   *
   * @return the intermediates
   */
  public List<X509Certificate> intermediates() {
    return intermediates;
  }

  /**
   * Returns the revocation source.
   *
   * @return the source, or empty when revocation is not checked
   */
  public Optional<RevocationSource> revocation() {
    return revocation;
  }

  /**
   * Returns the clock that gives "now".
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns which time a signer is judged at when no verified time stamp gives one.
   *
   * @return the rule
   */
  public SigningTimeRule signingTimeRule() {
    return signingTimeRule;
  }

  /**
   * Returns the key usages a role's certificate must allow (any one of them).
   *
   * @param role the role
   * @return the key usages
   */
  public Set<KeyUsage> keyUsage(Role role) {
    return keyUsage.get(Objects.requireNonNull(role, "role"));
  }

  /**
   * Returns the extended key usage purposes a role's certificate must name, any one of them;
   * empty when none is required.
   *
   * @param role the role
   * @return the purposes (OIDs)
   */
  public Set<String> extendedKeyUsage(Role role) {
    return extendedKeyUsage.get(Objects.requireNonNull(role, "role"));
  }

  /**
   * Returns the path validator for a role, or empty when nothing is trusted.
   *
   * @param role the role
   * @return the verifier
   */
  public Optional<CertificateVerifier> certificateVerifier(Role role) {
    return Optional.ofNullable(verifiers.get(Objects.requireNonNull(role, "role")));
  }

  /**
   * Validates a certificate in a role at a time: the certificate first, then any certificates
   * that came with it; this policy's intermediates are added. Under {@link #none()} the result
   * is INDETERMINATE with {@link Reason#TRUST_NOT_CONFIGURED}.
   *
   * @param role the role
   * @param chain the certificate, then candidate intermediates
   * @param at the validation time
   * @return the result; its payload is the validated path
   */
  public VerificationResult<CertificatePath> validate(Role role, List<X509Certificate> chain,
      Instant at) {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(at, "at");
    Optional<CertificateVerifier> v = certificateVerifier(role);
    if (v.isEmpty()) {
      return VerificationResult.<CertificatePath>builder(at).fail(CheckId.CERT_CHAIN,
          Reason.TRUST_NOT_CONFIGURED, "no trust anchors and no certificate trusted as given")
          .buildFailed();
    }
    List<X509Certificate> all = new ArrayList<>(chain);
    all.addAll(intermediates);
    return v.get().verify(all, at);
  }

  @Override
  public String toString() {
    return "TrustPolicy{" + anchors + ", " + intermediates.size() + " intermediates, "
        + (revocation.isPresent() ? "revocation" : "no revocation") + ", " + signingTimeRule
        + "}";
  }

  /** Builds a {@link TrustPolicy}. Not thread-safe. */
  public static final class Builder {
    private final TrustAnchors anchors;
    private List<X509Certificate> intermediates = List.of();
    private RevocationSource revocation;
    private Clock clock = Clock.systemUTC();
    private SigningTimeRule signingTimeRule = SigningTimeRule.VALIDATION_TIME;
    private final Map<Role, Set<KeyUsage>> keyUsage = new EnumMap<>(Role.class);
    private final Map<Role, Set<String>> extendedKeyUsage = new EnumMap<>(Role.class);

    private Builder(TrustAnchors anchors) {
      this.anchors = anchors;
    }

    /**
     * Adds intermediate CA certificates offered to every chain (an SES signature carries only
     * the signer's and the maker's own certificates).
     *
     * @param certificates the intermediates
     * @return this builder
     */
    public Builder intermediates(List<X509Certificate> certificates) {
      this.intermediates = List.copyOf(certificates);
      return this;
    }

    /**
     * Checks revocation, e.g. with a {@link CrlRevocationSource}.
     *
     * @param source the source
     * @return this builder
     */
    public Builder revocation(RevocationSource source) {
      this.revocation = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Sets the clock that gives "now" (default: the system clock, UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets which time a signer is judged at without a verified time stamp (default
     * {@link SigningTimeRule#VALIDATION_TIME}).
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder signingTimeRule(SigningTimeRule rule) {
      this.signingTimeRule = Objects.requireNonNull(rule, "rule");
      return this;
    }

    /**
     * Sets the key usages a role's certificate must allow, any one of them (default
     * {@link TrustPolicy#DEFAULT_LEAF_KEY_USAGE}).
     *
     * @param role the role
     * @param anyOf the key usages, at least one
     * @return this builder
     */
    public Builder keyUsage(Role role, Set<KeyUsage> anyOf) {
      Objects.requireNonNull(role, "role");
      if (anyOf.isEmpty()) {
        throw new IllegalArgumentException("at least one key usage");
      }
      keyUsage.put(role, Set.copyOf(anyOf));
      return this;
    }

    /**
     * Requires a role's certificate to carry an extended key usage naming one of these purposes
     * (OIDs, e.g. id-kp-documentSigning {@code 1.3.6.1.5.5.7.3.36}) or anyExtendedKeyUsage. By
     * default a time-stamp authority must name {@link TrustPolicy#TIME_STAMPING} and the other
     * roles need none; an empty set lifts the requirement.
     *
     * @param role the role
     * @param anyOf the purposes
     * @return this builder
     */
    public Builder extendedKeyUsage(Role role, Set<String> anyOf) {
      extendedKeyUsage.put(Objects.requireNonNull(role, "role"), Set.copyOf(anyOf));
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     */
    public TrustPolicy build() {
      return new TrustPolicy(this);
    }
  }
}
