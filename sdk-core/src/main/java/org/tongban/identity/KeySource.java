package org.tongban.identity;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.tongban.TongbanException;
import org.tongban.result.Reason;

/**
 * Where a {@link TokenVerifier} gets an issuer's keys: a fixed set, or a JWKS endpoint with a
 * cache. Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface KeySource {
  /**
   * Returns the keys to verify with.
   *
   * @param kid the key id the token names; a caching source may refetch once when its set lacks
   *     it
   * @return the keys, and how stale they are when the source could not refresh them
   * @throws Unavailable when no usable keys can be given (the verifier answers INDETERMINATE
   *     {@link Reason#KEY_SOURCE_UNAVAILABLE})
   */
  Keys keys(Optional<String> kid);

  /**
   * A fixed key set.
   *
   * @param keys the keys
   * @return a source that always returns them
   */
  static KeySource of(JsonWebKeys keys) {
    Objects.requireNonNull(keys, "keys");
    Keys fixed = new Keys(keys, Optional.empty());
    return kid -> fixed;
  }

  /**
   * Keys, and for how long they have been past their refresh time when the source had to use
   * a cached set during an outage.
   *
   * @param keys the keys
   * @param staleFor how long past refresh; empty for fresh keys
   */
  record Keys(JsonWebKeys keys, Optional<Duration> staleFor) {
    /**
     * Validates the components.
     *
     * @param keys keys
     * @param staleFor staleness
     */
    public Keys {
      Objects.requireNonNull(keys, "keys");
      Objects.requireNonNull(staleFor, "staleFor");
    }
  }

  /** No usable keys: the source failed and has no cached set within its tolerance. */
  final class Unavailable extends TongbanException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the cause, or null
     */
    public Unavailable(String message, Throwable cause) {
      super(Reason.KEY_SOURCE_UNAVAILABLE, message, cause);
    }
  }
}
