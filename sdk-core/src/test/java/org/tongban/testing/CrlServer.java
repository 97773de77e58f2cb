package org.tongban.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A tiny HTTP server on 127.0.0.1 serving byte bodies by path, counting requests. */
public final class CrlServer implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, Supplier<byte[]>> bodies = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicReference<URI> last =
      new java.util.concurrent.atomic.AtomicReference<>();

  /**
   * Starts a server on a free loopback port.
   *
   * @throws IOException if it cannot bind
   */
  public CrlServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      requests.incrementAndGet();
      last.set(ex.getRequestURI());
      Supplier<byte[]> s = bodies.get(ex.getRequestURI().getPath());
      if (s == null) {
        ex.sendResponseHeaders(404, -1);
        ex.close();
        return;
      }
      byte[] b = s.get();
      ex.getResponseHeaders().add("Content-Type", "application/pkix-crl");
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    });
    server.start();
  }

  /**
   * Returns the base URI, ending in '/'.
   *
   * @return the base
   */
  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /**
   * Serves a body at a path.
   *
   * @param path e.g. /intermediate.crl
   * @param body the body supplier
   */
  public void serve(String path, Supplier<byte[]> body) {
    bodies.put(path, body);
  }

  /**
   * Returns how many requests arrived.
   *
   * @return the count
   */
  public int requests() {
    return requests.get();
  }

  /**
   * Returns the request URI (path and query) of the last request.
   *
   * @return the URI, or null before any request
   */
  public URI lastRequest() {
    return last.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
