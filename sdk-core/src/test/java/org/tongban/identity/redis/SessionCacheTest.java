package org.tongban.identity.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongban.identity.Identity;
import org.tongban.identity.SessionRegistry;
import org.tongban.identity.StateUnavailableException;
import org.tongban.testing.RedisServer;

/**
 * The node's session cache against a real {@code redis-server}: repeat checks stay local (Redis
 * counts no further GET), and every way a kept session can go stale ends it — a change made by
 * another node or by anyone else on Redis, a flush, the connection dropping, the age running
 * out, and an invalidation arriving while the read that would fill the cache is in flight.
 */
class SessionCacheTest {
  private static final Pattern GET_CALLS = Pattern.compile("cmdstat_get:calls=(\\d+)");
  private static RedisServer redis;
  private static RedisClient raw;
  private static StatefulRedisConnection<String, String> admin;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisServer.start();
    raw = RedisClient.create(redis.uri());
    admin = raw.connect();
  }

  @AfterAll
  static void stop() throws Exception {
    if (admin != null) {
      admin.close();
      raw.shutdown();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  @AfterEach
  void empty() {
    admin.sync().flushall();
  }

  private static long gets(StatefulRedisConnection<String, String> c) {
    Matcher m = GET_CALLS.matcher(c.sync().info("commandstats"));
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static SessionRegistry.Session session(String localId) {
    return new SessionRegistry.Session(localId, "https://idp.example",
        new Identity(Identity.SubjectType.NATURAL_PERSON, "person-" + localId, "张三",
            Optional.empty(), Optional.empty(), Optional.empty(), 3, Optional.of("sid-"
                + localId)), Instant.parse("2026-12-01T08:00:00Z"));
  }

  /**
   * A node whose kept sessions live a minute, so that a session still found after
   * {@link #soon} was kept stale, not merely not yet told.
   */
  private static RedisIdentityStores node(String uri) {
    RedisIdentityStores n = RedisIdentityStores.builder(uri, "dept-a")
        .timeout(Duration.ofMillis(300)).sessionCache(Duration.ofSeconds(60), 1000).build();
    awaitTracking(n);
    return n;
  }

  /**
   * Waits up to a second for a condition. Redis sends an invalidation before it answers the
   * change that caused it, but the two travel on different connections, so the test thread
   * can outrun the node's event loop by microseconds; a second is 60 times shorter than the
   * age a broken invalidation would leave the session served for.
   */
  private static void soon(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    within(Duration.ofSeconds(1), condition, what);
  }

  private static void within(Duration limit, java.util.function.BooleanSupplier condition,
      String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(what);
      }
      Thread.sleep(1);
    }
  }

  private static boolean refused(RedisIdentityStores n, String localId) {
    try {
      n.sessions().find(localId);
      return false;
    } catch (StateUnavailableException e) {
      return true;
    }
  }

  /** Tracking is switched on asynchronously after connecting; wait until a read is kept. */
  private static void awaitTracking(RedisIdentityStores n) {
    TrackedSessionCache cache = n.sessionCache().orElseThrow();
    AtomicInteger reads = new AtomicInteger();
    Function<String, Optional<SessionRegistry.Session>> read = k -> {
      reads.incrementAndGet();
      return Optional.of(session("probe"));
    };
    Instant deadline = Instant.now().plusSeconds(10);
    while (Instant.now().isBefore(deadline)) {
      cache.find("probe", read);
      int before = reads.get();
      cache.find("probe", read);
      if (reads.get() == before) {
        cache.forget("probe");
        return;
      }
    }
    throw new AssertionError("tracking never came on");
  }

  @Test
  void repeatChecks_areAnsweredLocally_andAChangeOnAnotherNodeEndsThem() throws Exception {
    try (RedisIdentityStores a = node(redis.uri()); RedisIdentityStores b = node(redis.uri())) {
      b.sessions().register(session("s1"));
      b.sessions().register(session("s2"));
      assertTrue(a.sessions().find("s1").isPresent());
      assertTrue(a.sessions().find("s2").isPresent());
      long before = gets(admin);
      for (int i = 0; i < 100; i++) {
        assertTrue(a.sessions().find("s1").isPresent());
      }
      assertEquals(before, gets(admin), "kept sessions are not read again");

      // Node B ends s1 (a back-channel logout delivered to B): A's very next check misses.
      b.sessions().end("s1");
      soon(() -> a.sessions().find("s1").isEmpty(), "ended on B, still found on A");
      // The platform ends s2 by sid on B.
      assertEquals(1, b.sessions().endFromPlatform("https://idp.example", Optional.of("sid-s2"),
          Optional.empty()));
      soon(() -> a.sessions().find("s2").isEmpty(), "ended by sid on B, still found on A");
    }
  }

  @Test
  void aChangeMadeOutsideTheSdk_orAFlush_endsKeptSessions() throws Exception {
    try (RedisIdentityStores a = node(redis.uri())) {
      a.sessions().register(session("s1"));
      a.sessions().register(session("s2"));
      assertTrue(a.sessions().find("s1").isPresent());
      assertTrue(a.sessions().find("s2").isPresent());
      admin.sync().del("tongban:{dept-a}:session:s1");
      soon(() -> a.sessions().find("s1").isEmpty(), "deleted by an operator, still found");
      admin.sync().flushall();
      soon(() -> a.sessions().find("s2").isEmpty(), "flushed, still found");
    }
  }

  @Test
  void aSessionExpiringInRedis_isNotServedFromMemory() throws Exception {
    try (RedisIdentityStores a = RedisIdentityStores.builder(redis.uri(), "dept-a")
        .sessionTtl(Duration.ofMillis(300)).sessionCache(Duration.ofSeconds(60), 100).build()) {
      awaitTracking(a);
      a.sessions().register(session("s1"));
      assertTrue(a.sessions().find("s1").isPresent());
      Thread.sleep(600);
      // Redis's active expiry deletes the key and pushes the invalidation (or, if it has not
      // run yet, the next read finds it expired): either way the session is gone.
      Instant deadline = Instant.now().plusSeconds(2);
      while (a.sessions().find("s1").isPresent() && Instant.now().isBefore(deadline)) {
        admin.sync().exists("tongban:{dept-a}:session:s1"); // lets lazy expiry run
      }
      assertTrue(a.sessions().find("s1").isEmpty(), "expired in Redis, still served");
    }
  }

  @Test
  void keptSessionsAreReadAgain_afterTheirAge() throws Exception {
    try (RedisIdentityStores a = RedisIdentityStores.builder(redis.uri(), "dept-a")
        .sessionCache(Duration.ofMillis(200), 100).build()) {
      awaitTracking(a);
      a.sessions().register(session("s1"));
      a.sessions().find("s1");
      long before = gets(admin);
      a.sessions().find("s1");
      assertEquals(before, gets(admin));
      Thread.sleep(300);
      a.sessions().find("s1");
      assertEquals(before + 1, gets(admin), "older than its age, served without reading");
    }
  }

  @Test
  void withTheCacheOff_everyCheckReadsRedis() {
    try (RedisIdentityStores a = RedisIdentityStores.builder(redis.uri(), "dept-a")
        .sessionCache(Duration.ZERO, 1).build()) {
      assertTrue(a.sessionCache().isEmpty());
      a.sessions().register(session("s1"));
      long before = gets(admin);
      for (int i = 0; i < 5; i++) {
        assertTrue(a.sessions().find("s1").isPresent());
      }
      assertEquals(before + 5, gets(admin));
    }
  }

  @Test
  void aDroppedConnection_emptiesTheCache_soAnOutageIsRefused_andCachingResumesAfter()
      throws Exception {
    try (RedisServer own = RedisServer.start()) {
      RedisClient ownRaw = RedisClient.create(own.uri());
      try (RedisIdentityStores a = node(own.uri())) {
        a.sessions().register(session("s1"));
        assertTrue(a.sessions().find("s1").isPresent());
        own.stop();
        soon(() -> refused(a, "s1"), "a kept session served while Redis is down");
        own.up();
        Instant deadline = Instant.now().plusSeconds(15);
        boolean back = false;
        while (!back && Instant.now().isBefore(deadline)) {
          try {
            a.sessions().register(session("s1")); // the restarted server has no data
            back = a.sessions().find("s1").isPresent();
          } catch (StateUnavailableException e) {
            Thread.sleep(100);
          }
        }
        assertTrue(back, "usable again after Redis came back");
        awaitTracking(a);
        a.sessions().find("s1");
        try (StatefulRedisConnection<String, String> c = ownRaw.connect()) {
          long before = gets(c);
          a.sessions().find("s1");
          assertEquals(before, gets(c), "tracking is switched on again after the reconnect");
          c.sync().del("tongban:{dept-a}:session:s1");
          soon(() -> a.sessions().find("s1").isEmpty(), "invalidations flow again");
        }
      } finally {
        ownRaw.shutdown();
      }
    }
  }

  /**
   * A server that stops answering without closing the connection (SIGSTOP, as a silent
   * partition looks): no disconnect is seen, but without an answered heartbeat the kept
   * session stops being served within the heartbeat plus the timeout (0.55 s here), far short
   * of its 60 s age; once the server answers again, so does the cache.
   */
  @Test
  void aConnectionThatStopsAnsweringUnnoticed_stopsTheCache_withinAHeartbeat() throws Exception {
    try (RedisServer own = RedisServer.start(); RedisIdentityStores a = node(own.uri())) {
      a.sessions().register(session("s1"));
      assertTrue(a.sessions().find("s1").isPresent());
      own.freeze();
      try {
        // The first checks may still be served: the last ping was answered within 0.55 s.
        within(Duration.ofSeconds(3), () -> refused(a, "s1"),
            "a kept session served while Redis does not answer");
      } finally {
        own.thaw();
      }
      within(Duration.ofSeconds(10), () -> !refused(a, "s1"), "usable after the thaw");
      awaitTracking(a);
    }
  }

  @Test
  void anInvalidationOrADropDuringTheFillingRead_keepsNothing() {
    try (RedisIdentityStores a = node(redis.uri())) {
      TrackedSessionCache cache = a.sessionCache().orElseThrow();
      AtomicInteger reads = new AtomicInteger();
      Function<String, Optional<SessionRegistry.Session>> invalidatedInFlight = k -> {
        reads.incrementAndGet();
        cache.onPushMessage(invalidate(k));
        return Optional.of(session("x"));
      };
      cache.find("k1", invalidatedInFlight);
      cache.find("k1", invalidatedInFlight);
      assertEquals(2, reads.get(), "a read invalidated in flight was kept");

      Function<String, Optional<SessionRegistry.Session>> droppedInFlight = k -> {
        reads.incrementAndGet();
        cache.onRedisDisconnected(null);
        return Optional.of(session("x"));
      };
      reads.set(0);
      awaitTracking(a);
      cache.find("k2", droppedInFlight);
      awaitTracking(a);
      cache.find("k2", droppedInFlight);
      assertEquals(2, reads.get(), "a read whose connection dropped in flight was kept");
    }
  }

  @Test
  void badCacheSettings_areRefused() {
    RedisIdentityStores.Builder b = RedisIdentityStores.builder(redis.uri(), "a");
    assertThrows(IllegalArgumentException.class,
        () -> b.sessionCache(Duration.ofSeconds(61), 10));
    assertThrows(IllegalArgumentException.class,
        () -> b.sessionCache(Duration.ofMillis(-1), 10));
    assertThrows(IllegalArgumentException.class, () -> b.sessionCache(Duration.ofSeconds(1), 0));
  }

  private static PushMessage invalidate(String key) {
    return new PushMessage() {
      @Override
      public String getType() {
        return "invalidate";
      }

      @Override
      public List<Object> getContent() {
        return getContent(b -> b);
      }

      @Override
      public List<Object> getContent(Function<ByteBuffer, Object> decode) {
        List<Object> out = new ArrayList<>();
        out.add(decode.apply(ByteBuffer.wrap("invalidate".getBytes(StandardCharsets.UTF_8))));
        out.add(List.of(decode.apply(ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8)))));
        return out;
      }
    };
  }
}
