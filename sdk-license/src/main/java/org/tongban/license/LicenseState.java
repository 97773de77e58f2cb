package org.tongban.license;

import java.util.Optional;

/**
 * The state of a licence (证照状态) with the code used on the wire.
 *
 * @since 0.1
 */
public enum LicenseState {
  /** 有效: in force. */
  VALID("01", "有效"),
  /** 暂扣: suspended (withheld) for a time. */
  SUSPENDED("02", "暂扣"),
  /** 撤销: withdrawn, as if never issued. */
  WITHDRAWN("03", "撤销"),
  /** 注销: cancelled (e.g. the holder ceased). */
  CANCELLED("04", "注销"),
  /** 失效: no longer in force (e.g. past its validity). */
  EXPIRED("05", "失效"),
  /** 吊销: revoked as a penalty. */
  REVOKED("06", "吊销");

  private final String code;
  private final String chinese;

  LicenseState(String code, String chinese) {
    this.code = code;
    this.chinese = chinese;
  }

  /**
   * Returns the two-digit code.
   *
   * @return the code
   */
  public String code() {
    return code;
  }

  /**
   * Returns the Chinese name.
   *
   * @return the name
   */
  public String chineseName() {
    return chinese;
  }

  /**
   * Looks a state up by code.
   *
   * @param code the code
   * @return the state
   */
  public static Optional<LicenseState> of(String code) {
    for (LicenseState s : values()) {
      if (s.code.equals(code)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
