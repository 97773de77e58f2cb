package org.tongban.license;

import java.util.Objects;

/**
 * A signed licence: its QR text ({@code ZZ1:} + Base45(zlib(COSE_Sign1))) and the licence.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class IssuedLicense {
  private final License license;
  private final String text;

  IssuedLicense(License license, String text) {
    this.license = Objects.requireNonNull(license, "license");
    this.text = Objects.requireNonNull(text, "text");
  }

  /**
   * Returns the QR text, prefix included.
   *
   * @return the text
   */
  public String text() {
    return text;
  }

  /**
   * Returns the licence.
   *
   * @return the licence
   */
  public License license() {
    return license;
  }

  @Override
  public String toString() {
    return "IssuedLicense{" + license + ", " + text.length() + " characters}";
  }
}
