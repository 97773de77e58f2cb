package org.tongban.seal.ses;

import java.util.HexFormat;
import java.util.Objects;

/**
 * One entry of a v4 seal's certificate digest list ({@code CertDigestObj}): a free-form type
 * naming the digest algorithm (Tongban writes {@code SM3} or {@code SHA256}) and the digest of
 * the holder certificate's DER encoding.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CertDigest {
  private final String type;
  private final byte[] value;

  private CertDigest(String type, byte[] value) {
    this.type = type;
    this.value = value;
  }

  /**
   * Returns an entry.
   *
   * @param type the digest type (PrintableString)
   * @param value the digest
   * @return the entry
   */
  public static CertDigest of(String type, byte[] value) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    return new CertDigest(type, value.clone());
  }

  /**
   * Returns the type.
   *
   * @return the type
   */
  public String type() {
    return type;
  }

  /**
   * Returns the digest (a copy).
   *
   * @return the digest
   */
  public byte[] value() {
    return value.clone();
  }

  @Override
  public String toString() {
    return type + ":" + HexFormat.of().formatHex(value);
  }
}
