package org.tongban.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link SessionRegistry}: in memory, bounded (the oldest session is dropped when
 * full), thread-safe. For one app instance; a cluster needs a shared registry.
 *
 * @since 0.1
 */
public final class InMemorySessionRegistry implements SessionRegistry {
  private final int capacity;
  private final Map<String, Session> sessions;

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
    this.sessions = new LinkedHashMap<>(16, 0.75f, false);
  }

  @Override
  public synchronized void register(Session session) {
    Objects.requireNonNull(session, "session");
    sessions.remove(session.localId());
    if (sessions.size() >= capacity) {
      String oldest = sessions.keySet().iterator().next();
      sessions.remove(oldest);
    }
    sessions.put(session.localId(), session);
  }

  @Override
  public synchronized Optional<Session> find(String localId) {
    return Optional.ofNullable(sessions.get(localId));
  }

  @Override
  public synchronized void end(String localId) {
    sessions.remove(localId);
  }

  @Override
  public synchronized int endFromPlatform(String issuer, Optional<String> sid,
      Optional<String> sub) {
    if (sid.isEmpty() && sub.isEmpty()) {
      return 0;
    }
    int before = sessions.size();
    sessions.values().removeIf(s -> s.issuer().equals(issuer) && (sid.isPresent()
        ? s.identity().sessionId().equals(sid)
            && (sub.isEmpty() || s.identity().subject().equals(sub.get()))
        : s.identity().subject().equals(sub.get())));
    return before - sessions.size();
  }

  /**
   * Returns how many sessions are live.
   *
   * @return the count
   */
  public synchronized int size() {
    return sessions.size();
  }

  @Override
  public String toString() {
    return "InMemorySessionRegistry[" + size() + "/" + capacity + "]";
  }
}
