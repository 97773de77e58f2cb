package org.tongban.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.tongban.MalformedInputException;
import org.tongban.http.HttpTransportException;
import org.tongban.http.HttpTransports;
import org.tongban.result.Reason;

class ProviderMetadataTest {
  @Test
  void discovery_readsEndpoints_andRefusesAnotherIssuer() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      String iss = server.url("/realms/tongban").toString();
      String doc = "{\"issuer\":\"" + iss + "\",\"authorization_endpoint\":\"" + iss
          + "/auth\",\"token_endpoint\":\"" + iss + "/token\",\"jwks_uri\":\"" + iss
          + "/certs\",\"userinfo_endpoint\":\"" + iss + "/userinfo\","
          + "\"id_token_signing_alg_values_supported\":[\"HS256\",\"RS256\"]}";
      server.enqueue(new MockResponse.Builder().body(doc).build());
      ProviderMetadata m = ProviderMetadata.discover(URI.create(iss), HttpTransports.okHttp());
      assertEquals(URI.create(iss + "/certs"), m.jwksUri());
      assertEquals(Optional.of(URI.create(iss + "/userinfo")), m.userinfoEndpoint());
      assertEquals(Optional.empty(), m.endSessionEndpoint());
      assertEquals("/realms/tongban/.well-known/openid-configuration",
          server.takeRequest().getTarget());

      server.enqueue(new MockResponse.Builder().body(doc.replace("\"issuer\":\"" + iss,
          "\"issuer\":\"" + iss + "-evil")).build());
      MalformedInputException e = assertThrows(MalformedInputException.class,
          () -> ProviderMetadata.discover(URI.create(iss), HttpTransports.okHttp()));
      assertEquals(Reason.ISSUER_MISMATCH, e.reason());
      server.enqueue(new MockResponse.Builder().code(503).build());
      assertThrows(HttpTransportException.class,
          () -> ProviderMetadata.discover(URI.create(iss), HttpTransports.okHttp()));
    }
  }

  @Test
  void endpoints_mustBeHttps_exceptOnLoopback() {
    URI ok = URI.create("https://idp.example/x");
    assertThrows(IllegalArgumentException.class, () -> new ProviderMetadata(ok,
        URI.create("http://idp.example/auth"), ok, ok, Optional.empty(), Optional.empty()));
    new ProviderMetadata(ok, URI.create("http://127.0.0.1:8080/auth"), ok, ok,
        Optional.empty(), Optional.empty());
  }
}
