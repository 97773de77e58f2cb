package org.tongban.internal.util;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe cache with a crude bound: when full it is emptied. Verifiers keep parsed
 * certificates, prepared keys and verified seals in one; a verifier normally sees a handful of
 * signers, so a rare refill costs less than tracking recency on every lookup.
 *
 * @param <K> key type (exact bytes, or identity-keyed records)
 * @param <V> value type
 */
public final class BoundedCache<K, V> {
  private final int capacity;
  private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();

  /**
   * Creates a cache.
   *
   * @param capacity entries before it is emptied
   */
  public BoundedCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  /**
   * Returns the cached value.
   *
   * @param key the key
   * @return the value, if cached
   */
  public Optional<V> get(K key) {
    return Optional.ofNullable(map.get(key));
  }

  /**
   * Caches a value.
   *
   * @param key the key
   * @param value the value
   * @return the value
   */
  public V put(K key, V value) {
    if (map.size() >= capacity) {
      map.clear();
    }
    map.put(key, value);
    return value;
  }
}
