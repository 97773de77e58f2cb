package org.tongban.samples.identity;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.tongban.http.HttpTransports;
import org.tongban.identity.ClientAuthentication;
import org.tongban.identity.Identity;
import org.tongban.identity.IdentityMapper;
import org.tongban.identity.JwksKeySource;
import org.tongban.identity.JwsAlgorithm;
import org.tongban.identity.ProviderMetadata;
import org.tongban.identity.SsoClient;
import org.tongban.identity.TokenVerifier;
import org.tongban.identity.redis.RedisIdentityStores;
import org.tongban.identity.servlet.TongbanSsoFilter;

/**
 * A department web app protected by one sign-on: Jetty, the {@link TongbanSsoFilter} on
 * {@code /app/}, and a page that greets the logged-in person. This is all the configuration a
 * department writes — discovery, pinned algorithm, client secret, minimum real-name level.
 */
public final class DepartmentApp implements AutoCloseable {
  private final Server jetty;
  private final String url;
  private final Optional<RedisIdentityStores> shared;

  /**
   * Starts the app on a loopback port.
   *
   * @param name the department's name, shown on its page
   * @param clientId its client id at the platform
   * @param secret its client secret
   * @param issuer the platform
   * @param port the port (0 for any)
   * @throws Exception if Jetty cannot start
   */
  public DepartmentApp(String name, String clientId, String secret, String issuer, int port)
      throws Exception {
    this(name, clientId, secret, issuer, port, Optional.empty(), Optional.empty());
  }

  /**
   * Starts one node of a department app whose nodes share their identity state through Redis.
   *
   * @param name the app's display name
   * @param clientId its client id at the platform (the same on every node)
   * @param secret its client secret
   * @param issuer the platform
   * @param port the port (0 for any)
   * @param redisUri the Redis every node of the app uses
   * @param callbackBase the app's public URL, whose {@code /sso/callback} the platform sends
   *     the browser back to (a load balancer's, or another node's); this node's own when empty
   * @throws Exception if Jetty or Redis cannot start
   */
  public DepartmentApp(String name, String clientId, String secret, String issuer, int port,
      String redisUri, Optional<String> callbackBase) throws Exception {
    this(name, clientId, secret, issuer, port, Optional.of(redisUri), callbackBase);
  }

  private DepartmentApp(String name, String clientId, String secret, String issuer, int port,
      Optional<String> redisUri, Optional<String> callbackBase) throws Exception {
    jetty = new Server(new InetSocketAddress("127.0.0.1", port));
    // The filter keeps no HTTP session: the container needs none.
    ServletContextHandler ctx = new ServletContextHandler();
    jetty.setHandler(ctx);
    jetty.start();
    url = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();

    // [START sso-filter]
    ProviderMetadata platform = ProviderMetadata.discover(URI.create(issuer),
        HttpTransports.okHttp());
    // On several nodes: sessions, logins in progress and used logout tokens in one Redis.
    shared = redisUri.map(u -> RedisIdentityStores.builder(u, clientId).build());
    TokenVerifier.Builder tokens = TokenVerifier.builder(issuer, clientId,
        JwksKeySource.builder(platform.jwksUri()).build())
        .algorithms(JwsAlgorithm.SM2SM3);
    shared.ifPresent(s -> tokens.replayMemory(s.replayMemory()));
    TokenVerifier verifier = tokens.build();
    SsoClient login = SsoClient.builder(platform, clientId,
        URI.create(callbackBase.orElse(url) + "/sso/callback"), verifier,
        ClientAuthentication.clientSecretBasic(secret)).build();
    TongbanSsoFilter.Builder filter = TongbanSsoFilter.builder(login, verifier,
        IdentityMapper.builder().acrLevel("urn:tongban:loa:2", 2)
            .acrLevel("urn:tongban:loa:3", 3).minimumLevel(2).build())
        .protect("/app/")
        .afterLogout(URI.create(url + "/"))
        // Browsers keep cookies per host, not per port: apps sharing 127.0.0.1 need their own
        // session cookie names (on real hosts the default would do).
        .cookieName("tongban_" + clientId.replaceAll("[^A-Za-z0-9]", "_"));
    shared.ifPresent(s -> filter.sessions(s.sessions()).pendingLogins(s.pendingLogins()));
    // [END sso-filter]

    ctx.addFilter(new FilterHolder(filter.build()), "/*", EnumSet.of(DispatcherType.REQUEST));
    ctx.addServlet(new ServletHolder(new HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp)
          throws IOException {
        Identity id = (Identity) req.getAttribute(TongbanSsoFilter.IDENTITY);
        resp.setContentType("text/html; charset=UTF-8");
        resp.getWriter().print("<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\">"
            + "<title>" + name + "</title></head><body><h1>" + name + "</h1><p id=\"who\">"
            + (id == null ? "未登录 (not logged in) <a href=\"/app/\">登录</a>"
                : "您好，" + id.name() + "（实名等级 " + id.assuranceLevel() + "）"
                    + " <a id=\"logout\" href=\"/sso/logout\">退出</a>")
            + "</p></body></html>");
      }
    }), "/*");
  }

  /**
   * Returns the app's base URL.
   *
   * @return http://127.0.0.1:port
   */
  public String url() {
    return url;
  }

  @Override
  public void close() throws IOException {
    shared.ifPresent(RedisIdentityStores::close);
    try {
      jetty.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IOException("cannot stop the app", e);
    }
  }

  /**
   * Runs one department app on loopback until Ctrl-C, signing people in through the platform:
   * {@code java -cp samples/target/tongban.jar org.tongban.samples.identity.DepartmentApp
   * http://127.0.0.1:8080 dept-a secret-a 8081} (the platform must know the client, as
   * {@link SamplePlatform#main} registers it).
   *
   * @param args the platform's issuer URL, the client id, its secret, the port
   * @throws Exception if it cannot start
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 4 || !args[3].matches("\\d{1,5}")) {
      System.err.println("usage: DepartmentApp ISSUER CLIENT_ID SECRET PORT   (e.g. "
          + "http://127.0.0.1:8080 dept-a secret-a 8081)");
      System.exit(2);
    }
    DepartmentApp app = new DepartmentApp("某某市市场监督管理局 (" + args[1] + ")", args[1],
        args[2], args[0], Integer.parseInt(args[3]));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        app.close();
      } catch (IOException e) {
        // stopping anyway
      }
    }));
    System.out.println("department app " + args[1] + " " + app.url() + "/app/ running until "
        + "Ctrl-C; its pages under /app/ need a sign-on at " + args[0]);
  }
}
