package org.tongban.pki;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The revocation status of one certificate at one time, as a {@link RevocationSource} found it.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class RevocationStatus {
  /** The three outcomes. */
  public enum Status {
    /** Not revoked at the time asked, according to fresh, verified revocation data. */
    GOOD,
    /** Revoked at or before the time asked. */
    REVOKED,
    /** No fresh, verified revocation data could be had. */
    UNKNOWN
  }

  private final Status status;
  private final Instant revocationTime;
  private final String detail;

  private RevocationStatus(Status status, Instant revocationTime, String detail) {
    this.status = status;
    this.revocationTime = revocationTime;
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  /**
   * Returns a GOOD status.
   *
   * @param detail where it came from, e.g. the CRL's issuer and thisUpdate
   * @return the status
   */
  public static RevocationStatus good(String detail) {
    return new RevocationStatus(Status.GOOD, null, detail);
  }

  /**
   * Returns a REVOKED status.
   *
   * @param revocationTime when the certificate was revoked
   * @param detail where it came from
   * @return the status
   */
  public static RevocationStatus revoked(Instant revocationTime, String detail) {
    return new RevocationStatus(Status.REVOKED,
        Objects.requireNonNull(revocationTime, "revocationTime"), detail);
  }

  /**
   * Returns an UNKNOWN status.
   *
   * @param detail why, e.g. "CRL unreachable"
   * @return the status
   */
  public static RevocationStatus unknown(String detail) {
    return new RevocationStatus(Status.UNKNOWN, null, detail);
  }

  /**
   * Returns the status.
   *
   * @return the status
   */
  public Status status() {
    return status;
  }

  /**
   * Returns when the certificate was revoked.
   *
   * @return the time, present iff REVOKED
   */
  public Optional<Instant> revocationTime() {
    return Optional.ofNullable(revocationTime);
  }

  /**
   * Returns a short description of the source or the problem.
   *
   * @return the detail
   */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return status + (revocationTime != null ? " at " + revocationTime : "") + " (" + detail + ")";
  }
}
