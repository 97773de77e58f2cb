package org.tongban.privacy;

/**
 * Masks identifiers for display and logs.
 *
 * @since 0.1
 */
public final class Masking {
  private Masking() {}

  /**
   * Masks a resident identity number (or any identifier): the first three and last four
   * characters stay, the rest become {@code *}; seven characters or fewer are masked entirely.
   *
   * @param number any string
   * @return the masked form
   */
  public static String identifier(String number) {
    if (number.length() <= 7) {
      return "*".repeat(number.length());
    }
    return number.substring(0, 3) + "*".repeat(number.length() - 7)
        + number.substring(number.length() - 4);
  }
}
