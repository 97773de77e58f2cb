package org.tongban.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.KeyType;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;

/** Single logout: a platform logout token ends the sessions it names, once. */
class BackChannelLogoutTest {
  private static final String ISS = "https://idp.example";
  private static final KeyPair KP = KeyPairs.generate(KeyType.SM2);
  private static final TokenIssuer PLATFORM = TokenIssuer.builder(ISS, SigningKeys.of(
      KP.getPrivate(), List.of()), KP.getPublic(),
        "k").build();

  private static SessionRegistry.Session session(String local, String sub, String sid) {
    return new SessionRegistry.Session(local, ISS, new Identity(
        Identity.SubjectType.NATURAL_PERSON, sub, "张三", Optional.empty(), Optional.empty(),
        Optional.empty(), 2, Optional.of(sid)), Instant.now());
  }

  private static String form(String token) {
    return "logout_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }

  @Test
  void logoutBySid_endsThatSession_bySub_allOfThem_andAReplayIs400() {
    InMemorySessionRegistry sessions = new InMemorySessionRegistry(100);
    sessions.register(session("a1", "p1", "s1"));
    sessions.register(session("a2", "p1", "s2"));
    sessions.register(session("a3", "p2", "s3"));
    BackChannelLogout endpoint = new BackChannelLogout(TokenVerifier.builder(ISS, "dept-a",
        KeySource.of(JsonWebKeys.parse(PLATFORM.jwks()))).algorithms(JwsAlgorithm.SM2SM3)
        .build(), sessions);

    String bySid = PLATFORM.logoutToken("dept-a", "p1", "s1");
    BackChannelLogout.Response r = endpoint.handle(form(bySid));
    assertEquals(200, r.status());
    assertEquals(1, r.ended());
    assertTrue(sessions.find("a1").isEmpty());
    assertTrue(sessions.find("a2").isPresent());

    BackChannelLogout.Response replay = endpoint.handle(form(bySid));
    assertEquals(400, replay.status());
    assertTrue(replay.body().contains("TOKEN_REPLAYED"), replay.body());

    BackChannelLogout.Response bySub = endpoint.handle(form(PLATFORM.subjectLogoutToken("dept-a",
        "p1")));
    assertEquals(200, bySub.status());
    assertEquals(1, bySub.ended());
    assertEquals(1, sessions.size(), "only p2's session is left");

    // Another app's token, garbage, and a missing parameter: 400, nothing ended.
    assertEquals(400, endpoint.handle(form(PLATFORM.subjectLogoutToken("dept-b", "p2"))).status());
    assertEquals(400, endpoint.handle("logout_token=abc").status());
    assertEquals(400, endpoint.handle("").status());
    assertEquals(1, sessions.size());
    // A valid token naming nobody here: still 200 (the platform learns nothing).
    assertEquals(200, endpoint.handle(form(PLATFORM.subjectLogoutToken("dept-a",
        "nobody"))).status());
  }

  @Test
  void registry_isBounded() {
    InMemorySessionRegistry sessions = new InMemorySessionRegistry(2);
    sessions.register(session("a1", "p1", "s1"));
    sessions.register(session("a2", "p2", "s2"));
    sessions.register(session("a3", "p3", "s3"));
    assertEquals(2, sessions.size());
    assertTrue(sessions.find("a1").isEmpty(), "the oldest was dropped");
  }

  @Test
  void registry_evictsInRegistrationOrder_afterEndsAndReRegistration() {
    InMemorySessionRegistry sessions = new InMemorySessionRegistry(3);
    sessions.register(session("a1", "p1", "s1"));
    sessions.register(session("a2", "p2", "s2"));
    sessions.register(session("a3", "p3", "s3"));
    sessions.register(session("a1", "p1", "s1")); // registered again: now the newest
    sessions.register(session("a4", "p4", "s4"));
    assertTrue(sessions.find("a2").isEmpty(), "a2 is now the oldest");
    assertTrue(sessions.find("a1").isPresent());
    assertEquals(1, sessions.endFromPlatform(ISS, Optional.of("s3"),
        Optional.empty()));
    sessions.end("a4");
    assertEquals(1, sessions.size());
    sessions.register(session("a5", "p5", "s5"));
    sessions.register(session("a6", "p6", "s6"));
    sessions.register(session("a7", "p7", "s7"));
    assertEquals(3, sessions.size());
    assertTrue(sessions.find("a1").isEmpty(), "a1 was the oldest live session");
    assertTrue(sessions.find("a5").isPresent());
  }

  @Test
  void registry_findsWhileOthersRegisterAndEnd() throws Exception {
    InMemorySessionRegistry sessions = new InMemorySessionRegistry(50);
    sessions.register(session("stay", "p0", "s0"));
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger missing = new AtomicInteger();
    Thread writer = new Thread(() -> {
      for (int i = 0; !stop.get(); i++) {
        sessions.register(session("w" + (i % 40), "p" + i, "s" + i));
        sessions.end("w" + ((i + 20) % 40));
      }
    });
    writer.start();
    Thread[] readers = new Thread[3];
    for (int t = 0; t < readers.length; t++) {
      readers[t] = new Thread(() -> {
        for (int i = 0; i < 200_000; i++) {
          if (sessions.find("stay").isEmpty()) {
            missing.incrementAndGet();
          }
          sessions.find("w" + (i % 40));
        }
      });
      readers[t].start();
    }
    for (Thread t : readers) {
      t.join();
    }
    stop.set(true);
    writer.join();
    assertEquals(0, missing.get(), "a session no one ended went missing");
    assertTrue(sessions.size() <= 50);
  }
}
