package org.tongban.http;

import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP response whose body was read within {@link HttpLimits}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class HttpResponse {
  private final int status;
  private final byte[] body;
  private final String contentType;

  /**
   * Creates a response.
   *
   * @param status the status code
   * @param body the body (copied)
   * @param contentType the Content-Type header, if any
   */
  public HttpResponse(int status, byte[] body, Optional<String> contentType) {
    this.status = status;
    this.body = Objects.requireNonNull(body, "body").clone();
    this.contentType = Objects.requireNonNull(contentType, "contentType").orElse(null);
  }

  /**
   * Returns the status code.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * Returns whether the status is 2xx.
   *
   * @return true for 200–299
   */
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  /**
   * Returns the body (a copy).
   *
   * @return the body
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * Returns the Content-Type header.
   *
   * @return the media type
   */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  @Override
  public String toString() {
    return "HttpResponse{" + status + ", " + body.length + " bytes}";
  }
}
