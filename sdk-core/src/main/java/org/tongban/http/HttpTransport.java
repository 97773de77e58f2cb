package org.tongban.http;

/**
 * The one seam through which Tongban talks HTTP: JWKS, discovery, token endpoints, CRLs,
 * licence status. The default is {@link HttpTransports#okHttp()}; supply your own to route
 * through a proxy, a service mesh or a test double.
 *
 * <p>Implementations must be safe for concurrent use, must honour every field of
 * {@link HttpLimits}, and must never read more than {@code maxBodyBytes} of a body.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface HttpTransport {

  /**
   * Performs one exchange. Redirects are not followed.
   *
   * @param request the request
   * @param limits the limits
   * @return the response, whatever its status
   * @throws HttpTransportException on connection failure or timeout ({@code
   *     KEY_SOURCE_UNAVAILABLE}) or a body over the limit ({@code SIZE_LIMIT_EXCEEDED})
   */
  HttpResponse send(HttpRequest request, HttpLimits limits);
}
