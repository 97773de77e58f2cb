package org.tongban.identity.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.tongban.identity.BackChannelLogout;
import org.tongban.identity.Identity;
import org.tongban.identity.IdentityMapper;
import org.tongban.identity.SessionRegistry;
import org.tongban.identity.SsoClient;
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
 *   <li>A protected path without a live login sends the browser to the platform (a fresh
 *       authorization request kept in the HTTP session) and comes back to it afterwards.
 *   <li>{@code /sso/callback} completes the login ({@link SsoClient#handleCallback}), maps the
 *       identity ({@link IdentityMapper}: minimum real-name level included), changes the session
 *       id (no fixation) and registers the session; a failed login answers 401 with the reason.
 *   <li>{@code /sso/backchannel-logout} is the platform's back-channel logout endpoint
 *       ({@link BackChannelLogout}): the sessions it names end, in this app and — through the
 *       platform — in every other.
 *   <li>{@code /sso/logout} ends the local session and sends the browser to the platform's
 *       end-session endpoint, which logs the person out everywhere.
 *   <li>Requests on protected paths carry the {@link Identity} in the request attribute
 *       {@link #IDENTITY}.
 * </ul>
 *
 * <p>Immutable after building and thread-safe.
 *
 * @since 0.1
 */
public final class TongbanSsoFilter implements Filter {
  /** The request attribute holding the logged-in {@link Identity}. */
  public static final String IDENTITY = "org.tongban.identity";
  private static final String PENDING = "org.tongban.sso.pending";
  private static final String RETURN_TO = "org.tongban.sso.return-to";
  private static final String LOGIN = "org.tongban.sso.login";

  private final SsoClient client;
  private final IdentityMapper mapper;
  private final SessionRegistry sessions;
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
      Optional<Identity> id = current(request);
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

  /** The identity of a live login: in the HTTP session and still in the registry. */
  private Optional<Identity> current(HttpServletRequest request) {
    HttpSession s = request.getSession(false);
    if (s == null || !(s.getAttribute(IDENTITY) instanceof Identity id)) {
      return Optional.empty();
    }
    if (sessions.find(s.getId()).isEmpty()) {
      // Ended by a back-channel logout: forget it here too.
      s.invalidate();
      return Optional.empty();
    }
    return Optional.of(id);
  }

  private void login(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    SsoClient.AuthorizationRequest pending = client.authorizationRequest();
    HttpSession s = request.getSession(true);
    s.setAttribute(PENDING, pending);
    String query = request.getQueryString();
    s.setAttribute(RETURN_TO, request.getRequestURI() + (query == null ? "" : "?" + query));
    response.sendRedirect(pending.uri().toString());
  }

  private void callback(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    HttpSession s = request.getSession(false);
    if (s == null || !(s.getAttribute(PENDING) instanceof SsoClient.AuthorizationRequest p)) {
      plain(response, 400, "no login in progress in this browser session");
      return;
    }
    s.removeAttribute(PENDING);
    VerificationResult<SsoClient.Login> login = client.handleCallback(
        Optional.ofNullable(request.getQueryString()).orElse(""), p);
    if (!login.isValid()) {
      plain(response, 401, "login failed: " + login.reason().map(Enum::name).orElse("-"));
      return;
    }
    VerificationResult<Identity> identity = mapper.map(login.orElseThrow().idToken());
    if (!identity.isValid()) {
      plain(response, 403, "login refused: " + identity.reason().map(Enum::name).orElse("-"));
      return;
    }
    String returnTo = String.valueOf(Optional.ofNullable(s.getAttribute(RETURN_TO))
        .orElse(request.getContextPath() + "/"));
    request.changeSessionId();
    HttpSession fresh = request.getSession(false);
    fresh.removeAttribute(RETURN_TO);
    fresh.setAttribute(IDENTITY, identity.orElseThrow());
    fresh.setAttribute(LOGIN, login.orElseThrow());
    sessions.register(new SessionRegistry.Session(fresh.getId(),
        login.orElseThrow().idToken().issuer(), identity.orElseThrow(), clock.instant()));
    response.sendRedirect(returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo
        : request.getContextPath() + "/");
  }

  private void logout(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    HttpSession s = request.getSession(false);
    Optional<URI> platformLogout = Optional.empty();
    if (s != null) {
      if (s.getAttribute(LOGIN) instanceof SsoClient.Login login) {
        platformLogout = client.logoutUrl(login, afterLogout);
      }
      sessions.end(s.getId());
      s.invalidate();
    }
    response.sendRedirect(platformLogout.orElse(afterLogout).toString());
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
      return new TongbanSsoFilter(this);
    }
  }

  @Override
  public String toString() {
    return "TongbanSsoFilter" + protectedPrefixes + " " + callbackPath.toLowerCase(Locale.ROOT);
  }
}
