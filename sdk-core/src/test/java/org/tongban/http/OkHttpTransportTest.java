package org.tongban.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tongban.result.Reason;

class OkHttpTransportTest {
  private HttpServer server;
  private URI base;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/small", ex -> {
      byte[] b = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    });
    server.createContext("/chunked-big", ex -> {
      ex.sendResponseHeaders(200, 0); // chunked: no Content-Length to trust
      try (OutputStream o = ex.getResponseBody()) {
        for (int i = 0; i < 64; i++) {
          o.write(new byte[1024]);
        }
      }
    });
    server.createContext("/slow", ex -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    server.createContext("/redirect", ex -> {
      ex.getResponseHeaders().add("Location", "/small");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void send_smallBody_returnsIt() {
    HttpResponse r = HttpTransports.okHttp().send(HttpRequest.get(base.resolve("/small")),
        HttpLimits.defaults());
    assertEquals(200, r.status());
    assertArrayEquals("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII), r.body());
  }

  @Test
  void send_chunkedBodyOverLimit_sizeLimitExceeded() {
    HttpTransportException e = assertThrows(HttpTransportException.class,
        () -> HttpTransports.okHttp().send(HttpRequest.get(base.resolve("/chunked-big")),
            HttpLimits.defaults().withMaxBodyBytes(4096)));
    assertEquals(Reason.SIZE_LIMIT_EXCEEDED, e.reason());
  }

  @Test
  void send_slowServer_timesOutAsKeySourceUnavailable() {
    HttpLimits tight = new HttpLimits(Duration.ofSeconds(1), Duration.ofMillis(300), 1024);
    HttpTransportException e = assertThrows(HttpTransportException.class,
        () -> HttpTransports.okHttp().send(HttpRequest.get(base.resolve("/slow")), tight));
    assertEquals(Reason.KEY_SOURCE_UNAVAILABLE, e.reason());
  }

  @Test
  void send_redirect_isNotFollowed() {
    HttpResponse r = HttpTransports.okHttp().send(HttpRequest.get(base.resolve("/redirect")),
        HttpLimits.defaults());
    assertEquals(302, r.status());
  }

  @Test
  void request_nonHttpScheme_rejected() {
    assertThrows(IllegalArgumentException.class,
        () -> HttpRequest.get(URI.create("file:///etc/passwd")));
    assertTrue(HttpRequest.get(URI.create("https://a.example/p?code=secret")).toString()
        .endsWith("/p"), "query strings are not printed");
  }

  @Test
  void limits_outOfRange_rejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new HttpLimits(Duration.ZERO, Duration.ofSeconds(1), 1));
    assertThrows(IllegalArgumentException.class,
        () -> HttpLimits.defaults().withMaxBodyBytes(0));
  }
}
