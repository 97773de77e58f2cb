package org.tongban.license;

import java.util.Optional;

/**
 * The kind of holder code (持证主体代码类型, CZZTDMLX).
 *
 * @since 0.1
 */
public enum HolderCodeType {
  /** 公民身份号码: a resident ID number, code 111. */
  RESIDENT_ID("111"),
  /** 统一社会信用代码: a unified social credit code, code 001. */
  UNIFIED_SOCIAL_CREDIT_CODE("001");

  private final String code;

  HolderCodeType(String code) {
    this.code = code;
  }

  /**
   * Returns the wire code.
   *
   * @return 111 or 001
   */
  public String code() {
    return code;
  }

  /**
   * Looks a type up by code.
   *
   * @param code the code
   * @return the type
   */
  public static Optional<HolderCodeType> of(String code) {
    for (HolderCodeType t : values()) {
      if (t.code.equals(code)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
