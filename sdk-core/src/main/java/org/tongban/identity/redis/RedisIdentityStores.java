package org.tongban.identity.redis;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.tongban.identity.PendingLogins;
import org.tongban.identity.ReplayMemory;
import org.tongban.identity.SessionRegistry;
import org.tongban.identity.SsoClient;
import org.tongban.identity.StateUnavailableException;

/**
 * The identity state a department app shares between its nodes, kept in Redis (through Lettuce,
 * one thread-safe connection that reconnects by itself): the {@link SessionRegistry} (each
 * session under its own key, expiring with it, indexed by the platform's {@code sid} and by
 * {@code sub}), the {@link ReplayMemory} of logout-token {@code jti}s ({@code SET NX} with
 * the token's expiry: atomic, one use across all nodes) and the {@link PendingLogins}
 * ({@code GETDEL}: a callback takes its login once, on whichever node it lands).
 *
 * <p>URIs as Lettuce reads them: {@code redis://[password@]host:port[/db]} (standalone),
 * {@code rediss://…} (TLS), {@code redis-sentinel://[password@]host:port[,host:port]/db
 * #master} (Sentinel); and {@code redis-cluster://host:port[,host:port]} for a Redis Cluster
 * (seed nodes, TLS as {@code rediss-cluster://}). Every key starts with
 * {@code tongban:{<namespace>}:} — one namespace per application, and the braces keep an
 * application's keys in one cluster slot.
 *
 * <p>Session checks are answered from this node's memory when they can be without trusting
 * stale state (Redis's client-side caching with server-assisted invalidation): a second
 * connection reads sessions with {@code CLIENT TRACKING ON} (RESP3), Redis pushes an
 * invalidation on it whenever a session key it read is written, deleted or expires — before it
 * answers the node that made the change — and this node drops the session then. Nothing is kept
 * while that connection is down (a drop empties the cache, so an outage is refused as without
 * it); nothing is served unless the connection answered a ping sent less than a quarter
 * second plus the timeout ago (a connection that died unnoticed stops the cache within that,
 * 0.75 s by default); nothing older than {@link Builder#sessionCache}'s age is served; and
 * only sessions found are kept. Off for Redis Cluster URIs; needs
 * Redis 6 or later (on older servers it stays off).
 *
 * <p>Every call is bounded by the builder's timeout (default {@link #DEFAULT_TIMEOUT}); when
 * Redis cannot answer in time, the store throws {@link StateUnavailableException} and the caller
 * fails closed. When Redis comes back, the connection recovers without a restart.
 *
 * <p>Thread-safe; build one per application and node, share it, close it at shutdown.
 *
 * @since 0.1
 */
public final class RedisIdentityStores implements AutoCloseable {
  /** The default bound on every Redis call: 500 ms. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
  /** The default longest life of a session: 8 hours. */
  public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(8);
  /**
   * The default longest time this node serves a session it read without asking Redis again:
   * 30 s. A change to the session in Redis ends it at once (Redis's invalidation); the age
   * only bounds how long a session that nobody changes stays in memory.
   */
  public static final Duration DEFAULT_SESSION_CACHE_AGE = Duration.ofSeconds(30);
  /** The default number of sessions a node keeps: 20 000. */
  public static final int DEFAULT_SESSION_CACHE_ENTRIES = 20_000;
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final AutoCloseable client;
  private final StatefulConnection<String, String> connection;
  private final RedisClusterCommands<String, String> redis;
  private final Optional<StatefulRedisConnection<String, String>> trackingConnection;
  private final Optional<TrackedSessionCache> sessionCache;
  private final String prefix;
  private final Duration sessionTtl;
  private final RedisSessionRegistry sessions;
  private final ReplayMemory replay;
  private final PendingLogins pending;

  private RedisIdentityStores(Builder b) {
    String uri = b.uri;
    if (uri.startsWith("redis-cluster://") || uri.startsWith("rediss-cluster://")) {
      String scheme = uri.startsWith("rediss") ? "rediss://" : "redis://";
      String[] hosts = uri.substring(uri.indexOf("://") + 3).split(",");
      List<RedisURI> seeds = new ArrayList<>();
      for (String h : hosts) {
        RedisURI u = RedisURI.create(scheme + h);
        u.setTimeout(b.timeout);
        seeds.add(u);
      }
      RedisClusterClient c = RedisClusterClient.create(seeds);
      c.setOptions(ClusterClientOptions.builder()
          .timeoutOptions(TimeoutOptions.enabled(b.timeout)).build());
      var conn = c.connect();
      conn.setTimeout(b.timeout);
      this.client = c::shutdown;
      this.connection = conn;
      this.redis = conn.sync();
      // Tracking follows one node's connection; a cluster's session keys move between nodes.
      this.trackingConnection = Optional.empty();
      this.sessionCache = Optional.empty();
    } else {
      RedisURI u = RedisURI.create(uri);
      u.setTimeout(b.timeout);
      RedisClient c = RedisClient.create(u);
      c.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled(b.timeout))
          // Commands issued while disconnected fail at once instead of queueing: a request
          // thread must not wait for Redis to come back.
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .build());
      var conn = c.connect();
      conn.setTimeout(b.timeout);
      this.client = c::shutdown;
      this.connection = conn;
      this.redis = conn.sync();
      if (b.cacheMaxAge.isZero()) {
        this.trackingConnection = Optional.empty();
        this.sessionCache = Optional.empty();
      } else {
        var tracking = c.connect();
        tracking.setTimeout(b.timeout);
        this.trackingConnection = Optional.of(tracking);
        this.sessionCache = Optional.of(new TrackedSessionCache(tracking, b.cacheMaxAge,
            b.cacheMaxEntries, b.timeout, c.getResources().eventExecutorGroup()));
      }
    }
    this.prefix = "tongban:{" + b.namespace + "}:";
    this.sessionTtl = b.sessionTtl;
    this.sessions = new RedisSessionRegistry(this);
    this.replay = new ReplayMemory() {
      @Override
      public boolean firstUse(String key, Instant until) {
        long ms = Math.max(1, until.toEpochMilli());
        return call("remember a one-use value", () -> "OK".equals(redis.set(
            prefix + "used:" + key, "1", SetArgs.Builder.nx().pxAt(ms))));
      }

      @Override
      public void forget(String key) {
        call("forget a one-use value", () -> redis.del(prefix + "used:" + key));
      }
    };
    this.pending = new PendingLogins() {
      @Override
      public void put(SsoClient.AuthorizationRequest request, Instant until) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uri", request.uri().toString());
        m.put("state", request.state());
        m.put("nonce", request.nonce());
        m.put("codeVerifier", request.codeVerifier());
        String json = JSONObjectUtils.toJSONString(m);
        call("keep a pending login", () -> redis.set(prefix + "login:" + request.state(), json,
            SetArgs.Builder.pxAt(Math.max(1, until.toEpochMilli()))));
      }

      @Override
      public Optional<SsoClient.AuthorizationRequest> take(String state) {
        String json = call("take a pending login", () -> redis.getdel(prefix + "login:"
            + state));
        if (json == null) {
          return Optional.empty();
        }
        try {
          Map<String, Object> m = JSONObjectUtils.parse(json, 8 * 1024);
          SsoClient.AuthorizationRequest r = new SsoClient.AuthorizationRequest(
              URI.create(JSONObjectUtils.getString(m, "uri")), JSONObjectUtils.getString(m,
                  "state"), JSONObjectUtils.getString(m, "nonce"),
              JSONObjectUtils.getString(m, "codeVerifier"));
          // The key names the state; a value naming another is not this login's.
          return state.equals(r.state()) ? Optional.of(r) : Optional.empty();
        } catch (java.text.ParseException | RuntimeException e) {
          return Optional.empty(); // unreadable state is no pending login
        }
      }
    };
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @param uri the Redis URI (see the class comment)
   * @param namespace this application's namespace, 1–64 of {@code A-Z a-z 0-9 . _ -}, e.g. its
   *     client id
   * @return a builder
   */
  public static Builder builder(String uri, String namespace) {
    return new Builder(uri, namespace);
  }

  /**
   * Returns the shared session registry.
   *
   * @return the registry
   */
  public SessionRegistry sessions() {
    return sessions;
  }

  /**
   * Returns the shared store of logins begun and not yet completed: a login begun on one node
   * completes on another, once ({@code GETDEL}).
   *
   * @return the store
   */
  public PendingLogins pendingLogins() {
    return pending;
  }

  /**
   * Returns the shared memory of one-use values, for
   * {@code TokenVerifier.Builder#replayMemory}.
   *
   * @return the memory
   */
  public ReplayMemory replayMemory() {
    return replay;
  }

  /** Closes the connection and the client. */
  @Override
  public void close() {
    try {
      sessionCache.ifPresent(TrackedSessionCache::close);
      trackingConnection.ifPresent(StatefulConnection::close);
      connection.close();
      client.close();
    } catch (Exception e) {
      // shutting down: nothing to recover
    }
  }

  RedisClusterCommands<String, String> redis() {
    return redis;
  }

  /** Reads a session key on the connection whose reads Redis tracks, when there is one. */
  RedisClusterCommands<String, String> sessionReads() {
    return trackingConnection.<RedisClusterCommands<String, String>>map(
        StatefulRedisConnection::sync).orElse(redis);
  }

  Optional<TrackedSessionCache> sessionCache() {
    return sessionCache;
  }

  String key(String suffix) {
    return prefix + suffix;
  }

  Duration sessionTtl() {
    return sessionTtl;
  }

  /** Runs one bounded Redis call; any Redis failure becomes StateUnavailableException. */
  <T> T call(String what, Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw new StateUnavailableException("Redis: cannot " + what + " (" + e.getMessage()
          + ")", e);
    }
  }

  /** Builds {@link RedisIdentityStores}. Not thread-safe. */
  public static final class Builder {
    private final String uri;
    private final String namespace;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration sessionTtl = DEFAULT_SESSION_TTL;
    private Duration cacheMaxAge = DEFAULT_SESSION_CACHE_AGE;
    private int cacheMaxEntries = DEFAULT_SESSION_CACHE_ENTRIES;

    private Builder(String uri, String namespace) {
      this.uri = Objects.requireNonNull(uri, "uri");
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      if (!NAMESPACE.matcher(namespace).matches()) {
        throw new IllegalArgumentException("a namespace is 1-64 of A-Z a-z 0-9 . _ -");
      }
    }

    /**
     * Sets the bound on every call.
     *
     * @param timeout 1 ms to 10 s; {@link #DEFAULT_TIMEOUT} by default
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(10))
          > 0) {
        throw new IllegalArgumentException("timeout must be 1 ms to 10 s");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets how long a session lives without a logout.
     *
     * @param ttl the life; {@link #DEFAULT_SESSION_TTL} by default
     * @return this builder
     */
    public Builder sessionTtl(Duration ttl) {
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("sessions live a positive time");
      }
      this.sessionTtl = ttl;
      return this;
    }

    /**
     * Sets how this node keeps the sessions it has read (see the class comment): at most
     * {@code maxEntries}, each served for at most {@code maxAge} after its read began, and only
     * while Redis tracks it. {@code Duration.ZERO} turns the cache off, so every check asks
     * Redis. Ignored for {@code redis-cluster://} URIs, whose checks always ask Redis.
     *
     * @param maxAge 0 to 60 s; {@link #DEFAULT_SESSION_CACHE_AGE} by default
     * @param maxEntries 1 to 1 000 000; {@link #DEFAULT_SESSION_CACHE_ENTRIES} by default
     * @return this builder
     */
    public Builder sessionCache(Duration maxAge, int maxEntries) {
      if (maxAge.isNegative() || maxAge.compareTo(Duration.ofSeconds(60)) > 0) {
        throw new IllegalArgumentException("a session cache keeps entries 0 to 60 s");
      }
      if (maxEntries < 1 || maxEntries > 1_000_000) {
        throw new IllegalArgumentException("a session cache holds 1 to 1 000 000 entries");
      }
      this.cacheMaxAge = maxAge;
      this.cacheMaxEntries = maxEntries;
      return this;
    }

    /**
     * Connects.
     *
     * @return the stores
     * @throws StateUnavailableException if Redis cannot be reached now
     */
    public RedisIdentityStores build() {
      try {
        return new RedisIdentityStores(this);
      } catch (RedisException e) {
        throw new StateUnavailableException("Redis: cannot connect to " + redacted(uri), e);
      }
    }

    private static String redacted(String uri) {
      return uri.replaceAll("//[^@/]*@", "//***@");
    }
  }
}
