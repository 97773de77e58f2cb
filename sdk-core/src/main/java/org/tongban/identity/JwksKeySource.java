package org.tongban.identity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.tongban.MalformedInputException;
import org.tongban.http.HttpLimits;
import org.tongban.http.HttpRequest;
import org.tongban.http.HttpResponse;
import org.tongban.http.HttpTransport;
import org.tongban.http.HttpTransportException;
import org.tongban.http.HttpTransports;
import org.tongban.io.Limits;

/**
 * An issuer's keys from its JWKS endpoint, cached.
 *
 * <ul>
 *   <li><b>Cache</b>: a fetched set is used for {@link Builder#refreshInterval} (default 5 min);
 *       in the last {@link Builder#refreshAhead} of that time (default 30 s) one caller
 *       refreshes it while the others keep using the current set.
 *   <li><b>Unknown {@code kid}</b> (key rotation): one refetch, at most once per
 *       {@link Builder#minRefetchInterval} (default 30 s), single-flight — a hundred tokens
 *       naming an unknown key at once cause one fetch.
 *   <li><b>Outages</b>: when a refresh fails the cached set is still used for
 *       {@link Builder#outageTolerance} (default 1 h) past its refresh time, and the verifier's
 *       result carries {@link org.tongban.result.Reason#STALE_KEYS_USED}; beyond that, or
 *       with no set at all, {@link KeySource.Unavailable} (INDETERMINATE
 *       {@code KEY_SOURCE_UNAVAILABLE}).
 *   <li><b>Limits</b>: the body at most {@link Limits#MAX_JWKS_BYTES}; timeouts from
 *       {@link HttpLimits}; non-2xx answers and malformed sets count as failures.
 * </ul>
 *
 * <p>Thread-safe; share one per issuer.
 *
 * @since 0.1
 */
public final class JwksKeySource implements KeySource {
  /** How long a fetched set is used: 5 minutes. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(5);
  /** How long before expiry one caller refreshes: 30 seconds. */
  public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofSeconds(30);
  /** The least time between fetches for unknown key ids or after a failure: 30 seconds. */
  public static final Duration DEFAULT_MIN_REFETCH_INTERVAL = Duration.ofSeconds(30);
  /** How long past refresh a cached set serves during an outage: 1 hour. */
  public static final Duration DEFAULT_OUTAGE_TOLERANCE = Duration.ofHours(1);
  private final URI uri;
  private final HttpTransport transport;
  private final HttpLimits limits;
  private final Clock clock;
  private final Duration ttl;
  private final Duration refreshAhead;
  private final Duration minRefetch;
  private final Duration tolerance;
  private final ReentrantLock fetching = new ReentrantLock();
  private volatile Cached cached;
  private volatile Instant lastAttempt = Instant.MIN;

  private record Cached(JsonWebKeys keys, Instant fetchedAt) {}

  private JwksKeySource(Builder b) {
    this.uri = b.uri;
    this.transport = b.transport;
    this.limits = b.limits.withMaxBodyBytes(Math.min(b.limits.maxBodyBytes(),
        Limits.MAX_JWKS_BYTES));
    this.clock = b.clock;
    this.ttl = b.ttl;
    this.refreshAhead = b.refreshAhead;
    this.minRefetch = b.minRefetch;
    this.tolerance = b.tolerance;
  }

  /**
   * Starts a builder.
   *
   * @param jwksUri the issuer's {@code jwks_uri}
   * @return a builder
   */
  public static Builder builder(URI jwksUri) {
    return new Builder(jwksUri);
  }

  @Override
  public Keys keys(Optional<String> kid) {
    Instant now = clock.instant();
    Cached c = cached;
    if (c == null) {
      c = fetchOrWait(now, null);
      if (c == null) {
        throw new Unavailable("no keys from " + uri + ": the first fetch failed", null);
      }
      return new Keys(c.keys, Optional.empty());
    }
    Instant expiry = c.fetchedAt.plus(ttl);
    if (!now.isBefore(expiry)) {
      // One caller tries to refresh; the others do not queue behind a slow endpoint but use
      // the cached set meanwhile (reported as stale).
      Cached fresh = cached != c ? cached : null;
      if (fresh == null && fetching.tryLock()) {
        try {
          fresh = cached != c ? cached
              : Duration.between(lastAttempt, now).compareTo(minRefetch) < 0 ? null
              : fetch(now);
        } finally {
          fetching.unlock();
        }
      }
      if (fresh != null) {
        return new Keys(fresh.keys, Optional.empty());
      }
      Duration stale = Duration.between(expiry, now);
      if (stale.compareTo(tolerance) > 0) {
        throw new Unavailable("the keys from " + uri + " are " + stale.toSeconds()
            + " s past their refresh and the endpoint does not answer", null);
      }
      return new Keys(c.keys, Optional.of(stale));
    }
    if (!now.isBefore(expiry.minus(refreshAhead)) && fetching.tryLock()) {
      try {
        refreshAheadOnce(now, c);
      } finally {
        fetching.unlock();
      }
      c = cached;
    }
    if (kid.isPresent() && !knows(c.keys, kid.get())) {
      Cached fresh = fetchOrWait(now, c, kid.get());
      if (fresh != null) {
        c = fresh;
      }
    }
    return new Keys(c.keys, Optional.empty());
  }

  private void refreshAheadOnce(Instant now, Cached seen) {
    // A failure keeps the current set until it expires, and is not retried at once.
    if (cached == seen && Duration.between(lastAttempt, now).compareTo(minRefetch) >= 0) {
      fetch(now);
    }
  }

  private static boolean knows(JsonWebKeys keys, String kid) {
    return keys.keys().stream().anyMatch(k -> k.keyId().equals(Optional.of(kid)))
        || keys.refused().stream().anyMatch(k -> k.keyId().equals(Optional.of(kid)));
  }

  /** The first fetch: callers wait for one request (single-flight). */
  private Cached fetchOrWait(Instant now, Cached seen) {
    fetching.lock();
    try {
      if (cached != seen) {
        return cached; // someone else fetched while this caller waited
      }
      return Duration.between(lastAttempt, now).compareTo(minRefetch) < 0 ? null : fetch(now);
    } finally {
      fetching.unlock();
    }
  }

  /** As above for an unknown kid: refetch at most once per minimum interval. */
  private Cached fetchOrWait(Instant now, Cached seen, String kid) {
    fetching.lock();
    try {
      Cached current = cached;
      if (current != seen && knows(current.keys, kid)) {
        return current;
      }
      if (Duration.between(lastAttempt, now).compareTo(minRefetch) < 0) {
        return current;
      }
      Cached fetched = fetch(now);
      return fetched == null ? current : fetched;
    } finally {
      fetching.unlock();
    }
  }

  /** One request; on success replaces the cached set. Returns the new set or null. */
  private Cached fetch(Instant now) {
    lastAttempt = now;
    try {
      HttpResponse r = transport.send(HttpRequest.get(uri).withHeader("Accept",
          "application/jwk-set+json, application/json"), limits);
      if (!r.isSuccessful()) {
        return null;
      }
      Cached c = new Cached(JsonWebKeys.parse(new String(r.body(), StandardCharsets.UTF_8)),
          now);
      cached = c;
      return c;
    } catch (HttpTransportException | MalformedInputException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "JwksKeySource[" + uri + "]";
  }

  /** Builds a {@link JwksKeySource}. Not thread-safe. */
  public static final class Builder {
    private final URI uri;
    private HttpTransport transport;
    private HttpLimits limits = HttpLimits.defaults();
    private Clock clock = Clock.systemUTC();
    private Duration ttl = DEFAULT_REFRESH_INTERVAL;
    private Duration refreshAhead = DEFAULT_REFRESH_AHEAD;
    private Duration minRefetch = DEFAULT_MIN_REFETCH_INTERVAL;
    private Duration tolerance = DEFAULT_OUTAGE_TOLERANCE;

    private Builder(URI uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
    }

    /**
     * Sets the HTTP transport (default OkHttp).
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Sets timeouts; the body limit is never above {@link Limits#MAX_JWKS_BYTES}.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(HttpLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets the clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how long a fetched set is used before it is refreshed.
     *
     * @param ttl positive
     * @return this builder
     */
    public Builder refreshInterval(Duration ttl) {
      this.ttl = positive(ttl);
      return this;
    }

    /**
     * Sets how long before expiry one caller refreshes the set in advance.
     *
     * @param ahead not negative
     * @return this builder
     */
    public Builder refreshAhead(Duration ahead) {
      if (ahead.isNegative()) {
        throw new IllegalArgumentException("refresh-ahead is not negative");
      }
      this.refreshAhead = ahead;
      return this;
    }

    /**
     * Sets the least time between fetches caused by unknown key ids or failures.
     *
     * @param interval not negative
     * @return this builder
     */
    public Builder minRefetchInterval(Duration interval) {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("the interval is not negative");
      }
      this.minRefetch = interval;
      return this;
    }

    /**
     * Sets how long past its refresh time a cached set is still used while the endpoint
     * fails.
     *
     * @param tolerance not negative
     * @return this builder
     */
    public Builder outageTolerance(Duration tolerance) {
      if (tolerance.isNegative()) {
        throw new IllegalArgumentException("the tolerance is not negative");
      }
      this.tolerance = tolerance;
      return this;
    }

    /**
     * Builds the source. Nothing is fetched until the first token.
     *
     * @return the source
     */
    public JwksKeySource build() {
      if (refreshAhead.compareTo(ttl) >= 0) {
        throw new IllegalStateException("refresh-ahead must be shorter than the refresh "
            + "interval");
      }
      if (transport == null) {
        transport = HttpTransports.okHttp();
      }
      return new JwksKeySource(this);
    }

    private static Duration positive(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("the duration must be positive");
      }
      return d;
    }
  }
}
