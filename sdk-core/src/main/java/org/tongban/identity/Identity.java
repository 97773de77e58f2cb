package org.tongban.identity;

import java.util.Objects;
import java.util.Optional;
import org.tongban.privacy.Masking;

/**
 * The person behind a login, as a department needs it: a natural person (自然人), or a legal
 * person (法人) acting through an agent (经办人); identifiers; and the real-name assurance level
 * (实名认证等级).
 *
 * <p>Personal data: the resident identity number is held whole for the department's own use
 * ({@link #residentIdNumber()}), but {@link #toString()} and {@link #maskedResidentIdNumber()}
 * show only its first three and last four characters.
 *
 * <p>Immutable.
 *
 * @param subjectType natural or legal person
 * @param subject the platform's {@code sub}
 * @param name the person's name, or the organisation's for a legal person
 * @param residentIdNumber the natural person's resident identity number (身份证号)
 * @param unifiedSocialCreditCode the legal person's code (统一社会信用代码)
 * @param agent for a legal person, who acts for it
 * @param assuranceLevel the real-name level
 * @param sessionId the platform's session ({@code sid}), for single logout
 * @since 0.1
 */
public record Identity(SubjectType subjectType, String subject, String name,
    Optional<String> residentIdNumber, Optional<String> unifiedSocialCreditCode,
    Optional<Agent> agent, int assuranceLevel, Optional<String> sessionId) {

  /** Natural or legal person. */
  public enum SubjectType {
    /** 自然人. */
    NATURAL_PERSON,
    /** 法人 (an organisation), acting through an agent. */
    LEGAL_PERSON
  }

  /**
   * The natural person acting for a legal person (经办人).
   *
   * @param name the agent's name
   * @param residentIdNumber the agent's resident identity number
   */
  public record Agent(String name, Optional<String> residentIdNumber) {
    /**
     * Validates the components.
     *
     * @param name name
     * @param residentIdNumber number
     */
    public Agent {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(residentIdNumber, "residentIdNumber");
    }

    @Override
    public String toString() {
      return "Agent[" + name + ", " + residentIdNumber.map(Masking::identifier).orElse("-")
          + "]";
    }
  }

  /**
   * Validates the components.
   *
   * @param subjectType type
   * @param subject sub
   * @param name name
   * @param residentIdNumber number
   * @param unifiedSocialCreditCode code
   * @param agent agent
   * @param assuranceLevel level, 0 when unknown
   * @param sessionId sid
   */
  public Identity {
    Objects.requireNonNull(subjectType, "subjectType");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(residentIdNumber, "residentIdNumber");
    Objects.requireNonNull(unifiedSocialCreditCode, "unifiedSocialCreditCode");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(sessionId, "sessionId");
    if (assuranceLevel < 0) {
      throw new IllegalArgumentException("assurance levels are not negative");
    }
  }

  /**
   * Returns the resident identity number masked for display.
   *
   * @return the masked number
   */
  public Optional<String> maskedResidentIdNumber() {
    return residentIdNumber.map(Masking::identifier);
  }

  @Override
  public String toString() {
    return "Identity[" + subjectType + ", sub " + subject + ", " + name + ", id "
        + maskedResidentIdNumber().orElse("-") + ", uscc " + unifiedSocialCreditCode.orElse("-")
        + agent.map(a -> ", agent " + a).orElse("") + ", level " + assuranceLevel + "]";
  }
}
