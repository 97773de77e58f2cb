package org.tongban.result;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Names one check in a {@link VerificationResult}, for example {@code signature} or
 * {@code cert.chain}. Names are stable, lower case, dot-separated.
 *
 * @param name the name: lower-case letters, digits, '.', '_' and '-', 1 to 64 characters
 * @since 0.1
 */
public record CheckId(String name) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** The input was parsed and is well-formed. */
  public static final CheckId FORMAT = new CheckId("format");
  /** The algorithm is allowed and matches the key. */
  public static final CheckId ALGORITHM = new CheckId("algorithm");
  /** A signature verifies with the key. */
  public static final CheckId SIGNATURE = new CheckId("signature");
  /** The chain from the certificate to a trust anchor is structurally valid. */
  public static final CheckId CERT_CHAIN = new CheckId("cert.chain");
  /** Each certificate's issuer signature verifies. */
  public static final CheckId CERT_SIGNATURE = new CheckId("cert.signature");
  /** Each certificate is within its validity period at the validation time. */
  public static final CheckId CERT_VALIDITY = new CheckId("cert.validity");
  /** Key usage and basic constraints allow each certificate's role. */
  public static final CheckId KEY_USAGE = new CheckId("cert.key-usage");
  /** The chain ends at a configured trust anchor. */
  public static final CheckId TRUST_ANCHOR = new CheckId("cert.trust-anchor");
  /** No certificate in the chain is revoked. */
  public static final CheckId REVOCATION = new CheckId("cert.revocation");

  /**
   * Validates the name.
   *
   * @param name the name
   */
  public CheckId {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid check name: " + name);
    }
  }

  /**
   * Returns a check id.
   *
   * @param name the name
   * @return the id
   */
  public static CheckId of(String name) {
    return new CheckId(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
