package org.tongban.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tongban.http.HttpTransports;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.testing.Outside;
import org.tongban.testing.Loopback;

/**
 * A real OIDC provider: Keycloak 26 (the Maven Central distribution, copied by the
 * {@code keycloak} profile, on under CI) started in dev mode on 127.0.0.1 under a JDK 21+, with an imported
 * realm. Discovery, JWKS, its real ID and access tokens through {@link TokenVerifier}, a real
 * back-channel logout token delivered to our endpoint ending the session, and key rotation
 * picked up. Skips with one line when the distribution or a JDK 21+ is absent (fails under CI).
 */
@Tag("interop")
class KeycloakInteropTest {
  private static final Duration HANG_GUARD = Duration.ofMinutes(15);
  private static final Path ZIP = Path.of("target/keycloak-dist/keycloak.zip");
  private static final Path HOME = Path.of("target/keycloak");
  private static Process keycloak;
  private static HttpServer backChannel;
  private static String issuer;
  private static String base;
  private static final InMemorySessionRegistry SESSIONS = new InMemorySessionRegistry(100);
  private static BackChannelLogout endpoint;
  private static TokenVerifier verifier;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Optional<Path> jdk21() {
    for (String dir : List.of("/usr/lib/jvm/temurin-25-jdk-amd64",
        String.valueOf(System.getenv("TONGBAN_JDK21_HOME")))) {
      if (Files.isExecutable(Path.of(dir, "bin", "java"))) {
        return Optional.of(Path.of(dir));
      }
    }
    return Runtime.version().feature() >= 21
        ? Optional.of(Path.of(System.getProperty("java.home"))) : Optional.empty();
  }

  private static Path unzip() throws IOException {
    Path dist;
    try (ZipInputStream z = new ZipInputStream(Files.newInputStream(ZIP))) {
      ZipEntry e;
      String top = null;
      while ((e = z.getNextEntry()) != null) {
        Path out = HOME.resolve(e.getName()).normalize();
        if (!out.startsWith(HOME)) {
          throw new IOException("zip entry outside the folder: " + e.getName());
        }
        top = top == null ? e.getName().split("/")[0] : top;
        if (e.isDirectory()) {
          Files.createDirectories(out);
        } else if (!Files.exists(out)) {
          Files.createDirectories(out.getParent());
          Files.copy(z, out);
        }
      }
      dist = HOME.resolve(top);
    }
    dist.resolve("bin/kc.sh").toFile().setExecutable(true);
    return dist;
  }

  @BeforeAll
  static void start() throws Exception {
    Outside.require(Files.exists(ZIP), "Keycloak distribution not downloaded",
        "mvn verify -Pkeycloak fetches it from Maven Central, 177 MB; on under CI=true");
    Optional<Path> jdk = jdk21();
    Outside.require(jdk.isPresent(), "Keycloak 26 needs a JDK 21+",
        "set TONGBAN_JDK21_HOME, or install a JDK 21+ at /usr/lib/jvm/temurin-25-jdk-amd64");
    int kcPort = Loopback.freePort();
    int bcPort = Loopback.freePort();
    base = "http://127.0.0.1:" + kcPort;
    issuer = base + "/realms/tongban";

    backChannel = HttpServer.create(new InetSocketAddress("127.0.0.1", bcPort), 0);
    backChannel.createContext("/sso/backchannel-logout", ex -> {
      String body = new String(ex.getRequestBody().readNBytes(32 * 1024),
          StandardCharsets.US_ASCII);
      BackChannelLogout.Response r = endpoint.handle(body);
      byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Cache-Control", "no-store");
      ex.sendResponseHeaders(r.status(), out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    backChannel.start();

    Path dist = unzip();
    deleteTree(dist.resolve("data"));
    Files.createDirectories(dist.resolve("data/import"));
    Files.writeString(dist.resolve("data/import/tongban-realm.json"), """
        {"realm": "tongban", "enabled": true, "sslRequired": "none",
         "clients": [{"clientId": "dept-a", "enabled": true, "publicClient": false,
           "secret": "s3cret", "standardFlowEnabled": true, "directAccessGrantsEnabled": true,
           "redirectUris": ["http://127.0.0.1/*"], "frontchannelLogout": false,
           "attributes": {"backchannel.logout.url": "http://127.0.0.1:%d/sso/backchannel-logout",
             "backchannel.logout.session.required": "true"}}],
         "users": [{"username": "zhangsan", "enabled": true, "firstName": "San",
           "lastName": "Zhang", "email": "zhangsan@example.gov.cn", "emailVerified": true,
           "credentials": [{"type": "password", "value": "pa55word", "temporary": false}]}]}
        """.formatted(bcPort));
    ProcessBuilder pb = new ProcessBuilder("bash", "bin/kc.sh", "start-dev",
        "--http-host=127.0.0.1", "--http-port=" + kcPort, "--import-realm")
        .directory(dist.toFile()).redirectErrorStream(true)
        .redirectOutput(HOME.resolve("keycloak.log").toFile());
    pb.environment().put("JAVA_HOME", jdk.get().toString());
    pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
    keycloak = pb.start();
    // Ready when the realm's discovery document answers. No start deadline: a cold machine
    // may take minutes (the Quarkus build runs on first start); as long as the process lives it
    // is given time. HANG_GUARD only stops a process that neither dies nor answers.
    Instant guard = Instant.now().plus(HANG_GUARD);
    while (true) {
      try {
        if (HTTP.send(HttpRequest.newBuilder(URI.create(issuer
            + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          break;
        }
      } catch (IOException e) {
        // not up yet
      }
      if (!keycloak.isAlive()) {
        throw new IllegalStateException("Keycloak exited before it was ready:\n" + tail());
      }
      if (Instant.now().isAfter(guard)) {
        throw new IllegalStateException("Keycloak neither ready nor exited after " + HANG_GUARD
            + ":\n" + tail());
      }
      Thread.sleep(1000);
    }
    ProviderMetadata m = ProviderMetadata.discover(URI.create(issuer), HttpTransports.okHttp());
    verifier = TokenVerifier.builder(issuer, "dept-a", JwksKeySource.builder(m.jwksUri())
        .minRefetchInterval(Duration.ZERO).build()).algorithms(JwsAlgorithm.RS256)
        .acceptPlatformAccessTokens().build();
    endpoint = new BackChannelLogout(verifier, SESSIONS);
  }

  private static String tail() throws IOException {
    List<String> lines = Files.readAllLines(HOME.resolve("keycloak.log"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static void deleteTree(Path p) throws IOException {
    if (Files.exists(p)) {
      try (var walk = Files.walk(p)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @AfterAll
  static void stop() {
    if (keycloak != null) {
      keycloak.descendants().forEach(ProcessHandle::destroy);
      keycloak.destroy();
    }
    if (backChannel != null) {
      backChannel.stop(0);
    }
  }

  private static Map<String, Object> post(String url, Map<String, String> form,
      Optional<String> bearer) throws Exception {
    StringBuilder b = new StringBuilder();
    form.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(b.toString()));
    bearer.ifPresent(t -> r.header("Authorization", "Bearer " + t));
    HttpResponse<String> resp = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    return resp.body().isEmpty() ? Map.of("status", resp.statusCode())
        : com.nimbusds.jose.util.JSONObjectUtils.parse(resp.body());
  }

  private static Map<String, Object> login() throws Exception {
    return post(issuer + "/protocol/openid-connect/token", Map.of("grant_type", "password",
        "client_id", "dept-a", "client_secret", "s3cret", "username", "zhangsan",
        "password", "pa55word", "scope", "openid"), Optional.empty());
  }

  private static String admin() throws Exception {
    return (String) post(base + "/realms/master/protocol/openid-connect/token", Map.of(
        "grant_type", "password", "client_id", "admin-cli", "username", "admin",
        "password", "admin"), Optional.empty()).get("access_token");
  }

  @Test
  void realTokens_verify_andNoKindPassesAsAnother() throws Exception {
    Map<String, Object> t = login();
    VerificationResult<VerifiedToken> id = verifier.verifyIdToken((String) t.get("id_token"));
    assertTrue(id.isValid(), id.toString());
    assertEquals("San Zhang", id.orElseThrow().string("name").orElseThrow());
    VerificationResult<VerifiedToken> access = verifier.verifyAccessToken(
        (String) t.get("access_token"));
    assertTrue(access.isValid(), access.toString());
    assertEquals(TokenKind.PLATFORM_ACCESS_TOKEN, access.orElseThrow().kind());
    assertEquals(Optional.of(Reason.TOKEN_TYPE_MISMATCH), verifier.verifyIdToken(
        (String) t.get("access_token")).reason());
    assertEquals(Optional.of(Reason.TOKEN_TYPE_MISMATCH), verifier.verifyAccessToken(
        (String) t.get("id_token")).reason());
    // Keycloak's discovery advertises HS256; this verifier is pinned to RS256 and ignores it.
    String discovery = HTTP.send(HttpRequest.newBuilder(URI.create(issuer
        + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString())
        .body();
    assertTrue(discovery.contains("HS256"), "the trap is still there");
  }

  @Test
  void aRealBackChannelLogout_endsTheSession() throws Exception {
    Map<String, Object> t = login();
    VerifiedToken id = verifier.verifyIdToken((String) t.get("id_token"))
        .orElseThrow();
    Identity who = IdentityMapper.builder().build().map(id).orElseThrow();
    SESSIONS.register(new SessionRegistry.Session("local-1", issuer, who, Instant.now()));
    assertTrue(SESSIONS.find("local-1").isPresent());
    String admin = admin();
    String user = id.subject().orElseThrow();
    Map<String, Object> r = post(base + "/admin/realms/tongban/users/" + user + "/logout",
        Map.of(), Optional.of(admin));
    assertEquals(204, r.get("status"));
    Instant deadline = Instant.now().plusSeconds(15);
    while (SESSIONS.find("local-1").isPresent() && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
    assertTrue(SESSIONS.find("local-1").isEmpty(), "Keycloak's logout token ended it");
  }

  @Test
  void keyRotation_isPickedUp() throws Exception {
    String before = verifier.verifyIdToken((String) login().get("id_token"))
        .orElseThrow().jws().key().keyId().orElseThrow();
    String admin = admin();
    HttpRequest realm = HttpRequest.newBuilder(URI.create(base + "/admin/realms/tongban"))
        .header("Authorization", "Bearer " + admin).build();
    String realmId = (String) com.nimbusds.jose.util.JSONObjectUtils.parse(HTTP.send(realm,
        HttpResponse.BodyHandlers.ofString()).body()).get("id");
    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base
        + "/admin/realms/tongban/components")).header("Authorization", "Bearer " + admin)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"name\":\"rotated\",\"providerId\":\"rsa-generated\",\"providerType\":"
                + "\"org.keycloak.keys.KeyProvider\",\"parentId\":\"" + realmId + "\","
                + "\"config\":{\"priority\":[\"500\"],\"algorithm\":[\"RS256\"]}}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, created.statusCode(), created.body());
    VerificationResult<VerifiedToken> after = verifier.verifyIdToken(
        (String) login().get("id_token"));
    assertTrue(after.isValid(), after.toString());
    assertNotEquals(before, after.orElseThrow().jws().key().keyId().orElseThrow(),
        "signed with the new key, found by one refetch");
  }
}
