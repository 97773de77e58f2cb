package org.tongban.identity.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.tongban.identity.BackChannelLogout;
import org.tongban.identity.Identity;
import org.tongban.identity.IdentityMapper;
import org.tongban.identity.PendingLogins;
import org.tongban.identity.SessionRegistry;
import org.tongban.identity.SsoClient;
import org.tongban.identity.StateUnavailableException;
import org.tongban.identity.TokenVerifier;
import org.tongban.result.VerificationResult;

/**
 * One sign-on for a department web app, from a few lines of configuration:
 *
 * <pre>{@code
 * TongbanSsoFilter filter = TongbanSsoFilter.builder(ssoClient, verifier, identityMapper)
 *     .protect("/app/")
 *     .build();
 * }</pre>
 *
 * <ul>
 *   <li>A protected path without a live login sends the browser to the platform: a fresh
 *       authorization request kept in the {@link PendingLogins} under its {@code state}, bound
 *       to this browser by a short-lived login cookie holding that state and the path to
 *       return to.
 *   <li>{@code /sso/callback} takes the pending login its {@code state} names (once, and only
 *       from the browser that began it), completes it ({@link SsoClient#handleCallback}), maps
 *       the identity ({@link IdentityMapper}: minimum real-name level included), and starts a
 *       session: a new random session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) whose
 *       SHA-256 is the session's id in the {@link SessionRegistry}; a failed login answers 401
 *       with the reason.
 *   <li>{@code /sso/backchannel-logout} is the platform's back-channel logout endpoint
 *       ({@link BackChannelLogout}): the sessions it names end, in this app and — through the
 *       platform — in every other.
 *   <li>{@code /sso/logout} ends the local session and sends the browser to the platform's
 *       end-session endpoint, which logs the person out everywhere.
 *   <li>Requests on protected paths carry the {@link Identity} in the request attribute
 *       {@link #IDENTITY}.
 * </ul>
 *
 * <p>The filter keeps nothing in the container's HTTP session: with a shared registry and
 * shared pending logins ({@code org.tongban.identity.redis}) every node recognises every
 * session, a login begun on one node completes on another, and a back-channel logout delivered
 * to any node ends the session everywhere. When that state cannot be reached
 * ({@link StateUnavailableException}), a protected request is refused with 503 and the reason
 * (fail closed) unless the builder says {@link WhenStateUnavailable#LOGIN_AGAIN}.
 *
 * <p>Immutable after building and thread-safe.
 *
 * @since 0.1
 */
public final class TongbanSsoFilter implements Filter {
  /** The request attribute holding the logged-in {@link Identity}. */
  public static final String IDENTITY = "org.tongban.identity";
  /** The default name of the session cookie; the login cookie adds {@code _login}. */
  public static final String DEFAULT_COOKIE = "tongban_session";
  /** How long a login may take, from the redirect to the callback: 10 minutes. */
  public static final Duration LOGIN_TIMEOUT = Duration.ofMinutes(10);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a protected request gets when the session state cannot be reached. */
  public enum WhenStateUnavailable {
    /** 503 with the reason: nobody is let in unchecked (the default). */
    REFUSE,
    /** Treated as not logged in: the browser is sent to log in again. */
    LOGIN_AGAIN
  }

  private final SsoClient client;
  private final IdentityMapper mapper;
  private final SessionRegistry sessions;
  private final PendingLogins pending;
  private final WhenStateUnavailable whenUnavailable;
  private final String cookie;
  private final BackChannelLogout backChannel;
  private final List<String> protectedPrefixes;
  private final String callbackPath;
  private final String logoutPath;
  private final String backChannelPath;
  private final URI afterLogout;
  private final Clock clock;

  private TongbanSsoFilter(Builder b) {
    this.client = b.client;
    this.mapper = b.mapper;
    this.sessions = b.sessions;
    this.pending = b.pending;
    this.whenUnavailable = b.whenUnavailable;
    this.cookie = b.cookie;
    this.backChannel = new BackChannelLogout(b.verifier, b.sessions);
    this.protectedPrefixes = List.copyOf(b.protectedPrefixes);
    this.callbackPath = b.callbackPath;
    this.logoutPath = b.logoutPath;
    this.backChannelPath = b.backChannelPath;
    this.afterLogout = b.afterLogout;
    this.clock = b.clock;
  }

  /**
   * Starts a builder.
   *
   * @param client the login flow
   * @param verifier the platform's token verifier (for logout tokens)
   * @param mapper how claims become an identity
   * @return a builder
   */
  public static Builder builder(SsoClient client, TokenVerifier verifier, IdentityMapper mapper) {
    return new Builder(client, verifier, mapper);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) resp;
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals(backChannelPath) && "POST".equals(request.getMethod())) {
      backChannelLogout(request, response);
    } else if (path.equals(callbackPath)) {
      callback(request, response);
    } else if (path.equals(logoutPath)) {
      logout(request, response);
    } else if (isProtected(path)) {
      Optional<Identity> id;
      try {
        id = current(request).map(SessionRegistry.Session::identity);
      } catch (StateUnavailableException e) {
        if (whenUnavailable == WhenStateUnavailable.REFUSE) {
          plain(response, 503, "session state unavailable: " + e.reason().name());
          return;
        }
        id = Optional.empty();
      }
      if (id.isPresent()) {
        request.setAttribute(IDENTITY, id.get());
        chain.doFilter(request, response);
      } else {
        login(request, response);
      }
    } else {
      chain.doFilter(request, response);
    }
  }

  private boolean isProtected(String path) {
    return protectedPrefixes.stream().anyMatch(path::startsWith);
  }

  /** The live session the request's session cookie names, if any. */
  private Optional<SessionRegistry.Session> current(HttpServletRequest request) {
    return cookieValue(request, cookie).flatMap(v -> sessions.find(localId(v)));
  }

  private void login(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    SsoClient.AuthorizationRequest login = client.authorizationRequest();
    try {
      pending.put(login, clock.instant().plus(LOGIN_TIMEOUT));
    } catch (StateUnavailableException e) {
      plain(response, 503, "session state unavailable: " + e.reason().name());
      return;
    }
    String query = request.getQueryString();
    String returnTo = request.getRequestURI() + (query == null ? "" : "?" + query);
    // Binds the login to this browser: the callback must come with the state it began.
    addCookie(request, response, cookie + "_login", login.state() + "." + Base64.getUrlEncoder()
        .withoutPadding().encodeToString(returnTo.getBytes(StandardCharsets.UTF_8)),
        (int) LOGIN_TIMEOUT.toSeconds());
    response.sendRedirect(login.uri().toString());
  }

  private void callback(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String query = Optional.ofNullable(request.getQueryString()).orElse("");
    String state = query(query, "state");
    Optional<String> bound = cookieValue(request, cookie + "_login");
    clearCookie(request, response, cookie + "_login");
    int dot = bound.map(v -> v.indexOf('.')).orElse(-1);
    if (state.isEmpty() || dot < 0 || !MessageDigest.isEqual(state.getBytes(
        StandardCharsets.UTF_8), bound.get().substring(0, dot).getBytes(
            StandardCharsets.UTF_8))) {
      plain(response, 400, "no login in progress in this browser");
      return;
    }
    Optional<SsoClient.AuthorizationRequest> p;
    try {
      p = pending.take(state);
    } catch (StateUnavailableException e) {
      plain(response, 503, "session state unavailable: " + e.reason().name());
      return;
    }
    if (p.isEmpty()) {
      plain(response, 400, "no login in progress for this state (expired or already used)");
      return;
    }
    VerificationResult<SsoClient.Login> login = client.handleCallback(query, p.get());
    if (!login.isValid()) {
      plain(response, 401, "login failed: " + login.reason().map(Enum::name).orElse("-"));
      return;
    }
    VerificationResult<Identity> identity = mapper.map(login.orElseThrow().idToken());
    if (!identity.isValid()) {
      plain(response, 403, "login refused: " + identity.reason().map(Enum::name).orElse("-"));
      return;
    }
    String returnTo;
    try {
      returnTo = new String(Base64.getUrlDecoder().decode(bound.get().substring(dot + 1)),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      returnTo = "";
    }
    // A new random session id at every login: no fixation.
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    try {
      sessions.register(new SessionRegistry.Session(localId(value),
          login.orElseThrow().idToken().issuer(), identity.orElseThrow(), clock.instant(),
          Optional.of(login.orElseThrow().idTokenText())));
    } catch (StateUnavailableException e) {
      plain(response, 503, "session state unavailable: " + e.reason().name());
      return;
    }
    addCookie(request, response, cookie, value, -1);
    response.sendRedirect(returnTo.startsWith("/") && !returnTo.startsWith("//")
        && !returnTo.contains("\\") ? returnTo : request.getContextPath() + "/");
  }

  private void logout(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<URI> platformLogout = Optional.empty();
    Optional<String> value = cookieValue(request, cookie);
    if (value.isPresent()) {
      try {
        Optional<SessionRegistry.Session> s = sessions.find(localId(value.get()));
        platformLogout = s.flatMap(SessionRegistry.Session::idTokenHint)
            .flatMap(hint -> client.logoutUrl(hint, afterLogout));
        sessions.end(localId(value.get()));
      } catch (StateUnavailableException e) {
        // The platform's logout still ends the person's sessions through the back channel.
      }
      clearCookie(request, response, cookie);
    }
    response.sendRedirect(platformLogout.orElse(afterLogout).toString());
  }

  /** The registry's id for a session cookie value: its SHA-256, so stores hold no bearer. */
  private static String localId(String cookieValue) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance(
          "SHA-256").digest(cookieValue.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static Optional<String> cookieValue(HttpServletRequest request, String name) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    Optional<String> found = Optional.empty();
    for (Cookie c : cookies) {
      if (c.getName().equals(name)) {
        if (found.isPresent()) {
          return Optional.empty(); // two cookies of one name: neither is trusted
        }
        found = Optional.of(c.getValue());
      }
    }
    return found.filter(v -> v.length() <= 512);
  }

  private static void addCookie(HttpServletRequest request, HttpServletResponse response,
      String name, String value, int maxAge) {
    String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
    response.addHeader("Set-Cookie", name + "=" + value + "; Path=" + path
        + (maxAge >= 0 ? "; Max-Age=" + maxAge : "") + "; HttpOnly; SameSite=Lax"
        + (request.isSecure() ? "; Secure" : ""));
  }

  private static void clearCookie(HttpServletRequest request, HttpServletResponse response,
      String name) {
    addCookie(request, response, name, "", 0);
  }

  /** One query parameter's decoded value, or empty. */
  private static String query(String query, String name) {
    for (String part : query.split("&")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).equals(name)) {
        return java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private void backChannelLogout(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String body = new String(request.getInputStream().readNBytes(32 * 1024),
        StandardCharsets.US_ASCII);
    BackChannelLogout.Response r = backChannel.handle(body);
    response.setStatus(r.status());
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/json");
    response.getOutputStream().write(r.body().getBytes(StandardCharsets.UTF_8));
  }

  private static void plain(HttpServletResponse response, int status, String text)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain; charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Builds a {@link TongbanSsoFilter}. Not thread-safe. */
  public static final class Builder {
    private final SsoClient client;
    private final TokenVerifier verifier;
    private final IdentityMapper mapper;
    private SessionRegistry sessions = new org.tongban.identity.InMemorySessionRegistry(10_000);
    private PendingLogins pending;
    private WhenStateUnavailable whenUnavailable = WhenStateUnavailable.REFUSE;
    private String cookie = DEFAULT_COOKIE;
    private final List<String> protectedPrefixes = new ArrayList<>();
    private String callbackPath = "/sso/callback";
    private String logoutPath = "/sso/logout";
    private String backChannelPath = "/sso/backchannel-logout";
    private URI afterLogout = URI.create("/");
    private Clock clock = Clock.systemUTC();

    private Builder(SsoClient client, TokenVerifier verifier, IdentityMapper mapper) {
      this.client = Objects.requireNonNull(client, "client");
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Requires a login for paths starting with this prefix (inside the context path).
     *
     * @param prefix for example {@code /app/}
     * @return this builder
     */
    public Builder protect(String prefix) {
      if (!prefix.startsWith("/")) {
        throw new IllegalArgumentException("paths start with /");
      }
      protectedPrefixes.add(prefix);
      return this;
    }

    /**
     * Sets the session registry (default in memory, 10 000 sessions).
     *
     * @param sessions the registry
     * @return this builder
     */
    public Builder sessions(SessionRegistry sessions) {
      this.sessions = Objects.requireNonNull(sessions, "sessions");
      return this;
    }

    /**
     * Sets where logins begun and not yet completed are kept (default in memory, this JVM).
     *
     * @param pending the store; share one between nodes so a login can finish on any
     * @return this builder
     */
    public Builder pendingLogins(PendingLogins pending) {
      this.pending = Objects.requireNonNull(pending, "pending");
      return this;
    }

    /**
     * Sets what a protected request gets when the session state cannot be reached.
     *
     * @param when {@link WhenStateUnavailable#REFUSE} (503) by default
     * @return this builder
     */
    public Builder whenStateUnavailable(WhenStateUnavailable when) {
      this.whenUnavailable = Objects.requireNonNull(when, "when");
      return this;
    }

    /**
     * Sets the session cookie's name: apps on one host name (ports do not separate cookies)
     * need one each.
     *
     * @param name letters, digits and {@code _}; {@link #DEFAULT_COOKIE} by default
     * @return this builder
     */
    public Builder cookieName(String name) {
      if (!name.matches("[A-Za-z0-9_]{1,64}")) {
        throw new IllegalArgumentException("a cookie name is 1-64 letters, digits or _");
      }
      this.cookie = name;
      return this;
    }

    /**
     * Sets the three paths the filter answers itself.
     *
     * @param callback the login callback (the registered redirect URI's path)
     * @param logout local and platform logout
     * @param backChannelLogout the platform's back-channel logout endpoint
     * @return this builder
     */
    public Builder paths(String callback, String logout, String backChannelLogout) {
      this.callbackPath = Objects.requireNonNull(callback);
      this.logoutPath = Objects.requireNonNull(logout);
      this.backChannelPath = Objects.requireNonNull(backChannelLogout);
      return this;
    }

    /**
     * Sets where the browser lands after logout (default {@code /}).
     *
     * @param uri the URL
     * @return this builder
     */
    public Builder afterLogout(URI uri) {
      this.afterLogout = Objects.requireNonNull(uri);
      return this;
    }

    /**
     * Sets the clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return the filter
     */
    public TongbanSsoFilter build() {
      if (protectedPrefixes.isEmpty()) {
        throw new IllegalStateException("protect at least one path");
      }
      if (pending == null) {
        pending = PendingLogins.inMemory();
      }
      return new TongbanSsoFilter(this);
    }
  }

  @Override
  public String toString() {
    return "TongbanSsoFilter" + protectedPrefixes + " " + callbackPath.toLowerCase(Locale.ROOT);
  }
}
