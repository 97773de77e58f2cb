package org.tongban.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A token whose signature and claims verified: its kind and claims. Claims keep their JSON
 * types (strings, numbers, booleans, lists, maps).
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class VerifiedToken {
  private final TokenKind kind;
  private final Map<String, Object> claims;
  private final VerifiedJws jws;

  VerifiedToken(TokenKind kind, Map<String, Object> claims, VerifiedJws jws) {
    this.kind = Objects.requireNonNull(kind);
    this.claims = java.util.Collections.unmodifiableMap(claims); // fresh from the parser
    this.jws = Objects.requireNonNull(jws);
  }

  /**
   * Returns the token's kind.
   *
   * @return the kind
   */
  public TokenKind kind() {
    return kind;
  }

  /**
   * Returns {@code iss}.
   *
   * @return the issuer
   */
  public String issuer() {
    return (String) claims.get("iss");
  }

  /**
   * Returns {@code sub}; a logout token may carry only {@code sid}.
   *
   * @return the subject
   */
  public Optional<String> subject() {
    return string("sub");
  }

  /**
   * Returns {@code sid}, the platform's session.
   *
   * @return the session id
   */
  public Optional<String> sessionId() {
    return string("sid");
  }

  /**
   * Returns {@code jti}.
   *
   * @return the token id
   */
  public Optional<String> tokenId() {
    return string("jti");
  }

  /**
   * Returns {@code aud} as a list.
   *
   * @return the audiences
   */
  public List<String> audience() {
    Object a = claims.get("aud");
    if (a instanceof String s) {
      return List.of(s);
    }
    return a instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }

  /**
   * Returns {@code exp}.
   *
   * @return the expiry
   */
  public Optional<Instant> expiresAt() {
    return time("exp");
  }

  /**
   * Returns {@code iat}.
   *
   * @return the issue time
   */
  public Optional<Instant> issuedAt() {
    return time("iat");
  }

  /**
   * Returns a string claim.
   *
   * @param name the claim
   * @return its value if it is a string
   */
  public Optional<String> string(String name) {
    return claims.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /**
   * Returns all claims.
   *
   * @return the claims
   */
  public Map<String, Object> claims() {
    return claims;
  }

  /**
   * Returns the verified JWS (header, algorithm, key).
   *
   * @return the JWS
   */
  public VerifiedJws jws() {
    return jws;
  }

  private Optional<Instant> time(String name) {
    return numericDate(claims.get(name));
  }

  /** The largest NumericDate read: 9999-12-31T23:59:59Z; larger ones are malformed. */
  static final long MAX_NUMERIC_DATE = 253_402_300_799L;

  /**
   * Reads a JWT NumericDate (RFC 7519 §2): a number of seconds from 1970 to 9999, fractions
   * dropped; anything else — not a number, negative, NaN, out of {@code Instant}'s range — is
   * empty, so no claim value can make a verifier throw.
   */
  static Optional<Instant> numericDate(Object value) {
    if (!(value instanceof Number n)) {
      return Optional.empty();
    }
    double d = n.doubleValue(); // a huge BigInteger becomes Infinity and fails the bound
    if (!(d >= 0 && d <= MAX_NUMERIC_DATE)) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochSecond((long) d));
  }

  @Override
  public String toString() {
    return "VerifiedToken[" + kind + ", iss " + issuer() + ", sub " + subject().orElse("-")
        + "]";
  }
}
