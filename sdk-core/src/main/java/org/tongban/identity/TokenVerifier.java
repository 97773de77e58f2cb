package org.tongban.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tongban.internal.jose.Json;
import org.tongban.internal.jose.Utf8;
import org.tongban.io.Limits;
import org.tongban.result.CheckId;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/**
 * Verifies the tokens of one issuer for one department (relying party): ID tokens (OIDC Core
 * §3.1.3.7), RFC 9068 access tokens, optionally a platform's own {@code typ: JWT} access tokens,
 * and back-channel logout tokens (OIDC Back-Channel Logout §2.6). The signature is checked by
 * {@link JwsVerifier} with the algorithms this issuer is pinned to and the keys of its
 * {@link KeySource}; then the claims, each as a check with its own reason:
 *
 * <ul>
 *   <li>{@code token.type} — the kind is the one asked for ({@link Reason#TOKEN_TYPE_MISMATCH}):
 *       ID token {@code typ} absent or {@code JWT}, no {@code events}, a payload {@code typ}
 *       (Keycloak) only {@code ID}; access token {@code typ at+jwt} (or, when enabled, a platform
 *       {@code typ JWT} token whose payload {@code typ} is {@code Bearer}); logout token with
 *       the back-channel {@code events} member, no {@code nonce}, {@code typ} absent,
 *       {@code JWT} or {@code logout+jwt};
 *   <li>{@code token.issuer} — {@code iss} is exactly the issuer ({@link Reason#ISSUER_MISMATCH});
 *   <li>{@code token.audience} — {@code aud} names this client (ID, logout) or the configured
 *       resource (access); several audiences need {@code azp} = the client, and {@code azp}
 *       when present must be the client ({@link Reason#AUDIENCE_MISMATCH});
 *   <li>{@code token.time} — {@code exp}, {@code iat}, {@code nbf} with the clock skew (default
 *       60 s, at most 10 min) ({@link Reason#EXPIRED}, {@link Reason#NOT_YET_VALID});
 *   <li>{@code token.claims} — what the kind requires ({@link Reason#REQUIRED_CLAIM_MISSING}):
 *       {@code sub} (ID, access), {@code client_id} and {@code jti} (RFC 9068), {@code jti} and
 *       {@code sid} or {@code sub} (logout);
 *   <li>{@code token.auth-time} — when configured, {@code auth_time} within {@code max_age}
 *       ({@link Reason#POLICY_FAILURE}; absent: {@link Reason#REQUIRED_CLAIM_MISSING});
 *   <li>{@code token.nonce} — the nonce this login sent ({@link Reason#NONCE_MISMATCH});
 *   <li>{@code token.replay} — a logout token's {@code iss}+{@code jti} seen before
 *       ({@link Reason#TOKEN_REPLAYED}); remembered until it expires (bounded);
 *   <li>{@code token.keys} — a key source that had to use a cached set during an outage adds
 *       the warning {@link Reason#STALE_KEYS_USED}.
 * </ul>
 *
 * <p>Immutable configuration and thread-safe; build once per issuer and share. (The replay
 * memory of logout tokens is the one piece of state, and it is concurrent.)
 *
 * @since 0.1
 */
public final class TokenVerifier {
  /** Token kind. */
  public static final CheckId TYPE = CheckId.of("token.type");
  /** Issuer. */
  public static final CheckId ISSUER = CheckId.of("token.issuer");
  /** Audience. */
  public static final CheckId AUDIENCE = CheckId.of("token.audience");
  /** Validity times. */
  public static final CheckId TIME = CheckId.of("token.time");
  /** Required claims. */
  public static final CheckId CLAIMS = CheckId.of("token.claims");
  /** Nonce. */
  public static final CheckId NONCE = CheckId.of("token.nonce");
  /** Replay. */
  public static final CheckId REPLAY = CheckId.of("token.replay");
  /** Authentication age against {@code max_age}. */
  public static final CheckId AUTH_TIME = CheckId.of("token.auth-time");
  /** Key freshness. */
  public static final CheckId KEYS = CheckId.of("token.keys");

  /** The OIDC back-channel logout event. */
  public static final String BACKCHANNEL_LOGOUT_EVENT =
      "http://schemas.openid.net/event/backchannel-logout";
  private static final Duration MAX_SKEW = Duration.ofMinutes(10);
  private static final Duration MAX_REPLAY_MEMORY = Duration.ofHours(24);

  private final String issuer;
  private final String clientId;
  private final String resource;
  private final JwsVerifier jws;
  private final KeySource keys;
  private final Duration skew;
  private final Clock clock;
  private final boolean platformAccessTokens;
  private final Optional<Duration> maxAuthenticationAge;
  /** iss + " " + jti of logout tokens already used, until they expire. */
  private final ReplayMemory replay;

  private TokenVerifier(Builder b) {
    this.issuer = b.issuer;
    this.clientId = b.clientId;
    this.resource = b.resource.orElse(b.clientId);
    this.jws = JwsVerifier.builder(b.algorithms).clock(b.clock).limits(b.limits).build();
    this.keys = b.keys;
    this.skew = b.skew;
    this.clock = b.clock;
    this.platformAccessTokens = b.platformAccessTokens;
    this.maxAuthenticationAge = b.maxAuthenticationAge;
    this.replay = b.replay;
  }

  /**
   * Starts a builder.
   *
   * @param issuer the issuer identifier, compared exactly with {@code iss}
   * @param clientId this department's client id at the issuer
   * @param keys where the issuer's keys come from
   * @return a builder
   */
  public static Builder builder(String issuer, String clientId, KeySource keys) {
    return new Builder(issuer, clientId, keys);
  }

  /**
   * Verifies an ID token of a login whose authorization request sent no nonce (a refresh, say):
   * the {@code token.nonce} check is recorded as skipped.
   *
   * @param token the compact JWT
   * @return the result
   */
  public VerificationResult<VerifiedToken> verifyIdToken(String token) {
    return verify(token, TokenKind.ID_TOKEN, Optional.empty());
  }

  /**
   * Verifies an ID token whose {@code nonce} must be the one the authorization request sent.
   *
   * @param token the compact JWT
   * @param expectedNonce the nonce the authorization request sent
   * @return the result
   */
  public VerificationResult<VerifiedToken> verifyIdToken(String token, String expectedNonce) {
    return verify(token, TokenKind.ID_TOKEN, Optional.of(expectedNonce));
  }

  /**
   * Verifies an access token: RFC 9068, or the platform's own JWT when enabled.
   *
   * @param token the compact JWT
   * @return the result; {@link VerifiedToken#kind()} says which profile matched
   */
  public VerificationResult<VerifiedToken> verifyAccessToken(String token) {
    return verify(token, TokenKind.ACCESS_TOKEN, Optional.empty());
  }

  /**
   * Verifies a back-channel logout token and remembers its {@code jti}: the same token a second
   * time is {@link Reason#TOKEN_REPLAYED}.
   *
   * @param token the compact JWT
   * @return the result
   */
  public VerificationResult<VerifiedToken> verifyLogoutToken(String token) {
    return verify(token, TokenKind.LOGOUT_TOKEN, Optional.empty());
  }

  private VerificationResult<VerifiedToken> verify(String token, TokenKind asked,
      Optional<String> nonce) {
    Objects.requireNonNull(token, "token");
    Instant now = clock.instant();
    VerificationResult.Builder<VerifiedToken> r = VerificationResult.builder(now);
    java.util.concurrent.atomic.AtomicReference<Optional<Duration>> stale =
        new java.util.concurrent.atomic.AtomicReference<>(Optional.empty());
    Optional<VerifiedJws> verified = jws.verifyInto(r, token, kid -> {
      KeySource.Keys k = keys.keys(kid);
      stale.set(k.staleFor());
      return k.keys();
    });
    if (verified.isEmpty()) {
      return r.buildFailed();
    }
    stale.get().ifPresent(d -> r.warn(KEYS, Reason.STALE_KEYS_USED, "keys " + d.toSeconds()
        + " s past their refresh, the key source being unavailable"));
    Optional<Map<String, Object>> parsed = Utf8.decode(verified.get().payload())
        .flatMap(Json::parseObject);
    if (parsed.isEmpty()) {
      return r.fail(CheckId.FORMAT, Reason.FORMAT_FAILURE, "the payload is not a JSON object")
          .buildFailed();
    }
    Map<String, Object> claims = parsed.get();
    Map<String, Object> header = verified.get().header();

    // Kind.
    Optional<TokenKind> kind = kind(asked, header, claims);
    if (kind.isEmpty()) {
      return r.fail(TYPE, Reason.TOKEN_TYPE_MISMATCH, "not a " + asked + " (typ "
          + header.get("typ") + ")").buildFailed();
    }
    r.ok(TYPE, kind.get().toString());

    // Issuer.
    if (!issuer.equals(claims.get("iss"))) {
      return r.fail(ISSUER, Reason.ISSUER_MISMATCH, "iss " + claims.get("iss")).buildFailed();
    }
    r.ok(ISSUER, issuer);

    // Audience.
    Optional<String> audienceProblem = audience(kind.get(), claims);
    if (audienceProblem.isPresent()) {
      return r.fail(AUDIENCE, Reason.AUDIENCE_MISMATCH, audienceProblem.get()).buildFailed();
    }
    r.ok(AUDIENCE, kind.get() == TokenKind.ACCESS_TOKEN ? resource : clientId);

    // Required claims.
    Optional<String> missing = missing(kind.get(), claims);
    if (missing.isPresent()) {
      return r.fail(CLAIMS, Reason.REQUIRED_CLAIM_MISSING, missing.get()).buildFailed();
    }
    r.ok(CLAIMS, "present");

    // Times: NumericDates within 1970..9999, else the claim is malformed (never an exception).
    Optional<Instant> expClaim = VerifiedToken.numericDate(claims.get("exp"));
    Optional<Instant> iatClaim = VerifiedToken.numericDate(claims.get("iat"));
    if (expClaim.isEmpty() || iatClaim.isEmpty()) {
      return r.fail(TIME, Reason.REQUIRED_CLAIM_MISSING, (expClaim.isEmpty() ? "exp" : "iat")
          + " is not a date between 1970 and 9999").buildFailed();
    }
    Instant exp = expClaim.get();
    Instant iat = iatClaim.get();
    if (now.isAfter(exp.plus(skew))) {
      return r.fail(TIME, Reason.EXPIRED, "expired at " + exp).buildFailed();
    }
    if (iat.isAfter(now.plus(skew))) {
      return r.fail(TIME, Reason.NOT_YET_VALID, "issued in the future, " + iat).buildFailed();
    }
    if (claims.containsKey("nbf")) {
      Optional<Instant> nbf = VerifiedToken.numericDate(claims.get("nbf"));
      if (nbf.isEmpty()) {
        return r.fail(TIME, Reason.REQUIRED_CLAIM_MISSING, "nbf is not a date between 1970 "
            + "and 9999").buildFailed();
      }
      if (nbf.get().isAfter(now.plus(skew))) {
        return r.fail(TIME, Reason.NOT_YET_VALID, "not before " + nbf.get()).buildFailed();
      }
    }
    r.ok(TIME, "within exp, iat, nbf");

    // Authentication age (ID token, OIDC Core 3.1.3.7 item 13).
    if (kind.get() == TokenKind.ID_TOKEN && maxAuthenticationAge.isPresent()) {
      Optional<Instant> at = VerifiedToken.numericDate(claims.get("auth_time"));
      if (at.isEmpty()) {
        return r.fail(AUTH_TIME, Reason.REQUIRED_CLAIM_MISSING, "auth_time").buildFailed();
      }
      Instant authTime = at.get();
      if (now.isAfter(authTime.plus(maxAuthenticationAge.get()).plus(skew))) {
        return r.fail(AUTH_TIME, Reason.POLICY_FAILURE, "authenticated at " + authTime
            + ", longer ago than max_age " + maxAuthenticationAge.get().toSeconds() + " s")
            .buildFailed();
      }
      r.ok(AUTH_TIME, "within max_age");
    }

    // Nonce (ID token).
    if (kind.get() == TokenKind.ID_TOKEN) {
      if (nonce.isPresent()) {
        if (!nonce.get().equals(claims.get("nonce"))) {
          return r.fail(NONCE, Reason.NONCE_MISMATCH, claims.containsKey("nonce")
              ? "another nonce" : "no nonce").buildFailed();
        }
        r.ok(NONCE, "the login's nonce");
      } else {
        r.skip(NONCE, "no nonce was sent");
      }
    }

    // Replay (logout token).
    if (kind.get() == TokenKind.LOGOUT_TOKEN) {
      boolean first;
      try {
        first = remember(claims, exp, now);
      } catch (StateUnavailableException e) {
        // Unknown is not "first use": the logout endpoint answers 5xx and the platform retries.
        return r.fail(REPLAY, Reason.STATE_UNAVAILABLE, "replay memory: " + e.getMessage())
            .buildFailed();
      }
      if (!first) {
        return r.fail(REPLAY, Reason.TOKEN_REPLAYED, "jti " + claims.get("jti") + " was "
            + "already used").buildFailed();
      }
      r.ok(REPLAY, "first use of jti " + claims.get("jti"));
    }
    return r.build(new VerifiedToken(kind.get(), claims, verified.get()));
  }

  private Optional<TokenKind> kind(TokenKind asked, Map<String, Object> header,
      Map<String, Object> claims) {
    String typ = header.get("typ") instanceof String t ? mediaType(t) : null;
    if (header.containsKey("typ") && typ == null) {
      return Optional.empty();
    }
    Object claimTyp = claims.get("typ");
    boolean events = claims.containsKey("events");
    return switch (asked) {
      case ID_TOKEN -> (typ == null || typ.equals("jwt")) && !events
          && (claimTyp == null || "ID".equals(claimTyp)) ? Optional.of(TokenKind.ID_TOKEN)
          : Optional.empty();
      case ACCESS_TOKEN, PLATFORM_ACCESS_TOKEN -> {
        if ("at+jwt".equals(typ) && !events) {
          yield Optional.of(TokenKind.ACCESS_TOKEN);
        }
        yield platformAccessTokens && "jwt".equals(typ) && !events
            && "Bearer".equals(claimTyp) ? Optional.of(TokenKind.PLATFORM_ACCESS_TOKEN)
            : Optional.empty();
      }
      case LOGOUT_TOKEN -> {
        boolean logoutEvent = claims.get("events") instanceof Map<?, ?> m
            && m.get(BACKCHANNEL_LOGOUT_EVENT) instanceof Map;
        yield (typ == null || typ.equals("jwt") || typ.equals("logout+jwt")) && logoutEvent
            && !claims.containsKey("nonce") && (claimTyp == null || "Logout".equals(claimTyp))
            ? Optional.of(TokenKind.LOGOUT_TOKEN) : Optional.empty();
      }
    };
  }

  /** {@code typ} compared case-insensitively, without the optional "application/" (RFC 7515). */
  private static String mediaType(String typ) {
    String t = typ.toLowerCase(java.util.Locale.ROOT);
    return t.startsWith("application/") ? t.substring("application/".length()) : t;
  }

  private Optional<String> audience(TokenKind kind, Map<String, Object> claims) {
    List<String> aud;
    Object a = claims.get("aud");
    if (a instanceof String s) {
      aud = List.of(s);
    } else if (a instanceof List<?> l && l.stream().allMatch(x -> x instanceof String)) {
      aud = l.stream().map(String.class::cast).toList();
    } else {
      aud = List.of();
    }
    Object azp = claims.get("azp");
    return switch (kind) {
      case ACCESS_TOKEN -> aud.contains(resource) ? Optional.empty()
          : Optional.of("aud " + aud + " does not name " + resource);
      // Platform tokens name the client as azp and often carry other audiences.
      case PLATFORM_ACCESS_TOKEN -> aud.contains(resource) || clientId.equals(azp)
          ? Optional.empty()
          : Optional.of("neither aud " + aud + " nor azp " + azp + " names " + clientId);
      case ID_TOKEN, LOGOUT_TOKEN -> {
        if (!aud.contains(clientId)) {
          yield Optional.of("aud " + aud + " does not name " + clientId);
        }
        if (azp != null && !clientId.equals(azp)) {
          yield Optional.of("azp " + azp + " is another client");
        }
        yield kind == TokenKind.ID_TOKEN && aud.size() > 1 && azp == null
            ? Optional.of("several audiences " + aud + " and no azp") : Optional.empty();
      }
    };
  }

  private static Optional<String> missing(TokenKind kind, Map<String, Object> c) {
    if (!(c.get("exp") instanceof Number)) {
      return Optional.of("exp");
    }
    if (!(c.get("iat") instanceof Number)) {
      return Optional.of("iat");
    }
    return switch (kind) {
      case ID_TOKEN, PLATFORM_ACCESS_TOKEN -> text(c, "sub") ? Optional.empty()
          : Optional.of("sub");
      case ACCESS_TOKEN -> List.of("sub", "client_id", "jti").stream()
          .filter(n -> !text(c, n)).findFirst();
      case LOGOUT_TOKEN -> !text(c, "jti") ? Optional.of("jti")
          : text(c, "sid") || text(c, "sub") ? Optional.empty() : Optional.of("sid or sub");
    };
  }

  private static boolean text(Map<String, Object> c, String name) {
    return c.get(name) instanceof String s && !s.isEmpty();
  }

  /** Records a logout token's id; false if it was seen before. */
  private boolean remember(Map<String, Object> claims, Instant exp, Instant now) {
    Instant until = exp.plus(skew);
    if (until.isAfter(now.plus(MAX_REPLAY_MEMORY))) {
      until = now.plus(MAX_REPLAY_MEMORY);
    }
    return replay.firstUse(claims.get("iss") + " " + claims.get("jti"), until);
  }

  /**
   * Forgets a verified logout token's {@code jti} after its sessions could not be ended, so
   * that the platform's retry of the same token is accepted. Best effort: when the memory is
   * down too, the retry is refused as a replay until the entry expires.
   */
  void forgetLogoutToken(VerifiedToken token) {
    try {
      replay.forget(token.issuer() + " " + token.claims().get("jti"));
    } catch (StateUnavailableException e) {
      // nothing more to do: see above
    }
  }

  /** The {@code max_age} login requests should carry, when configured. */
  Optional<Duration> maxAuthenticationAge() {
    return maxAuthenticationAge;
  }

  @Override
  public String toString() {
    return "TokenVerifier[" + issuer + ", client " + clientId + ", " + jws + "]";
  }

  /** Builds a {@link TokenVerifier}. Not thread-safe. */
  public static final class Builder {
    private final String issuer;
    private final String clientId;
    private final KeySource keys;
    private JwsAlgorithm[] algorithms = {JwsAlgorithm.RS256};
    private Optional<String> resource = Optional.empty();
    private Duration skew = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();
    private Limits limits = Limits.defaults();
    private ReplayMemory replay;
    private boolean platformAccessTokens;
    private Optional<Duration> maxAuthenticationAge = Optional.empty();

    private Builder(String issuer, String clientId, KeySource keys) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      this.keys = Objects.requireNonNull(keys, "keys");
      if (issuer.isEmpty() || clientId.isEmpty()) {
        throw new IllegalArgumentException("issuer and client id are needed");
      }
    }

    /**
     * Pins the algorithms this issuer signs with (default RS256). Never taken from a token or
     * from discovery metadata.
     *
     * @param algorithms at least one
     * @return this builder
     */
    public Builder algorithms(JwsAlgorithm... algorithms) {
      if (algorithms.length == 0) {
        throw new IllegalArgumentException("pin at least one algorithm");
      }
      this.algorithms = algorithms.clone();
      return this;
    }

    /**
     * Sets the audience access tokens must name (RFC 9068 resource); default the client id.
     *
     * @param audience the resource identifier
     * @return this builder
     */
    public Builder accessTokenAudience(String audience) {
      this.resource = Optional.of(Objects.requireNonNull(audience, "audience"));
      return this;
    }

    /**
     * Requires ID tokens to carry {@code auth_time} no older than this (the {@code max_age} of
     * the authorization request; OIDC Core §3.1.3.7, item 13). Older is
     * {@link Reason#POLICY_FAILURE}; absent is {@link Reason#REQUIRED_CLAIM_MISSING}.
     *
     * @param maxAge the longest time since the person authenticated
     * @return this builder
     */
    public Builder maxAuthenticationAge(Duration maxAge) {
      if (maxAge.isNegative()) {
        throw new IllegalArgumentException("max_age is not negative");
      }
      this.maxAuthenticationAge = Optional.of(maxAge);
      return this;
    }

    /**
     * Accepts the platform's own {@code typ: JWT} access tokens (Keycloak's kind) besides
     * RFC 9068 ones: payload {@code typ} must be {@code Bearer}, and {@code aud} must name the
     * resource or {@code azp} this client.
     *
     * @return this builder
     */
    public Builder acceptPlatformAccessTokens() {
      this.platformAccessTokens = true;
      return this;
    }

    /**
     * Sets the clock skew tolerated on {@code exp}, {@code iat} and {@code nbf}.
     *
     * @param skew 0 to 10 minutes; default 60 s
     * @return this builder
     */
    public Builder clockSkew(Duration skew) {
      if (skew.isNegative() || skew.compareTo(MAX_SKEW) > 0) {
        throw new IllegalArgumentException("clock skew must be between 0 and 10 minutes");
      }
      this.skew = skew;
      return this;
    }

    /**
     * Sets the clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets where used logout-token {@code jti}s are remembered: shared by every node of an app
     * on several nodes, so that a replay to another node is refused.
     *
     * @param memory the memory; a new {@link ReplayMemory#inMemory()} by default
     * @return this builder
     */
    public Builder replayMemory(ReplayMemory memory) {
      this.replay = Objects.requireNonNull(memory, "memory");
      return this;
    }

    /**
     * Sets the size limits of what it parses.
     *
     * @param limits the limits; {@link Limits#defaults()} by default
     * @return this builder
     */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     */
    public TokenVerifier build() {
      if (replay == null) {
        replay = ReplayMemory.inMemory();
      }
      return new TokenVerifier(this);
    }
  }
}
