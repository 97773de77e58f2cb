package org.tongban.identity;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link SessionRegistry}: in memory, bounded (the oldest session is dropped when
 * full), thread-safe. For one app instance; a cluster needs a shared registry.
 *
 * <p>{@link #find}, made on every protected request, takes no lock (a concurrent map);
 * registering and ending sessions, which are rare, are serialised so that the eviction order
 * stays consistent with the map.
 *
 * @since 0.1
 */
public final class InMemorySessionRegistry implements SessionRegistry {
  private final int capacity;
  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
  /** Local ids, oldest first; guarded by this. */
  private final LinkedHashSet<String> order = new LinkedHashSet<>();

  /**
   * Creates a registry.
   *
   * @param capacity at most this many live sessions
   */
  public InMemorySessionRegistry(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized void register(Session session) {
    Objects.requireNonNull(session, "session");
    order.remove(session.localId());
    sessions.remove(session.localId());
    if (order.size() >= capacity) {
      String oldest = order.iterator().next();
      order.remove(oldest);
      sessions.remove(oldest);
    }
    order.add(session.localId());
    sessions.put(session.localId(), session);
  }

  @Override
  public Optional<Session> find(String localId) {
    return Optional.ofNullable(sessions.get(localId));
  }

  @Override
  public synchronized void end(String localId) {
    order.remove(localId);
    sessions.remove(localId);
  }

  @Override
  public synchronized int endFromPlatform(String issuer, Optional<String> sid,
      Optional<String> sub) {
    if (sid.isEmpty() && sub.isEmpty()) {
      return 0;
    }
    int ended = 0;
    for (java.util.Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
      Session s = it.next();
      if (s.issuer().equals(issuer) && (sid.isPresent()
          ? s.identity().sessionId().equals(sid)
              && (sub.isEmpty() || s.identity().subject().equals(sub.get()))
          : s.identity().subject().equals(sub.get()))) {
        it.remove();
        order.remove(s.localId());
        ended++;
      }
    }
    return ended;
  }

  /**
   * Returns how many sessions are live.
   *
   * @return the count
   */
  public int size() {
    return sessions.size();
  }

  @Override
  public String toString() {
    return "InMemorySessionRegistry[" + size() + "/" + capacity + "]";
  }
}
