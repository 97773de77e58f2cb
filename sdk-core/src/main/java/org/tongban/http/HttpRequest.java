package org.tongban.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request: GET, or POST with a body. Only {@code http} and {@code https} URIs are
 * accepted.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class HttpRequest {
  private final String method;
  private final URI uri;
  private final Map<String, String> headers;
  private final byte[] body;
  private final String contentType;

  private HttpRequest(String method, URI uri, Map<String, String> headers, byte[] body,
      String contentType) {
    this.method = method;
    this.uri = checkUri(uri);
    this.headers = Map.copyOf(headers);
    this.body = body;
    this.contentType = contentType;
  }

  private static URI checkUri(URI uri) {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("only http and https URIs are fetched: " + scheme);
    }
    return uri;
  }

  /**
   * Returns a GET request.
   *
   * @param uri the URI
   * @return the request
   */
  public static HttpRequest get(URI uri) {
    return new HttpRequest("GET", uri, Map.of(), null, null);
  }

  /**
   * Returns a POST request.
   *
   * @param uri the URI
   * @param contentType the body's media type
   * @param body the body (copied)
   * @return the request
   */
  public static HttpRequest post(URI uri, String contentType, byte[] body) {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    return new HttpRequest("POST", uri, Map.of(), body.clone(), contentType);
  }

  /**
   * Returns a copy with one more header.
   *
   * @param name the header name
   * @param value the value
   * @return the new request
   */
  public HttpRequest withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new HttpRequest(method, uri, h, body, contentType);
  }

  /**
   * Returns the method, GET or POST.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * Returns the URI.
   *
   * @return the URI
   */
  public URI uri() {
    return uri;
  }

  /**
   * Returns the extra headers.
   *
   * @return the headers
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Returns the body (a copy), present for POST.
   *
   * @return the body
   */
  public Optional<byte[]> body() {
    return Optional.ofNullable(body).map(byte[]::clone);
  }

  /**
   * Returns the body's media type, present for POST.
   *
   * @return the media type
   */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  @Override
  public String toString() {
    // Query strings may carry codes or tickets: never print them.
    return method + " " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
  }
}
