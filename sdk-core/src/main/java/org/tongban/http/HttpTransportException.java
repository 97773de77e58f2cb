package org.tongban.http;

import org.tongban.TongbanException;
import org.tongban.result.Reason;

/**
 * Thrown by an {@link HttpTransport} when an exchange fails: the peer is unreachable or too slow
 * ({@link Reason#KEY_SOURCE_UNAVAILABLE}), or the body is larger than allowed
 * ({@link Reason#SIZE_LIMIT_EXCEEDED}).
 *
 * @since 0.1
 */
public final class HttpTransportException extends TongbanException {
  /**
   * Creates the exception.
   *
   * @param reason the reason
   * @param message a short message
   * @param cause the cause, may be null
   */
  public HttpTransportException(Reason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }
}
