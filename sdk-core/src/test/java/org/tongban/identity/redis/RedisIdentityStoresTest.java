package org.tongban.identity.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tongban.identity.Identity;
import org.tongban.identity.SessionRegistry;
import org.tongban.identity.StateUnavailableException;
import org.tongban.testing.RedisServer;

/**
 * The Redis-backed identity stores against a real {@code redis-server} on loopback: two
 * {@link RedisIdentityStores} on one Redis stand for two nodes of one app; a third namespace
 * stands for another app.
 */
class RedisIdentityStoresTest {
  private static RedisServer redis;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  private static RedisIdentityStores node(String app) {
    return RedisIdentityStores.builder(redis.uri(), app).build();
  }

  private static SessionRegistry.Session session(String localId, String sub, String sid) {
    return new SessionRegistry.Session(localId, "https://idp.example",
        new Identity(Identity.SubjectType.NATURAL_PERSON, sub, "张三",
            Optional.of("11010519491231002X"), Optional.empty(), Optional.empty(), 3,
            Optional.of(sid)), Instant.parse("2026-12-01T08:00:00Z"));
  }

  @Test
  void aLogoutTokenIsUsedOnce_acrossNodes_andForgettingAllowsTheRetry() {
    try (RedisIdentityStores a = node("dept-a"); RedisIdentityStores b = node("dept-a");
        RedisIdentityStores other = node("dept-b")) {
      Instant until = Instant.now().plusSeconds(60);
      assertTrue(a.replayMemory().firstUse("iss jti-1", until));
      assertFalse(b.replayMemory().firstUse("iss jti-1", until), "replayed to node B");
      assertFalse(a.replayMemory().firstUse("iss jti-1", until));
      assertTrue(other.replayMemory().firstUse("iss jti-1", until), "another app's namespace");
      b.replayMemory().forget("iss jti-1");
      assertTrue(a.replayMemory().firstUse("iss jti-1", until));
    }
  }

  @Test
  void aUsedValue_expiresWithTheToken() throws Exception {
    try (RedisIdentityStores a = node("dept-a")) {
      assertTrue(a.replayMemory().firstUse("iss short", Instant.now().plusMillis(300)));
      assertFalse(a.replayMemory().firstUse("iss short", Instant.now().plusMillis(300)));
      Thread.sleep(600);
      assertTrue(a.replayMemory().firstUse("iss short", Instant.now().plusMillis(300)));
    }
  }

  @Test
  void aSessionRegisteredOnOneNode_isFoundAndEndedOnTheOther() {
    try (RedisIdentityStores a = node("dept-a"); RedisIdentityStores b = node("dept-a")) {
      a.sessions().register(session("local-1", "person-1", "sid-1"));
      a.sessions().register(session("local-2", "person-1", "sid-2"));
      a.sessions().register(session("local-3", "person-2", "sid-3"));
      SessionRegistry.Session found = b.sessions().find("local-1").orElseThrow();
      assertEquals("张三", found.identity().name());
      assertEquals(Optional.of("11010519491231002X"), found.identity().residentIdNumber());
      assertEquals(3, found.identity().assuranceLevel());
      assertEquals(Instant.parse("2026-12-01T08:00:00Z"), found.createdAt());

      // By sid: that session only; by sub: all the person's sessions.
      assertEquals(1, b.sessions().endFromPlatform("https://idp.example", Optional.of("sid-1"),
          Optional.of("person-1")));
      assertTrue(a.sessions().find("local-1").isEmpty());
      assertTrue(a.sessions().find("local-2").isPresent());
      assertEquals(1, a.sessions().endFromPlatform("https://idp.example", Optional.empty(),
          Optional.of("person-1")));
      assertTrue(b.sessions().find("local-2").isEmpty());
      assertTrue(b.sessions().find("local-3").isPresent(), "another person's session stays");
      assertEquals(0, a.sessions().endFromPlatform("https://other.example", Optional.empty(),
          Optional.of("person-2")), "another platform's token names nobody here");
      b.sessions().end("local-3");
      assertTrue(a.sessions().find("local-3").isEmpty());
    }
  }

  @Test
  void sessionsExpire() throws Exception {
    try (RedisIdentityStores a = RedisIdentityStores.builder(redis.uri(), "short-lived")
        .sessionTtl(Duration.ofMillis(300)).build()) {
      a.sessions().register(session("local-9", "person-9", "sid-9"));
      assertTrue(a.sessions().find("local-9").isPresent());
      Thread.sleep(600);
      assertTrue(a.sessions().find("local-9").isEmpty());
    }
  }

  @Test
  void whenRedisIsDown_everyCallFailsWithinItsTimeout_andRecoversWhenItIsBack()
      throws Exception {
    try (RedisServer own = RedisServer.start();
        RedisIdentityStores a = RedisIdentityStores.builder(own.uri(), "dept-a")
            .timeout(Duration.ofMillis(300)).build()) {
      a.sessions().register(session("local-1", "person-1", "sid-1"));
      own.stop();
      long start = System.nanoTime();
      assertThrows(StateUnavailableException.class,
          () -> a.replayMemory().firstUse("iss jti", Instant.now().plusSeconds(60)));
      assertThrows(StateUnavailableException.class, () -> a.sessions().find("local-1"));
      assertThrows(StateUnavailableException.class, () -> a.sessions().endFromPlatform(
          "https://idp.example", Optional.of("sid-1"), Optional.empty()));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < 5_000, "three calls took " + ms + " ms");
      own.up();
      // Lettuce reconnects by itself; no restart of the app.
      Instant deadline = Instant.now().plusSeconds(15);
      boolean back = false;
      while (!back && Instant.now().isBefore(deadline)) {
        try {
          back = a.replayMemory().firstUse("iss after", Instant.now().plusSeconds(60));
        } catch (StateUnavailableException e) {
          Thread.sleep(100);
        }
      }
      assertTrue(back, "usable again after Redis came back");
    }
  }

  /**
   * Back-channel logout on two nodes sharing Redis: delivered to node B, it ends the session
   * node A registered; replayed to node A it is refused; with Redis down the endpoint answers
   * 503 and ends nothing, and the platform's retry of the same token succeeds once Redis is back.
   */
  @Test
  void backChannelLogout_acrossNodes_replayRefused_and503WhileRedisIsDown() throws Exception {
    java.security.KeyPair kp = org.tongban.keys.KeyPairs.generate(
        org.tongban.crypto.KeyType.SM2);
    org.tongban.identity.TokenIssuer platform = org.tongban.identity.TokenIssuer.builder(
        "https://idp.example", org.tongban.keys.SigningKeys.of(kp.getPrivate(),
            java.util.List.of()), kp.getPublic(), "k1").build();
    org.tongban.identity.KeySource keys = org.tongban.identity.KeySource.of(
        org.tongban.identity.JsonWebKeys.parse(platform.jwks()));
    try (RedisServer own = RedisServer.start();
        RedisIdentityStores a = RedisIdentityStores.builder(own.uri(), "dept-a")
            .timeout(Duration.ofMillis(300)).build();
        RedisIdentityStores b = RedisIdentityStores.builder(own.uri(), "dept-a")
            .timeout(Duration.ofMillis(300)).build()) {
      java.util.function.Function<RedisIdentityStores, org.tongban.identity.BackChannelLogout>
          endpoint = s -> new org.tongban.identity.BackChannelLogout(
              org.tongban.identity.TokenVerifier.builder("https://idp.example", "dept-a", keys)
                  .algorithms(org.tongban.identity.JwsAlgorithm.SM2SM3)
                  .replayMemory(s.replayMemory()).build(), s.sessions());
      a.sessions().register(session("local-1", "person-1", "sid-1"));
      String token = "logout_token=" + platform.sessionLogoutToken("dept-a", "sid-1");
      var onB = endpoint.apply(b).handle(token);
      assertEquals(200, onB.status());
      assertEquals(1, onB.ended());
      assertTrue(a.sessions().find("local-1").isEmpty(), "ended on node A too");
      assertEquals(400, endpoint.apply(a).handle(token).status(), "replayed to node A");

      a.sessions().register(session("local-2", "person-1", "sid-2"));
      String second = "logout_token=" + platform.sessionLogoutToken("dept-a", "sid-2");
      own.stop();
      var down = endpoint.apply(b).handle(second);
      assertEquals(503, down.status(), down.body());
      own.up();
      Instant deadline = Instant.now().plusSeconds(15);
      int status = 0;
      while (status != 200 && Instant.now().isBefore(deadline)) {
        status = endpoint.apply(b).handle(second).status();
        if (status != 200) {
          Thread.sleep(100);
        }
      }
      assertEquals(200, status, "the platform's retry succeeds once Redis is back");
    }
  }

  @Test
  void aLoginBegunOnOneNode_completesOnTheOther_once() throws Exception {
    org.tongban.identity.SsoClient.AuthorizationRequest login =
        new org.tongban.identity.SsoClient.AuthorizationRequest(java.net.URI.create(
            "https://idp.example/auth?state=s-1"), "s-1", "n-1", "verifier-1");
    try (RedisIdentityStores a = node("dept-a"); RedisIdentityStores b = node("dept-a");
        RedisIdentityStores other = node("dept-b")) {
      a.pendingLogins().put(login, Instant.now().plusSeconds(300));
      assertTrue(other.pendingLogins().take("s-1").isEmpty(), "another app's namespace");
      assertEquals(Optional.of(login), b.pendingLogins().take("s-1"));
      assertTrue(a.pendingLogins().take("s-1").isEmpty(), "one take, on any node");
      a.pendingLogins().put(login, Instant.now().plusMillis(200));
      Thread.sleep(500);
      assertTrue(b.pendingLogins().take("s-1").isEmpty(), "expired");
    }
    // The in-memory default behaves the same in one JVM.
    org.tongban.identity.PendingLogins mem = org.tongban.identity.PendingLogins.inMemory();
    mem.put(login, Instant.now().plusSeconds(300));
    assertEquals(Optional.of(login), mem.take("s-1"));
    assertTrue(mem.take("s-1").isEmpty());
    mem.put(login, Instant.now().minusSeconds(1));
    assertTrue(mem.take("s-1").isEmpty(), "expired");
  }

  /** A Sentinel URI finds the master through the Sentinel and works as the master does. */
  @Test
  void aSentinelUri_reachesTheMaster() throws Exception {
    try (RedisServer own = RedisServer.start()) {
      String uri = own.sentinel("tongban-master");
      try (RedisIdentityStores viaSentinel = RedisIdentityStores.builder(uri, "dept-a")
          .timeout(Duration.ofSeconds(2)).build();
          RedisIdentityStores direct = RedisIdentityStores.builder(own.uri(), "dept-a")
              .build()) {
        viaSentinel.sessions().register(session("local-s", "person-s", "sid-s"));
        assertTrue(direct.sessions().find("local-s").isPresent(), "written to the master");
        assertTrue(viaSentinel.replayMemory().firstUse("iss s", Instant.now().plusSeconds(60)));
        assertFalse(direct.replayMemory().firstUse("iss s", Instant.now().plusSeconds(60)));
      }
    }
  }

  /** A Cluster URI: an app's keys share one slot (the braces), so every command works. */
  @Test
  void aClusterUri_works_withTheAppsKeysInOneSlot() throws Exception {
    try (org.tongban.testing.RedisCluster cluster = org.tongban.testing.RedisCluster.start();
        RedisIdentityStores a = RedisIdentityStores.builder(cluster.uri(), "dept-a")
            .timeout(Duration.ofSeconds(2)).build();
        RedisIdentityStores b = RedisIdentityStores.builder(cluster.uri(), "dept-a")
            .timeout(Duration.ofSeconds(2)).build()) {
      a.sessions().register(session("local-c", "person-c", "sid-c"));
      assertTrue(b.sessions().find("local-c").isPresent());
      assertEquals(1, b.sessions().endFromPlatform("https://idp.example", Optional.empty(),
          Optional.of("person-c")));
      assertTrue(a.replayMemory().firstUse("iss c", Instant.now().plusSeconds(60)));
      assertFalse(b.replayMemory().firstUse("iss c", Instant.now().plusSeconds(60)));
    }
  }

  @Test
  void badNamespacesAndTimeouts_areRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> RedisIdentityStores.builder(redis.uri(), "a b"));
    assertThrows(IllegalArgumentException.class,
        () -> RedisIdentityStores.builder(redis.uri(), "a").timeout(Duration.ZERO));
  }
}
