package org.tongban.identity;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tongban.crypto.VerificationKey;
import org.tongban.internal.jose.CompactJws;
import org.tongban.internal.util.BoundedCache;
import org.tongban.io.Limits;
import org.tongban.result.CheckId;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/**
 * Verifies a compact JWS against an issuer's keys with the algorithms the issuer is pinned to —
 * never the algorithm a token or a discovery document asks for (RFC 8725). What is signed is
 * ASCII(BASE64URL(header) '.' BASE64URL(payload)); the payload is only returned when the
 * signature verified.
 *
 * <p>Checks, in order, each with the reason a program can act on:
 * <ol>
 *   <li>{@code format}: at most {@link Limits#MAX_TOKEN_BYTES}
 *       ({@link Reason#SIZE_LIMIT_EXCEEDED}); exactly three canonical base64url parts, the header
 *       one JSON object ({@link Reason#FORMAT_FAILURE});
 *   <li>{@code jws.header}: {@code alg: none} in any case ({@link Reason#UNSECURED_TOKEN}); an
 *       HMAC algorithm ({@link Reason#SYMMETRIC_ALGORITHM_REFUSED}); a key in or behind the
 *       header — {@code jwk}, {@code jku}, {@code x5u}, {@code x5c}
 *       ({@link Reason#HEADER_KEY_REFUSED}); {@code crit} (no extension is understood) or
 *       {@code b64} other than true ({@link Reason#CRITICAL_HEADER_UNSUPPORTED});
 *   <li>{@code algorithm}: {@code alg} is one the verifier is pinned to
 *       ({@link Reason#ALGORITHM_NOT_ALLOWED});
 *   <li>{@code jws.key}: the key is the one {@code kid} names (a map lookup), or, without
 *       {@code kid}, the issuer's keys of the algorithm's type (at most three tried); a refused
 *       key gives its refusal reason, a key of another type {@link Reason#ALGORITHM_MISMATCH},
 *       none {@link Reason#KEY_NOT_FOUND} (INDETERMINATE);
 *   <li>{@code signature}: exactly the length the algorithm has (64 bytes for ES256 and
 *       SM2SM3 r‖s, the modulus length for RSA), and valid ({@link Reason#SIG_CRYPTO_FAILURE}).
 * </ol>
 *
 * <p>Immutable and thread-safe; build once per issuer and share.
 *
 * @since 0.1
 */
public final class JwsVerifier {
  /** Header policy. */
  public static final CheckId HEADER = CheckId.of("jws.header");
  /** Key selection. */
  public static final CheckId KEY = CheckId.of("jws.key");
  private static final Set<String> HEADER_KEYS = Set.of("jwk", "jku", "x5u", "x5c");
  private static final int MAX_KEYS_TRIED = 3;
  private static final int MAX_CACHED_KEYS = 64;

  private final Map<String, JwsAlgorithm> algorithms;
  private final Clock clock;
  private final BoundedCache<Prepared, VerificationKey> prepared =
      new BoundedCache<>(MAX_CACHED_KEYS);

  private final Limits limits;

  private JwsVerifier(Builder b) {
    this.algorithms = Map.copyOf(b.algorithms);
    this.clock = b.clock;
    this.limits = b.limits;
  }

  /**
   * Starts a builder pinned to the given algorithms.
   *
   * @param algorithms the algorithms the issuer signs with; at least one
   * @return a builder
   */
  public static Builder builder(JwsAlgorithm... algorithms) {
    return new Builder(List.of(algorithms));
  }

  /**
   * Verifies a token.
   *
   * @param token the compact JWS
   * @param keys the issuer's keys
   * @return the result, PASSED with the verified JWS only if every check passed
   */
  public VerificationResult<VerifiedJws> verify(String token, JsonWebKeys keys) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(keys, "keys");
    VerificationResult.Builder<VerifiedJws> r = VerificationResult.builder(clock.instant());
    Optional<VerifiedJws> v = verifyInto(r, token, kid -> keys);
    return v.isPresent() ? r.build(v.get()) : r.buildFailed();
  }

  /** Where the keys for a token come from, once its header has passed the checks. */
  interface KeysFor {
    JsonWebKeys keys(Optional<String> kid);
  }

  /**
   * Runs every check into {@code r}; returns the JWS only if all passed. A
   * {@link KeySource.Unavailable} from {@code keysFor} is recorded as KEY_SOURCE_UNAVAILABLE.
   */
  Optional<VerifiedJws> verifyInto(VerificationResult.Builder<?> r, String token,
      KeysFor keysFor) {
    if (token.length() > limits.maxTokenBytes()) {
      r.fail(CheckId.FORMAT, Reason.SIZE_LIMIT_EXCEEDED, "token longer than "
          + limits.maxTokenBytes());
      return Optional.empty();
    }
    Optional<CompactJws> parsed = CompactJws.parse(token);
    if (parsed.isEmpty()) {
      r.fail(CheckId.FORMAT, Reason.FORMAT_FAILURE, "not a strict compact JWS");
      return Optional.empty();
    }
    CompactJws jws = parsed.get();
    r.ok(CheckId.FORMAT, "compact JWS");
    Map<String, Object> header = jws.header();
    if (!(header.get("alg") instanceof String alg)) {
      r.fail(HEADER, Reason.FORMAT_FAILURE, "no alg");
      return Optional.empty();
    }
    Optional<Reason> refused = headerPolicy(header, alg);
    if (refused.isPresent()) {
      r.fail(HEADER, refused.get(), describe(refused.get(), header));
      return Optional.empty();
    }
    r.ok(HEADER, "no key, crit or b64 in the header");
    JwsAlgorithm algorithm = algorithms.get(alg);
    if (algorithm == null) {
      r.fail(CheckId.ALGORITHM, Reason.ALGORITHM_NOT_ALLOWED, alg + " is not one of "
          + algorithms.keySet());
      return Optional.empty();
    }
    r.ok(CheckId.ALGORITHM, alg);
    if (header.containsKey("kid") && !(header.get("kid") instanceof String)) {
      r.fail(KEY, Reason.FORMAT_FAILURE, "kid is not a string");
      return Optional.empty();
    }
    Optional<String> kid = Optional.ofNullable((String) header.get("kid"));
    JsonWebKeys keys;
    try {
      keys = keysFor.keys(kid);
    } catch (KeySource.Unavailable e) {
      r.fail(KEY, Reason.KEY_SOURCE_UNAVAILABLE, e.getMessage());
      return Optional.empty();
    }
    if (kid.isPresent()) {
      for (JsonWebKeys.Refused f : keys.refused()) {
        if (f.keyId().equals(kid)) {
          r.fail(KEY, f.reason(), "key " + kid.get() + " refused: " + f.why());
          return Optional.empty();
        }
      }
    }
    List<JsonWebKeys.Key> candidates = new ArrayList<>();
    boolean wrongType = false;
    for (JsonWebKeys.Key k : keys.keys()) {
      if (kid.isPresent() && !k.keyId().equals(kid)) {
        continue;
      }
      if (k.type() != algorithm.algorithm().keyType()
          || (k.algorithm().isPresent() && !k.algorithm().get().equals(alg))) {
        wrongType |= kid.isPresent();
        continue;
      }
      candidates.add(k);
    }
    if (candidates.isEmpty()) {
      if (wrongType) {
        r.fail(KEY, Reason.ALGORITHM_MISMATCH, "key " + kid.orElse("") + " is not for " + alg);
      } else {
        r.fail(KEY, Reason.KEY_NOT_FOUND, "no " + alg + " key" + kid.map(k -> " with kid " + k)
            .orElse(""));
      }
      return Optional.empty();
    }
    r.ok(KEY, kid.isPresent() ? "by kid" : "by algorithm");
    for (JsonWebKeys.Key k : candidates.subList(0, Math.min(candidates.size(),
        MAX_KEYS_TRIED))) {
      if (lengthFits(jws.signature().length, algorithm, k)
          && key(k, algorithm).verifier().isValid(jws.signature(), jws.signingInput())) {
        r.ok(CheckId.SIGNATURE, alg);
        return Optional.of(new VerifiedJws(header, jws.payload(), algorithm, k));
      }
    }
    r.fail(CheckId.SIGNATURE, Reason.SIG_CRYPTO_FAILURE, alg + " signature");
    return Optional.empty();
  }

  /** The first header rule a token breaks, in the order of {@link JwsVerifier}'s list. */
  private static Optional<Reason> headerPolicy(Map<String, Object> header, String alg) {
    if (alg.equalsIgnoreCase("none")) {
      return Optional.of(Reason.UNSECURED_TOKEN);
    }
    if (alg.startsWith("HS")) {
      return Optional.of(Reason.SYMMETRIC_ALGORITHM_REFUSED);
    }
    for (String k : HEADER_KEYS) {
      if (header.containsKey(k)) {
        return Optional.of(Reason.HEADER_KEY_REFUSED);
      }
    }
    if (header.containsKey("crit") || (header.containsKey("b64")
        && !Boolean.TRUE.equals(header.get("b64")))) {
      return Optional.of(Reason.CRITICAL_HEADER_UNSUPPORTED);
    }
    return Optional.empty();
  }

  private static String describe(Reason reason, Map<String, Object> header) {
    return switch (reason) {
      case UNSECURED_TOKEN -> "alg " + header.get("alg");
      case SYMMETRIC_ALGORITHM_REFUSED -> "alg " + header.get("alg") + ": only public keys";
      case HEADER_KEY_REFUSED -> "a key in the header " + new LinkedHashMap<>(header).keySet();
      default -> "crit " + header.get("crit") + ", b64 " + header.get("b64");
    };
  }

  private static boolean lengthFits(int length, JwsAlgorithm algorithm, JsonWebKeys.Key k) {
    if (k.publicKey() instanceof RSAPublicKey rsa) {
      return length == (rsa.getModulus().bitLength() + 7) / 8;
    }
    return algorithm.parameters().encoding() != org.tongban.crypto.SignatureEncoding.RAW_R_S
        || length == 64;
  }

  /**
   * The key object itself identifies it: hashing a public key (an EC point, a modulus) on
   * every token cost more than the rest of the header work.
   */
  private record Prepared(JsonWebKeys.Key key, JwsAlgorithm algorithm) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Prepared p && p.key == key && p.algorithm == algorithm;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(key) * 31 + System.identityHashCode(algorithm);
    }
  }

  private VerificationKey key(JsonWebKeys.Key k, JwsAlgorithm algorithm) {
    Prepared id = new Prepared(k, algorithm);
    return prepared.get(id).orElseGet(() -> prepared.put(id, VerificationKey
        .builder(k.publicKey()).algorithm(algorithm.algorithm())
        .parameters(algorithm.parameters()).build()));
  }

  @Override
  public String toString() {
    return "JwsVerifier" + algorithms.keySet();
  }

  /** Builds a {@link JwsVerifier}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, JwsAlgorithm> algorithms = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Limits limits = Limits.defaults();

    private Builder(List<JwsAlgorithm> pinned) {
      if (pinned.isEmpty()) {
        throw new IllegalArgumentException("pin at least one algorithm");
      }
      for (JwsAlgorithm a : pinned) {
        if (algorithms.put(Objects.requireNonNull(a, "algorithm").name(), a) != null) {
          throw new IllegalArgumentException("alg " + a.name() + " given twice");
        }
      }
    }

    /**
     * Sets the clock that stamps results.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
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
    public JwsVerifier build() {
      return new JwsVerifier(this);
    }
  }
}
