package org.tongban.result;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of verifying a token, a seal, a sealed document, a licence or a certificate chain:
 * one model for every verifier in Tongban.
 *
 * <p>Invariants, enforced on construction:
 *
 * <ul>
 *   <li>{@link #indication()} is {@code PASSED} if and only if no check {@code FAILED}, if and
 *       only if {@link #reason()} is empty, if and only if {@link #verified()} is present — a
 *       caller can never read claims from a bad input;
 *   <li>otherwise the reason is that of the first failed check whose reason is a failure — a
 *       FAILED check outranks an undecided one, so an input that is both tampered with and
 *       untrusted is FAILED — or, when none is, of the first failed check (INDETERMINATE); its
 *       {@link Reason#indication()} equals {@link #indication()};
 *   <li>{@link #checks()} lists every check performed, in order, including skipped ones;
 *   <li>{@link #warnings()} are the reasons of the {@code WARNING} checks, never hidden.
 * </ul>
 *
 * <p>Immutable and thread-safe (if {@code T} is).
 *
 * @param <T> the verified payload type
 * @since 0.1
 */
public final class VerificationResult<T> {
  private final Indication indication;
  private final Optional<Reason> reason;
  private final List<Check> checks;
  private final List<Reason> warnings;
  private final Evidence evidence;
  private final Optional<T> verified;
  private final Instant validationTime;

  private VerificationResult(List<Check> checks, Evidence evidence, T payload, Instant time) {
    if (checks.isEmpty()) {
      throw new IllegalStateException("a result needs at least one check");
    }
    this.checks = List.copyOf(checks);
    Optional<Reason> decisive = Optional.empty();
    List<Reason> warns = new ArrayList<>();
    for (Check c : this.checks) {
      if (c.status() == CheckStatus.FAILED && (decisive.isEmpty()
          || decisive.get().kind() != Reason.Kind.FAILURE
          && c.reason().orElseThrow().kind() == Reason.Kind.FAILURE)) {
        decisive = c.reason();
      } else if (c.status() == CheckStatus.WARNING) {
        warns.add(c.reason().orElseThrow());
      }
    }
    this.reason = decisive;
    this.indication = decisive.map(Reason::indication).orElse(Indication.PASSED);
    this.warnings = List.copyOf(warns);
    this.evidence = evidence;
    this.validationTime = time;
    if (indication == Indication.PASSED) {
      this.verified = Optional.of(Objects.requireNonNull(payload,
          "a PASSED result needs a payload"));
    } else {
      this.verified = Optional.empty();
    }
  }

  /**
   * Starts a result. Not thread-safe; used by verifiers, including third-party ones.
   *
   * @param validationTime the time at which validity was judged
   * @param <T> the payload type
   * @return a builder
   */
  public static <T> Builder<T> builder(Instant validationTime) {
    return new Builder<>(validationTime);
  }

  /**
   * Returns the overall indication.
   *
   * @return PASSED, FAILED or INDETERMINATE
   */
  public Indication indication() {
    return indication;
  }

  /**
   * Returns the decisive reason: that of the first failed check.
   *
   * @return the reason; empty iff PASSED
   */
  public Optional<Reason> reason() {
    return reason;
  }

  /**
   * Returns every check performed, in order.
   *
   * @return the checks, never empty
   */
  public List<Check> checks() {
    return checks;
  }

  /**
   * Returns the reasons of checks that ended with a warning.
   *
   * @return the warnings, possibly empty
   */
  public List<Reason> warnings() {
    return warnings;
  }

  /**
   * Returns what the verifier observed. Unverified unless the indication is PASSED.
   *
   * @return the evidence
   */
  public Evidence evidence() {
    return evidence;
  }

  /**
   * Returns the verified payload.
   *
   * @return the payload; present iff PASSED
   */
  public Optional<T> verified() {
    return verified;
  }

  /**
   * Returns the time at which validity was judged.
   *
   * @return the validation time
   */
  public Instant validationTime() {
    return validationTime;
  }

  /**
   * Returns whether the indication is PASSED.
   *
   * @return true iff PASSED
   */
  public boolean isValid() {
    return indication == Indication.PASSED;
  }

  /**
   * Returns the verified payload or throws.
   *
   * @return the payload
   * @throws VerificationFailedException if the indication is not PASSED; it carries this result
   */
  public T orElseThrow() {
    if (!isValid()) {
      throw new VerificationFailedException(this);
    }
    return verified.orElseThrow();
  }

  /**
   * Returns the first check with the given id.
   *
   * @param id the check id
   * @return the check, if performed
   */
  public Optional<Check> check(CheckId id) {
    return checks.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /**
   * Returns a result with the same checks and evidence and the payload mapped.
   *
   * @param mapper maps the payload; called only if PASSED
   * @param <U> the new payload type
   * @return the mapped result
   */
  public <U> VerificationResult<U> map(Function<? super T, ? extends U> mapper) {
    U mapped = verified.<U>map(mapper).orElse(null);
    return new VerificationResult<>(checks, evidence, mapped, validationTime);
  }

  @Override
  public String toString() {
    return "VerificationResult{" + indication + reason.map(r -> " " + r).orElse("")
        + ", checks=" + checks + (warnings.isEmpty() ? "" : ", warnings=" + warnings)
        + ", validationTime=" + validationTime + "}";
  }

  /**
   * Collects checks and builds a {@link VerificationResult}. Not thread-safe.
   *
   * @param <T> the payload type
   */
  public static final class Builder<T> {
    private final Instant validationTime;
    private final List<Check> checks = new ArrayList<>();
    private Evidence evidence = Evidence.empty();

    private Builder(Instant validationTime) {
      this.validationTime = Objects.requireNonNull(validationTime, "validationTime");
    }

    /**
     * Records a check that succeeded.
     *
     * @param id the check
     * @param detail a short detail, may be empty
     * @return this builder
     */
    public Builder<T> ok(CheckId id, String detail) {
      checks.add(new Check(id, CheckStatus.OK, Optional.empty(), detail));
      return this;
    }

    /**
     * Records a check that failed.
     *
     * @param id the check
     * @param reason the reason (of kind FAILURE or INDETERMINATE)
     * @param detail a short detail, may be empty
     * @return this builder
     */
    public Builder<T> fail(CheckId id, Reason reason, String detail) {
      checks.add(new Check(id, CheckStatus.FAILED, Optional.of(reason), detail));
      return this;
    }

    /**
     * Records a check that ended with a warning.
     *
     * @param id the check
     * @param reason the reason
     * @param detail a short detail, may be empty
     * @return this builder
     */
    public Builder<T> warn(CheckId id, Reason reason, String detail) {
      checks.add(new Check(id, CheckStatus.WARNING, Optional.of(reason), detail));
      return this;
    }

    /**
     * Records a check that was not run.
     *
     * @param id the check
     * @param detail why it was skipped
     * @return this builder
     */
    public Builder<T> skip(CheckId id, String detail) {
      checks.add(new Check(id, CheckStatus.SKIPPED, Optional.empty(), detail));
      return this;
    }

    /**
     * Adds all checks of another result, for example a certificate chain's, in order.
     *
     * @param other the other result
     * @return this builder
     */
    public Builder<T> addAll(VerificationResult<?> other) {
      checks.addAll(other.checks());
      return this;
    }

    /**
     * Sets the evidence.
     *
     * @param evidence the evidence
     * @return this builder
     */
    public Builder<T> evidence(Evidence evidence) {
      this.evidence = Objects.requireNonNull(evidence, "evidence");
      return this;
    }

    /**
     * Returns whether a check has failed so far.
     *
     * @return true if any check failed
     */
    public boolean hasFailed() {
      return checks.stream().anyMatch(c -> c.status() == CheckStatus.FAILED);
    }

    /**
     * Builds a result with no payload; it must contain a failed check.
     *
     * @return the FAILED or INDETERMINATE result
     * @throws IllegalStateException if no check failed
     */
    public VerificationResult<T> buildFailed() {
      if (!hasFailed()) {
        throw new IllegalStateException("buildFailed() without a failed check");
      }
      return new VerificationResult<>(checks, evidence, null, validationTime);
    }

    /**
     * Builds the result; the payload is kept only if no check failed.
     *
     * @param payload the verified payload
     * @return the result
     */
    public VerificationResult<T> build(T payload) {
      Objects.requireNonNull(payload, "payload");
      return new VerificationResult<>(checks, evidence, hasFailed() ? null : payload,
          validationTime);
    }
  }
}
