package org.tongban.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.tongban.internal.crypto.Digests;

/**
 * Message digests: SM3 (GB/T 32905-2016), SHA-256 and SHA-384 (FIPS 180-4).
 *
 * @since 0.1
 */
public enum DigestAlgorithm {
  /** SM3, 256-bit output. OID 1.2.156.10197.1.401. */
  SM3("SM3", "1.2.156.10197.1.401", 32),
  /** SHA-256. OID 2.16.840.1.101.3.4.2.1. */
  SHA256("SHA-256", "2.16.840.1.101.3.4.2.1", 32),
  /** SHA-384. OID 2.16.840.1.101.3.4.2.2. */
  SHA384("SHA-384", "2.16.840.1.101.3.4.2.2", 48);

  private final String jcaName;
  private final String oid;
  private final int length;

  DigestAlgorithm(String jcaName, String oid, int length) {
    this.jcaName = jcaName;
    this.oid = oid;
    this.length = length;
  }

  /**
   * Returns the JCA name ({@code SM3}, {@code SHA-256}, {@code SHA-384}).
   *
   * @return the name
   */
  public String jcaName() {
    return jcaName;
  }

  /**
   * Returns the OID in dotted form.
   *
   * @return the OID
   */
  public String oid() {
    return oid;
  }

  /**
   * Returns the output length in bytes.
   *
   * @return the length
   */
  public int length() {
    return length;
  }

  /**
   * Digests the bytes.
   *
   * @param data the data
   * @return the digest
   */
  public byte[] digest(byte[] data) {
    Objects.requireNonNull(data, "data");
    return Digests.digest(this, data);
  }

  /**
   * Digests a stream to its end, without holding it in memory. The stream is not closed.
   *
   * @param in the stream
   * @return the digest
   * @throws IOException if reading fails
   */
  public byte[] digest(InputStream in) throws IOException {
    Objects.requireNonNull(in, "in");
    return Digests.digest(this, in);
  }
}
