package org.tongban.pki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.tongban.UnsupportedAlgorithmException;
import org.tongban.internal.pki.X509Signatures;
import org.tongban.io.Limits;
import org.tongban.result.CheckId;
import org.tongban.result.Evidence;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/**
 * Validates a certificate chain against {@link TrustAnchors} at a given time, for SM2, RSA and
 * ECDSA chains alike (the JDK's PKIX does not know SM2, so this is Tongban's own path
 * validation, after RFC 5280 §6.1, restricted to what Tongban needs: name constraints are
 * processed, certificate policies are not).
 *
 * <p>Checks, in order, each recorded in the result:
 *
 * <ol>
 *   <li>{@code cert.chain}: a path from the leaf through the given intermediates to an anchor
 *       exists (issuer name and key identifiers match; at most {@link Limits#MAX_CERT_PATH_LENGTH}
 *       certificates);
 *   <li>{@code cert.signature}: every certificate's signature verifies with its issuer's key;
 *   <li>{@code cert.validity}: every certificate, anchor included, is within its validity period
 *       at the validation time;
 *   <li>{@code cert.key-usage}: no certificate below the anchor carries a critical extension
 *       this validation does not process (RFC 5280 §6.1: such a certificate is refused); names
 *       lie within the CAs' name constraints (directory names, DNS, e-mail, URI, IP); every
 *       issuer is a CA (basic constraints), may sign certificates (keyCertSign) and its path
 *       length constraint holds; the leaf's key usage allows the required use (by default
 *       digitalSignature or nonRepudiation), and its extended key usage one of the required
 *       purposes when some are required;
 *   <li>{@code cert.revocation}: no certificate below the anchor is revoked at the validation
 *       time, when a {@link RevocationSource} is configured; only checked once signatures
 *       verified.
 * </ol>
 *
 * <p>Rejects: {@link Reason#NO_CERTIFICATE_CHAIN_FOUND} (an issuer is missing),
 * {@link Reason#UNTRUSTED_ROOT} (the chain ends at a root that is not an anchor),
 * {@link Reason#CERT_CHAIN_INVALID}, {@link Reason#CERT_SIGNATURE_INVALID},
 * {@link Reason#ALGORITHM_NOT_ALLOWED}, {@link Reason#CERT_EXPIRED},
 * {@link Reason#CERT_NOT_YET_VALID}, {@link Reason#KEY_USAGE_INVALID}, {@link Reason#REVOKED},
 * {@link Reason#REVOCATION_UNKNOWN}. Never throws on bad input.
 *
 * <p>Immutable and thread-safe; build once and share.
 *
 * @since 0.1
 */
public final class CertificateVerifier {
  /**
   * The extensions path validation understands, and so may be critical: key usage, basic
   * constraints, extended key usage, subject and issuer alternative names, name constraints.
   */
  private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
  private static final Set<String> PROCESSED_EXTENSIONS = Set.of("2.5.29.15", "2.5.29.19",
      "2.5.29.37", "2.5.29.17", "2.5.29.18", "2.5.29.30");

  private final TrustAnchors anchors;
  private final Optional<RevocationSource> revocation;
  private final Set<KeyUsage> leafKeyUsage;
  private final Set<String> leafExtendedKeyUsage;
  private final Clock clock;

  private CertificateVerifier(Builder b) {
    this.anchors = b.anchors;
    this.revocation = Optional.ofNullable(b.revocation);
    this.leafKeyUsage = Set.copyOf(b.leafKeyUsage);
    this.leafExtendedKeyUsage = Set.copyOf(b.leafExtendedKeyUsage);
    this.clock = b.clock;
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @param anchors the trust anchors
   * @return a builder
   */
  public static Builder builder(TrustAnchors anchors) {
    return new Builder(anchors);
  }

  /**
   * Returns the trust anchors.
   *
   * @return the anchors
   */
  public TrustAnchors trustAnchors() {
    return anchors;
  }

  /**
   * Validates a chain at the current time of the configured clock.
   *
   * @param chain the leaf first, then any intermediates (in any order; extra ones are ignored)
   * @return the result; its payload is the validated path
   */
  public VerificationResult<CertificatePath> verify(List<X509Certificate> chain) {
    return verify(chain, clock.instant());
  }

  /**
   * Validates a chain at a given time, for example the time a document was signed.
   *
   * @param chain the leaf first, then any intermediates
   * @param validationTime the time
   * @return the result; its payload is the validated path
   */
  public VerificationResult<CertificatePath> verify(List<X509Certificate> chain,
      Instant validationTime) {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(validationTime, "validationTime");
    VerificationResult.Builder<CertificatePath> r = VerificationResult.builder(validationTime);
    if (chain.isEmpty() || chain.size() > 4 * Limits.MAX_CERT_PATH_LENGTH) {
      return r.fail(CheckId.CERT_CHAIN, Reason.FORMAT_FAILURE,
          chain.isEmpty() ? "no certificate" : "too many certificates").buildFailed();
    }
    r.evidence(Evidence.builder().certificates(chain).build());

    // 1. Build the path leaf -> ... -> anchor.
    List<X509Certificate> path = new ArrayList<>();
    X509Certificate current = chain.get(0);
    path.add(current);
    List<X509Certificate> pool = new ArrayList<>(chain.subList(1, chain.size()));
    while (true) {
      if (anchors.contains(current)) {
        break; // the leaf or an intermediate is itself an anchor
      }
      X509Certificate anchor = findIssuer(current, anchors.certificates());
      if (anchor != null) {
        path.add(anchor);
        break;
      }
      X509Certificate next = findIssuer(current, pool);
      if (next == null) {
        boolean selfIssued = current.getIssuerX500Principal()
            .equals(current.getSubjectX500Principal());
        return selfIssued
            ? r.fail(CheckId.CERT_CHAIN, Reason.UNTRUSTED_ROOT, "chain ends at untrusted root "
                + current.getSubjectX500Principal().getName()).buildFailed()
            : r.fail(CheckId.CERT_CHAIN, Reason.NO_CERTIFICATE_CHAIN_FOUND,
                "issuer not found: " + current.getIssuerX500Principal().getName()).buildFailed();
      }
      pool.remove(next);
      path.add(next);
      current = next;
      if (path.size() > Limits.MAX_CERT_PATH_LENGTH) {
        return r.fail(CheckId.CERT_CHAIN, Reason.CERT_CHAIN_INVALID, "path too long")
            .buildFailed();
      }
    }
    r.ok(CheckId.CERT_CHAIN, path.size() + " certificates to anchor "
        + path.get(path.size() - 1).getSubjectX500Principal().getName());
    r.evidence(Evidence.builder().certificates(path).build());

    // 2. Signatures (the anchor's own self-signature is configuration, not evidence).
    boolean signaturesOk = true;
    for (int i = 0; i + 1 < path.size(); i++) {
      X509Certificate c = path.get(i);
      try {
        X509Signatures.verify(c.getSigAlgOID(), c.getSigAlgParams(),
            path.get(i + 1).getPublicKey(), c.getTBSCertificate(), c.getSignature());
      } catch (UnsupportedAlgorithmException e) {
        r.fail(CheckId.CERT_SIGNATURE, e.reason(), "certificate " + i + ": " + e.getMessage());
        signaturesOk = false;
        break;
      } catch (CertificateEncodingException | RuntimeException e) {
        r.fail(CheckId.CERT_SIGNATURE, Reason.CERT_SIGNATURE_INVALID, "certificate " + i + " ("
            + c.getSubjectX500Principal().getName() + ")");
        signaturesOk = false;
        break;
      }
    }
    if (signaturesOk) {
      r.ok(CheckId.CERT_SIGNATURE, "");
    }

    // 3. Validity at the validation time.
    Date at = Date.from(validationTime);
    String validityProblem = null;
    Reason validityReason = null;
    for (X509Certificate c : path) {
      try {
        c.checkValidity(at);
      } catch (CertificateExpiredException e) {
        validityReason = Reason.CERT_EXPIRED;
        validityProblem = c.getSubjectX500Principal().getName() + " expired " + c.getNotAfter()
            .toInstant();
        break;
      } catch (CertificateNotYetValidException e) {
        validityReason = Reason.CERT_NOT_YET_VALID;
        validityProblem = c.getSubjectX500Principal().getName() + " valid from "
            + c.getNotBefore().toInstant();
        break;
      }
    }
    if (validityReason != null) {
      r.fail(CheckId.CERT_VALIDITY, validityReason, validityProblem);
    } else {
      r.ok(CheckId.CERT_VALIDITY, "at " + validationTime);
    }

    // 4. CA constraints, key usage, and no critical extension this validation does not process
    // (RFC 5280 §6.1.4 (o), §6.1.5 (f)); the anchor is configuration, not checked.
    String constraintProblem = null;
    Reason constraintReason = null;
    for (int i = 0; i + 1 < path.size() && constraintReason == null; i++) {
      Set<String> critical = path.get(i).getCriticalExtensionOIDs();
      if (critical != null) {
        for (String oid : critical) {
          if (!PROCESSED_EXTENSIONS.contains(oid)) {
            constraintReason = Reason.CERT_CHAIN_INVALID;
            constraintProblem = path.get(i).getSubjectX500Principal().getName()
                + " has an unknown critical extension " + oid;
            break;
          }
        }
      }
    }
    for (int i = 1; i < path.size() && constraintReason == null; i++) {
      X509Certificate ca = path.get(i);
      boolean isAnchor = i == path.size() - 1;
      int pathLen = ca.getBasicConstraints();
      if (pathLen < 0 && !(isAnchor && ca.getVersion() < 3)) {
        constraintReason = Reason.CERT_CHAIN_INVALID;
        constraintProblem = ca.getSubjectX500Principal().getName() + " is not a CA";
      } else if (pathLen >= 0 && pathLen != Integer.MAX_VALUE && i - 1 > pathLen) {
        constraintReason = Reason.CERT_CHAIN_INVALID;
        constraintProblem = ca.getSubjectX500Principal().getName() + " path length exceeded";
      } else if (!allows(ca.getKeyUsage(), EnumSet.of(KeyUsage.KEY_CERT_SIGN))) {
        constraintReason = Reason.KEY_USAGE_INVALID;
        constraintProblem = ca.getSubjectX500Principal().getName() + " lacks keyCertSign";
      }
    }
    if (constraintReason == null) {
      Optional<String> names = nameConstraintViolation(path);
      if (names.isPresent()) {
        constraintReason = Reason.CERT_CHAIN_INVALID;
        constraintProblem = names.get();
      }
    }
    if (constraintReason == null && path.size() > 1
        && !allows(path.get(0).getKeyUsage(), leafKeyUsage)) {
      constraintReason = Reason.KEY_USAGE_INVALID;
      constraintProblem = "leaf key usage does not allow any of " + leafKeyUsage;
    }
    if (constraintReason == null && path.size() > 1 && !leafExtendedKeyUsage.isEmpty()
        && !allowsExtended(path.get(0), leafExtendedKeyUsage)) {
      constraintReason = Reason.KEY_USAGE_INVALID;
      constraintProblem = "leaf extended key usage allows none of " + leafExtendedKeyUsage;
    }
    if (constraintReason != null) {
      r.fail(CheckId.KEY_USAGE, constraintReason, constraintProblem);
    } else {
      r.ok(CheckId.KEY_USAGE, "");
    }

    // 5. Revocation, only for authentic certificates (their CRL URLs are trustworthy).
    if (revocation.isEmpty()) {
      r.skip(CheckId.REVOCATION, "no revocation source configured");
    } else if (!signaturesOk) {
      r.skip(CheckId.REVOCATION, "not checked: a signature in the chain failed");
    } else {
      boolean done = false;
      for (int i = 0; i + 1 < path.size() && !done; i++) {
        RevocationStatus s;
        try {
          s = revocation.get().check(path.get(i), path.get(i + 1), validationTime);
        } catch (RuntimeException e) {
          s = RevocationStatus.unknown("revocation source failed");
        }
        String who = path.get(i).getSubjectX500Principal().getName();
        if (s.status() == RevocationStatus.Status.REVOKED) {
          r.fail(CheckId.REVOCATION, Reason.REVOKED, who + " revoked at "
              + s.revocationTime().orElseThrow());
          done = true;
        } else if (s.status() == RevocationStatus.Status.UNKNOWN) {
          r.fail(CheckId.REVOCATION, Reason.REVOCATION_UNKNOWN, who + ": " + s.detail());
          done = true;
        }
      }
      if (!done) {
        r.ok(CheckId.REVOCATION, "");
      }
    }
    return r.build(new CertificatePath(path));
  }

  /**
   * RFC 5280 §6.1.3 (b)–(c) and §6.1.4 (g): from the certificate the anchor issued down to the
   * leaf, each subject name and subject alternative name must lie within the subtrees the CAs
   * above it permit and outside those they exclude; a CA's own name constraints then apply below
   * it. Self-issued CA certificates other than the leaf are not checked against them.
   */
  private static Optional<String> nameConstraintViolation(List<X509Certificate> path) {
    if (path.size() < 3) {
      // Constraints come from the CAs between the leaf and the anchor (the anchor's own are
      // not applied, below): without such a CA there is nothing to check, and the validator's
      // dozen sets need not be built on every verification.
      return Optional.empty();
    }
    PKIXNameConstraintValidator names = new PKIXNameConstraintValidator();
    boolean any = false;
    for (int i = path.size() - 2; i >= 0; i--) {
      X509Certificate c = path.get(i);
      String who = c.getSubjectX500Principal().getName();
      try {
        boolean selfIssued = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
        if (any && (i == 0 || !selfIssued)) {
          X500Name subject = X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
          names.checkPermittedDN(subject);
          names.checkExcludedDN(subject);
          byte[] san = c.getExtensionValue(Extension.subjectAlternativeName.getId());
          if (san != null) {
            for (GeneralName g : GeneralNames.getInstance(JcaX509ExtensionUtils
                .parseExtensionValue(san)).getNames()) {
              names.checkPermitted(g);
              names.checkExcluded(g);
            }
          }
        }
        byte[] nc = c.getExtensionValue(Extension.nameConstraints.getId());
        if (nc != null && i > 0) {
          NameConstraints constraints = NameConstraints.getInstance(JcaX509ExtensionUtils
              .parseExtensionValue(nc));
          if (constraints.getPermittedSubtrees() != null) {
            names.intersectPermittedSubtree(constraints.getPermittedSubtrees());
          }
          if (constraints.getExcludedSubtrees() != null) {
            for (GeneralSubtree excluded : constraints.getExcludedSubtrees()) {
              names.addExcludedSubtree(excluded);
            }
          }
          any = true;
        }
      } catch (NameConstraintValidatorException e) {
        return Optional.of(who + " is outside the name constraints: " + e.getMessage());
      } catch (java.io.IOException | RuntimeException e) {
        return Optional.of(who + ": unreadable names or name constraints");
      }
    }
    return Optional.empty();
  }

  /** The leaf's extended key usage names one of the purposes, or any purpose. */
  private static boolean allowsExtended(X509Certificate leaf, Set<String> anyOf) {
    try {
      List<String> eku = leaf.getExtendedKeyUsage();
      return eku != null && (eku.contains(ANY_EXTENDED_KEY_USAGE)
          || eku.stream().anyMatch(anyOf::contains));
    } catch (java.security.cert.CertificateParsingException e) {
      return false;
    }
  }

  private static boolean allows(boolean[] ku, Set<KeyUsage> anyOf) {
    if (ku == null) {
      return true; // RFC 5280 §4.2.1.3: no extension, no restriction
    }
    for (KeyUsage u : anyOf) {
      if (ku.length > u.bit() && ku[u.bit()]) {
        return true;
      }
    }
    return false;
  }

  private static X509Certificate findIssuer(X509Certificate cert,
      List<X509Certificate> candidates) {
    byte[] aki = authorityKeyId(cert);
    for (X509Certificate c : candidates) {
      if (!c.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
        continue;
      }
      byte[] ski = subjectKeyId(c);
      if (aki != null && ski != null && !Arrays.equals(aki, ski)) {
        continue;
      }
      if (TrustAnchors.sameEncoding(c, cert)) {
        continue;
      }
      return c;
    }
    return null;
  }

  private static byte[] authorityKeyId(X509Certificate c) {
    try {
      byte[] v = c.getExtensionValue(Extension.authorityKeyIdentifier.getId());
      if (v == null) {
        return null;
      }
      AuthorityKeyIdentifier aki =
          AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(v));
      return aki.getKeyIdentifierObject() == null ? null : aki.getKeyIdentifierObject().getOctets();
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static byte[] subjectKeyId(X509Certificate c) {
    try {
      byte[] v = c.getExtensionValue(Extension.subjectKeyIdentifier.getId());
      return v == null ? null : SubjectKeyIdentifier.getInstance(
          JcaX509ExtensionUtils.parseExtensionValue(v)).getKeyIdentifier();
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  /** Builds a {@link CertificateVerifier}. Not thread-safe. */
  public static final class Builder {
    private final TrustAnchors anchors;
    private RevocationSource revocation;
    private Set<KeyUsage> leafKeyUsage =
        EnumSet.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.NON_REPUDIATION);
    private Set<String> leafExtendedKeyUsage = Set.of();
    private Clock clock = Clock.systemUTC();

    private Builder(TrustAnchors anchors) {
      this.anchors = Objects.requireNonNull(anchors, "anchors");
    }

    /**
     * Checks revocation with this source; without one, revocation is reported as skipped.
     *
     * @param source the source
     * @return this builder
     */
    public Builder revocation(RevocationSource source) {
      this.revocation = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Sets the key usages of which the leaf must allow at least one; by default
     * digitalSignature or nonRepudiation.
     *
     * @param anyOf the usages, not empty
     * @return this builder
     */
    public Builder requireLeafKeyUsage(Set<KeyUsage> anyOf) {
      if (anyOf.isEmpty()) {
        throw new IllegalArgumentException("at least one key usage");
      }
      this.leafKeyUsage = EnumSet.copyOf(anyOf);
      return this;
    }

    /**
     * Requires the leaf to carry an extended key usage naming one of these purposes (OIDs) or
     * anyExtendedKeyUsage, e.g. id-kp-timeStamping for a time-stamp authority. Empty (the
     * default): no extended key usage is required.
     *
     * @param anyOf the purposes
     * @return this builder
     */
    public Builder requireLeafExtendedKeyUsage(Set<String> anyOf) {
      this.leafExtendedKeyUsage = Set.copyOf(anyOf);
      return this;
    }

    /**
     * Sets the clock for {@link #verify(List)}.
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
     */
    public CertificateVerifier build() {
      return new CertificateVerifier(this);
    }
  }
}
