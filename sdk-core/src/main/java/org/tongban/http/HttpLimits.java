package org.tongban.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Hard limits for one HTTP exchange: connect timeout, read timeout, and the largest response
 * body accepted. A body over the limit is never read whole; the exchange fails with
 * {@link org.tongban.result.Reason#SIZE_LIMIT_EXCEEDED}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param connectTimeout the connect timeout, positive, at most 60 s
 * @param readTimeout the read timeout (also bounds the whole call), positive, at most 120 s
 * @param maxBodyBytes the largest body, 1 byte to 64 MiB
 * @since 0.1
 */
public record HttpLimits(Duration connectTimeout, Duration readTimeout, long maxBodyBytes) {
  /** Default connect timeout: 5 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** Default read timeout: 10 seconds. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
  /** Default body limit: 1 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;

  /**
   * Validates the limits.
   *
   * @param connectTimeout the connect timeout
   * @param readTimeout the read timeout
   * @param maxBodyBytes the body limit
   */
  public HttpLimits {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    if (connectTimeout.isNegative() || connectTimeout.isZero()
        || connectTimeout.compareTo(Duration.ofSeconds(60)) > 0) {
      throw new IllegalArgumentException("connectTimeout must be in (0, 60s]");
    }
    if (readTimeout.isNegative() || readTimeout.isZero()
        || readTimeout.compareTo(Duration.ofSeconds(120)) > 0) {
      throw new IllegalArgumentException("readTimeout must be in (0, 120s]");
    }
    if (maxBodyBytes < 1 || maxBodyBytes > 64L << 20) {
      throw new IllegalArgumentException("maxBodyBytes must be in [1, 64 MiB]");
    }
  }

  /**
   * Returns the default limits (5 s, 10 s, 1 MiB).
   *
   * @return the defaults
   */
  public static HttpLimits defaults() {
    return new HttpLimits(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_MAX_BODY_BYTES);
  }

  /**
   * Returns these limits with another body limit.
   *
   * @param bytes the body limit
   * @return the new limits
   */
  public HttpLimits withMaxBodyBytes(long bytes) {
    return new HttpLimits(connectTimeout, readTimeout, bytes);
  }
}
