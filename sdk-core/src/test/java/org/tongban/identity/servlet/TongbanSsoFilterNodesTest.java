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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
import org.tongban.identity.redis.RedisIdentityStores;
import org.tongban.testing.RedisServer;

/**
 * One department app on two Jetty nodes sharing one real Redis, with no sticky sessions: a login
 * begun on node A completes on node B, the person is recognised on both, a back-channel logout
 * delivered to B ends the session on A, the token replayed to A is refused, and with Redis down
 * protected requests get 503 (nothing let in unchecked) until Redis is back — no restart.
 */
class TongbanSsoFilterNodesTest {
  private TestPlatformAccess platform;
  private RedisServer redis;
  private final List<Server> nodes = new ArrayList<>();
  private final List<RedisIdentityStores> stores = new ArrayList<>();
  private final List<String> urls = new ArrayList<>();
  // Cookies are per host, not per port: the two nodes on 127.0.0.1 share them, as two nodes
  // behind one load balancer do.
  private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() throws Exception {
    platform = TestPlatformAccess.start();
    redis = RedisServer.start();
    for (int i = 0; i < 2; i++) {
      RedisIdentityStores shared = RedisIdentityStores.builder(redis.uri(), "dept-a")
          .timeout(Duration.ofMillis(300)).build();
      stores.add(shared);
      TokenVerifier verifier = platform.verifier("dept-a", shared.replayMemory());
      Server jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
      ServletContextHandler ctx = new ServletContextHandler();
      jetty.setHandler(ctx);
      jetty.start();
      String url = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0])
          .getLocalPort();
      SsoClient client = SsoClient.builder(platform.metadata(), "dept-a",
          URI.create("https://dept-a.example/sso/callback"), verifier,
          ClientAuthentication.clientSecretBasic("s3cret")).build();
      TongbanSsoFilter filter = TongbanSsoFilter.builder(client, verifier,
          IdentityMapper.builder().acrLevel("loa2", 2).build()).protect("/app/")
          .sessions(shared.sessions()).pendingLogins(shared.pendingLogins()).build();
      ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
      ctx.addServlet(new ServletHolder(new HttpServlet() {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
          Identity id = (Identity) req.getAttribute(TongbanSsoFilter.IDENTITY);
          resp.setContentType("text/plain; charset=UTF-8");
          resp.getWriter().print(id == null ? "public" : "hello " + id.name());
        }
      }), "/*");
      nodes.add(jetty);
      urls.add(url);
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (Server s : nodes) {
      s.stop();
    }
    stores.forEach(RedisIdentityStores::close);
    redis.close();
    platform.close();
  }

  private HttpResponse<String> get(String url) throws Exception {
    return browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> backChannel(String node, String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node
        + "/sso/backchannel-logout")).header("Content-Type",
            "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                "logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Begins a login on one node and completes it on the other. */
  private void loginAcross(String begin, String complete) throws Exception {
    HttpResponse<String> toPlatform = get(begin + "/app/page");
    assertEquals(302, toPlatform.statusCode(), toPlatform.body());
    URI auth = URI.create(toPlatform.headers().firstValue("Location").orElseThrow());
    platform.expect(auth);
    String state = TestPlatformAccess.query(auth).get("state");
    HttpResponse<String> back = get(complete + "/sso/callback?code=code-1&state="
        + URLEncoder.encode(state, StandardCharsets.UTF_8));
    assertEquals(302, back.statusCode(), back.body());
    assertEquals("/app/page", back.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void oneLoginAcrossTwoNodes_logoutAndReplayAcrossThem_andRedisDown() throws Exception {
    String a = urls.get(0);
    String b = urls.get(1);
    platform.claims(Map.of("name", "张三", "acr", "loa2"));
    loginAcross(a, b);
    assertEquals("hello 张三", get(b + "/app/page").body());
    assertEquals("hello 张三", get(a + "/app/page").body(), "recognised on the other node");

    String token = platform.logoutToken("dept-a", "s-1");
    assertEquals(200, backChannel(b, token).statusCode());
    assertEquals(302, get(a + "/app/page").statusCode(), "ended on node A too");
    assertEquals(400, backChannel(a, token).statusCode(), "the token replayed to node A");

    loginAcross(b, a);
    assertEquals("hello 张三", get(b + "/app/page").body());
    redis.stop();
    long start = System.nanoTime();
    HttpResponse<String> down = get(a + "/app/page");
    assertEquals(503, down.statusCode(), down.body());
    assertTrue(down.body().contains("STATE_UNAVAILABLE"), down.body());
    assertEquals(503, backChannel(b, platform.logoutToken("dept-a", "s-1")).statusCode());
    assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "bounded, not hanging");
    redis.up(); // an empty Redis: the sessions are gone, nothing hangs, no restart needed
    Instant deadline = Instant.now().plusSeconds(15);
    int status = 503;
    while (status == 503 && Instant.now().isBefore(deadline)) {
      status = get(a + "/app/page").statusCode();
      Thread.sleep(status == 503 ? 100 : 0);
    }
    assertEquals(302, status, "back to logging in once Redis answers again");
  }
}
