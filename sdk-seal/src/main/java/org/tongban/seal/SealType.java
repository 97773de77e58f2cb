package org.tongban.seal;

import java.util.Optional;

/**
 * The seal type codes of GM/T 0031 (also used by GB/T 38540, which allows more).
 *
 * @since 0.1
 */
public enum SealType {
  /** 单位印章, an organisation's seal: code 1. */
  ORGANIZATION(1),
  /** 个人印章, a person's seal: code 2. */
  PERSONAL(2);

  private final int code;

  SealType(int code) {
    this.code = code;
  }

  /**
   * Returns the code written in {@code SES_ESPropertyInfo.type}.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * Returns the type for a code.
   *
   * @param code the code
   * @return the type, if the code is 1 or 2
   */
  public static Optional<SealType> of(int code) {
    for (SealType t : values()) {
      if (t.code == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
