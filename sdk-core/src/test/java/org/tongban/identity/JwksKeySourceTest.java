package org.tongban.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.KeyType;
import org.tongban.http.HttpLimits;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/**
 * The JWKS source against a real HTTP server on loopback (OkHttp's MockWebServer): caching,
 * refresh-ahead, key rotation with one single-flight refetch, outages within and beyond the
 * tolerance, 500s, timeouts and oversized bodies.
 */
class JwksKeySourceTest {
  private static final String ISS = "https://idp.example";
  private static final KeyPair K1 = KeyPairs.generate(KeyType.SM2);
  private static final KeyPair K2 = KeyPairs.generate(KeyType.SM2);

  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-26T08:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  private MockWebServer server;
  private final MovingClock clock = new MovingClock();
  private final AtomicReference<MockResponse> next = new AtomicReference<>();

  private static TokenIssuer issuer(KeyPair kp, String kid, Clock clock) {
    return TokenIssuer.builder(ISS, SigningKeys.of(kp.getPrivate(), List.of()), kp.getPublic(),
        kid).clock(clock).build();
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(body).build();
  }

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return next.get();
      }
    });
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private JwksKeySource source(HttpLimits limits) {
    return JwksKeySource.builder(URI.create(server.url("/jwks").toString())).clock(clock)
        .limits(limits).build();
  }

  private JwksKeySource source() {
    return source(HttpLimits.defaults());
  }

  @Test
  void cachedForTheRefreshInterval_thenRefetched_andRefreshedAhead() {
    next.set(ok(issuer(K1, "k1", clock).jwks()));
    JwksKeySource s = source();
    assertEquals(1, s.keys(Optional.of("k1")).keys().keys().size());
    s.keys(Optional.of("k1"));
    clock.advance(Duration.ofMinutes(4));
    s.keys(Optional.of("k1"));
    assertEquals(1, server.getRequestCount(), "within the interval: from the cache");
    clock.advance(Duration.ofSeconds(40)); // 4 min 40 s: inside the 30 s refresh-ahead window
    s.keys(Optional.of("k1"));
    assertEquals(2, server.getRequestCount(), "refreshed ahead of expiry");
    clock.advance(Duration.ofMinutes(6));
    s.keys(Optional.of("k1"));
    assertEquals(3, server.getRequestCount(), "expired: refetched");
  }

  @Test
  void rotation_anUnknownKidRefetchesOnce_andTheTokenVerifies() {
    next.set(ok(issuer(K1, "k1", clock).jwks()));
    JwksKeySource s = source();
    TokenVerifier v = TokenVerifier.builder(ISS, "dept-a", s).algorithms(JwsAlgorithm.SM2SM3)
        .clock(clock).build();
    assertTrue(v.verifyIdToken(issuer(K1, "k1", clock).idToken("p", "dept-a",
        Duration.ofMinutes(5), Map.of())).isValid());
    next.set(ok(issuer(K2, "k2", clock).jwks()));
    String rotated = issuer(K2, "k2", clock).idToken("p", "dept-a", Duration.ofMinutes(5),
        Map.of());
    clock.advance(Duration.ofSeconds(31));
    assertTrue(v.verifyIdToken(rotated).isValid(), "picked up the new key");
    assertEquals(2, server.getRequestCount());
    // A kid nobody publishes: one refetch per minimum interval, not one per token.
    String unknown = issuer(K2, "k9", clock).idToken("p", "dept-a", Duration.ofMinutes(5),
        Map.of());
    clock.advance(Duration.ofSeconds(31));
    assertEquals(Optional.of(Reason.KEY_NOT_FOUND), v.verifyIdToken(unknown)
        .reason());
    for (int i = 0; i < 10; i++) {
      v.verifyIdToken(unknown);
    }
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void aHundredConcurrentUnknownKidTokens_causeOneFetch() throws Exception {
    next.set(ok(issuer(K1, "k1", clock).jwks()));
    JwksKeySource s = source();
    s.keys(Optional.empty());
    assertEquals(1, server.getRequestCount());
    next.set(new MockResponse.Builder().code(200).body(issuer(K2, "k2", clock).jwks())
        .headersDelay(300, TimeUnit.MILLISECONDS).build());
    clock.advance(Duration.ofSeconds(31));
    ExecutorService pool = Executors.newFixedThreadPool(100);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<KeySource.Keys>> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      all.add(pool.submit(() -> {
        go.await();
        return s.keys(Optional.of("k2"));
      }));
    }
    go.countDown();
    for (Future<KeySource.Keys> f : all) {
      assertEquals(Optional.of("k2"), f.get(30, TimeUnit.SECONDS).keys().keys().get(0).keyId());
    }
    pool.shutdown();
    assertEquals(2, server.getRequestCount(), "one fetch for a hundred tokens");
  }

  @Test
  void aFailingRefreshAhead_isNotRetriedOnEveryToken() {
    next.set(ok(issuer(K1, "k1", clock).jwks()));
    JwksKeySource s = source();
    s.keys(Optional.empty());
    next.set(new MockResponse.Builder().code(500).body("down").build());
    clock.advance(Duration.ofSeconds(280)); // inside the refresh-ahead window
    for (int i = 0; i < 20; i++) {
      assertEquals(1, s.keys(Optional.of("k1")).keys().keys().size());
    }
    assertEquals(2, server.getRequestCount(), "one attempt, then the minimum interval");
  }

  @Test
  void outage_withinToleranceStale_beyondItUnavailable() {
    next.set(ok(issuer(K1, "k1", clock).jwks()));
    JwksKeySource s = source();
    TokenVerifier v = TokenVerifier.builder(ISS, "dept-a", s).algorithms(JwsAlgorithm.SM2SM3)
        .clock(clock).build();
    s.keys(Optional.empty());
    next.set(new MockResponse.Builder().code(500).body("down").build());
    clock.advance(Duration.ofMinutes(20));
    VerificationResult<VerifiedToken> r = v.verifyIdToken(issuer(K1, "k1", clock).idToken("p",
        "dept-a", Duration.ofMinutes(5), Map.of()));
    assertTrue(r.isValid(), r.toString());
    assertEquals(List.of(Reason.STALE_KEYS_USED), r.warnings());
    clock.advance(Duration.ofMinutes(60));
    VerificationResult<VerifiedToken> late = v.verifyIdToken(issuer(K1, "k1", clock).idToken(
        "p", "dept-a", Duration.ofMinutes(5), Map.of()));
    assertEquals(Indication.INDETERMINATE, late.indication());
    assertEquals(Optional.of(Reason.KEY_SOURCE_UNAVAILABLE), late.reason());
    // The endpoint back: fresh keys, no warning.
    next.set(ok(issuer(K1, "k1", clock).jwks()));
    clock.advance(Duration.ofSeconds(31));
    VerificationResult<VerifiedToken> back = v.verifyIdToken(issuer(K1, "k1", clock).idToken(
        "p", "dept-a", Duration.ofMinutes(5), Map.of()));
    assertTrue(back.isValid() && back.warnings().isEmpty(), back.toString());
  }

  @Test
  void timeout_500_oversizedAndMalformedBodies_areUnavailable() {
    HttpLimits fast = new HttpLimits(Duration.ofSeconds(2), Duration.ofMillis(300),
        HttpLimits.DEFAULT_MAX_BODY_BYTES);
    next.set(new MockResponse.Builder().code(200).body(issuer(K1, "k1", clock).jwks())
        .headersDelay(2, TimeUnit.SECONDS).build());
    assertThrows(KeySource.Unavailable.class, () -> source(fast).keys(Optional.empty()));
    next.set(new MockResponse.Builder().code(500).body("{}").build());
    assertThrows(KeySource.Unavailable.class, () -> source().keys(Optional.empty()));
    next.set(ok("{\"keys\":[], \"pad\":\"" + "x".repeat(60 * 1024) + "\"}"));
    assertThrows(KeySource.Unavailable.class, () -> source().keys(Optional.empty()));
    next.set(ok("<html>not json</html>"));
    assertThrows(KeySource.Unavailable.class, () -> source().keys(Optional.empty()));
  }
}
