package org.tongban.identity;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tongban.SigningException;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureEncoding;
import org.tongban.crypto.SigningKey;
import org.tongban.crypto.VerificationKey;
import org.tongban.internal.crypto.EcSignatureCodec;
import org.tongban.internal.jose.Base64Url;

/**
 * The platform side, for samples, tests and small platforms: issues ID tokens, RFC 9068 access
 * tokens ({@code typ at+jwt}) and back-channel logout tokens ({@code typ logout+jwt}) signed
 * with one key — SM2 ({@code SM2SM3}, r‖s), RSA ({@code RS256}) or P-256 ({@code ES256}) — and
 * publishes that key as a JWKS (SM2 as {@code {"kty":"EC","crv":"SM2"}}).
 *
 * <p>What is signed: ASCII(BASE64URL(header) '.' BASE64URL(claims)), header
 * {@code {"alg","kid","typ"}}. Every token gets {@code iss}, {@code iat}, {@code exp} and a
 * random {@code jti}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class TokenIssuer {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String issuer;
  private final SigningKey key;
  private final PublicKey publicKey;
  private final String keyId;
  private final JwsAlgorithm algorithm;
  private final Clock clock;

  private TokenIssuer(String issuer, SigningKey key, PublicKey publicKey, String keyId,
      Clock clock) {
    this.issuer = issuer;
    this.key = key;
    this.publicKey = publicKey;
    this.keyId = keyId;
    this.clock = clock;
    KeyType type = VerificationKey.keyTypeOf(publicKey);
    this.algorithm = switch (type) {
      case RSA -> JwsAlgorithm.RS256;
      case EC_P256 -> JwsAlgorithm.ES256;
      case SM2 -> JwsAlgorithm.SM2SM3;
      default -> throw new IllegalArgumentException("no JWS algorithm for a " + type + " key");
    };
    if (key.algorithm().keyType() != type) {
      throw new IllegalArgumentException("the signing key is not the public key's pair");
    }
    if (type == KeyType.SM2 && !java.util.Arrays.equals(key.parameters().distinguishingId(),
        JwsAlgorithm.SM2SM3.parameters().distinguishingId())) {
      throw new IllegalArgumentException("SM2SM3 tokens use the default distinguishing ID");
    }
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @param issuer the issuer identifier ({@code iss})
   * @param key the signing key (an HSM or remote signer works)
   * @param publicKey its public key, for the JWKS
   * @param keyId the {@code kid}
   * @return a builder
   */
  public static Builder builder(String issuer, SigningKey key, PublicKey publicKey,
      String keyId) {
    return new Builder(issuer, key, publicKey, keyId);
  }

  /** Builds a {@link TokenIssuer}. Not thread-safe. */
  public static final class Builder {
    private final String issuer;
    private final SigningKey key;
    private final PublicKey publicKey;
    private final String keyId;
    private Clock clock = Clock.systemUTC();

    private Builder(String issuer, SigningKey key, PublicKey publicKey, String keyId) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      this.key = Objects.requireNonNull(key, "key");
      this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
      this.keyId = Objects.requireNonNull(keyId, "keyId");
    }

    /**
     * Sets the clock for {@code iat}/{@code exp} (default: the system clock, UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the issuer.
     *
     * @return the issuer
     * @throws IllegalArgumentException if the key and public key do not pair
     */
    public TokenIssuer build() {
      return new TokenIssuer(issuer, key, publicKey, keyId, clock);
    }
  }

  /**
   * Returns the algorithm the tokens carry.
   *
   * @return the algorithm
   */
  public JwsAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Issues an ID token.
   *
   * @param subject {@code sub}
   * @param clientId {@code aud}
   * @param lifetime until {@code exp}
   * @param claims further claims ({@code nonce}, {@code sid}, {@code acr}, {@code auth_time},
   *     identity claims); they cannot replace the registered ones set here
   * @return the compact JWT
   */
  public String idToken(String subject, String clientId, Duration lifetime,
      Map<String, Object> claims) {
    Map<String, Object> c = base(lifetime, claims);
    c.put("sub", subject);
    c.put("aud", clientId);
    return sign("JWT", c);
  }

  /**
   * Issues an RFC 9068 access token.
   *
   * @param subject {@code sub}
   * @param audience {@code aud}, the resource
   * @param clientId {@code client_id}
   * @param lifetime until {@code exp}
   * @param claims further claims ({@code scope}, {@code sid}, ...)
   * @return the compact JWT
   */
  public String accessToken(String subject, String audience, String clientId,
      Duration lifetime, Map<String, Object> claims) {
    Map<String, Object> c = base(lifetime, claims);
    c.put("sub", subject);
    c.put("aud", audience);
    c.put("client_id", clientId);
    return sign("at+jwt", c);
  }

  /**
   * Issues a back-channel logout token (OIDC Back-Channel Logout §2.4): the logout event, no
   * nonce, a two-minute lifetime.
   *
   * @param clientId {@code aud}, the department app told to log out
   * @param subject {@code sub}, the person
   * @param sessionId {@code sid}, the session
   * @return the compact JWT
   */
  public String logoutToken(String clientId, String subject, String sessionId) {
    return logout(clientId, Optional.of(subject), Optional.of(sessionId));
  }

  /**
   * Issues a back-channel logout token naming only the person ({@code sub}): every session of
   * theirs at the department app ends.
   *
   * @param clientId {@code aud}, the department app told to log out
   * @param subject {@code sub}, the person
   * @return the compact JWT
   */
  public String subjectLogoutToken(String clientId, String subject) {
    return logout(clientId, Optional.of(subject), Optional.empty());
  }

  /**
   * Issues a back-channel logout token naming only the session ({@code sid}).
   *
   * @param clientId {@code aud}, the department app told to log out
   * @param sessionId {@code sid}, the session
   * @return the compact JWT
   */
  public String sessionLogoutToken(String clientId, String sessionId) {
    return logout(clientId, Optional.empty(), Optional.of(sessionId));
  }

  private String logout(String clientId, Optional<String> subject,
      Optional<String> sessionId) {
    Map<String, Object> c = base(Duration.ofMinutes(2), Map.of());
    c.put("aud", clientId);
    subject.ifPresent(s -> c.put("sub", s));
    sessionId.ifPresent(s -> c.put("sid", s));
    c.put("events", Map.of(TokenVerifier.BACKCHANNEL_LOGOUT_EVENT, Map.of()));
    return sign("logout+jwt", c);
  }

  /**
   * Issues a client assertion for {@code private_key_jwt} (RFC 7523 §3, OIDC Core §9): this
   * issuer is the client — {@code iss} and {@code sub} are its client id — and {@code aud} is
   * the platform's token endpoint; one minute of life and a random {@code jti}.
   *
   * @param tokenEndpoint the audience
   * @return the compact JWT
   */
  public String clientAssertion(java.net.URI tokenEndpoint) {
    Map<String, Object> c = base(Duration.ofMinutes(1), Map.of());
    c.put("sub", issuer);
    c.put("aud", tokenEndpoint.toString());
    return sign("JWT", c);
  }

  /**
   * Returns the JWKS publishing this issuer's key.
   *
   * @return JSON
   */
  public String jwks() {
    return JsonWebKeys.publish(Map.of(keyId, publicKey));
  }

  private Map<String, Object> base(Duration lifetime, Map<String, Object> claims) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("the lifetime must be positive");
    }
    Instant now = clock.instant();
    Map<String, Object> c = new LinkedHashMap<>(claims);
    c.put("iss", issuer);
    c.put("iat", now.getEpochSecond());
    c.put("exp", now.plus(lifetime).getEpochSecond());
    byte[] jti = new byte[16];
    RANDOM.nextBytes(jti);
    c.put("jti", Base64Url.encode(jti));
    return c;
  }

  private String sign(String typ, Map<String, Object> claims) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", algorithm.name());
    header.put("kid", keyId);
    header.put("typ", typ);
    String input = Base64Url.encode(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(header)
        .getBytes(StandardCharsets.UTF_8)) + "." + Base64Url.encode(
            com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims)
                .getBytes(StandardCharsets.UTF_8));
    byte[] sig = key.sign(input.getBytes(StandardCharsets.US_ASCII));
    if (algorithm != JwsAlgorithm.RS256 && key.parameters().encoding() == SignatureEncoding.DER) {
      sig = EcSignatureCodec.convert(sig, SignatureEncoding.DER, SignatureEncoding.RAW_R_S, 32);
      if (sig == null) {
        throw new SigningException("the signing key returned a malformed signature");
      }
    }
    return input + "." + Base64Url.encode(sig);
  }
}
