package org.tongban.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/** A provincial ticket platform on loopback: ticket → token → userinfo envelope → identity. */
class EnvelopeTicketExchangeTest {
  private final AtomicReference<String> person = new AtomicReference<>(
      "{\"code\":0,\"msg\":\"ok\",\"data\":{\"userId\":\"u-7\",\"userName\":\"张三\","
          + "\"idCard\":\"11010519491231002X\",\"level\":3}}");

  private MockWebServer platform() throws Exception {
    MockWebServer s = new MockWebServer();
    s.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        Map<String, String> f = TestPlatform.form(r.getBody().utf8());
        if (r.getTarget().startsWith("/ticket")) {
          boolean ok = "ST-1".equals(f.get("ticket")) && "dept-a".equals(f.get("appId"))
              && "s3cret".equals(f.get("appSecret"));
          return TestPlatform.json(200, ok ? "{\"code\":0,\"msg\":\"ok\",\"data\":"
              + "{\"token\":\"tk-1\"}}" : "{\"code\":4001,\"msg\":\"票据无效\",\"data\":null}");
        }
        return "tk-1".equals(f.get("token")) ? TestPlatform.json(200, person.get())
            : TestPlatform.json(200, "{\"code\":4002,\"msg\":\"token invalid\"}");
      }
    });
    s.start();
    return s;
  }

  private static EnvelopeTicketExchange exchange(MockWebServer s, int minimumLevel) {
    return EnvelopeTicketExchange.builder(URI.create(s.url("/ticket").toString()),
        URI.create(s.url("/userinfo").toString()), "dept-a", "s3cret",
        IdentityMapper.builder().levelClaim("level").minimumLevel(minimumLevel).build())
        .rename("userId", "sub").rename("userName", "name").rename("idCard", "id_number")
        .build();
  }

  @Test
  void aValidTicket_becomesAnIdentity_andSecretsTravelInTheBody() throws Exception {
    try (MockWebServer s = platform()) {
      VerificationResult<Identity> r = exchange(s, 2).exchange("ST-1");
      assertTrue(r.isValid(), r.toString());
      Identity id = r.orElseThrow();
      assertEquals("u-7", id.subject());
      assertEquals(3, id.assuranceLevel());
      assertEquals(Optional.of("110***********002X"), id.maskedResidentIdNumber());
      RecordedRequest first = s.takeRequest();
      assertEquals("POST", first.getMethod());
      assertTrue(!first.getTarget().contains("s3cret"), "no secret in the URL");
    }
  }

  @Test
  void failures_eachWithItsReason() throws Exception {
    try (MockWebServer s = platform()) {
      assertEquals(Optional.of(Reason.AUTHORIZATION_FAILED), exchange(s, 2).exchange("ST-x")
          .reason());
      assertEquals(Optional.of(Reason.FORMAT_FAILURE), exchange(s, 2).exchange("").reason());
      assertEquals(Optional.of(Reason.ASSURANCE_LEVEL_TOO_LOW), exchange(s, 4).exchange("ST-1")
          .reason());
      person.set("<html>maintenance</html>");
      assertEquals(Optional.of(Reason.FORMAT_FAILURE), exchange(s, 2).exchange("ST-1")
          .reason());
      person.set("{\"code\":0,\"data\":{\"userName\":\"张三\"}}");
      assertEquals(Optional.of(Reason.REQUIRED_CLAIM_MISSING), exchange(s, 0).exchange("ST-1")
          .reason(), "no user id");
    }
    EnvelopeTicketExchange down;
    try (MockWebServer gone = platform()) {
      down = exchange(gone, 2);
    }
    VerificationResult<Identity> r = down.exchange("ST-1");
    assertEquals(Indication.INDETERMINATE, r.indication());
    assertEquals(Optional.of(Reason.KEY_SOURCE_UNAVAILABLE), r.reason());
  }
}
