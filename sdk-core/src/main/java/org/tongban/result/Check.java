package org.tongban.result;

import java.util.Objects;
import java.util.Optional;

/**
 * One check performed during a verification, in the order it was performed.
 *
 * @param id what was checked
 * @param status how it ended
 * @param reason the reason, present for {@code FAILED} and {@code WARNING}
 * @param detail a short human-readable detail, with no secrets and no personal data; may be
 *     empty
 * @since 0.1
 */
public record Check(CheckId id, CheckStatus status, Optional<Reason> reason, String detail) {

  /**
   * Validates that a reason is present exactly when the status needs one.
   *
   * @param id what was checked
   * @param status how it ended
   * @param reason the reason
   * @param detail the detail
   */
  public Check {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    boolean needsReason = status == CheckStatus.FAILED || status == CheckStatus.WARNING;
    if (needsReason != reason.isPresent()) {
      throw new IllegalArgumentException("a " + status + " check " + (needsReason ? "needs" : "has no") + " reason");
    }
    if (status == CheckStatus.FAILED && reason.get().kind() == Reason.Kind.WARNING) {
      throw new IllegalArgumentException("a FAILED check cannot carry warning reason " + reason.get());
    }
  }

  @Override
  public String toString() {
    return id + ":" + status + reason.map(r -> "(" + r + ")").orElse("")
        + (detail.isEmpty() ? "" : " " + detail);
  }
}
