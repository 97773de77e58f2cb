package org.tongban.identity.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongban.identity.ClientAuthentication;
import org.tongban.identity.Identity;
import org.tongban.identity.IdentityMapper;
import org.tongban.identity.SsoClient;
import org.tongban.identity.TestPlatformAccess;
import org.tongban.identity.TokenVerifier;

/**
 * A department web app on Jetty, protected by the filter, with a platform on loopback: the
 * browser (an HTTP client with cookies, redirects followed by hand) logs in, sees its identity,
 * is logged out by the platform's back-channel call, and must log in again.
 */
class TongbanSsoFilterTest {
  private TestPlatformAccess platform;
  private Server jetty;
  private String app;
  private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() throws Exception {
    platform = TestPlatformAccess.start();
    TokenVerifier verifier = platform.verifier("dept-a");
    jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
    ServletContextHandler ctx = new ServletContextHandler(ServletContextHandler.SESSIONS);
    jetty.setHandler(ctx);
    jetty.start();
    int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    app = "http://127.0.0.1:" + port;
    SsoClient client = SsoClient.builder(platform.metadata(), "dept-a",
        URI.create(app + "/sso/callback"), verifier,
        ClientAuthentication.clientSecretBasic("s3cret")).build();
    TongbanSsoFilter filter = TongbanSsoFilter.builder(client, verifier,
        IdentityMapper.builder().acrLevel("loa2", 2).acrLevel("loa1", 1).minimumLevel(2)
            .build()).protect("/app/").build();
    ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    ctx.addServlet(new ServletHolder(new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp)
          throws IOException {
        Identity id = (Identity) req.getAttribute(TongbanSsoFilter.IDENTITY);
        resp.setContentType("text/plain; charset=UTF-8");
        resp.getWriter().print(id == null ? "public" : "hello " + id.name() + " level "
            + id.assuranceLevel());
      }
    }), "/*");
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
    platform.close();
  }

  private HttpResponse<String> get(String url) throws Exception {
    return browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Follows the app's redirect to the platform and the platform's back with a code. */
  private HttpResponse<String> loginVia(HttpResponse<String> toPlatform, String stateOverride)
      throws Exception {
    assertEquals(302, toPlatform.statusCode());
    URI auth = URI.create(toPlatform.headers().firstValue("Location").orElseThrow());
    assertTrue(auth.toString().startsWith(platform.issuer() + "/auth?"), auth.toString());
    platform.expect(auth);
    String state = Optional.ofNullable(stateOverride).orElse(
        org.tongban.identity.TestPlatformAccess.query(auth).get("state"));
    return get(app + "/sso/callback?code=code-1&state=" + URLEncoder.encode(state,
        StandardCharsets.UTF_8));
  }

  @Test
  void login_identity_backChannelLogout_andLoginAgain() throws Exception {
    platform.claims(Map.of("name", "张三", "acr", "loa2"));
    assertEquals("public", get(app + "/public").body());
    HttpResponse<String> back = loginVia(get(app + "/app/page?x=1"), null);
    assertEquals(302, back.statusCode(), back.body());
    assertEquals("/app/page?x=1", back.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> page = get(app + "/app/page?x=1");
    assertEquals(200, page.statusCode());
    assertEquals("hello 张三 level 2", page.body());

    // The platform logs the person out everywhere: its back-channel call to this app.
    String logoutToken = platform.logoutToken("dept-a", "s-1");
    HttpResponse<String> bc = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(app + "/sso/backchannel-logout")).header("Content-Type",
        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
        "logout_token=" + URLEncoder.encode(logoutToken, StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, bc.statusCode(), bc.body());
    assertEquals("no-store", bc.headers().firstValue("Cache-Control").orElseThrow());
    HttpResponse<String> again = get(app + "/app/page");
    assertEquals(302, again.statusCode(), "logged out: back to the platform");
    assertTrue(again.headers().firstValue("Location").orElseThrow()
        .startsWith(platform.issuer()));
  }

  @Test
  void aForgedState_isRefused_andTooLowALevelForbidden() throws Exception {
    platform.claims(Map.of("name", "张三", "acr", "loa2"));
    // A state this browser did not begin (login CSRF): refused before any token exchange.
    HttpResponse<String> forged = loginVia(get(app + "/app/page"), "forged");
    assertEquals(400, forged.statusCode());
    assertTrue(forged.body().contains("no login in progress in this browser"), forged.body());
    platform.claims(Map.of("name", "张三", "acr", "loa1"));
    HttpResponse<String> low = loginVia(get(app + "/app/page"), null);
    assertEquals(403, low.statusCode());
    assertTrue(low.body().contains("ASSURANCE_LEVEL_TOO_LOW"), low.body());
    assertEquals(302, get(app + "/app/page").statusCode(), "still not logged in");
  }

  @Test
  void localLogout_endsTheSession_andSendsTheBrowserToThePlatform() throws Exception {
    platform.claims(Map.of("name", "张三", "acr", "loa2"));
    loginVia(get(app + "/app/page"), null);
    assertEquals(200, get(app + "/app/page").statusCode());
    HttpResponse<String> out = get(app + "/sso/logout");
    assertEquals(302, out.statusCode());
    assertTrue(out.headers().firstValue("Location").orElseThrow().startsWith(
        platform.issuer() + "/logout?id_token_hint="));
    assertEquals(302, get(app + "/app/page").statusCode());
  }
}
