package org.tongban.license;

import java.util.Objects;
import org.tongban.MalformedInputException;
import org.tongban.result.Reason;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from
 * {@code 0123456789ABCDEFGHJKLMNPQRTUWXY}; characters 3–8 are the administrative division code
 * (digits); the 18th is the check character, (31 − Σ(c_i·w_i) mod 31) mod 31 with weights
 * 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.
 *
 * <p>Rejects: wrong length, characters outside the alphabet (I, O, S, V, Z, lower case), a
 * non-numeric division code, a wrong check character.
 *
 * <p>Immutable and thread-safe. Organisation codes are public, so {@link #toString()} shows the
 * whole code.
 *
 * @since 0.1
 */
public final class UnifiedSocialCreditCode {
  /** The code alphabet; a character's value is its index. */
  public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10,
    30, 28};

  private final String value;

  private UnifiedSocialCreditCode(String value) {
    this.value = value;
  }

  /**
   * Parses and validates a code.
   *
   * @param code the code
   * @return the code
   * @throws MalformedInputException with {@link Reason#LICENSE_DATA_MISMATCH} if invalid
   */
  public static UnifiedSocialCreditCode parse(String code) {
    Objects.requireNonNull(code, "code");
    String problem = problem(code);
    if (problem != null) {
      throw new MalformedInputException(Reason.LICENSE_DATA_MISMATCH,
          "invalid unified social credit code: " + problem, null);
    }
    return new UnifiedSocialCreditCode(code);
  }

  /**
   * Returns whether a code is valid.
   *
   * @param code the code
   * @return true if valid
   */
  public static boolean isValid(String code) {
    return code != null && problem(code) == null;
  }

  /**
   * Computes the check character for the first 17 characters.
   *
   * @param first17 17 characters of the alphabet
   * @return the check character
   */
  public static char checkCharacter(String first17) {
    if (first17.length() != 17) {
      throw new IllegalArgumentException("need 17 characters");
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int v = ALPHABET.indexOf(first17.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("character outside the alphabet");
      }
      sum += v * WEIGHTS[i];
    }
    return ALPHABET.charAt((31 - sum % 31) % 31);
  }

  private static String problem(String code) {
    if (code.length() != 18) {
      return "length " + code.length() + ", expected 18";
    }
    for (int i = 0; i < 18; i++) {
      if (ALPHABET.indexOf(code.charAt(i)) < 0) {
        return "character " + (i + 1) + " is outside the alphabet";
      }
    }
    for (int i = 2; i < 8; i++) {
      if (!Character.isDigit(code.charAt(i))) {
        return "the administrative division code (characters 3-8) must be digits";
      }
    }
    if (checkCharacter(code.substring(0, 17)) != code.charAt(17)) {
      return "wrong check character";
    }
    return null;
  }

  /**
   * Returns the code.
   *
   * @return the 18 characters
   */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnifiedSocialCreditCode && ((UnifiedSocialCreditCode) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
