package org.tongban.identity;

import java.util.Map;
import java.util.Objects;

/**
 * A JWS whose signature verified: its protected header, its payload, the algorithm and the key.
 *
 * <p>Immutable (the payload is copied on the way in and out).
 *
 * @since 0.1
 */
public final class VerifiedJws {
  private final Map<String, Object> header;
  private final byte[] payload;
  private final JwsAlgorithm algorithm;
  private final JsonWebKeys.Key key;

  VerifiedJws(Map<String, Object> header, byte[] payload, JwsAlgorithm algorithm,
      JsonWebKeys.Key key) {
    this.header = java.util.Collections.unmodifiableMap(header); // fresh from the parser
    this.payload = payload.clone();
    this.algorithm = Objects.requireNonNull(algorithm);
    this.key = Objects.requireNonNull(key);
  }

  /**
   * Returns the protected header as parsed JSON (strings, numbers, booleans, lists, maps).
   *
   * @return the header
   */
  public Map<String, Object> header() {
    return header;
  }

  /**
   * Returns the payload.
   *
   * @return a copy
   */
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * Returns the algorithm the signature was checked with.
   *
   * @return the algorithm
   */
  public JwsAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the key that verified it.
   *
   * @return the key
   */
  public JsonWebKeys.Key key() {
    return key;
  }

  @Override
  public String toString() {
    return "VerifiedJws[" + algorithm + ", kid " + key.keyId().orElse("-") + ", "
        + payload.length + " bytes]";
  }
}
