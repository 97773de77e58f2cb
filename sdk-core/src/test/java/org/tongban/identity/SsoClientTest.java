package org.tongban.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.KeyType;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/**
 * The login flow against a platform on loopback (MockWebServer playing the token and userinfo
 * endpoints, checking PKCE and client authentication the way a platform does).
 */
class SsoClientTest {
  private static final KeyPair PLATFORM_KEY = KeyPairs.generate(KeyType.SM2);
  private static final KeyPair CLIENT_KEY = KeyPairs.generate(KeyType.SM2);

  private MockWebServer server;
  private String iss;
  private TokenIssuer platform;
  /** What the platform expects of the next token request. */
  private final AtomicReference<String> challenge = new AtomicReference<>();
  private final AtomicReference<String> nonce = new AtomicReference<>();
  private final AtomicReference<String> expectedAuth = new AtomicReference<>("basic");
  private final AtomicReference<String> idTokenNonce = new AtomicReference<>();

  private static Map<String, String> form(String body) {
    Map<String, String> m = new HashMap<>();
    for (String p : body.split("&")) {
      int eq = p.indexOf('=');
      m.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

  private boolean clientAuthenticated(RecordedRequest r, Map<String, String> f) {
    switch (expectedAuth.get()) {
      case "basic":
        return ("Basic " + Base64.getEncoder().encodeToString("dept-a:s3cret".getBytes(
            StandardCharsets.UTF_8))).equals(r.getHeaders().get("Authorization"));
      case "post":
        return "dept-a".equals(f.get("client_id")) && "s3cret".equals(f.get("client_secret"));
      default:
        TokenIssuer asClient = TokenIssuer.create("dept-a", SigningKeys.of(
            CLIENT_KEY.getPrivate(), List.of()), CLIENT_KEY.getPublic(), "c1", Clock.systemUTC());
        VerificationResult<VerifiedJws> v = JwsVerifier.builder(JwsAlgorithm.SM2SM3).build()
            .verify(f.get("client_assertion"), JsonWebKeys.parse(asClient.jwks()));
        if (!v.isValid()) {
          return false;
        }
        try {
          Map<String, Object> c = com.nimbusds.jose.util.JSONObjectUtils.parse(new String(
              v.orElseThrow().payload(), StandardCharsets.UTF_8));
          return "dept-a".equals(c.get("iss")) && "dept-a".equals(c.get("sub"))
              && server.url("/token").toString().equals(c.get("aud"));
        } catch (java.text.ParseException e) {
          return false;
        }
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        try {
          String path = r.getTarget();
          if (path.startsWith("/userinfo")) {
            return "Bearer at-1".equals(r.getHeaders().get("Authorization"))
                ? json(200, "{\"sub\":\"person-1\",\"name\":\"张三\"}") : json(401, "{}");
          }
          Map<String, String> f = form(r.getBody().utf8());
          if (!clientAuthenticated(r, f)) {
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
          String idToken = platform.idToken("person-1", "dept-a", Duration.ofMinutes(5),
              Map.of("nonce", Optional.ofNullable(idTokenNonce.get()).orElse(nonce.get()),
                  "sid", "s-1"));
          return json(200, "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\","
              + "\"refresh_token\":\"rt-1\",\"expires_in\":300,\"id_token\":\"" + idToken
              + "\"}");
        } catch (Exception e) {
          return json(500, "{}");
        }
      }
    });
    server.start();
    iss = server.url("/realm").toString();
    platform = TokenIssuer.create(iss, SigningKeys.of(PLATFORM_KEY.getPrivate(), List.of()),
        PLATFORM_KEY.getPublic(), "p1", Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .body(body).build();
  }

  private SsoClient client(ClientAuthentication auth) {
    ProviderMetadata m = new ProviderMetadata(URI.create(iss), URI.create(iss + "/auth"),
        URI.create(server.url("/token").toString()), URI.create(iss + "/certs"),
        Optional.of(URI.create(server.url("/userinfo").toString())),
        Optional.of(URI.create(iss + "/logout")));
    TokenVerifier v = TokenVerifier.builder(iss, "dept-a", KeySource.of(
        JsonWebKeys.parse(platform.jwks()))).algorithms(JwsAlgorithm.SM2SM3).build();
    return SsoClient.builder(m, "dept-a", URI.create("https://dept-a.example/callback"), v,
        auth).scopes("profile").acrValues("urn:gov:cn:loa:2").build();
  }

  /** Reads the request's PKCE challenge and nonce the way the platform would. */
  private SsoClient.AuthorizationRequest begin(SsoClient c) {
    SsoClient.AuthorizationRequest req = c.authorizationRequest();
    Map<String, String> q = form(req.uri().getRawQuery());
    assertEquals("S256", q.get("code_challenge_method"));
    assertEquals("code", q.get("response_type"));
    assertEquals("openid profile", q.get("scope"));
    assertEquals("urn:gov:cn:loa:2", q.get("acr_values"));
    assertEquals(req.state(), q.get("state"));
    challenge.set(q.get("code_challenge"));
    nonce.set(q.get("nonce"));
    return req;
  }

  @Test
  void login_withPkceStateNonce_thenUserinfoRefreshAndLogoutUrl() {
    SsoClient c = client(ClientAuthentication.clientSecretBasic("s3cret"));
    SsoClient.AuthorizationRequest req = begin(c);
    VerificationResult<SsoClient.Login> r = c.handleCallback("code=code-1&state="
        + req.state(), req);
    assertTrue(r.isValid(), r.toString());
    SsoClient.Login login = r.orElseThrow();
    assertEquals(Optional.of("person-1"), login.idToken().subject());
    assertEquals(Optional.of("s-1"), login.idToken().sessionId());
    assertEquals("张三", c.userinfo(login).orElseThrow().get("name"));
    SsoClient.Login refreshed = c.refresh(login).orElseThrow();
    assertEquals("at-2", refreshed.accessToken());
    assertEquals(login.idToken(), refreshed.idToken(), "no new ID token: the old one stays");
    URI out = c.logoutUrl(login, URI.create("https://dept-a.example/")).orElseThrow();
    assertTrue(out.toString().startsWith(iss + "/logout?id_token_hint="), out.toString());
    assertTrue(!req.toString().contains(req.codeVerifier()), "secrets stay out of toString");
  }

  @Test
  void clientSecretPost_andPrivateKeyJwtWithSm2() {
    expectedAuth.set("post");
    SsoClient post = client(ClientAuthentication.clientSecretPost("s3cret"));
    SsoClient.AuthorizationRequest a = begin(post);
    assertTrue(post.handleCallback("code=code-1&state=" + a.state(), a).isValid());
    expectedAuth.set("jwt");
    SsoClient jwt = client(ClientAuthentication.privateKeyJwt(TokenIssuer.create("dept-a",
        SigningKeys.of(CLIENT_KEY.getPrivate(), List.of()), CLIENT_KEY.getPublic(), "c1",
        Clock.systemUTC())));
    SsoClient.AuthorizationRequest b = begin(jwt);
    assertTrue(jwt.handleCallback("code=code-1&state=" + b.state(), b).isValid());
    // The wrong method is refused by the platform: AUTHORIZATION_FAILED.
    SsoClient.AuthorizationRequest d = begin(post);
    assertEquals(Optional.of(Reason.AUTHORIZATION_FAILED), post.handleCallback(
        "code=code-1&state=" + d.state(), d).reason());
  }

  @Test
  void callbackFailures_eachWithItsReason() throws Exception {
    SsoClient c = client(ClientAuthentication.clientSecretBasic("s3cret"));
    SsoClient.AuthorizationRequest req = begin(c);
    assertEquals(Optional.of(Reason.STATE_MISMATCH), c.handleCallback("code=code-1&state=x",
        req).reason());
    assertEquals(Optional.of(Reason.STATE_MISMATCH), c.handleCallback("code=code-1&state="
        + req.state() + "&state=" + req.state(), req).reason(), "state twice");
    assertEquals(Optional.of(Reason.AUTHORIZATION_FAILED), c.handleCallback(
        "error=access_denied&state=" + req.state(), req).reason());
    assertEquals(Optional.of(Reason.AUTHORIZATION_FAILED), c.handleCallback(
        "code=stolen&state=" + req.state(), req).reason(), "invalid_grant");
    // Another login's verifier: PKCE fails at the platform.
    SsoClient.AuthorizationRequest other = c.authorizationRequest();
    assertEquals(Optional.of(Reason.AUTHORIZATION_FAILED), c.handleCallback(
        "code=code-1&state=" + other.state(), other).reason());
    idTokenNonce.set("someone-elses-nonce");
    assertEquals(Optional.of(Reason.NONCE_MISMATCH), c.handleCallback("code=code-1&state="
        + req.state(), req).reason());
    idTokenNonce.set(null);
    server.close();
    VerificationResult<SsoClient.Login> down = c.handleCallback("code=code-1&state="
        + req.state(), req);
    assertEquals(Indication.INDETERMINATE, down.indication());
    assertEquals(Optional.of(Reason.KEY_SOURCE_UNAVAILABLE), down.reason());
  }
}
