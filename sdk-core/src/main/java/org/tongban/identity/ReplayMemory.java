package org.tongban.identity;

import java.time.Instant;

/**
 * Remembers one-use values (logout-token {@code jti}s) until they expire, so that the second use
 * of one is refused. The default, {@link #inMemory()}, serves one JVM; an app on several nodes
 * supplies a shared one ({@code org.tongban.identity.redis.RedisIdentityStores}), so that a token
 * replayed to another node is refused there too. Implementations must be thread-safe and
 * atomic: of two concurrent first uses, exactly one wins.
 *
 * @since 0.1
 */
public interface ReplayMemory {
  /**
   * Records a use.
   *
   * @param key the value, e.g. {@code iss + " " + jti}
   * @param until how long to remember it
   * @return true if this is its first use, false if it was seen before
   * @throws StateUnavailableException if the memory cannot be reached (the caller must not
   *     treat that as a first use)
   */
  boolean firstUse(String key, Instant until);

  /**
   * Forgets a value, so that its next use counts as the first: for a use whose effect could not
   * be carried out (sessions that could not be ended) and will be retried.
   *
   * @param key the value
   * @throws StateUnavailableException if the memory cannot be reached
   */
  void forget(String key);

  /**
   * Returns a bounded in-memory memory for one JVM (100 000 live values; when full of live
   * values the oldest entries are forgotten rather than growing without bound).
   *
   * @return a new memory
   */
  static ReplayMemory inMemory() {
    return new InMemoryReplayMemory(100_000);
  }
}
