package org.tongban.identity.redis;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.lettuce.core.SetArgs;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tongban.identity.Identity;
import org.tongban.identity.SessionRegistry;

/**
 * {@link SessionRegistry} in Redis: {@code session:<localId>} holds the session as JSON and
 * expires with it; {@code sid:<issuer> <sid>} and {@code sub:<issuer> <sub>} are sets of local
 * ids, expiring no earlier than their sessions. A session whose JSON cannot be read is treated
 * as absent (and logged out), never as someone; Redis failures are
 * {@link org.tongban.identity.StateUnavailableException}.
 */
final class RedisSessionRegistry implements SessionRegistry {
  private static final int MAX_JSON = 64 * 1024;

  private final RedisIdentityStores stores;

  RedisSessionRegistry(RedisIdentityStores stores) {
    this.stores = stores;
  }

  @Override
  public void register(Session session) {
    Objects.requireNonNull(session, "session");
    String json = JSONObjectUtils.toJSONString(encode(session));
    long ttl = stores.sessionTtl().toMillis();
    forget(session.localId());
    stores.call("register a session", () -> {
      var redis = stores.redis();
      redis.set(stores.key("session:" + session.localId()), json, SetArgs.Builder.px(ttl));
      for (String index : indexes(session)) {
        redis.sadd(index, session.localId());
        redis.pexpire(index, ttl);
      }
      return null;
    });
  }

  @Override
  public Optional<Session> find(String localId) {
    String key = stores.key("session:" + localId);
    return stores.sessionCache().map(cache -> cache.find(key, this::read)).orElseGet(
        () -> read(key));
  }

  private Optional<Session> read(String key) {
    String json = stores.call("read a session", () -> stores.sessionReads().get(key));
    return json == null ? Optional.empty() : decode(json);
  }

  private void forget(String localId) {
    stores.sessionCache().ifPresent(c -> c.forget(stores.key("session:" + localId)));
  }

  @Override
  public void end(String localId) {
    forget(localId);
    Optional<Session> s = read(stores.key("session:" + localId));
    stores.call("end a session", () -> {
      stores.redis().del(stores.key("session:" + localId));
      s.ifPresent(session -> indexes(session).forEach(i -> stores.redis().srem(i, localId)));
      return null;
    });
  }

  @Override
  public int endFromPlatform(String issuer, Optional<String> sid, Optional<String> sub) {
    // By sid when the token names one (OIDC Back-Channel Logout §2.7), else every session of
    // the subject.
    String index = sid.isPresent() ? stores.key("sid:" + issuer + " " + sid.get())
        : sub.isPresent() ? stores.key("sub:" + issuer + " " + sub.get()) : null;
    if (index == null) {
      return 0;
    }
    return stores.call("end the platform's sessions", () -> {
      var redis = stores.redis();
      Set<String> ids = redis.smembers(index);
      int ended = 0;
      for (String id : ids) {
        forget(id);
        ended += redis.del(stores.key("session:" + id)).intValue();
      }
      redis.del(index);
      return ended;
    });
  }

  private Set<String> indexes(Session s) {
    Set<String> out = new java.util.LinkedHashSet<>();
    out.add(stores.key("sub:" + s.issuer() + " " + s.identity().subject()));
    s.identity().sessionId().ifPresent(sid -> out.add(stores.key("sid:" + s.issuer() + " "
        + sid)));
    return out;
  }

  private static Map<String, Object> encode(Session s) {
    Identity i = s.identity();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("localId", s.localId());
    m.put("issuer", s.issuer());
    m.put("createdAt", s.createdAt().toEpochMilli());
    m.put("subjectType", i.subjectType().name());
    m.put("subject", i.subject());
    m.put("name", i.name());
    i.residentIdNumber().ifPresent(v -> m.put("residentIdNumber", v));
    i.unifiedSocialCreditCode().ifPresent(v -> m.put("unifiedSocialCreditCode", v));
    i.agent().ifPresent(a -> {
      Map<String, Object> agent = new LinkedHashMap<>();
      agent.put("name", a.name());
      a.residentIdNumber().ifPresent(v -> agent.put("residentIdNumber", v));
      m.put("agent", agent);
    });
    m.put("assuranceLevel", i.assuranceLevel());
    i.sessionId().ifPresent(v -> m.put("sessionId", v));
    s.idTokenHint().ifPresent(v -> m.put("idTokenHint", v));
    return m;
  }

  private static Optional<Session> decode(String json) {
    try {
      Map<String, Object> m = JSONObjectUtils.parse(json, MAX_JSON);
      Optional<Identity.Agent> agent = Optional.ofNullable(
          JSONObjectUtils.getJSONObject(m, "agent")).map(a -> {
            try {
              return new Identity.Agent(JSONObjectUtils.getString(a, "name"),
                  Optional.ofNullable(JSONObjectUtils.getString(a, "residentIdNumber")));
            } catch (ParseException e) {
              throw new IllegalArgumentException(e);
            }
          });
      Identity identity = new Identity(
          Identity.SubjectType.valueOf(JSONObjectUtils.getString(m, "subjectType")),
          JSONObjectUtils.getString(m, "subject"), JSONObjectUtils.getString(m, "name"),
          Optional.ofNullable(JSONObjectUtils.getString(m, "residentIdNumber")),
          Optional.ofNullable(JSONObjectUtils.getString(m, "unifiedSocialCreditCode")), agent,
          JSONObjectUtils.getInt(m, "assuranceLevel"),
          Optional.ofNullable(JSONObjectUtils.getString(m, "sessionId")));
      return Optional.of(new Session(JSONObjectUtils.getString(m, "localId"),
          JSONObjectUtils.getString(m, "issuer"), identity,
          Instant.ofEpochMilli(JSONObjectUtils.getLong(m, "createdAt")),
          Optional.ofNullable(JSONObjectUtils.getString(m, "idTokenHint"))));
    } catch (ParseException | RuntimeException e) {
      return Optional.empty(); // unreadable state is no session
    }
  }
}
