package org.tongban.identity;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.tongban.crypto.KeyType;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;

/**
 * A small identity platform on loopback for tests: the token endpoint (authorization code with
 * PKCE S256, refresh) and userinfo, over OkHttp's MockWebServer, issuing SM2-signed ID tokens
 * for person-1 with the nonce of the authorization request the test hands it.
 */
final class TestPlatform implements AutoCloseable {
  static final KeyPair KEY = KeyPairs.generate(KeyType.SM2);

  final MockWebServer server = new MockWebServer();
  final String issuer;
  final TokenIssuer tokens;
  /** The PKCE challenge and nonce of the login in progress. */
  final AtomicReference<String> challenge = new AtomicReference<>();
  final AtomicReference<String> nonce = new AtomicReference<>();
  /** Replaces the nonce put in the next ID tokens, when set. */
  final AtomicReference<String> forcedNonce = new AtomicReference<>();
  /** Extra ID token claims (identity claims). */
  final AtomicReference<Map<String, Object>> claims = new AtomicReference<>(Map.of());
  private final BiPredicate<RecordedRequest, Map<String, String>> clientCheck;

  TestPlatform(BiPredicate<RecordedRequest, Map<String, String>> clientCheck) throws Exception {
    this.clientCheck = clientCheck;
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        try {
          return answer(r);
        } catch (Exception e) {
          return json(500, "{}");
        }
      }
    });
    server.start();
    issuer = server.url("/realm").toString();
    tokens = TokenIssuer.builder(issuer, SigningKeys.of(KEY.getPrivate(), List.of()),
        KEY.getPublic(),
        "p1").build();
  }

  /** Basic authentication with dept-a:s3cret. */
  static boolean basic(RecordedRequest r, Map<String, String> form) {
    return ("Basic " + Base64.getEncoder().encodeToString("dept-a:s3cret".getBytes(
        StandardCharsets.UTF_8))).equals(r.getHeaders().get("Authorization"));
  }

  static Map<String, String> form(String body) {
    Map<String, String> m = new HashMap<>();
    for (String p : body.split("&")) {
      int eq = p.indexOf('=');
      if (eq > 0) {
        m.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .body(body).build();
  }

  /** Takes the PKCE challenge and nonce from an authorization request URL. */
  void expect(URI authorizationRequest) {
    Map<String, String> q = form(authorizationRequest.getRawQuery());
    challenge.set(q.get("code_challenge"));
    nonce.set(q.get("nonce"));
  }

  ProviderMetadata metadata() {
    return new ProviderMetadata(URI.create(issuer), URI.create(issuer + "/auth"),
        URI.create(server.url("/token").toString()), URI.create(issuer + "/certs"),
        Optional.of(URI.create(server.url("/userinfo").toString())),
        Optional.of(URI.create(issuer + "/logout")));
  }

  TokenVerifier verifier(String clientId) {
    return verifierBuilder(clientId).build();
  }

  TokenVerifier.Builder verifierBuilder(String clientId) {
    return TokenVerifier.builder(issuer, clientId, KeySource.of(JsonWebKeys.parse(
        tokens.jwks()))).algorithms(JwsAlgorithm.SM2SM3);
  }

  private MockResponse answer(RecordedRequest r) throws Exception {
    if (r.getTarget().startsWith("/userinfo")) {
      return "Bearer at-1".equals(r.getHeaders().get("Authorization"))
          ? json(200, "{\"sub\":\"person-1\",\"name\":\"张三\"}") : json(401, "{}");
    }
    Map<String, String> f = form(r.getBody().utf8());
    if (!clientCheck.test(r, f)) {
      return json(401, "{\"error\":\"invalid_client\"}");
    }
    if (f.get("grant_type").equals("refresh_token")) {
      return "rt-1".equals(f.get("refresh_token"))
          ? json(200, "{\"access_token\":\"at-2\",\"token_type\":\"Bearer\"}")
          : json(400, "{\"error\":\"invalid_grant\"}");
    }
    String s256 = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest
        .getInstance("SHA-256").digest(f.get("code_verifier").getBytes(
            StandardCharsets.US_ASCII)));
    if (!"code-1".equals(f.get("code")) || !s256.equals(challenge.get())) {
      return json(400, "{\"error\":\"invalid_grant\"}");
    }
    Map<String, Object> c = new HashMap<>(claims.get());
    c.put("nonce", Optional.ofNullable(forcedNonce.get()).orElse(nonce.get()));
    c.put("sid", "s-1");
    String idToken = tokens.idToken("person-1", "dept-a", Duration.ofMinutes(5), c);
    return json(200, "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\","
        + "\"refresh_token\":\"rt-1\",\"expires_in\":300,\"id_token\":\"" + idToken + "\"}");
  }

  @Override
  public void close() throws java.io.IOException {
    server.close();
  }
}
