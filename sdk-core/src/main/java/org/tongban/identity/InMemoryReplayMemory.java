package org.tongban.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ReplayMemory#inMemory()}: a concurrent map, bounded, expired entries purged. */
final class InMemoryReplayMemory implements ReplayMemory {
  private final int max;
  private final Map<String, Instant> used = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  InMemoryReplayMemory(int max) {
    this.max = max;
  }

  @Override
  public boolean firstUse(String key, Instant until) {
    if (used.size() >= max) {
      Instant now = clock.instant();
      used.values().removeIf(u -> u.isBefore(now));
      // Still full of live entries: forget some rather than grow without bound (only the
      // platform's key can mint logout tokens, so this takes a platform flooding us).
      Iterator<String> it = used.keySet().iterator();
      while (used.size() >= max && it.hasNext()) {
        it.next();
        it.remove();
      }
    }
    return used.putIfAbsent(key, until) == null;
  }

  @Override
  public void forget(String key) {
    used.remove(key);
  }
}
