package org.tongban.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A department app's login sessions, findable by the platform's session ({@code sid}) and
 * subject ({@code sub}) so that a back-channel logout ends every session it names. The default
 * is {@link InMemorySessionRegistry}; a clustered app supplies a shared one (a database, a
 * cache). Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface SessionRegistry {
  /**
   * Records a session at login.
   *
   * @param session the session
   */
  void register(Session session);

  /**
   * Returns a live session by the app's own session id.
   *
   * @param localId the app's session id (for example the servlet session id)
   * @return the session, if it is live
   */
  Optional<Session> find(String localId);

  /**
   * Ends one session (local logout).
   *
   * @param localId the app's session id
   */
  void end(String localId);

  /**
   * Ends the sessions a logout token names: by {@code sid} when it has one, otherwise every
   * session of its {@code sub} (OIDC Back-Channel Logout §2.7).
   *
   * @param issuer the platform
   * @param sid the platform session, if named
   * @param sub the subject, if named
   * @return how many sessions ended
   */
  int endFromPlatform(String issuer, Optional<String> sid, Optional<String> sub);

  /**
   * One login session of one department app.
   *
   * @param localId the app's session id
   * @param issuer the platform that authenticated it
   * @param identity who logged in (its {@code sessionId} is the platform's {@code sid})
   * @param createdAt when
   * @param idTokenHint the login's ID token text, for the platform logout's
   *     {@code id_token_hint}, when kept
   */
  record Session(String localId, String issuer, Identity identity, Instant createdAt,
      Optional<String> idTokenHint) {
    /**
     * Validates the components.
     *
     * @param localId id
     * @param issuer issuer
     * @param identity identity
     * @param createdAt time
     * @param idTokenHint the ID token text, if kept
     */
    public Session {
      Objects.requireNonNull(localId, "localId");
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(idTokenHint, "idTokenHint");
    }

    /**
     * A session without its ID token.
     *
     * @param localId id
     * @param issuer issuer
     * @param identity identity
     * @param createdAt time
     */
    public Session(String localId, String issuer, Identity identity, Instant createdAt) {
      this(localId, issuer, identity, createdAt, Optional.empty());
    }

    @Override
    public String toString() {
      return "Session[" + localId + ", " + issuer + ", " + identity + ", " + createdAt + "]";
    }
  }
}
