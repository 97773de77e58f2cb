package org.tongban.http;

import java.util.Objects;
import okhttp3.OkHttpClient;
import org.tongban.internal.http.OkHttpTransport;

/**
 * Factories for {@link HttpTransport}s.
 *
 * @since 0.1
 */
public final class HttpTransports {
  private HttpTransports() {}

  /**
   * Returns the default transport, over one shared OkHttp client (connection pool included).
   *
   * @return the transport
   */
  public static HttpTransport okHttp() {
    return OkHttpTransport.shared();
  }

  /**
   * Returns a transport over the caller's OkHttp client (its proxy, TLS and interceptors
   * apply; timeouts come from {@link HttpLimits}).
   *
   * @param client the client
   * @return the transport
   */
  public static HttpTransport okHttp(OkHttpClient client) {
    return new OkHttpTransport(Objects.requireNonNull(client, "client"));
  }
}
