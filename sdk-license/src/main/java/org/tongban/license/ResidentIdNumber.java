package org.tongban.license;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import org.tongban.MalformedInputException;
import org.tongban.result.Reason;

/**
 * A resident identity card number (公民身份号码, GB 11643-1999): 17 digits and a check
 * character, Σ(a_i·w_i) mod 11 indexing {@code 10X98765432} with weights
 * 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; digits 7–14 are the birth date, which must be a real
 * date from 1900 on and not in the future.
 *
 * <p>Personal data: {@link #toString()} and {@link #masked()} show only the first three and the
 * last four characters ({@code 110***********1234}); only {@link #value()} gives the number.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ResidentIdNumber {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  private final String value;

  private ResidentIdNumber(String value) {
    this.value = value;
  }

  /**
   * Parses and validates a number.
   *
   * @param number the number (upper-case X)
   * @param today the date after which no one is born
   * @return the number
   * @throws MalformedInputException with {@link Reason#LICENSE_DATA_MISMATCH} if invalid
   */
  public static ResidentIdNumber parse(String number, LocalDate today) {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(today, "today");
    String problem = problem(number, today);
    if (problem != null) {
      throw new MalformedInputException(Reason.LICENSE_DATA_MISMATCH,
          "invalid resident ID number " + mask(number) + ": " + problem, null);
    }
    return new ResidentIdNumber(number);
  }

  /**
   * Returns whether a number is valid.
   *
   * @param number the number
   * @param today the date after which no one is born
   * @return true if valid
   */
  public static boolean isValid(String number, LocalDate today) {
    return number != null && problem(number, today) == null;
  }

  /**
   * Computes the check character for 17 digits.
   *
   * @param first17 the digits
   * @return the check character
   */
  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK.charAt(sum % 11);
  }

  private static String problem(String n, LocalDate today) {
    if (n.length() != 18) {
      return "length " + n.length() + ", expected 18";
    }
    for (int i = 0; i < 17; i++) {
      if (n.charAt(i) < '0' || n.charAt(i) > '9') {
        return "characters 1-17 must be digits";
      }
    }
    LocalDate birth;
    try {
      birth = LocalDate.of(Integer.parseInt(n.substring(6, 10)),
          Integer.parseInt(n.substring(10, 12)), Integer.parseInt(n.substring(12, 14)));
    } catch (DateTimeException e) {
      return "the birth date is not a real date";
    }
    if (birth.getYear() < 1900 || birth.isAfter(today)) {
      return "the birth date is out of range";
    }
    if (checkCharacter(n) != n.charAt(17)) {
      return "wrong check character";
    }
    return null;
  }

  /**
   * Masks a number for display: the first three and last four characters.
   *
   * @param number any string
   * @return the masked form
   */
  public static String mask(String number) {
    return org.tongban.privacy.Masking.identifier(number);
  }

  /**
   * Returns the whole number. Personal data: do not log it.
   *
   * @return the number
   */
  public String value() {
    return value;
  }

  /**
   * Returns the masked number.
   *
   * @return e.g. {@code 110***********1234}
   */
  public String masked() {
    return mask(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResidentIdNumber && ((ResidentIdNumber) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return masked();
  }
}
