package org.tongban.identity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tongban.http.HttpLimits;
import org.tongban.http.HttpRequest;
import org.tongban.http.HttpResponse;
import org.tongban.http.HttpTransport;
import org.tongban.http.HttpTransportException;
import org.tongban.http.HttpTransports;
import org.tongban.internal.http.Forms;
import org.tongban.internal.jose.Base64Url;
import org.tongban.result.CheckId;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/**
 * The department's side of the login (OIDC authorization code flow with PKCE): builds the
 * authorization request (PKCE S256, {@code state}, {@code nonce}, optional {@code acr_values}),
 * handles the callback (state compared in constant time, code exchanged at the token endpoint
 * with the configured {@link ClientAuthentication}, the ID token verified with the login's
 * nonce), reads userinfo, refreshes, and builds the RP-initiated logout URL.
 *
 * <p>Reasons: {@link Reason#STATE_MISMATCH}, {@link Reason#AUTHORIZATION_FAILED} (an
 * {@code error} callback or token-endpoint answer), {@link Reason#KEY_SOURCE_UNAVAILABLE}
 * (platform unreachable, INDETERMINATE), and every reason of {@link TokenVerifier}.
 *
 * <p>Immutable and thread-safe; the per-login values live in {@link AuthorizationRequest},
 * which the application keeps in the user's server-side session until the callback.
 *
 * @since 0.1
 */
public final class SsoClient {
  /** The callback's state. */
  public static final CheckId STATE = CheckId.of("sso.state");
  /** The code exchange. */
  public static final CheckId EXCHANGE = CheckId.of("sso.code-exchange");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long MAX_TOKEN_RESPONSE = 64 * 1024;

  private final ProviderMetadata provider;
  private final String clientId;
  private final URI redirectUri;
  private final TokenVerifier verifier;
  private final ClientAuthentication authentication;
  private final List<String> scopes;
  private final List<String> acrValues;
  private final HttpTransport transport;
  private final Clock clock;

  private SsoClient(Builder b) {
    this.provider = b.provider;
    this.clientId = b.clientId;
    this.redirectUri = b.redirectUri;
    this.verifier = b.verifier;
    this.authentication = b.authentication;
    this.scopes = List.copyOf(b.scopes);
    this.acrValues = List.copyOf(b.acrValues);
    this.transport = b.transport;
    this.clock = b.clock;
  }

  /**
   * Starts a builder.
   *
   * @param provider the platform's endpoints
   * @param clientId this department's client id
   * @param redirectUri the callback URL registered at the platform
   * @param verifier the token verifier for this platform and client
   * @param authentication how to authenticate at the token endpoint
   * @return a builder
   */
  public static Builder builder(ProviderMetadata provider, String clientId, URI redirectUri,
      TokenVerifier verifier, ClientAuthentication authentication) {
    return new Builder(provider, clientId, redirectUri, verifier, authentication);
  }

  /**
   * What one login sent, kept server-side until its callback.
   *
   * @param uri where to send the browser
   * @param state the CSRF token the callback must return
   * @param nonce the value the ID token must carry
   * @param codeVerifier the PKCE secret for the code exchange
   */
  public record AuthorizationRequest(URI uri, String state, String nonce, String codeVerifier) {
    @Override
    public String toString() {
      return "AuthorizationRequest[" + uri + "]"; // the secrets stay out of logs
    }
  }

  /**
   * The tokens of a completed login.
   *
   * @param idToken the verified ID token
   * @param accessToken the access token, as received
   * @param refreshToken the refresh token, if any
   * @param idTokenText the ID token text (for {@code id_token_hint} at logout)
   */
  public record Login(VerifiedToken idToken, String accessToken, Optional<String> refreshToken,
      String idTokenText) {
    @Override
    public String toString() {
      return "Login[" + idToken + "]";
    }
  }

  /**
   * Builds a new authorization request with fresh state, nonce and PKCE verifier.
   *
   * @return the request
   */
  public AuthorizationRequest authorizationRequest() {
    String state = random(24);
    String nonce = random(24);
    String verifierValue = random(32);
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", clientId);
    q.put("redirect_uri", redirectUri.toString());
    q.put("scope", String.join(" ", scopes));
    q.put("state", state);
    q.put("nonce", nonce);
    q.put("code_challenge", Base64Url.encode(sha256(verifierValue)));
    q.put("code_challenge_method", "S256");
    if (!acrValues.isEmpty()) {
      q.put("acr_values", String.join(" ", acrValues));
    }
    verifier.maxAuthenticationAge().ifPresent(a -> q.put("max_age",
        String.valueOf(a.toSeconds())));
    String base = provider.authorizationEndpoint().toString();
    return new AuthorizationRequest(URI.create(base + (base.contains("?") ? "&" : "?")
        + Forms.encode(q)), state, nonce, verifierValue);
  }

  /**
   * Completes a login from the callback's query parameters.
   *
   * @param query the callback's query string ({@code code}, {@code state}, or {@code error})
   * @param pending the request this login sent
   * @return PASSED with the login, or the reason
   */
  public VerificationResult<Login> handleCallback(String query, AuthorizationRequest pending) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(pending, "pending");
    VerificationResult.Builder<Login> r = VerificationResult.builder(clock.instant());
    Map<String, String> p = Forms.decode(query);
    String state = p.getOrDefault("state", "");
    if (!MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
        pending.state().getBytes(StandardCharsets.UTF_8))) {
      return r.fail(STATE, Reason.STATE_MISMATCH, "the callback's state is not this login's")
          .buildFailed();
    }
    r.ok(STATE, "this login's state");
    if (p.containsKey("error") || !p.containsKey("code")) {
      return r.fail(EXCHANGE, Reason.AUTHORIZATION_FAILED, "the platform answered "
          + p.getOrDefault("error", "without a code")).buildFailed();
    }
    Map<String, String> f = new LinkedHashMap<>();
    f.put("grant_type", "authorization_code");
    f.put("code", p.get("code"));
    f.put("redirect_uri", redirectUri.toString());
    f.put("code_verifier", pending.codeVerifier());
    return tokens(r, f, Optional.of(pending.nonce()), Optional.empty());
  }

  /**
   * Uses a refresh token. The new ID token, when the platform sends one, is verified (without a
   * nonce); when it sends none the previous one is kept.
   *
   * @param login the current login
   * @return PASSED with the refreshed login, or the reason
   */
  public VerificationResult<Login> refresh(Login login) {
    VerificationResult.Builder<Login> r = VerificationResult.builder(clock.instant());
    if (login.refreshToken().isEmpty()) {
      return r.fail(EXCHANGE, Reason.AUTHORIZATION_FAILED, "no refresh token").buildFailed();
    }
    Map<String, String> f = new LinkedHashMap<>();
    f.put("grant_type", "refresh_token");
    f.put("refresh_token", login.refreshToken().get());
    return tokens(r, f, Optional.empty(), Optional.of(login));
  }

  /**
   * Reads userinfo with an access token. The {@code sub} must be the ID token's.
   *
   * @param login the login
   * @return the claims, or the reason
   */
  public VerificationResult<Map<String, Object>> userinfo(Login login) {
    VerificationResult.Builder<Map<String, Object>> r = VerificationResult.builder(
        clock.instant());
    CheckId id = CheckId.of("sso.userinfo");
    if (provider.userinfoEndpoint().isEmpty()) {
      return r.fail(id, Reason.AUTHORIZATION_FAILED, "the platform has no userinfo endpoint")
          .buildFailed();
    }
    Map<String, Object> claims;
    try {
      HttpResponse resp = transport.send(HttpRequest.get(provider.userinfoEndpoint().get())
          .withHeader("Authorization", "Bearer " + login.accessToken()),
          HttpLimits.defaults().withMaxBodyBytes(MAX_TOKEN_RESPONSE));
      if (!resp.isSuccessful()) {
        return r.fail(id, Reason.AUTHORIZATION_FAILED, "userinfo answered " + resp.status())
            .buildFailed();
      }
      claims = json(resp.body());
    } catch (HttpTransportException e) {
      return r.fail(id, Reason.KEY_SOURCE_UNAVAILABLE, e.getMessage()).buildFailed();
    } catch (ParseException e) {
      return r.fail(id, Reason.FORMAT_FAILURE, "userinfo is not JSON").buildFailed();
    }
    if (!login.idToken().subject().equals(Optional.ofNullable(claims.get("sub")))) {
      return r.fail(id, Reason.AUTHORIZATION_FAILED, "userinfo sub is not the ID token's")
          .buildFailed();
    }
    r.ok(id, "sub matches");
    return r.build(Map.copyOf(claims));
  }

  /**
   * Builds the RP-initiated logout URL (OIDC RP-Initiated Logout 1.0).
   *
   * @param login the login to end
   * @param postLogoutRedirect where the platform sends the browser afterwards
   * @return the URL, or empty if the platform has no end-session endpoint
   */
  public Optional<URI> logoutUrl(Login login, URI postLogoutRedirect) {
    return logoutUrl(login.idTokenText(), postLogoutRedirect);
  }

  /**
   * Builds the RP-initiated logout URL from the ID token kept with a session.
   *
   * @param idTokenHint the ID token text of the login to end
   * @param postLogoutRedirect where the platform sends the browser afterwards
   * @return the URL, or empty if the platform has no end-session endpoint
   */
  public Optional<URI> logoutUrl(String idTokenHint, URI postLogoutRedirect) {
    Objects.requireNonNull(idTokenHint, "idTokenHint");
    return provider.endSessionEndpoint().map(e -> {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("id_token_hint", idTokenHint);
      q.put("client_id", clientId);
      q.put("post_logout_redirect_uri", postLogoutRedirect.toString());
      String base = e.toString();
      return URI.create(base + (base.contains("?") ? "&" : "?") + Forms.encode(q));
    });
  }

  private VerificationResult<Login> tokens(VerificationResult.Builder<Login> r,
      Map<String, String> f, Optional<String> nonce, Optional<Login> previous) {
    Map<String, String> headers = new LinkedHashMap<>();
    authentication.apply(clientId, provider.tokenEndpoint(), f, headers);
    HttpRequest req = HttpRequest.post(provider.tokenEndpoint(),
        "application/x-www-form-urlencoded", Forms.encode(f).getBytes(StandardCharsets.US_ASCII))
        .withHeader("Accept", "application/json");
    for (Map.Entry<String, String> h : headers.entrySet()) {
      req = req.withHeader(h.getKey(), h.getValue());
    }
    Map<String, Object> body;
    try {
      HttpResponse resp = transport.send(req,
          HttpLimits.defaults().withMaxBodyBytes(MAX_TOKEN_RESPONSE));
      if (!resp.isSuccessful()) {
        String error;
        try {
          error = String.valueOf(json(resp.body()).getOrDefault("error", ""));
        } catch (ParseException e) {
          error = "";
        }
        return r.fail(EXCHANGE, Reason.AUTHORIZATION_FAILED, "the token endpoint answered "
            + resp.status() + " " + error).buildFailed();
      }
      body = json(resp.body());
    } catch (HttpTransportException e) {
      return r.fail(EXCHANGE, Reason.KEY_SOURCE_UNAVAILABLE, e.getMessage()).buildFailed();
    } catch (ParseException e) {
      return r.fail(EXCHANGE, Reason.FORMAT_FAILURE, "the token response is not JSON")
          .buildFailed();
    }
    if (!(body.get("access_token") instanceof String access)
        || !"bearer".equalsIgnoreCase(String.valueOf(body.get("token_type")))) {
      return r.fail(EXCHANGE, Reason.AUTHORIZATION_FAILED, "no bearer access token")
          .buildFailed();
    }
    r.ok(EXCHANGE, "tokens from " + provider.tokenEndpoint().getHost());
    Optional<String> refresh = body.get("refresh_token") instanceof String s ? Optional.of(s)
        : previous.flatMap(Login::refreshToken);
    if (!(body.get("id_token") instanceof String idText)) {
      if (previous.isPresent()) {
        Login p = previous.get();
        return r.build(new Login(p.idToken(), access, refresh, p.idTokenText()));
      }
      return r.fail(EXCHANGE, Reason.AUTHORIZATION_FAILED, "no ID token (scope openid?)")
          .buildFailed();
    }
    VerificationResult<VerifiedToken> id = nonce.isPresent()
        ? verifier.verifyIdToken(idText, nonce.get()) : verifier.verifyIdToken(idText);
    r.addAll(id);
    if (!id.isValid()) {
      return r.buildFailed();
    }
    if (previous.isPresent() && !previous.get().idToken().subject().equals(
        id.orElseThrow().subject())) {
      return r.fail(EXCHANGE, Reason.AUTHORIZATION_FAILED, "the refreshed ID token names "
          + "another subject").buildFailed();
    }
    return r.build(new Login(id.orElseThrow(), access, refresh, idText));
  }

  private static Map<String, Object> json(byte[] body) throws ParseException {
    return com.nimbusds.jose.util.JSONObjectUtils.parse(new String(body,
        StandardCharsets.UTF_8));
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64Url.encode(b);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds an {@link SsoClient}. Not thread-safe. */
  public static final class Builder {
    private final ProviderMetadata provider;
    private final String clientId;
    private final URI redirectUri;
    private final TokenVerifier verifier;
    private final ClientAuthentication authentication;
    private List<String> scopes = List.of("openid");
    private List<String> acrValues = List.of();
    private HttpTransport transport;
    private Clock clock = Clock.systemUTC();

    private Builder(ProviderMetadata provider, String clientId, URI redirectUri,
        TokenVerifier verifier, ClientAuthentication authentication) {
      this.provider = Objects.requireNonNull(provider, "provider");
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      this.authentication = Objects.requireNonNull(authentication, "authentication");
    }

    /**
     * Sets the scopes; {@code openid} is always included.
     *
     * @param scopes the scopes
     * @return this builder
     */
    public Builder scopes(String... scopes) {
      List<String> s = new ArrayList<>(List.of("openid"));
      for (String x : scopes) {
        if (!s.contains(x)) {
          s.add(x);
        }
      }
      this.scopes = s;
      return this;
    }

    /**
     * Asks for authentication contexts (a minimum real-name level, as the platform names it).
     * The {@link IdentityMapper} still checks the level the token reports.
     *
     * @param values the {@code acr_values}
     * @return this builder
     */
    public Builder acrValues(String... values) {
      this.acrValues = List.of(values);
      return this;
    }

    /**
     * Sets the HTTP transport (default OkHttp).
     *
     * @param transport the transport
     * @return this builder
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
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
     * Builds the client.
     *
     * @return the client
     */
    public SsoClient build() {
      if (transport == null) {
        transport = HttpTransports.okHttp();
      }
      return new SsoClient(this);
    }
  }
}
