package org.tongban.pki;

import java.net.URI;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.tongban.TongbanException;
import org.tongban.http.HttpLimits;
import org.tongban.http.HttpRequest;
import org.tongban.http.HttpResponse;
import org.tongban.http.HttpTransport;
import org.tongban.http.HttpTransports;
import org.tongban.internal.pki.X509Signatures;
import org.tongban.io.Limits;
import org.tongban.keys.Pem;

/**
 * Revocation by CRL (RFC 5280 §5, §6.3): CRLs given up front, and CRLs fetched from the
 * certificate's CRL distribution points over an {@link HttpTransport}, cached until their
 * nextUpdate (at most {@link Builder#cacheTtl(Duration)}).
 *
 * <p>A CRL is used only if its signature verifies with the issuer's key, its issuer name is the
 * certificate's issuer, the issuer may sign CRLs (cRLSign when key usage is present), it has no
 * critical extension, thisUpdate is not in the future and nextUpdate is not in the past.
 * A certificate listed with a revocation date at or before the validation time is REVOKED;
 * listed later, it was still good at that time. Anything else — unreachable, oversized,
 * malformed, stale or unverifiable CRLs — gives UNKNOWN, never an exception.
 *
 * <p>Distribution points are only fetched for certificates whose issuer signature verified,
 * so an attacker's certificate cannot make the verifier fetch arbitrary URLs.
 *
 * <p>Immutable and thread-safe; build once and share (it owns the cache).
 *
 * @since 0.1
 */
public final class CrlRevocationSource implements RevocationSource {
  /** Default cache lifetime of a fetched CRL: 1 hour (shorter if nextUpdate is sooner). */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofHours(1);
  /** Clock skew allowed on thisUpdate: 5 minutes. */
  public static final Duration THIS_UPDATE_SKEW = Duration.ofMinutes(5);
  private static final int MAX_CACHE_ENTRIES = 1024;

  private final List<X509CRL> staticCrls;
  private final HttpTransport transport;
  private final HttpLimits limits;
  private final Clock clock;
  private final Duration cacheTtl;
  private final boolean fetch;
  private final ConcurrentHashMap<URI, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(X509CRL crl, Instant expires) {}

  private CrlRevocationSource(Builder b) {
    this.staticCrls = List.copyOf(b.crls);
    this.transport = b.transport;
    this.limits = b.limits;
    this.clock = b.clock;
    this.cacheTtl = b.cacheTtl;
    this.fetch = b.fetch;
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
    List<String> problems = new ArrayList<>();
    for (X509CRL crl : staticCrls) {
      if (crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())) {
        RevocationStatus s = evaluate(crl, certificate, issuer, validationTime, problems);
        if (s != null) {
          return s;
        }
      }
    }
    if (fetch) {
      for (URI uri : distributionPoints(certificate)) {
        X509CRL crl = fetchCached(uri, problems);
        if (crl != null) {
          RevocationStatus s = evaluate(crl, certificate, issuer, validationTime, problems);
          if (s != null) {
            return s;
          }
        }
      }
    }
    return RevocationStatus.unknown(problems.isEmpty() ? "no CRL available"
        : String.join("; ", problems));
  }

  private RevocationStatus evaluate(X509CRL crl, X509Certificate cert, X509Certificate issuer,
      Instant at, List<String> problems) {
    Instant now = clock.instant();
    if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      problems.add("CRL issuer is not the certificate's issuer");
      return null;
    }
    boolean[] ku = issuer.getKeyUsage();
    if (ku != null && (ku.length <= KeyUsage.CRL_SIGN.bit() || !ku[KeyUsage.CRL_SIGN.bit()])) {
      problems.add("issuer may not sign CRLs");
      return null;
    }
    Set<String> critical = crl.getCriticalExtensionOIDs();
    if (critical != null && !critical.isEmpty()) {
      problems.add("CRL has unsupported critical extensions");
      return null;
    }
    try {
      X509Signatures.verify(crl.getSigAlgOID(), crl.getSigAlgParams(), issuer.getPublicKey(),
          crl.getTBSCertList(), crl.getSignature());
    } catch (java.security.cert.CRLException | RuntimeException e) {
      problems.add("CRL signature does not verify");
      return null;
    }
    if (crl.getThisUpdate().toInstant().isAfter(now.plus(THIS_UPDATE_SKEW))) {
      problems.add("CRL thisUpdate is in the future");
      return null;
    }
    if (crl.getNextUpdate() == null || crl.getNextUpdate().toInstant().isBefore(now)) {
      problems.add("CRL is stale (nextUpdate " + crl.getNextUpdate() + ")");
      return null;
    }
    String source = "CRL of " + issuer.getSubjectX500Principal().getName() + " thisUpdate "
        + crl.getThisUpdate().toInstant();
    X509CRLEntry entry = crl.getRevokedCertificate(cert.getSerialNumber());
    if (entry == null) {
      return RevocationStatus.good(source);
    }
    Instant revokedAt = entry.getRevocationDate().toInstant();
    if (!revokedAt.isAfter(at)) {
      return RevocationStatus.revoked(revokedAt, source);
    }
    return RevocationStatus.good(source + "; revoked only later, at " + revokedAt);
  }

  private X509CRL fetchCached(URI uri, List<String> problems) {
    Instant now = clock.instant();
    Cached c = cache.get(uri);
    if (c != null && now.isBefore(c.expires())) {
      return c.crl();
    }
    try {
      HttpResponse resp = transport.send(HttpRequest.get(uri), limits);
      if (!resp.isSuccessful()) {
        problems.add("CRL fetch HTTP " + resp.status());
        return null;
      }
      X509CRL crl = Pem.readCrl(resp.body(), (int) limits.maxBodyBytes());
      Instant expires = now.plus(cacheTtl);
      if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(expires)) {
        expires = crl.getNextUpdate().toInstant();
      }
      if (cache.size() >= MAX_CACHE_ENTRIES) {
        cache.clear();
      }
      cache.put(uri, new Cached(crl, expires));
      return crl;
    } catch (TongbanException | IllegalArgumentException e) {
      problems.add("CRL fetch failed: " + e.getMessage());
      return null;
    }
  }

  /**
   * Returns the http(s) CRL distribution point URIs of a certificate.
   *
   * @param cert the certificate
   * @return the URIs, possibly empty
   */
  static List<URI> distributionPoints(X509Certificate cert) {
    byte[] ext = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
    if (ext == null) {
      return List.of();
    }
    List<URI> out = new ArrayList<>();
    try {
      CRLDistPoint dp = CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ext));
      for (DistributionPoint p : dp.getDistributionPoints()) {
        DistributionPointName name = p.getDistributionPoint();
        if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
          continue;
        }
        for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
          if (g.getTagNo() == GeneralName.uniformResourceIdentifier) {
            URI u = URI.create(g.getName().toString());
            if ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) {
              out.add(u);
            }
          }
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return List.of();
    }
    return out;
  }

  /** Builds a {@link CrlRevocationSource}. Not thread-safe. */
  public static final class Builder {
    private final List<X509CRL> crls = new ArrayList<>();
    private HttpTransport transport;
    private HttpLimits limits = HttpLimits.defaults().withMaxBodyBytes(Limits.MAX_CRL_BYTES);
    private Clock clock = Clock.systemUTC();
    private Duration cacheTtl = DEFAULT_CACHE_TTL;
    private boolean fetch = true;

    private Builder() {}

    /**
     * Adds a CRL known up front (e.g. loaded from a file).
     *
     * @param crl the CRL
     * @return this builder
     */
    public Builder crl(X509CRL crl) {
      crls.add(Objects.requireNonNull(crl, "crl"));
      return this;
    }

    /**
     * Sets the transport for distribution points; {@link HttpTransports#okHttp()} by default.
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Sets the HTTP limits; by default 5 s / 10 s and {@link Limits#MAX_CRL_BYTES}.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(HttpLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets the clock used for freshness and caching.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the longest time a fetched CRL is cached.
     *
     * @param ttl positive, at most 24 hours
     * @return this builder
     */
    public Builder cacheTtl(Duration ttl) {
      if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofHours(24)) > 0) {
        throw new IllegalArgumentException("cacheTtl must be in (0, 24h]");
      }
      this.cacheTtl = ttl;
      return this;
    }

    /**
     * Never fetch distribution points; use only the CRLs given.
     *
     * @return this builder
     */
    public Builder offline() {
      this.fetch = false;
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source
     */
    public CrlRevocationSource build() {
      if (transport == null) {
        transport = HttpTransports.okHttp();
      }
      return new CrlRevocationSource(this);
    }
  }
}
