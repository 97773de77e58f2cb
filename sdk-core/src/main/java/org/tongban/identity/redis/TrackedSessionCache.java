package org.tongban.identity.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.tongban.identity.SessionRegistry.Session;

/**
 * The sessions this node read from Redis in the last {@code maxAge}, kept only while Redis has
 * promised to say when they change: its own connection runs {@code CLIENT TRACKING ON} over
 * RESP3, so every session key read on it is tracked and Redis pushes an {@code invalidate}
 * message on that connection when the key is written, deleted or expires — queued before Redis
 * answers the node whose logout deleted it. An entry is served only while all of these hold:
 *
 * <ul>
 *   <li>tracking was switched on on the connection as it is now (a reconnect starts a new
 *       epoch; entries of an older epoch are never served, and the map is emptied);
 *   <li>no invalidation for the key arrived since the read began (a read whose key was
 *       invalidated in flight is not kept: the entry is installed only over its own
 *       placeholder, which an invalidation removes);
 *   <li>the connection proved alive recently: a {@code PING} every {@link #HEARTBEAT}, and an
 *       answer shows that every invalidation Redis sent before it received that ping has
 *       arrived (same connection, in order); entries are served only while the last answered
 *       ping was sent less than {@code HEARTBEAT + timeout} ago. This bounds a connection that
 *       dies without the client noticing (a silent network partition, a frozen server);
 *   <li>the read began less than {@code maxAge} ago.
 * </ul>
 *
 * <p>A dropped connection empties the cache at once, so while Redis is unreachable a session
 * check fails closed exactly as without the cache. Only sessions found are kept; a miss always
 * asks Redis. Without RESP3 (Redis before 6) the cache stays off.
 */
final class TrackedSessionCache implements PushListener, RedisConnectionStateListener,
    AutoCloseable {
  /** How often the tracking connection is asked to prove it is alive. */
  static final Duration HEARTBEAT = Duration.ofMillis(250);

  /** Tracking on or off, for one life of the connection. */
  private record State(long epoch, boolean tracking) {}

  /** A session read while tracking, served until {@code expiresAt} (System.nanoTime). */
  private record Entry(long epoch, long expiresAt, Session session) {}

  /** Stands in a key's slot while its read is in flight; an invalidation removes it. */
  private static final class Placeholder {}

  private final StatefulRedisConnection<String, String> connection;
  private final long maxAgeNanos;
  private final int maxEntries;
  private final ConcurrentHashMap<String, Object> entries = new ConcurrentHashMap<>();
  private final AtomicReference<State> state = new AtomicReference<>(new State(0, false));
  private final AtomicBoolean enabling = new AtomicBoolean();
  private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());
  private final long liveWindowNanos;
  /** When the last ping that was answered was sent (System.nanoTime). */
  private final AtomicLong aliveAsOf;
  private final ScheduledFuture<?> heartbeat;
  private volatile boolean unsupported;

  /**
   * Starts tracking and the heartbeat.
   *
   * @param connection the connection to read sessions on, used for nothing else
   * @param timeout the bound on each Redis call
   * @param scheduler runs the heartbeat (Lettuce's own executors)
   */
  TrackedSessionCache(StatefulRedisConnection<String, String> connection, Duration maxAge,
      int maxEntries, Duration timeout, ScheduledExecutorService scheduler) {
    this.connection = connection;
    this.maxAgeNanos = maxAge.toNanos();
    this.maxEntries = maxEntries;
    this.liveWindowNanos = HEARTBEAT.plus(timeout).toNanos();
    this.aliveAsOf = new AtomicLong(System.nanoTime() - liveWindowNanos);
    connection.addListener((PushListener) this);
    connection.addListener((RedisConnectionStateListener) this);
    enableTracking(state.get());
    this.heartbeat = scheduler.scheduleAtFixedRate(this::ping, 0, HEARTBEAT.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void ping() {
    long sent = System.nanoTime();
    try {
      connection.async().ping().whenComplete((pong, ex) -> {
        if (ex == null) {
          alive(sent);
        }
      });
    } catch (RuntimeException e) {
      // disconnected: commands are rejected and the cache is already empty
    }
  }

  private void alive(long sent) {
    aliveAsOf.accumulateAndGet(sent, (a, b) -> a - b < 0 ? b : a);
  }

  @Override
  public void close() {
    heartbeat.cancel(false);
  }

  /**
   * Returns the session under {@code key}: from this node's memory when it may be served,
   * otherwise read with {@code read} on the tracking connection and kept if tracking held for
   * the whole read.
   *
   * @param key the Redis key of the session
   * @param read reads and decodes the key on the tracking connection; Redis failures propagate
   */
  Optional<Session> find(String key, Function<String, Optional<Session>> read) {
    State s = state.get();
    if (!s.tracking()) {
      enableTracking(s);
      return read.apply(key);
    }
    Object held = entries.get(key);
    long now = System.nanoTime();
    if (held instanceof Entry e && e.epoch() == s.epoch() && now - e.expiresAt() < 0
        && now - aliveAsOf.get() < liveWindowNanos) {
      return Optional.of(e.session());
    }
    Placeholder mine = claim(key, held);
    long began = System.nanoTime();
    Optional<Session> found;
    try {
      found = read.apply(key);
    } catch (RuntimeException ex) {
      if (mine != null) {
        entries.remove(key, mine);
      }
      throw ex;
    }
    if (mine != null) {
      if (found.isPresent() && state.get() == s) {
        entries.replace(key, mine, new Entry(s.epoch(), began + maxAgeNanos, found.get()));
      } else {
        entries.remove(key, mine);
      }
    }
    return found;
  }

  /** Drops a key this node wrote or deleted itself, without waiting for Redis's message. */
  void forget(String key) {
    entries.remove(key);
  }

  private Placeholder claim(String key, Object held) {
    if (held instanceof Placeholder) {
      return null; // another thread's read is in flight; this one is not kept
    }
    if (held == null && entries.size() >= maxEntries && !sweep()) {
      return null;
    }
    Placeholder mine = new Placeholder();
    boolean claimed = held == null ? entries.putIfAbsent(key, mine) == null
        : entries.replace(key, held, mine);
    return claimed ? mine : null;
  }

  /** Removes expired entries, at most once per quarter of maxAge; true if room was made. */
  private boolean sweep() {
    long now = System.nanoTime();
    long last = lastSweep.get();
    if (now - last < maxAgeNanos / 4 || !lastSweep.compareAndSet(last, now)) {
      return false;
    }
    entries.values().removeIf(v -> v instanceof Entry e && now - e.expiresAt() >= 0);
    return entries.size() < maxEntries;
  }

  private void enableTracking(State s) {
    if (unsupported || !enabling.compareAndSet(false, true)) {
      return;
    }
    // Pushes need RESP3: on RESP2 Redis would track the keys and drop the invalidations.
    if (!(connection instanceof StatefulRedisConnectionImpl<?, ?> impl)
        || impl.getConnectionState().getNegotiatedProtocolVersion() != ProtocolVersion.RESP3) {
      enabling.set(false);
      return;
    }
    long sent = System.nanoTime();
    RedisFuture<String> reply;
    try {
      reply = connection.async().clientTracking(TrackingArgs.Builder.enabled());
    } catch (RuntimeException e) {
      enabling.set(false); // disconnected: the next check tries again
      return;
    }
    reply.whenComplete((ok, ex) -> {
      enabling.set(false);
      if (ex == null) {
        alive(sent);
      }
      if (ex instanceof RedisCommandExecutionException) {
        unsupported = true; // the server refuses CLIENT TRACKING: no cache, ever
      } else if (ex == null && "OK".equals(ok)) {
        state.compareAndSet(s, new State(s.epoch(), true));
      }
    });
  }

  @Override
  public void onPushMessage(PushMessage message) {
    if (!"invalidate".equals(message.getType())) {
      return;
    }
    List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
    if (content.size() > 1 && content.get(1) instanceof List<?> keys) {
      keys.forEach(entries::remove);
    } else {
      // A null key list: Redis flushed everything (FLUSHALL, FLUSHDB) or dropped its table.
      state.updateAndGet(s -> new State(s.epoch() + 1, s.tracking()));
      entries.clear();
    }
  }

  @Override
  public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
    // Redis forgets this connection's tracking with it: nothing kept can be trusted now.
    state.updateAndGet(s -> new State(s.epoch() + 1, false));
    entries.clear();
  }
}
