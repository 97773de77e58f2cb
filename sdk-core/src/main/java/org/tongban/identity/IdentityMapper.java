package org.tongban.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tongban.result.CheckId;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/**
 * Turns a verified token's claims into an {@link Identity}, with the claim names a platform
 * uses, and enforces the department's minimum real-name level.
 *
 * <p>The level comes from {@code acr} through a configured table (say
 * {@code "urn:gov:cn:loa:2" → 2}), or from a configured numeric claim; an {@code acr} missing
 * from the table counts as level 0. Below the minimum is
 * {@link Reason#ASSURANCE_LEVEL_TOO_LOW}; a token without {@code sub} or name, or a legal
 * person without its credit code, is {@link Reason#REQUIRED_CLAIM_MISSING}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class IdentityMapper {
  /** The assurance-level check. */
  public static final CheckId ASSURANCE = CheckId.of("identity.assurance-level");
  /** The identity claims. */
  public static final CheckId CLAIMS = CheckId.of("identity.claims");

  private final String typeClaim;
  private final String legalValue;
  private final String nameClaim;
  private final String idNumberClaim;
  private final String creditCodeClaim;
  private final String agentNameClaim;
  private final String agentIdNumberClaim;
  private final Optional<String> levelClaim;
  private final Map<String, Integer> acrLevels;
  private final int minimumLevel;
  private final java.time.Clock clock;

  private IdentityMapper(Builder b) {
    this.clock = b.clock;
    this.typeClaim = b.typeClaim;
    this.legalValue = b.legalValue;
    this.nameClaim = b.nameClaim;
    this.idNumberClaim = b.idNumberClaim;
    this.creditCodeClaim = b.creditCodeClaim;
    this.agentNameClaim = b.agentNameClaim;
    this.agentIdNumberClaim = b.agentIdNumberClaim;
    this.levelClaim = b.levelClaim;
    this.acrLevels = Map.copyOf(b.acrLevels);
    this.minimumLevel = b.minimumLevel;
  }

  /**
   * Starts a builder with the default claim names: {@code subject_type} ({@code legal} for a
   * legal person), {@code name}, {@code id_number}, {@code uscc}, {@code agent_name},
   * {@code agent_id_number}; level from {@code acr}; minimum level 0.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Maps a verified token.
   *
   * @param token the token
   * @return PASSED with the identity, or FAILED with the reason
   */
  public VerificationResult<Identity> map(VerifiedToken token) {
    Objects.requireNonNull(token, "token");
    return map(token.claims());
  }

  /**
   * Maps claims from elsewhere (a ticket platform's userinfo, say), with the same names and
   * rules; {@code sub} and {@code sid} are read from those claim names.
   *
   * @param claims the claims
   * @return PASSED with the identity, or FAILED with the reason
   */
  public VerificationResult<Identity> map(Map<String, Object> claims) {
    Objects.requireNonNull(claims, "claims");
    VerificationResult.Builder<Identity> r = VerificationResult.builder(clock.instant());
    Optional<String> sub = text(claims, "sub");
    Optional<String> name = text(claims, nameClaim);
    if (sub.isEmpty() || name.isEmpty()) {
      return r.fail(CLAIMS, Reason.REQUIRED_CLAIM_MISSING, sub.isEmpty() ? "sub"
          : nameClaim).buildFailed();
    }
    boolean legal = text(claims, typeClaim).map(legalValue::equals).orElse(false);
    Optional<String> uscc = text(claims, creditCodeClaim);
    if (legal && uscc.isEmpty()) {
      return r.fail(CLAIMS, Reason.REQUIRED_CLAIM_MISSING, "a legal person without "
          + creditCodeClaim).buildFailed();
    }
    Optional<Identity.Agent> agent = legal ? text(claims, agentNameClaim).map(n ->
        new Identity.Agent(n, text(claims, agentIdNumberClaim))) : Optional.empty();
    r.ok(CLAIMS, legal ? "legal person" : "natural person");
    int level = level(claims);
    if (level < minimumLevel) {
      return r.fail(ASSURANCE, Reason.ASSURANCE_LEVEL_TOO_LOW, "level " + level
          + ", at least " + minimumLevel + " required").buildFailed();
    }
    r.ok(ASSURANCE, "level " + level + " (minimum " + minimumLevel + ")");
    return r.build(new Identity(legal ? Identity.SubjectType.LEGAL_PERSON
        : Identity.SubjectType.NATURAL_PERSON, sub.get(), name.get(),
        legal ? Optional.empty() : text(claims, idNumberClaim), uscc, agent, level,
        text(claims, "sid")));
  }

  private static Optional<String> text(Map<String, Object> claims, String name) {
    Object v = claims.get(name);
    if (v instanceof String s && !s.isEmpty()) {
      return Optional.of(s);
    }
    return v instanceof Number n ? Optional.of(String.valueOf(n)) : Optional.empty();
  }

  private int level(Map<String, Object> claims) {
    if (levelClaim.isPresent()) {
      Object v = claims.get(levelClaim.get());
      if (v instanceof Number n && n.intValue() >= 0 && n.doubleValue() == n.intValue()) {
        return n.intValue();
      }
      if (v instanceof String s && s.matches("[0-9]{1,2}")) {
        return Integer.parseInt(s);
      }
      return 0;
    }
    return text(claims, "acr").map(a -> acrLevels.getOrDefault(a, 0)).orElse(0);
  }

  /** Builds an {@link IdentityMapper}. Not thread-safe. */
  public static final class Builder {
    private String typeClaim = "subject_type";
    private String legalValue = "legal";
    private String nameClaim = "name";
    private String idNumberClaim = "id_number";
    private String creditCodeClaim = "uscc";
    private String agentNameClaim = "agent_name";
    private String agentIdNumberClaim = "agent_id_number";
    private Optional<String> levelClaim = Optional.empty();
    private final Map<String, Integer> acrLevels = new LinkedHashMap<>();
    private int minimumLevel;
    private java.time.Clock clock = java.time.Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the clock that stamps results.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(java.time.Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Sets the claim that says natural or legal person, and its value for a legal person.
     *
     * @param claim the claim name
     * @param legalPersonValue the value meaning legal person
     * @return this builder
     */
    public Builder subjectTypeClaim(String claim, String legalPersonValue) {
      this.typeClaim = Objects.requireNonNull(claim);
      this.legalValue = Objects.requireNonNull(legalPersonValue);
      return this;
    }

    /**
     * Sets the claim names of name, resident ID number and credit code.
     *
     * @param name the name claim
     * @param residentIdNumber the resident ID number claim
     * @param creditCode the unified social credit code claim
     * @return this builder
     */
    public Builder claims(String name, String residentIdNumber, String creditCode) {
      this.nameClaim = Objects.requireNonNull(name);
      this.idNumberClaim = Objects.requireNonNull(residentIdNumber);
      this.creditCodeClaim = Objects.requireNonNull(creditCode);
      return this;
    }

    /**
     * Sets the claim names of the agent's name and resident ID number.
     *
     * @param name the agent name claim
     * @param residentIdNumber the agent ID number claim
     * @return this builder
     */
    public Builder agentClaims(String name, String residentIdNumber) {
      this.agentNameClaim = Objects.requireNonNull(name);
      this.agentIdNumberClaim = Objects.requireNonNull(residentIdNumber);
      return this;
    }

    /**
     * Maps an {@code acr} value to a level.
     *
     * @param acr the value
     * @param level the level, not negative
     * @return this builder
     */
    public Builder acrLevel(String acr, int level) {
      if (level < 0) {
        throw new IllegalArgumentException("levels are not negative");
      }
      acrLevels.put(Objects.requireNonNull(acr), level);
      return this;
    }

    /**
     * Reads the level from a numeric claim instead of {@code acr}.
     *
     * @param claim the claim name
     * @return this builder
     */
    public Builder levelClaim(String claim) {
      this.levelClaim = Optional.of(Objects.requireNonNull(claim));
      return this;
    }

    /**
     * Requires at least this level.
     *
     * @param level the minimum
     * @return this builder
     */
    public Builder minimumLevel(int level) {
      if (level < 0) {
        throw new IllegalArgumentException("levels are not negative");
      }
      this.minimumLevel = level;
      return this;
    }

    /**
     * Builds the mapper.
     *
     * @return the mapper
     */
    public IdentityMapper build() {
      return new IdentityMapper(this);
    }
  }
}
