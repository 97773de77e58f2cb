package org.tongban.pki;

import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.tongban.http.HttpLimits;
import org.tongban.http.HttpRequest;
import org.tongban.http.HttpResponse;
import org.tongban.http.HttpTransport;
import org.tongban.http.HttpTransports;
import org.tongban.internal.crypto.Bc;
import org.tongban.internal.pki.X509Signatures;
import org.tongban.keys.Pem;

/**
 * Revocation by OCSP (RFC 6960): one request per certificate to the responder named in its
 * Authority Information Access (or the responder configured), over the {@link HttpTransport}.
 *
 * <p>A response counts only if it is successful, signed by the certificate's issuer itself or
 * by a responder certificate that the issuer signed and marked for OCSP signing
 * (id-kp-OCSPSigning), answers for exactly this certificate (issuer name and key hashes, serial),
 * is current ({@code thisUpdate} not in the future, {@code nextUpdate} not passed) and, when it
 * echoes a nonce, echoes this request's. Anything else is
 * {@link RevocationStatus#unknown(String)} — never "good". A certificate revoked after the time
 * that matters was good at that time. Responders are only asked about certificates whose issuer
 * signature verified (the {@link RevocationSource} contract), so a forged certificate cannot
 * make the verifier call arbitrary URLs.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class OcspRevocationSource implements RevocationSource {
  /** How far in the future a response's thisUpdate may lie: 5 minutes of clock skew. */
  public static final Duration THIS_UPDATE_SKEW = Duration.ofMinutes(5);
  /** Default limit of a response body: 64 KiB. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 << 10;

  private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Optional<URI> responder;
  private final HttpTransport transport;
  private final HttpLimits limits;
  private final Clock clock;
  private final boolean nonce;

  private OcspRevocationSource(Builder b) {
    this.responder = Optional.ofNullable(b.responder);
    this.transport = b.transport != null ? b.transport : HttpTransports.okHttp();
    this.limits = b.limits;
    this.clock = b.clock;
    this.nonce = b.nonce;
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public RevocationStatus check(X509Certificate certificate, X509Certificate issuer,
      Instant validationTime) {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(validationTime, "validationTime");
    Optional<URI> uri = responder.or(() -> responderOf(certificate));
    if (uri.isEmpty()) {
      return RevocationStatus.unknown("no OCSP responder for the certificate");
    }
    try {
      DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER)
          .build().get(CertificateID.HASH_SHA1);
      CertificateID id = new CertificateID(sha1, new JcaX509CertificateHolder(issuer),
          certificate.getSerialNumber());
      OCSPReqBuilder rb = new OCSPReqBuilder().addRequest(id);
      byte[] sent = null;
      if (nonce) {
        sent = new byte[16];
        RANDOM.nextBytes(sent);
        // RFC 8954: the nonce's extnValue holds an OCTET STRING.
        rb.setRequestExtensions(new org.bouncycastle.asn1.x509.Extensions(Extension.create(
            OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(sent))));
      }
      OCSPReq req = rb.build();
      // One request per connection: simple responders (openssl ocsp among them) serve one
      // connection at a time and stall a kept-alive one.
      HttpResponse resp = transport.send(HttpRequest.post(uri.get(), "application/ocsp-request",
          req.getEncoded()).withHeader("Connection", "close"), limits);
      if (!resp.isSuccessful()) {
        return RevocationStatus.unknown("OCSP responder answered HTTP " + resp.status());
      }
      return evaluate(new OCSPResp(resp.body()), id, certificate, issuer, sent, validationTime,
          uri.get());
    } catch (Exception e) {
      // Whatever went wrong — transport, parsing, a malformed responder certificate — the
      // status is not known; it is never taken as good.
      return RevocationStatus.unknown("OCSP failed: " + e.getClass().getSimpleName());
    }
  }

  private RevocationStatus evaluate(OCSPResp ocsp, CertificateID id, X509Certificate cert,
      X509Certificate issuer, byte[] sentNonce, Instant at, URI uri) throws Exception {
    if (ocsp.getStatus() != OCSPResp.SUCCESSFUL) {
      return RevocationStatus.unknown("OCSP response status " + ocsp.getStatus());
    }
    if (!(ocsp.getResponseObject() instanceof BasicOCSPResp basic)) {
      return RevocationStatus.unknown("not a basic OCSP response");
    }
    Optional<String> signer = authenticate(basic, issuer);
    if (signer.isPresent()) {
      return RevocationStatus.unknown("OCSP response: " + signer.get());
    }
    Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
    if (echoed != null && (sentNonce == null || !MessageDigest.isEqual(
        DEROctetString.getInstance(echoed.getParsedValue()).getOctets(), sentNonce))) {
      return RevocationStatus.unknown("OCSP response echoes another nonce");
    }
    Instant now = clock.instant();
    for (SingleResp single : basic.getResponses()) {
      if (!single.getCertID().equals(id)) {
        continue;
      }
      if (single.getThisUpdate().toInstant().isAfter(now.plus(THIS_UPDATE_SKEW))) {
        return RevocationStatus.unknown("OCSP thisUpdate is in the future");
      }
      if (single.getNextUpdate() != null && single.getNextUpdate().toInstant().isBefore(now)) {
        return RevocationStatus.unknown("OCSP response is stale (nextUpdate "
            + single.getNextUpdate().toInstant() + ")");
      }
      String source = "OCSP " + uri + " thisUpdate " + single.getThisUpdate().toInstant();
      CertificateStatus status = single.getCertStatus();
      if (status == CertificateStatus.GOOD) {
        return RevocationStatus.good(source);
      }
      if (status instanceof RevokedStatus revoked) {
        Instant when = revoked.getRevocationTime().toInstant();
        return when.isAfter(at)
            ? RevocationStatus.good(source + "; revoked only later, at " + when)
            : RevocationStatus.revoked(when, source);
      }
      return RevocationStatus.unknown("the responder does not know the certificate");
    }
    return RevocationStatus.unknown("the OCSP response does not answer for "
        + cert.getSerialNumber().toString(16));
  }

  /**
   * Checks who signed the response: the issuer itself, or a responder certificate in the
   * response that the issuer signed and marked for OCSP signing. Returns the problem, if any.
   */
  private static Optional<String> authenticate(BasicOCSPResp basic, X509Certificate issuer)
      throws Exception {
    List<java.security.PublicKey> candidates = new ArrayList<>();
    candidates.add(issuer.getPublicKey());
    for (X509CertificateHolder h : basic.getCerts()) {
      X509Certificate c = Pem.toCertificate(h.getEncoded());
      if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
        continue;
      }
      try {
        X509Signatures.verify(c.getSigAlgOID(), c.getSigAlgParams(), issuer.getPublicKey(),
            c.getTBSCertificate(), c.getSignature());
      } catch (RuntimeException e) {
        continue; // not issued by this issuer
      }
      List<String> eku = c.getExtendedKeyUsage();
      if (eku != null && eku.contains(OCSP_SIGNING)) {
        c.checkValidity();
        candidates.add(c.getPublicKey());
      }
    }
    for (java.security.PublicKey key : candidates) {
      try {
        X509Signatures.verify(basic.getSignatureAlgOID().getId(), null, key,
            basic.getTBSResponseData(), basic.getSignature());
        return Optional.empty();
      } catch (RuntimeException e) {
        // try the next candidate
      }
    }
    return Optional.of("not signed by the issuer or a responder it authorised");
  }

  /** The OCSP URL of the certificate's Authority Information Access, if any. */
  private static Optional<URI> responderOf(X509Certificate cert) {
    try {
      byte[] v = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
      if (v == null) {
        return Optional.empty();
      }
      for (AccessDescription d : AuthorityInformationAccess.getInstance(
          JcaX509ExtensionUtils.parseExtensionValue(v)).getAccessDescriptions()) {
        if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
            && d.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
          URI u = URI.create(d.getAccessLocation().getName().toString());
          if ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) {
            return Optional.of(u);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable AIA names no responder
    }
    return Optional.empty();
  }

  /** Builds an {@link OcspRevocationSource}. Not thread-safe. */
  public static final class Builder {
    private URI responder;
    private HttpTransport transport;
    private HttpLimits limits = HttpLimits.defaults().withMaxBodyBytes(DEFAULT_MAX_RESPONSE_BYTES);
    private Clock clock = Clock.systemUTC();
    private boolean nonce = true;

    private Builder() {}

    /**
     * Asks this responder for every certificate instead of the one its AIA names.
     *
     * @param responder the responder's URL (http or https)
     * @return this builder
     */
    public Builder responder(URI responder) {
      this.responder = Objects.requireNonNull(responder, "responder");
      return this;
    }

    /**
     * Sets the transport; {@link HttpTransports#okHttp()} by default.
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Sets the HTTP limits (default: the transport defaults, 64 KiB body).
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(HttpLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets the clock that judges freshness.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sends no nonce (for responders that only serve pre-produced responses).
     *
     * @return this builder
     */
    public Builder withoutNonce() {
      this.nonce = false;
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source
     */
    public OcspRevocationSource build() {
      return new OcspRevocationSource(this);
    }
  }
}
