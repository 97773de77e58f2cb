package org.tongban.samples.identity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tongban.crypto.KeyType;
import org.tongban.identity.TokenIssuer;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;

/**
 * A small unified identity platform for the demo and tests, on the JDK's own HTTP server (no
 * servlet container needed for one login page and a few JSON endpoints): OIDC discovery, JWKS,
 * a username/password login page that remembers the person in a platform session cookie (that
 * is what makes the second department app skip the login), the authorization code flow with
 * PKCE, SM2-signed ID tokens ({@code SM2SM3}) carrying the person's name and real-name level,
 * and logout that tells every department app through back-channel logout.
 *
 * <p>A sample: users, clients and sessions live in memory.
 */
public final class SamplePlatform implements AutoCloseable {
  /** A person who can log in. */
  public record User(String username, String password, String name, String idNumber,
      int level) {}

  /** A department app registered at the platform. */
  public record Client(String clientId, String secret, URI redirectUri, URI backChannelLogout) {}

  private record Code(String clientId, String username, String sid, String nonce,
      String challenge) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COOKIE = "PLATFORM_SESSION";

  private final HttpServer server;
  private final String issuer;
  private final TokenIssuer tokens;
  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final Map<String, Client> clients = new ConcurrentHashMap<>();
  /** Platform session id (also the tokens' sid) → username. */
  private final Map<String, String> sessions = new ConcurrentHashMap<>();
  /** Platform session id → the clients that got tokens in it. */
  private final Map<String, java.util.Set<String>> sessionClients = new ConcurrentHashMap<>();
  private final Map<String, Code> codes = new ConcurrentHashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * Starts the platform on a free loopback port.
   *
   * @throws IOException if no port is free
   */
  public SamplePlatform() throws IOException {
    this(0);
  }

  /**
   * Starts the platform on a loopback port.
   *
   * @param port the port on 127.0.0.1, or 0 for any free one
   * @throws IOException if the port is taken
   */
  public SamplePlatform(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    KeyPair key = KeyPairs.generate(KeyType.SM2);
    tokens = TokenIssuer.builder(issuer, SigningKeys.of(key.getPrivate(), List.of()),
        key.getPublic(),
        "platform-sm2-1").build();
    server.createContext("/.well-known/openid-configuration", this::discovery);
    server.createContext("/jwks", ex -> send(ex, 200, "application/json", tokens.jwks()));
    server.createContext("/auth", this::authorize);
    server.createContext("/login", this::login);
    server.createContext("/token", this::token);
    server.createContext("/logout", this::logout);
    server.start();
  }

  /**
   * Returns the issuer identifier.
   *
   * @return the issuer URL
   */
  public String issuer() {
    return issuer;
  }

  /**
   * Adds a user.
   *
   * @param user the user
   */
  public void addUser(User user) {
    users.put(user.username(), user);
  }

  /**
   * Registers a department app.
   *
   * @param client the client
   */
  public void addClient(Client client) {
    clients.put(client.clientId(), client);
  }

  /**
   * Returns how many platform sessions are live.
   *
   * @return the count
   */
  public int liveSessions() {
    return sessions.size();
  }

  private void discovery(HttpExchange ex) throws IOException {
    send(ex, 200, "application/json", "{\"issuer\":\"" + issuer + "\","
        + "\"authorization_endpoint\":\"" + issuer + "/auth\",\"token_endpoint\":\"" + issuer
        + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\",\"end_session_endpoint\":\"" + issuer
        + "/logout\",\"id_token_signing_alg_values_supported\":[\"SM2SM3\"],"
        + "\"code_challenge_methods_supported\":[\"S256\"],"
        + "\"backchannel_logout_supported\":true}");
  }

  private void authorize(HttpExchange ex) throws IOException {
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    Client c = clients.get(q.getOrDefault("client_id", ""));
    if (c == null || !c.redirectUri().toString().equals(q.get("redirect_uri"))
        || !"S256".equals(q.get("code_challenge_method"))) {
      send(ex, 400, "text/plain; charset=UTF-8", "unknown client, redirect or PKCE method");
      return;
    }
    Optional<String> sid = cookie(ex).filter(sessions::containsKey);
    if (sid.isPresent()) {
      redirectWithCode(ex, q, sid.get()); // one sign-on: no second login
      return;
    }
    String hidden = "";
    for (Map.Entry<String, String> e : q.entrySet()) {
      hidden += "<input type=\"hidden\" name=\"" + escape(e.getKey()) + "\" value=\""
          + escape(e.getValue()) + "\">";
    }
    send(ex, 200, "text/html; charset=UTF-8", "<!doctype html><html lang=\"zh\"><head>"
        + "<meta charset=\"utf-8\"><title>统一身份认证平台</title></head><body>"
        + "<h1>统一身份认证平台 · Unified identity platform</h1>"
        + "<form method=\"post\" action=\"/login\">" + hidden
        + "<label>用户名 <input id=\"username\" name=\"username\"></label> "
        + "<label>密码 <input id=\"password\" name=\"password\" type=\"password\"></label> "
        + "<button id=\"login\" type=\"submit\">登录</button></form></body></html>");
  }

  private void login(HttpExchange ex) throws IOException {
    Map<String, String> f = query(new String(ex.getRequestBody().readNBytes(16 * 1024),
        StandardCharsets.UTF_8));
    User u = users.get(f.getOrDefault("username", ""));
    if (u == null || !MessageDigest.isEqual(u.password().getBytes(StandardCharsets.UTF_8),
        f.getOrDefault("password", "").getBytes(StandardCharsets.UTF_8))) {
      send(ex, 401, "text/plain; charset=UTF-8", "wrong username or password");
      return;
    }
    String sid = random();
    sessions.put(sid, u.username());
    ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + sid + "; Path=/; HttpOnly; "
        + "SameSite=Lax");
    redirectWithCode(ex, f, sid);
  }

  private void redirectWithCode(HttpExchange ex, Map<String, String> q, String sid)
      throws IOException {
    String code = random();
    codes.put(code, new Code(q.get("client_id"), sessions.get(sid), sid, q.get("nonce"),
        q.get("code_challenge")));
    ex.getResponseHeaders().add("Location", q.get("redirect_uri") + "?code=" + code
        + "&state=" + URLEncoder.encode(q.getOrDefault("state", ""), StandardCharsets.UTF_8));
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  private void token(HttpExchange ex) throws IOException {
    Map<String, String> f = query(new String(ex.getRequestBody().readNBytes(16 * 1024),
        StandardCharsets.UTF_8));
    Optional<Client> c = basic(ex);
    Code code = codes.remove(f.getOrDefault("code", ""));
    if (c.isEmpty() || code == null || !code.clientId().equals(c.get().clientId())
        || !"authorization_code".equals(f.get("grant_type"))
        || !s256(f.getOrDefault("code_verifier", "")).equals(code.challenge())) {
      send(ex, 400, "application/json", "{\"error\":\"invalid_grant\"}");
      return;
    }
    User u = users.get(code.username());
    sessionClients.computeIfAbsent(code.sid(), s -> ConcurrentHashMap.newKeySet())
        .add(code.clientId());
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sid", code.sid());
    claims.put("nonce", code.nonce());
    claims.put("name", u.name());
    claims.put("id_number", u.idNumber());
    claims.put("acr", "urn:tongban:loa:" + u.level());
    String id = tokens.idToken(u.username(), code.clientId(), Duration.ofMinutes(5), claims);
    String access = tokens.accessToken(u.username(), code.clientId(), code.clientId(),
        Duration.ofMinutes(5), Map.of("sid", code.sid()));
    send(ex, 200, "application/json", "{\"access_token\":\"" + access + "\",\"token_type\":"
        + "\"Bearer\",\"expires_in\":300,\"id_token\":\"" + id + "\"}");
  }

  /** Ends the platform session and tells every app that took part (back-channel logout). */
  private void logout(HttpExchange ex) throws IOException {
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    Optional<String> sid = cookie(ex).filter(sessions::containsKey);
    if (sid.isPresent()) {
      String user = sessions.remove(sid.get());
      for (String clientId : sessionClients.getOrDefault(sid.get(), java.util.Set.of())) {
        Client c = clients.get(clientId);
        String lt = tokens.logoutToken(clientId, user, sid.get());
        try {
          http.send(HttpRequest.newBuilder(c.backChannelLogout())
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(lt,
                  StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      sessionClients.remove(sid.get());
    }
    ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0");
    String back = q.getOrDefault("post_logout_redirect_uri", "");
    if (back.isEmpty()) {
      send(ex, 200, "text/plain; charset=UTF-8", "logged out");
      return;
    }
    ex.getResponseHeaders().add("Location", back);
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  private Optional<Client> basic(HttpExchange ex) {
    String h = ex.getRequestHeaders().getFirst("Authorization");
    if (h == null || !h.startsWith("Basic ")) {
      return Optional.empty();
    }
    String[] idSecret = new String(Base64.getDecoder().decode(h.substring(6)),
        StandardCharsets.UTF_8).split(":", 2);
    Client c = clients.get(URLDecoder.decode(idSecret[0], StandardCharsets.UTF_8));
    return c != null && idSecret.length == 2 && MessageDigest.isEqual(c.secret().getBytes(
        StandardCharsets.UTF_8), URLDecoder.decode(idSecret[1], StandardCharsets.UTF_8)
        .getBytes(StandardCharsets.UTF_8)) ? Optional.of(c) : Optional.empty();
  }

  private static Optional<String> cookie(HttpExchange ex) {
    for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String part : header.split(";")) {
        String p = part.trim();
        if (p.startsWith(COOKIE + "=")) {
          return Optional.of(p.substring(COOKIE.length() + 1));
        }
      }
    }
    return Optional.empty();
  }

  private static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest
          .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> m = new HashMap<>();
    if (raw == null) {
      return m;
    }
    for (String p : raw.split("&")) {
      int eq = p.indexOf('=');
      if (eq > 0) {
        m.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return m;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")
        .replace(">", "&gt;");
  }

  private static String random() {
    byte[] b = new byte[18];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.getResponseHeaders().add("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /**
   * Runs the platform on loopback until Ctrl-C, with the user {@code zhangsan} (password
   * {@code pa55word}, real-name level 3) and one client per department app URL given
   * ({@code dept-a}/{@code secret-a}, {@code dept-b}/{@code secret-b}, …):
   * {@code java -cp samples/target/tongban.jar org.tongban.samples.identity.SamplePlatform 8080
   * http://127.0.0.1:8081 http://127.0.0.1:8082}.
   *
   * @param args the port, then the department apps' base URLs
   * @throws Exception if it cannot start
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || !args[0].matches("\\d{1,5}")) {
      System.err.println("usage: SamplePlatform PORT [APP_URL...]   (e.g. 8080 "
          + "http://127.0.0.1:8081 http://127.0.0.1:8082)");
      System.exit(2);
    }
    SamplePlatform platform = new SamplePlatform(Integer.parseInt(args[0]));
    platform.addUser(new User("zhangsan", "pa55word", "张三", "11010519491231002X", 3));
    for (int i = 1; i < args.length; i++) {
      String id = "dept-" + (char) ('a' + i - 1);
      String app = args[i].replaceAll("/+$", "");
      platform.addClient(new Client(id, "secret-" + (char) ('a' + i - 1),
          URI.create(app + "/sso/callback"), URI.create(app + "/sso/backchannel-logout")));
      System.out.println("client " + id + " (secret secret-" + (char) ('a' + i - 1) + ") for "
          + app);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
    System.out.println("identity platform " + platform.issuer() + " running until Ctrl-C; "
        + "log in as zhangsan / pa55word");
  }
}
