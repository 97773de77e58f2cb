package org.tongban.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SigningKey;
import org.tongban.internal.jose.Base64Url;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;
import org.tongban.io.Limits;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.testing.ResultAssertions;

/**
 * ID, access and logout tokens from {@link TokenIssuer} through {@link TokenVerifier}: each
 * OIDC / RFC 9068 / back-channel rule has a token that breaks it and gets its own reason, and
 * no kind of token passes as another.
 */
class TokenVerifierTest {
  private static final String ISS = "https://idp.gov.example/realms/tongban";
  private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final KeyPair SM2 = KeyPairs.generate(KeyType.SM2);
  private static final SigningKey SM2_KEY = SigningKeys.of(SM2.getPrivate(), List.of());
  private static final TokenIssuer ISSUER = TokenIssuer.builder(ISS, SM2_KEY, SM2.getPublic(),
        "k1").clock(CLOCK).build();
  private static final KeySource KEYS = KeySource.of(JsonWebKeys.parse(ISSUER.jwks()));

  private static TokenVerifier.Builder verifier() {
    return TokenVerifier.builder(ISS, "dept-a", KEYS).algorithms(JwsAlgorithm.SM2SM3)
        .clock(CLOCK);
  }

  private static final TokenVerifier V = verifier().build();

  /** A token with any header and claims, signed by the issuer's key. */
  private static String raw(Map<String, Object> header, Map<String, Object> claims) {
    String input = Base64Url.encode(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(header)
        .getBytes(StandardCharsets.UTF_8)) + "." + Base64Url.encode(
            com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims)
                .getBytes(StandardCharsets.UTF_8));
    byte[] der = SM2_KEY.sign(input.getBytes(StandardCharsets.US_ASCII));
    byte[] rs = org.tongban.internal.crypto.EcSignatureCodec.convert(der,
        org.tongban.crypto.SignatureEncoding.DER, org.tongban.crypto.SignatureEncoding.RAW_R_S,
        32);
    return input + "." + Base64Url.encode(rs);
  }

  private static Map<String, Object> idClaims() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", ISS);
    c.put("sub", "person-1");
    c.put("aud", "dept-a");
    c.put("iat", NOW.getEpochSecond());
    c.put("exp", NOW.plusSeconds(300).getEpochSecond());
    return c;
  }

  private static Map<String, Object> header(String typ) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("alg", "SM2SM3");
    h.put("kid", "k1");
    if (typ != null) {
      h.put("typ", typ);
    }
    return h;
  }

  private static Optional<Reason> idReason(Map<String, Object> claims) {
    return V.verifyIdToken(raw(header("JWT"), claims)).reason();
  }

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"SM2", "RSA", "EC_P256"})
  void issuedTokens_verify_forEachAlgorithm(KeyType type) {
    KeyPair kp = KeyPairs.generate(type);
    TokenIssuer issuer = TokenIssuer.builder(ISS, SigningKeys.of(kp.getPrivate(), List.of()),
        kp.getPublic(),
        "k-" + type).clock(CLOCK).build();
    TokenVerifier v = TokenVerifier.builder(ISS, "dept-a",
        KeySource.of(JsonWebKeys.parse(issuer.jwks()))).algorithms(issuer.algorithm())
        .clock(CLOCK).build();
    VerificationResult<VerifiedToken> id = v.verifyIdToken(issuer.idToken("person-1",
        "dept-a", Duration.ofMinutes(5), Map.of("nonce", "n-1", "sid", "s-1")),
        "n-1");
    assertTrue(id.isValid(), id.toString());
    assertEquals(Optional.of("person-1"), id.orElseThrow().subject());
    assertEquals(Optional.of("s-1"), id.orElseThrow().sessionId());
    assertEquals(TokenKind.ID_TOKEN, id.orElseThrow().kind());
    assertTrue(v.verifyAccessToken(issuer.accessToken("person-1", "dept-a", "dept-a",
        Duration.ofMinutes(5), Map.of("scope", "openid"))).isValid());
    assertTrue(v.verifyLogoutToken(issuer.sessionLogoutToken("dept-a", "s-1")).isValid());
  }

  @Test
  void idTokenRules_eachWithItsReason() {
    assertTrue(V.verifyIdToken(raw(header("JWT"), idClaims())).isValid());
    Map<String, Object> c = idClaims();
    c.put("iss", ISS + "/");
    assertEquals(Optional.of(Reason.ISSUER_MISMATCH), idReason(c));
    c = idClaims();
    c.put("aud", "dept-b");
    assertEquals(Optional.of(Reason.AUDIENCE_MISMATCH), idReason(c));
    c = idClaims();
    c.put("aud", List.of("dept-a", "dept-b"));
    assertEquals(Optional.of(Reason.AUDIENCE_MISMATCH), idReason(c), "several aud, no azp");
    c.put("azp", "dept-a");
    assertEquals(Optional.empty(), idReason(c));
    c.put("azp", "dept-b");
    assertEquals(Optional.of(Reason.AUDIENCE_MISMATCH), idReason(c));
    c = idClaims();
    c.put("exp", NOW.minusSeconds(61).getEpochSecond());
    assertEquals(Optional.of(Reason.EXPIRED), idReason(c));
    c.put("exp", NOW.minusSeconds(59).getEpochSecond());
    assertEquals(Optional.empty(), idReason(c), "within the 60 s skew");
    c = idClaims();
    c.put("iat", NOW.plusSeconds(120).getEpochSecond());
    assertEquals(Optional.of(Reason.NOT_YET_VALID), idReason(c));
    c = idClaims();
    c.put("nbf", NOW.plusSeconds(120).getEpochSecond());
    assertEquals(Optional.of(Reason.NOT_YET_VALID), idReason(c));
    for (String required : List.of("sub", "exp", "iat")) {
      c = idClaims();
      c.remove(required);
      assertEquals(Optional.of(Reason.REQUIRED_CLAIM_MISSING), idReason(c), required);
    }
    c = idClaims();
    c.put("exp", "tomorrow");
    assertEquals(Optional.of(Reason.REQUIRED_CLAIM_MISSING), idReason(c));
  }

  @Test
  void limits_areSettableOnTheBuilder_lowerAndWithinTheCeiling() {
    String token = raw(header("JWT"), idClaims());
    Limits tight = Limits.builder().maxTokenBytes(token.length() - 1).build();
    assertEquals(Optional.of(Reason.SIZE_LIMIT_EXCEEDED), verifier().limits(tight).build()
        .verifyIdToken(token).reason());
    assertTrue(verifier().limits(Limits.builder().maxTokenBytes(token.length()).build()).build()
        .verifyIdToken(token).isValid());
    Map<String, Object> big = idClaims();
    big.put("note", "x".repeat(Limits.MAX_TOKEN_BYTES));
    String large = raw(header("JWT"), big);
    assertEquals(Optional.of(Reason.SIZE_LIMIT_EXCEEDED), V.verifyIdToken(large).reason());
    assertTrue(verifier().limits(Limits.builder().maxTokenBytes(2 * Limits.MAX_TOKEN_BYTES)
        .build()).build().verifyIdToken(large).isValid());
    assertThrows(IllegalArgumentException.class,
        () -> Limits.builder().maxTokenBytes(4 * Limits.MAX_TOKEN_BYTES + 1));
    assertThrows(IllegalArgumentException.class, () -> Limits.builder().maxPdfBytes(0));
    assertEquals(Limits.MAX_PDF_BYTES, Limits.defaults().maxPdfBytes());
  }

  @Test
  void maxAge_requiresARecentAuthTime() {
    TokenVerifier v = verifier().maxAuthenticationAge(Duration.ofMinutes(10)).build();
    Map<String, Object> c = idClaims();
    assertEquals(Optional.of(Reason.REQUIRED_CLAIM_MISSING), v.verifyIdToken(raw(header("JWT"),
        c)).reason(), "no auth_time");
    c.put("auth_time", NOW.minusSeconds(300).getEpochSecond());
    assertTrue(v.verifyIdToken(raw(header("JWT"), c)).isValid());
    c.put("auth_time", NOW.minusSeconds(3600).getEpochSecond());
    assertEquals(Optional.of(Reason.POLICY_FAILURE),
        v.verifyIdToken(raw(header("JWT"), c)).reason());
    assertTrue(V.verifyIdToken(raw(header("JWT"), c)).isValid(),
        "without max_age, auth_time is not judged");
  }

  @Test
  void nonce_mustBeTheLoginsNonce() {
    Map<String, Object> c = idClaims();
    c.put("nonce", "n-1");
    String token = raw(header("JWT"), c);
    assertTrue(V.verifyIdToken(token, "n-1").isValid());
    assertEquals(Optional.of(Reason.NONCE_MISMATCH),
        V.verifyIdToken(token, "n-2").reason());
    assertEquals(Optional.of(Reason.NONCE_MISMATCH), V.verifyIdToken(raw(header("JWT"),
        idClaims()), "n-1").reason());
  }

  @Test
  void noKindPassesAsAnother() {
    String id = ISSUER.idToken("p", "dept-a", Duration.ofMinutes(5), Map.of());
    String access = ISSUER.accessToken("p", "dept-a", "dept-a", Duration.ofMinutes(5),
        Map.of());
    String logout = ISSUER.subjectLogoutToken("dept-a", "p");
    assertEquals(Optional.of(Reason.TOKEN_TYPE_MISMATCH), V.verifyIdToken(access).reason());
    assertEquals(Optional.of(Reason.TOKEN_TYPE_MISMATCH), V.verifyIdToken(logout).reason());
    assertEquals(Optional.of(Reason.TOKEN_TYPE_MISMATCH), V.verifyAccessToken(id).reason());
    assertEquals(Optional.of(Reason.TOKEN_TYPE_MISMATCH), V.verifyAccessToken(logout)
        .reason());
    assertEquals(Optional.of(Reason.TOKEN_TYPE_MISMATCH), V.verifyLogoutToken(id).reason());
    assertEquals(Optional.of(Reason.TOKEN_TYPE_MISMATCH), V.verifyLogoutToken(access)
        .reason());
    // An unknown typ is not an ID token either.
    assertEquals(Optional.of(Reason.TOKEN_TYPE_MISMATCH), V.verifyIdToken(raw(
        header("secevent+jwt"), idClaims())).reason());
  }

  @Test
  void platformAccessTokens_onlyWhenEnabled_andOnlyBearer() {
    Map<String, Object> c = idClaims();
    c.put("typ", "Bearer");
    c.put("azp", "dept-a");
    c.put("aud", "account");
    String keycloakLike = raw(header("JWT"), c);
    assertEquals(Optional.of(Reason.TOKEN_TYPE_MISMATCH), V.verifyAccessToken(keycloakLike)
        .reason());
    TokenVerifier platform = verifier().acceptPlatformAccessTokens().build();
    VerificationResult<VerifiedToken> r = platform.verifyAccessToken(keycloakLike);
    assertTrue(r.isValid(), r.toString());
    assertEquals(TokenKind.PLATFORM_ACCESS_TOKEN, r.orElseThrow().kind());
    // Keycloak's ID token (payload typ ID) is not an access token, and vice versa.
    Map<String, Object> idc = idClaims();
    idc.put("typ", "ID");
    assertEquals(Optional.of(Reason.TOKEN_TYPE_MISMATCH), platform.verifyAccessToken(
        raw(header("JWT"), idc)).reason());
    assertTrue(platform.verifyIdToken(raw(header("JWT"), idc)).isValid());
    assertEquals(Optional.of(Reason.TOKEN_TYPE_MISMATCH),
        platform.verifyIdToken(keycloakLike).reason());
    c.put("azp", "dept-b");
    assertEquals(Optional.of(Reason.AUDIENCE_MISMATCH), platform.verifyAccessToken(
        raw(header("JWT"), c)).reason());
  }

  @Test
  void rfc9068_requiresClientIdAndJti_andTheResourceAudience() {
    TokenVerifier api = verifier().accessTokenAudience("https://api.dept-a.example").build();
    String forApi = ISSUER.accessToken("p", "https://api.dept-a.example", "dept-a",
        Duration.ofMinutes(5), Map.of());
    assertTrue(api.verifyAccessToken(forApi).isValid());
    assertEquals(Optional.of(Reason.AUDIENCE_MISMATCH), V.verifyAccessToken(forApi).reason());
    Map<String, Object> c = idClaims();
    c.put("jti", "j");
    assertEquals(Optional.of(Reason.REQUIRED_CLAIM_MISSING), V.verifyAccessToken(
        raw(header("at+jwt"), c)).reason(), "no client_id");
    c.put("client_id", "dept-a");
    assertTrue(V.verifyAccessToken(raw(header("application/at+jwt"), c)).isValid());
  }

  @Test
  void logoutTokens_oneUseOnly_noNonce_needJtiAndSidOrSub() {
    TokenVerifier v = verifier().build();
    String logout = ISSUER.logoutToken("dept-a", "p", "s");
    assertTrue(v.verifyLogoutToken(logout).isValid());
    assertEquals(Optional.of(Reason.TOKEN_REPLAYED), v.verifyLogoutToken(logout).reason());
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", ISS);
    c.put("aud", "dept-a");
    c.put("iat", NOW.getEpochSecond());
    c.put("exp", NOW.plusSeconds(120).getEpochSecond());
    c.put("events", Map.of(TokenVerifier.BACKCHANNEL_LOGOUT_EVENT, Map.of()));
    c.put("sid", "s");
    assertEquals(Optional.of(Reason.REQUIRED_CLAIM_MISSING), v.verifyLogoutToken(
        raw(header("logout+jwt"), c)).reason(), "no jti");
    c.put("jti", "j-2");
    c.put("nonce", "n");
    assertEquals(Optional.of(Reason.TOKEN_TYPE_MISMATCH), v.verifyLogoutToken(
        raw(header("logout+jwt"), c)).reason(), "a nonce makes it an ID token lookalike");
    c.remove("nonce");
    c.remove("sid");
    assertEquals(Optional.of(Reason.REQUIRED_CLAIM_MISSING), v.verifyLogoutToken(
        raw(header("logout+jwt"), c)).reason(), "neither sid nor sub");
    c.put("events", Map.of("http://schemas.openid.net/event/other", Map.of()));
    c.put("sid", "s");
    assertEquals(Optional.of(Reason.TOKEN_TYPE_MISMATCH), v.verifyLogoutToken(
        raw(header("logout+jwt"), c)).reason(), "another event");
  }

  @Test
  void keySourceOutage_isIndeterminate_andStaleKeysAWarning() {
    KeySource down = kid -> {
      throw new KeySource.Unavailable("JWKS endpoint timed out", null);
    };
    VerificationResult<VerifiedToken> r = TokenVerifier.builder(ISS, "dept-a", down)
        .algorithms(JwsAlgorithm.SM2SM3).clock(CLOCK).build()
        .verifyIdToken(raw(header("JWT"), idClaims()));
    assertEquals(Indication.INDETERMINATE, r.indication());
    assertEquals(Optional.of(Reason.KEY_SOURCE_UNAVAILABLE), r.reason());
    KeySource stale = kid -> new KeySource.Keys(JsonWebKeys.parse(ISSUER.jwks()),
        Optional.of(Duration.ofMinutes(7)));
    VerificationResult<VerifiedToken> s = TokenVerifier.builder(ISS, "dept-a", stale)
        .algorithms(JwsAlgorithm.SM2SM3).clock(CLOCK).build()
        .verifyIdToken(raw(header("JWT"), idClaims()));
    assertTrue(s.isValid(), s.toString());
    assertEquals(List.of(Reason.STALE_KEYS_USED), s.warnings());
  }

  @Test
  void clockSkew_isBounded_andAlgorithmsPinned() {
    assertThrows(IllegalArgumentException.class, () -> verifier()
        .clockSkew(Duration.ofMinutes(11)));
    assertThrows(IllegalArgumentException.class, () -> verifier()
        .clockSkew(Duration.ofSeconds(-1)));
    TokenVerifier rsaOnly = TokenVerifier.builder(ISS, "dept-a", KEYS).clock(CLOCK).build();
    assertEquals(Optional.of(Reason.ALGORITHM_NOT_ALLOWED), rsaOnly.verifyIdToken(
        raw(header("JWT"), idClaims())).reason());
  }

  @Test
  void timesOutsideTheInstantRange_areMalformedClaims_neverExceptions() {
    // Before, exp 1e300 or a 23-digit integer made TokenVerifier throw DateTimeException.
    for (Object[] bad : new Object[][] {
        {"exp", new java.math.BigInteger("99999999999999999999999")}, {"exp", 1e300}, {"exp",
            Long.MAX_VALUE}, {"exp", -1L}, {"exp", "tomorrow"},
        {"iat", Long.MIN_VALUE}, {"iat", 9.3e18}, {"nbf", Long.MAX_VALUE},
        {"nbf", new java.math.BigInteger("-99999999999999999999999")}}) {
      Map<String, Object> c = idClaims();
      c.put((String) bad[0], bad[1]);
      VerificationResult<VerifiedToken> r = V.verifyIdToken(raw(header("JWT"), c));
      ResultAssertions.assertResult(r, Indication.FAILED, Reason.REQUIRED_CLAIM_MISSING);
    }
    Map<String, Object> authTime = idClaims();
    authTime.put("auth_time", Long.MAX_VALUE);
    ResultAssertions.assertResult(verifier().maxAuthenticationAge(Duration.ofMinutes(5))
        .build().verifyIdToken(raw(header("JWT"), authTime)),
        Indication.FAILED, Reason.REQUIRED_CLAIM_MISSING);
    // The far but representable end of the range is a date like any other.
    Map<String, Object> far = idClaims();
    far.put("exp", VerifiedToken.MAX_NUMERIC_DATE);
    assertTrue(V.verifyIdToken(raw(header("JWT"), far)).isValid());
  }
}
