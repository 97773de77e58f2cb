package org.tongban.license;

import java.net.URI;
import java.util.Objects;

/**
 * Where a licence's status is published: an index into a signed status list (IETF Token Status
 * List) at a URI. Carried in the licence as CWT claim 65535 {@code {"status_list": {"idx": i,
 * "uri": u}}}.
 *
 * @param uri the status list URI (http or https)
 * @param index the licence's index, 0 to 2^24 − 1
 * @since 0.1
 */
public record StatusReference(URI uri, int index) {
  /**
   * Validates the reference.
   *
   * @param uri the URI
   * @param index the index
   */
  public StatusReference {
    Objects.requireNonNull(uri, "uri");
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("status list URI must be http(s)");
    }
    if (uri.toString().length() > 512) {
      throw new IllegalArgumentException("status list URI too long");
    }
    if (index < 0 || index >= 1 << 24) {
      throw new IllegalArgumentException("index out of range");
    }
  }
}
