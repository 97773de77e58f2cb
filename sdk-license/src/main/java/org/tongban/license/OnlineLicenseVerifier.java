package org.tongban.license;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tongban.MalformedInputException;
import org.tongban.TongbanException;
import org.tongban.http.HttpLimits;
import org.tongban.http.HttpRequest;
import org.tongban.http.HttpResponse;
import org.tongban.http.HttpTransport;
import org.tongban.http.HttpTransports;
import org.tongban.io.Limits;
import org.tongban.license.internal.Cbor;
import org.tongban.license.internal.CoseSign1;
import org.tongban.license.internal.IssuerKeys;
import org.tongban.pki.CertificatePath;
import org.tongban.pki.TrustAnchors;
import org.tongban.pki.TrustPolicy;
import org.tongban.result.CheckId;
import org.tongban.result.Evidence;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/**
 * Verifies the online reference form of a licence (see {@link LicenseIssuer#issueOnline}): a
 * URL of a configured issuer service carrying the licence identifier and a short signed token.
 *
 * <p>Checks: {@code reference} (the URL is one of the configured services — a QR code cannot
 * send the verifier anywhere else — and carries an identifier with a valid check character),
 * {@code signature} (the token, by a configured issuer certificate, names the same identifier),
 * {@code issuer.chain} (that certificate under the {@link TrustPolicy}, role
 * {@link TrustPolicy.Role#LICENCE_ISSUER}: by default the configured certificates trusted as
 * given, only their validity checked; with {@link Builder#trust} chained to its anchors, with
 * its revocation sources), {@code service} (GET {@code <service>/<identifier>} with the declared purpose of use 申请事由
 * in the {@code purpose} query parameter; the answer is JSON {@code {"state": "01", "qr":
 * "ZZ1:..."}}), then the returned offline licence through {@link LicenseVerifier} (its
 * identifier must be the referenced one) and its {@code state} ({@code 01} valid, anything else
 * {@link Reason#LICENSE_REVOKED}). An unreachable service is INDETERMINATE
 * {@link Reason#KEY_SOURCE_UNAVAILABLE}, never PASSED.
 *
 * <p>Thread-safe; build once and share.
 *
 * @since 0.1
 */
public final class OnlineLicenseVerifier {
  /** The reference URL and identifier. */
  public static final CheckId REFERENCE = CheckId.of("reference");
  /** The issuer service's answer. */
  public static final CheckId SERVICE = CheckId.of("service");

  private final List<URI> services;
  private final IssuerKeys issuers;
  private final LicenseVerifier offline;
  private final HttpTransport transport;
  private final TrustPolicy trust;
  private final Limits limits;
  private final Clock clock;

  private OnlineLicenseVerifier(Builder b) {
    this.services = List.copyOf(b.services);
    this.issuers = new IssuerKeys(b.issuers);
    this.offline = b.offline;
    this.transport = b.transport;
    this.trust = b.trust != null ? b.trust
        : TrustPolicy.builder(TrustAnchors.of(b.issuers)).clock(b.clock).build();
    this.clock = trust.clock();
    this.limits = b.limits;
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @param offline the verifier for the licences the service returns
   * @return a builder
   */
  public static Builder builder(LicenseVerifier offline) {
    return new Builder(offline);
  }

  /**
   * Verifies an online reference.
   *
   * @param url the URL read from the QR code
   * @param purpose the declared purpose of use (申请事由), 1–200 characters
   * @return the result
   */
  public VerificationResult<VerifiedLicense> verify(String url, String purpose) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(purpose, "purpose");
    if (purpose.isBlank() || purpose.length() > 200) {
      throw new IllegalArgumentException("purpose must have 1-200 characters");
    }
    Instant now = clock.instant();
    VerificationResult.Builder<VerifiedLicense> r = VerificationResult.builder(now);
    try {
      return run(r, url, purpose, now);
    } catch (RuntimeException e) {
      return r.fail(REFERENCE, Reason.FORMAT_FAILURE, "unexpected input").buildFailed();
    }
  }

  private VerificationResult<VerifiedLicense> run(VerificationResult.Builder<VerifiedLicense> r,
      String url, String purpose, Instant now) {
    if (url.length() > limits.maxQrTextBytes()) {
      return r.fail(REFERENCE, Reason.SIZE_LIMIT_EXCEEDED, "URL too long").buildFailed();
    }
    int q = url.indexOf('?');
    URI service = null;
    for (URI s : services) {
      if (q > 0 && url.substring(0, q).equals(s.toString())) {
        service = s;
      }
    }
    if (service == null) {
      return r.fail(REFERENCE, Reason.FORMAT_FAILURE, "not a configured licence service URL")
          .buildFailed();
    }
    String id = null;
    String token = null;
    for (String part : url.substring(q + 1).split("&")) {
      if (part.startsWith("zzbs=")) {
        id = part.substring(5);
      } else if (part.startsWith("t=")) {
        token = part.substring(2);
      }
    }
    LicenseIdentifier identifier;
    try {
      identifier = LicenseIdentifier.parse(Objects.requireNonNull(id, "zzbs"));
    } catch (MalformedInputException | NullPointerException e) {
      return r.fail(REFERENCE, e instanceof MalformedInputException
          ? ((MalformedInputException) e).reason() : Reason.FORMAT_FAILURE,
          "no valid licence identifier").buildFailed();
    }
    r.ok(REFERENCE, identifier.toString());
    r.evidence(Evidence.builder().fact("ZZBS", identifier.toString()).build());
    CoseSign1.Parsed cose;
    CBORObject claims;
    try {
      cose = CoseSign1.parse(Base64.getUrlDecoder().decode(Objects.requireNonNull(token, "t")));
      claims = Cbor.decode(cose.payload());
      if (claims.getType() != CBORType.Map) {
        throw new MalformedInputException("token claims must be a map");
      }
    } catch (MalformedInputException | IllegalArgumentException | NullPointerException e) {
      return r.fail(CheckId.SIGNATURE, Reason.FORMAT_FAILURE, "malformed token").buildFailed();
    }
    IssuerKeys.Outcome sig = issuers.verify(cose);
    if (sig.signer().isEmpty()) {
      return r.fail(CheckId.SIGNATURE, sig.reason().orElseThrow(), sig.detail()).buildFailed();
    }
    String named = Cbor.text(claims.get(CBORObject.FromObject(LicenseIssuer.REFERENCE_CLAIM)),
        "identifier");
    if (!named.equals(identifier.toString())) {
      return r.fail(CheckId.SIGNATURE, Reason.LICENSE_DATA_MISMATCH,
          "the token names another licence").buildFailed();
    }
    X509Certificate signer = sig.signer().get();
    r.ok(CheckId.SIGNATURE, "token by " + signer.getSubjectX500Principal().getName());
    VerificationResult<CertificatePath> chain = trust.validate(TrustPolicy.Role.LICENCE_ISSUER,
        List.of(signer), now);
    if (!chain.isValid()) {
      return r.fail(LicenseVerifier.ISSUER_CHAIN, chain.reason().orElseThrow(),
          "the token signer's certificate chain").buildFailed();
    }
    X509Certificate anchor = chain.orElseThrow().anchor();
    r.ok(LicenseVerifier.ISSUER_CHAIN, anchor.equals(signer) ? "trusted as given"
        : "to " + anchor.getSubjectX500Principal().getName());

    HttpResponse resp;
    URI lookup = URI.create(service + "/" + identifier + "?purpose="
        + URLEncoder.encode(purpose, StandardCharsets.UTF_8));
    try {
      resp = transport.send(HttpRequest.get(lookup).withHeader("Accept", "application/json"),
          HttpLimits.defaults().withMaxBodyBytes(64 * 1024));
    } catch (TongbanException e) {
      return r.fail(SERVICE, e.reason() == Reason.SIZE_LIMIT_EXCEEDED
          ? Reason.SIZE_LIMIT_EXCEEDED : Reason.KEY_SOURCE_UNAVAILABLE,
          "licence service: " + e.getMessage()).buildFailed();
    }
    if (resp.status() == 404) {
      return r.fail(SERVICE, Reason.LICENSE_REVOKED, "the service does not know this licence")
          .buildFailed();
    }
    if (!resp.isSuccessful()) {
      return r.fail(SERVICE, Reason.KEY_SOURCE_UNAVAILABLE, "licence service HTTP "
          + resp.status()).buildFailed();
    }
    String state;
    String qr;
    try {
      Map<String, Object> json = JSONObjectUtils.parse(new String(resp.body(),
          StandardCharsets.UTF_8), 64 * 1024);
      state = (String) json.get("state");
      qr = (String) json.get("qr");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(qr, "qr");
    } catch (java.text.ParseException | ClassCastException | NullPointerException e) {
      return r.fail(SERVICE, Reason.FORMAT_FAILURE, "malformed service answer").buildFailed();
    }
    VerificationResult<VerifiedLicense> inner = offline.verify(qr);
    if (!inner.isValid()) {
      return r.fail(SERVICE, inner.reason().orElseThrow(), "the licence the service returned: "
          + inner.checks().stream().filter(c -> c.reason().equals(inner.reason())).findFirst()
              .map(c -> c.id() + " " + c.detail()).orElse("")).buildFailed();
    }
    VerifiedLicense v = inner.orElseThrow();
    if (v.license().isEmpty() || !v.license().get().identifier().equals(identifier)) {
      return r.fail(SERVICE, Reason.LICENSE_DATA_MISMATCH,
          "the service returned another licence").buildFailed();
    }
    if (!LicenseState.VALID.code().equals(state)) {
      String name = LicenseState.of(state).map(s -> s.name() + " " + s.chineseName())
          .orElse("state " + state);
      return r.fail(SERVICE, Reason.LICENSE_REVOKED, name).buildFailed();
    }
    r.ok(SERVICE, "state 01 (valid) for purpose: " + purpose);
    return r.build(v);
  }

  /** Builds an {@link OnlineLicenseVerifier}. Not thread-safe. */
  public static final class Builder {
    private final LicenseVerifier offline;
    private final List<URI> services = new ArrayList<>();
    private final List<X509Certificate> issuers = new ArrayList<>();
    private HttpTransport transport;
    private TrustPolicy trust;
    private Limits limits = Limits.defaults();
    private Clock clock;

    private Builder(LicenseVerifier offline) {
      this.offline = Objects.requireNonNull(offline, "offline");
    }

    /**
     * Allows an issuer service URL (exactly as issued, without query).
     *
     * @param service the URL
     * @return this builder
     */
    public Builder service(URI service) {
      services.add(Objects.requireNonNull(service, "service"));
      return this;
    }

    /**
     * Adds certificates that may sign reference tokens.
     *
     * @param certificates the certificates
     * @return this builder
     */
    public Builder issuerCertificates(List<X509Certificate> certificates) {
      issuers.addAll(List.copyOf(certificates));
      return this;
    }

    /**
     * Sets the transport; OkHttp by default.
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
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
     * Validates the token signer's certificate chain under this policy (anchors,
     * intermediates, revocation, clock) instead of trusting the issuer certificates as given.
     *
     * @param trust the policy
     * @return this builder
     */
    public Builder trust(TrustPolicy trust) {
      this.trust = Objects.requireNonNull(trust, "trust");
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
     * @throws IllegalStateException without services or issuer certificates, or if both a
     *     trust policy and a clock were set
     */
    public OnlineLicenseVerifier build() {
      if (services.isEmpty() || issuers.isEmpty()) {
        throw new IllegalStateException("at least one service and one issuer certificate");
      }
      if (trust != null && clock != null) {
        throw new IllegalStateException("the trust policy's clock is the verifier's clock: "
            + "set it there");
      }
      if (clock == null) {
        clock = Clock.systemUTC();
      }
      if (transport == null) {
        transport = HttpTransports.okHttp();
      }
      return new OnlineLicenseVerifier(this);
    }
  }
}
