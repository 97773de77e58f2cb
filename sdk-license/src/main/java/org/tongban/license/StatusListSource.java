package org.tongban.license;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tongban.MalformedInputException;
import org.tongban.TongbanException;
import org.tongban.http.HttpLimits;
import org.tongban.http.HttpRequest;
import org.tongban.http.HttpResponse;
import org.tongban.http.HttpTransport;
import org.tongban.http.HttpTransports;
import org.tongban.license.internal.Cbor;
import org.tongban.license.internal.CoseSign1;
import org.tongban.license.internal.IssuerKeys;
import org.tongban.license.internal.Zlib;

/**
 * Fetches and checks signed status lists (see {@link StatusListIssuer}) over an
 * {@link HttpTransport}, caching each list until its {@code exp} (iat + ttl).
 *
 * <p>A list is used only if its signature verifies with a configured issuer certificate, its
 * {@code sub} is the URI it was fetched from (no substitution), it has not expired and its bit
 * string inflates within the limit. When a list cannot be had — unreachable, bad, expired — the
 * answer is UNKNOWN, with the age of the last good list if there was one; it never silently
 * reports valid.
 *
 * <p>Thread-safe; build once and share (it owns the cache).
 *
 * @since 0.1
 */
public final class StatusListSource {
  /** Largest status list token fetched: 1 MiB. */
  public static final long MAX_TOKEN_BYTES = 1 << 20;
  /** Largest inflated bit string: 4 MiB (2^24 entries of 2 bits). */
  public static final int MAX_LIST_BYTES = 4 << 20;

  private final IssuerKeys issuers;
  private final HttpTransport transport;
  private final Clock clock;
  private final ConcurrentHashMap<URI, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(byte[] bits, int bitsPerEntry, Instant fetched, Instant expires) {}

  /**
   * The status of one licence.
   *
   * @param value the 2-bit value (0 valid, 1 invalid, 2 suspended, 3 other), when known
   * @param detail where it came from, or why it is unknown
   */
  public record Outcome(Optional<Integer> value, String detail) {}

  private StatusListSource(List<X509Certificate> issuerCertificates, HttpTransport transport,
      Clock clock) {
    this.issuers = new IssuerKeys(issuerCertificates);
    this.transport = transport;
    this.clock = clock;
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @param issuerCertificates the certificates that may sign status lists, at least one
   * @return a builder
   */
  public static Builder builder(List<X509Certificate> issuerCertificates) {
    return new Builder(issuerCertificates);
  }

  /** Builds a {@link StatusListSource}. Not thread-safe. */
  public static final class Builder {
    private final List<X509Certificate> issuers;
    private HttpTransport transport;
    private Clock clock = Clock.systemUTC();

    private Builder(List<X509Certificate> issuers) {
      if (issuers.isEmpty()) {
        throw new IllegalArgumentException("at least one issuer certificate");
      }
      this.issuers = List.copyOf(issuers);
    }

    /**
     * Sets the transport (default: {@link HttpTransports#okHttp()}).
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Sets the clock (default: the system clock, UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the source.
     *
     * @return the source
     */
    public StatusListSource build() {
      return new StatusListSource(issuers, transport != null ? transport
          : HttpTransports.okHttp(), clock);
    }
  }

  /**
   * Looks a licence's status up.
   *
   * @param ref the licence's status reference
   * @return the outcome
   */
  public Outcome status(StatusReference ref) {
    Objects.requireNonNull(ref, "ref");
    Instant now = clock.instant();
    Cached c = cache.get(ref.uri());
    if (c == null || !now.isBefore(c.expires())) {
      String problem;
      try {
        c = fetch(ref.uri(), now);
        cache.put(ref.uri(), c);
        problem = null;
      } catch (TongbanException | IllegalArgumentException e) {
        problem = e.getMessage();
      }
      if (problem != null) {
        Cached old = cache.get(ref.uri());
        return new Outcome(Optional.empty(), "status list unavailable (" + problem + ")"
            + (old == null ? "; no earlier list" : "; the last good list is "
                + Duration.between(old.fetched(), now).toMinutes() + " min old"));
      }
    }
    long bitIndex = (long) ref.index() * c.bitsPerEntry();
    if (bitIndex / 8 >= c.bits().length) {
      return new Outcome(Optional.empty(), "index " + ref.index() + " outside the list");
    }
    int v = (c.bits()[(int) (bitIndex / 8)] >> (bitIndex % 8)) & ((1 << c.bitsPerEntry()) - 1);
    return new Outcome(Optional.of(v), "status list fetched " + c.fetched() + ", valid until "
        + c.expires());
  }

  private Cached fetch(URI uri, Instant now) {
    HttpResponse resp = transport.send(HttpRequest.get(uri),
        HttpLimits.defaults().withMaxBodyBytes(MAX_TOKEN_BYTES));
    if (!resp.isSuccessful()) {
      throw new IllegalArgumentException("HTTP " + resp.status());
    }
    CoseSign1.Parsed cose = CoseSign1.parse(resp.body());
    IssuerKeys.Outcome sig = issuers.verify(cose);
    if (sig.signer().isEmpty()) {
      throw new IllegalArgumentException("status list signature: " + sig.reason().orElseThrow());
    }
    CBORObject claims = Cbor.decode(cose.payload());
    if (claims.getType() != CBORType.Map) {
      throw new MalformedInputException("status list claims must be a map");
    }
    if (!uri.toString().equals(Cbor.text(claims.get(CBORObject.FromObject(2)), "sub"))) {
      throw new IllegalArgumentException("status list sub is not its URI");
    }
    Instant exp = Instant.ofEpochSecond(Cbor.integer(claims.get(CBORObject.FromObject(4)),
        "exp"));
    if (!now.isBefore(exp)) {
      throw new IllegalArgumentException("the published status list has expired");
    }
    CBORObject list = claims.get(CBORObject.FromObject(65533));
    if (list == null || list.getType() != CBORType.Map) {
      throw new MalformedInputException("no status_list claim");
    }
    long bits = Cbor.integer(list.get(CBORObject.FromObject("bits")), "bits");
    if (bits != 1 && bits != 2 && bits != 4 && bits != 8) {
      throw new MalformedInputException("bits must be 1, 2, 4 or 8");
    }
    byte[] lst = Zlib.decompress(Cbor.bytes(list.get(CBORObject.FromObject("lst")), "lst"),
        MAX_LIST_BYTES);
    return new Cached(lst, (int) bits, now, exp);
  }
}
