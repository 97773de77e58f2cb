package org.tongban.identity;

import java.time.Instant;
import java.util.Optional;

/**
 * Logins begun and not yet completed: each {@link SsoClient.AuthorizationRequest} (its
 * {@code state}, {@code nonce} and PKCE verifier) kept server-side until its callback, which
 * takes it exactly once. The default, {@link #inMemory()}, serves one JVM; an app on several
 * nodes supplies a shared one ({@code org.tongban.identity.redis.RedisIdentityStores}) so that a
 * login begun on one node completes on another. Implementations must be thread-safe and
 * {@link #take} atomic.
 *
 * @since 0.1
 */
public interface PendingLogins {
  /**
   * Keeps a request until its callback.
   *
   * @param request the request
   * @param until when it expires (a few minutes: a login takes that long)
   * @throws StateUnavailableException if the store cannot be reached
   */
  void put(SsoClient.AuthorizationRequest request, Instant until);

  /**
   * Takes the request a callback's {@code state} names: the second take of one state finds
   * nothing.
   *
   * @param state the callback's {@code state}
   * @return the request, if it is pending and unexpired
   * @throws StateUnavailableException if the store cannot be reached
   */
  Optional<SsoClient.AuthorizationRequest> take(String state);

  /**
   * Returns a bounded in-memory store for one JVM (10 000 pending logins; expired ones purged,
   * then the oldest dropped).
   *
   * @return a new store
   */
  static PendingLogins inMemory() {
    return new InMemoryPendingLogins(10_000);
  }
}
