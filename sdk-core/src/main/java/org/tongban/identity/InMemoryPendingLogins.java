package org.tongban.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link PendingLogins#inMemory()}: a concurrent map, bounded, one take per state. */
final class InMemoryPendingLogins implements PendingLogins {
  private record Entry(SsoClient.AuthorizationRequest request, Instant until) {}

  private final int max;
  private final Map<String, Entry> pending = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  InMemoryPendingLogins(int max) {
    this.max = max;
  }

  @Override
  public void put(SsoClient.AuthorizationRequest request, Instant until) {
    if (pending.size() >= max) {
      Instant now = clock.instant();
      pending.values().removeIf(e -> e.until().isBefore(now));
      Iterator<String> it = pending.keySet().iterator();
      while (pending.size() >= max && it.hasNext()) {
        it.next();
        it.remove();
      }
    }
    pending.put(request.state(), new Entry(request, until));
  }

  @Override
  public Optional<SsoClient.AuthorizationRequest> take(String state) {
    Entry e = pending.remove(state);
    return e == null || e.until().isBefore(clock.instant()) ? Optional.empty()
        : Optional.of(e.request());
  }
}
