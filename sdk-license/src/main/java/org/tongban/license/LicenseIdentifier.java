package org.tongban.license;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tongban.MalformedInputException;
import org.tongban.result.Reason;

/**
 * A licence identifier (证照标识, GB/T 36904):
 * {@code 1.2.156.3005.2.<type code>.<issuer code>.<serial>.<version>.<check>} where the type
 * code is the 18-character unified social credit code of the authority that defines the licence
 * type followed by 3 digits, the issuer code is the issuing authority's unified social credit
 * code, the serial is 1–32 characters of {@code 0-9A-Z}, the version is 3 digits ({@code 001}
 * for a first issue), and the check character is ISO/IEC 7064 MOD 37,36 over type code, issuer
 * code, serial and version concatenated without dots.
 *
 * <p>Rejects: another root, wrong part counts or lengths, invalid credit codes, a wrong check
 * character.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class LicenseIdentifier {
  /** The root OID of licence identifiers. */
  public static final String ROOT = "1.2.156.3005.2";
  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final Pattern TYPE = Pattern.compile("[0-9A-Z]{18}[0-9]{3}");
  private static final Pattern SERIAL = Pattern.compile("[0-9A-Z]{1,32}");
  private static final Pattern VERSION = Pattern.compile("[0-9]{3}");
  private static final Pattern FORM = Pattern.compile("1\\.2\\.156\\.3005\\.2\\.([0-9A-Z]{18})"
      + "([0-9]{3})\\.([0-9A-Z]{18})\\.([0-9A-Z]{1,32})\\.([0-9]{3})\\.([0-9A-Z])");

  private final String typeCode;
  private final String issuerCode;
  private final String serial;
  private final String version;
  private final char check;

  private LicenseIdentifier(String typeCode, String issuerCode, String serial, String version,
      char check) {
    this.typeCode = typeCode;
    this.issuerCode = issuerCode;
    this.serial = serial;
    this.version = version;
    this.check = check;
  }

  /**
   * Parses and validates an identifier.
   *
   * @param text the identifier
   * @return the identifier
   * @throws MalformedInputException FORMAT_FAILURE for a wrong shape, LICENSE_DATA_MISMATCH for
   *     an invalid credit code or check character
   */
  public static LicenseIdentifier parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() > 128) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED, "identifier too long", null);
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new MalformedInputException("not a licence identifier: expected " + ROOT
          + ".<type code 21>.<issuer code 18>.<serial>.<version 3>.<check>");
    }
    String type = m.group(1) + m.group(2);
    LicenseIdentifier id = create(type, m.group(3), m.group(4), m.group(5));
    if (id.check != m.group(6).charAt(0)) {
      throw new MalformedInputException(Reason.LICENSE_DATA_MISMATCH,
          "wrong check character: expected " + id.check, null);
    }
    return id;
  }

  /**
   * Builds an identifier, computing its check character.
   *
   * @param typeCode 18-character credit code + 3 digits
   * @param issuerCode the issuer's credit code
   * @param serial 1–32 characters of 0-9A-Z
   * @param version 3 digits
   * @return the identifier
   * @throws MalformedInputException if a part is invalid
   */
  public static LicenseIdentifier create(String typeCode, String issuerCode, String serial,
      String version) {
    Objects.requireNonNull(typeCode, "typeCode");
    Objects.requireNonNull(issuerCode, "issuerCode");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(version, "version");
    if (!TYPE.matcher(typeCode).matches() || !SERIAL.matcher(serial).matches()
        || !VERSION.matcher(version).matches()) {
      throw new MalformedInputException("malformed licence identifier part");
    }
    UnifiedSocialCreditCode.parse(typeCode.substring(0, 18));
    UnifiedSocialCreditCode.parse(issuerCode);
    return new LicenseIdentifier(typeCode, issuerCode, serial, version,
        checkCharacter(typeCode + issuerCode + serial + version));
  }

  /**
   * Computes the ISO/IEC 7064 MOD 37,36 (hybrid) check character.
   *
   * @param payload characters of 0-9A-Z
   * @return the check character
   */
  public static char checkCharacter(String payload) {
    int m = 36;
    int product = m;
    for (int i = 0; i < payload.length(); i++) {
      int v = ALPHABET.indexOf(payload.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("character outside 0-9A-Z");
      }
      int sum = (product + v) % m;
      if (sum == 0) {
        sum = m;
      }
      product = (sum * 2) % (m + 1);
    }
    return ALPHABET.charAt((m + 1 - product) % m);
  }

  /**
   * Returns whether an identifier is valid.
   *
   * @param text the identifier
   * @return true if valid
   */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (MalformedInputException e) {
      return false;
    }
  }

  /**
   * Returns the licence type code (21 characters).
   *
   * @return the type code
   */
  public String typeCode() {
    return typeCode;
  }

  /**
   * Returns the issuer's credit code.
   *
   * @return the issuer code
   */
  public String issuerCode() {
    return issuerCode;
  }

  /**
   * Returns the serial.
   *
   * @return the serial
   */
  public String serial() {
    return serial;
  }

  /**
   * Returns the version.
   *
   * @return 3 digits
   */
  public String version() {
    return version;
  }

  /**
   * Returns the check character.
   *
   * @return the check character
   */
  public char check() {
    return check;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LicenseIdentifier && o.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  @Override
  public String toString() {
    return ROOT + "." + typeCode + "." + issuerCode + "." + serial + "." + version + "." + check;
  }
}
