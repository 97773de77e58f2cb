package org.tongban.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
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
 * The login flow against a platform on loopback ({@link TestPlatform}: token and userinfo
 * endpoints that check PKCE and client authentication the way a platform does).
 */
class SsoClientTest {
  private static final KeyPair CLIENT_KEY = KeyPairs.generate(KeyType.SM2);

  private TestPlatform platform;
  private final AtomicReference<String> expectedAuth = new AtomicReference<>("basic");

  private boolean clientAuthenticated(RecordedRequest r, Map<String, String> f) {
    switch (expectedAuth.get()) {
      case "basic":
        return TestPlatform.basic(r, f);
      case "post":
        return "dept-a".equals(f.get("client_id")) && "s3cret".equals(f.get("client_secret"));
      default:
        VerificationResult<VerifiedJws> v = JwsVerifier.builder(JwsAlgorithm.SM2SM3).build()
            .verify(f.get("client_assertion"), JsonWebKeys.parse(client().jwks()));
        if (!v.isValid()) {
          return false;
        }
        try {
          Map<String, Object> c = com.nimbusds.jose.util.JSONObjectUtils.parse(new String(
              v.orElseThrow().payload(), StandardCharsets.UTF_8));
          return "dept-a".equals(c.get("iss")) && "dept-a".equals(c.get("sub"))
              && platform.server.url("/token").toString().equals(c.get("aud"));
        } catch (java.text.ParseException e) {
          return false;
        }
    }
  }

  private static TokenIssuer client() {
    return TokenIssuer.builder("dept-a", SigningKeys.of(CLIENT_KEY.getPrivate(), List.of()),
        CLIENT_KEY.getPublic(),
        "c1").build();
  }

  @BeforeEach
  void start() throws Exception {
    platform = new TestPlatform(this::clientAuthenticated);
  }

  @AfterEach
  void stop() throws Exception {
    platform.close();
  }

  private SsoClient client(ClientAuthentication auth) {
    return SsoClient.builder(platform.metadata(), "dept-a",
        URI.create("https://dept-a.example/callback"), platform.verifier("dept-a"), auth)
        .scopes("profile").acrValues("urn:gov:cn:loa:2").build();
  }

  /** Reads the request's PKCE challenge and nonce the way the platform would. */
  private SsoClient.AuthorizationRequest begin(SsoClient c) {
    SsoClient.AuthorizationRequest req = c.authorizationRequest();
    Map<String, String> q = TestPlatform.form(req.uri().getRawQuery());
    assertEquals("S256", q.get("code_challenge_method"));
    assertEquals("code", q.get("response_type"));
    assertEquals("openid profile", q.get("scope"));
    assertEquals("urn:gov:cn:loa:2", q.get("acr_values"));
    assertEquals(req.state(), q.get("state"));
    assertEquals(null, q.get("max_age"), "only when the verifier requires it");
    platform.expect(req.uri());
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
    assertTrue(out.toString().startsWith(platform.issuer + "/logout?id_token_hint="),
        out.toString());
    assertTrue(!req.toString().contains(req.codeVerifier()), "secrets stay out of toString");
  }

  @Test
  void maxAge_isSentWhenTheVerifierRequiresIt() {
    TokenVerifier v = TokenVerifier.builder(platform.issuer, "dept-a", KeySource.of(
        JsonWebKeys.parse(platform.tokens.jwks()))).algorithms(JwsAlgorithm.SM2SM3)
        .maxAuthenticationAge(java.time.Duration.ofMinutes(10)).build();
    SsoClient c = SsoClient.builder(platform.metadata(), "dept-a",
        URI.create("https://dept-a.example/callback"), v,
        ClientAuthentication.clientSecretBasic("s3cret")).build();
    assertEquals("600", TestPlatform.form(c.authorizationRequest().uri().getRawQuery())
        .get("max_age"));
  }

  @Test
  void clientSecretPost_andPrivateKeyJwtWithSm2() {
    expectedAuth.set("post");
    SsoClient post = client(ClientAuthentication.clientSecretPost("s3cret"));
    SsoClient.AuthorizationRequest a = begin(post);
    assertTrue(post.handleCallback("code=code-1&state=" + a.state(), a).isValid());
    expectedAuth.set("jwt");
    SsoClient jwt = client(ClientAuthentication.privateKeyJwt(client()));
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
    platform.forcedNonce.set("someone-elses-nonce");
    assertEquals(Optional.of(Reason.NONCE_MISMATCH), c.handleCallback("code=code-1&state="
        + req.state(), req).reason());
    platform.forcedNonce.set(null);
    platform.close();
    VerificationResult<SsoClient.Login> down = c.handleCallback("code=code-1&state="
        + req.state(), req);
    assertEquals(Indication.INDETERMINATE, down.indication());
    assertEquals(Optional.of(Reason.KEY_SOURCE_UNAVAILABLE), down.reason());
  }
}
